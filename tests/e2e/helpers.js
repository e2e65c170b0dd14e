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

/** A second person: a new browser profile with an empty workspace, on the Data screen. */
async function emptyWorkspaceOnData(browser) {
  const page = await (await browser.newContext()).newPage();
  await page.goto("./");
  await page.getByRole("button", { name: "Start an empty workspace" }).click();
  await waitSaved(page);
  await goTo(page, "Data");
  return page;
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

/** Every record Pursuit keeps in the page's IndexedDB (the workspace's records and backups
 *  of unreadable data), as storage key → stored text. */
async function storedRecords(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open("pursuit");
    open.onupgradeneeded = () => open.result.createObjectStore("records");
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction("records");
      const keys = tx.objectStore("records").getAllKeys();
      const values = tx.objectStore("records").getAll();
      tx.oncomplete = () => {
        const out = {};
        keys.result.forEach((k, i) => { out[k] = values.result[i]; });
        db.close();
        resolve(out);
      };
      tx.onerror = () => reject(tx.error);
    };
  }));
}

/** Writes one record into the page's IndexedDB as a damaged or hand-edited store would
 *  hold it (the app reads it at the next load). */
async function storeRecord(page, key, value) {
  await page.evaluate(([key, value]) => new Promise((resolve, reject) => {
    const open = indexedDB.open("pursuit");
    open.onupgradeneeded = () => open.result.createObjectStore("records");
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction("records", "readwrite");
      tx.objectStore("records").put(value, key);
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), [key, value]);
}

/** Replaces everything in the page's IndexedDB with `stored` (storage key → stored text,
 *  as the app or `workspace_gen stored-<N>` writes it), in one transaction, with an empty
 *  localStorage. Resolves to whether the browser took it. */
async function putStored(page, stored) {
  return page.evaluate((text) => new Promise((resolve) => {
    localStorage.clear();
    const open = indexedDB.open("pursuit");
    open.onupgradeneeded = () => open.result.createObjectStore("records");
    open.onerror = () => resolve(false);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction("records", "readwrite");
      const records = tx.objectStore("records");
      records.clear();
      for (const [k, v] of Object.entries(JSON.parse(text))) records.put(v, k);
      tx.oncomplete = () => { db.close(); resolve(true); };
      tx.onabort = () => { db.close(); resolve(false); };
    };
  }), typeof stored === "string" ? stored : JSON.stringify(stored));
}

/** The storage key of the current workspace record (records live in generations). */
async function workspaceKey(page) {
  const g = Number((await storedRecords(page))["pursuit:head"] || "0");
  return g === 0 ? "pursuit:workspace" : `pursuit:g${g}:workspace`;
}

/** The prefix of the current generation's project records. */
async function projectPrefix(page) {
  const g = Number((await storedRecords(page))["pursuit:head"] || "0");
  return g === 0 ? "pursuit:project:" : `pursuit:g${g}:project:`;
}

/** Makes the disk "full" with only `leave` storage units (two bytes each) free beyond what
 *  the site uses now, the way Chromium reports it: `navigator.storage.estimate()` gives that
 *  room, and a write that needs more aborts its transaction with a QuotaExceededError.
 *  (Chromium's DevTools quota override does not reach IndexedDB in this headless build.)
 *  With `reportRoom` the browser reports plenty of room and refuses the write all the same
 *  (as it may when the disk fills between the estimate and the commit).
 *  It holds across reloads of the page until `clearFiller`. */
async function fillStorage(page, leave = 0, { reportRoom = false } = {}) {
  const install = () => {
    const state = () => JSON.parse(sessionStorage.getItem("test:disk-full") || "null");
    const estimate = StorageManager.prototype.estimate;
    StorageManager.prototype.estimate = async function () {
      const real = await estimate.call(this);
      const full = state();
      return full && !full.reportRoom ? { ...real, quota: real.usage + full.leave * 2 } : real;
    };
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value, key) {
      const full = state();
      const request = put.call(this, value, key);
      if (full) {
        const size = (typeof value === "string" ? value.length : 0) * 2;
        full.used = (full.used || 0) + size;
        sessionStorage.setItem("test:disk-full", JSON.stringify(full));
        if (full.used > full.leave * 2) {
          const tx = this.transaction;
          Object.defineProperty(tx, "error", { get: () => new DOMException("The quota has been exceeded.", "QuotaExceededError") });
          tx.abort();
        }
      }
      return request;
    };
  };
  await page.evaluate(([leave, reportRoom]) => sessionStorage.setItem("test:disk-full", JSON.stringify({ leave, reportRoom })), [leave, reportRoom]);
  if (!page.__diskFullInstalled) {
    await page.addInitScript(install);
    page.__diskFullInstalled = true;
  }
  await page.evaluate(install);
}

async function clearFiller(page) {
  await page.evaluate(() => sessionStorage.removeItem("test:disk-full"));
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

/** Edits one field of a project from the Projects screen's "Edit" dialog and waits until
 *  it is saved. */
async function editProject(page, project, label, value) {
  await goTo(page, "Projects");
  await page.getByRole("button", { name: `Edit ${project}` }).click();
  const dialog = page.getByRole("dialog", { name: "Edit project" });
  await dialog.getByLabel(label, { exact: true }).fill(value);
  await dialog.getByRole("button", { name: /^Save/ }).click();
  await waitSaved(page);
}

/** Opens a workspace file (tests/fixtures/…) in an empty profile, through the welcome screen. */
async function openFile(page, file) {
  await page.goto("./");
  await page.getByText("Or open a workspace file").click();
  await page.getByTestId("import-file").setInputFiles(file);
  await page.getByRole("dialog", { name: "Open this workspace?" }).getByRole("button", { name: "Open workspace" }).click();
  await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
  await waitSaved(page);
}

/** Says who this browser is (Team → I am). */
async function chooseMe(page, name) {
  await page.goto("./#/team");
  await page.getByLabel("I am").selectOption({ label: name });
  await waitSaved(page);
}

module.exports = { emptyWorkspaceOnData, openFile, chooseMe, editProject, newProject, SAMPLE_PROJECTS, loadSample, waitSaved, projectRows, goTo, exportWorkspace, normalize, workspaceKey, projectPrefix, storedRecords, storeRecord, putStored, fillStorage, clearFiller };
