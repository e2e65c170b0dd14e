// Steps shared by the end-to-end tests, written as a person would do them.
const { expect } = require("@playwright/test");
const os = require("os");
const path = require("path");

/** How many projects the sample workspace has (src/sample.rs). */
const SAMPLE_PROJECTS = 9;

/** Opens the app on a fresh profile and loads the sample workspace. */
async function loadSample(page) {
  await page.goto("./");
  await page.getByRole("button", { name: "Load the sample workspace" }).click();
  await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
  await waitSaved(page);
}

/** Waits until the save indicator says the work is stored. */
async function waitSaved(page) {
  await expect(page.getByTestId("save-status")).toHaveText(/Saved|All changes saved/);
}

/** The number of project rows in the table. */
async function projectRows(page) {
  return page.locator(".projects-table tbody tr").count();
}

async function goTo(page, section) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: section }).click();
  await expect(page.getByRole("heading", { name: section, level: 1 })).toBeVisible();
}

/** Collections are sets keyed by id; storage may return them grouped by project. */
function normalize(workspace) {
  const out = { ...workspace };
  for (const [key, value] of Object.entries(out)) {
    if (Array.isArray(value)) out[key] = [...value].sort((a, b) => a.id.localeCompare(b.id));
  }
  return out;
}

/** Downloads the workspace from the Data screen and returns the saved file's path. */
async function exportWorkspace(page) {
  await goTo(page, "Data");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download workspace (.json)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^pursuit-northwind-sales-(?:[a-z]+-)*\d{4}-\d{2}-\d{2}\.json$/);
  const file = path.join(os.tmpdir(), `pursuit-export-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  await download.saveAs(file);
  return file;
}

/** The storage key of the current workspace record (records live in generations). */
async function workspaceKey(page) {
  return page.evaluate(() => {
    const g = Number(localStorage.getItem("pursuit:head") || "0");
    return g === 0 ? "pursuit:workspace" : `pursuit:g${g}:workspace`;
  });
}

/** Fills the origin's storage with someone else's data until `leave` units are left. */
async function fillStorage(page, leave = 0) {
  await page.evaluate((leave) => {
    const chunk = "x".repeat(256 * 1024);
    for (let i = 0; ; i++) {
      try { localStorage.setItem(`filler:${i}`, chunk); } catch { break; }
    }
    let size = 1024;
    for (let i = 0; size >= 1; i++) {
      try { localStorage.setItem(`filler:small:${i}`, "y".repeat(size)); } catch { size = Math.floor(size / 2); }
    }
    // Give back about `leave` units.
    let freed = 0;
    for (const key of Object.keys(localStorage).filter((k) => k.startsWith("filler:small:"))) {
      if (freed >= leave) break;
      freed += localStorage.getItem(key).length + key.length;
      localStorage.removeItem(key);
    }
  }, leave);
}

async function clearFiller(page) {
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("filler:")).forEach((k) => localStorage.removeItem(k)));
}

/** Creates a project from the Projects screen's "New project" dialog with these fields
 *  (label → text) and waits for its page. */
async function newProject(page, fields) {
  await page.getByRole("button", { name: "New project" }).click();
  const dialog = page.getByRole("dialog");
  for (const [label, value] of Object.entries(fields)) await dialog.getByLabel(label).fill(value);
  await dialog.getByRole("button", { name: /Create/ }).click();
  await expect(page.getByRole("heading", { name: fields["Project name"], level: 1 })).toBeVisible();
}

module.exports = { newProject, SAMPLE_PROJECTS, loadSample, waitSaved, projectRows, goTo, exportWorkspace, normalize, workspaceKey, fillStorage, clearFiller };
