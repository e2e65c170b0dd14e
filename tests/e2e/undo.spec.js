// Undo and redo every change, across reloads, and the history that says who did what.
const { test, expect } = require("@playwright/test");
const fs = require("fs");
const path = require("path");
const { loadSample, waitSaved, goTo, projectRows, SAMPLE_PROJECTS } = require("./helpers");

const arcadia = "Arcadia Health — service desk renewal";

test("undo a delete after a reload, redo it, and read it in the history", async ({ page }) => {
  await loadSample(page);
  await page.getByRole("button", { name: `Delete ${arcadia}` }).click();
  await page.getByRole("dialog", { name: "Delete project?" }).getByRole("button", { name: "Delete project" }).click();
  await expect(page.getByRole("link", { name: arcadia })).toHaveCount(0);
  await waitSaved(page);

  await page.reload();
  await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
  const undo = page.getByTestId("undo");
  await expect(undo).toHaveAttribute("title", new RegExp(`Undo: deleted project “${arcadia}”`));
  await undo.click();
  await expect(page.getByRole("link", { name: arcadia })).toBeVisible();
  await waitSaved(page);
  await page.reload();
  await expect(page.getByRole("link", { name: arcadia })).toBeVisible();
  await page.getByRole("link", { name: arcadia }).click();
  await expect(page.locator(".tasks-table tbody tr")).toHaveCount(1);

  // Redo with the keyboard deletes it again; undo brings it back.
  await page.locator("body").press("Control+Shift+Z");
  await goTo(page, "Projects");
  await expect(page.getByRole("link", { name: arcadia })).toHaveCount(0);
  await page.locator("body").press("Control+z");
  await expect(page.getByRole("link", { name: arcadia })).toBeVisible();

  await goTo(page, "History");
  const history = page.getByTestId("history");
  await expect(history.locator(".history-entry").first()).toContainText(`undid: deleted project “${arcadia}”`);
  await expect(history).toContainText(`deleted project “${arcadia}”`);
  await expect(history).toContainText(`redid: deleted project “${arcadia}”`);
});

test("a value change shows who, before and after in the project history, and Ctrl+Z / Ctrl+Y undo and redo it", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Team");
  await page.getByTestId("i-am").selectOption({ label: "Maya Okafor" });
  await goTo(page, "Projects");
  await page.getByRole("button", { name: `Edit ${arcadia}` }).click();
  const dialog = page.getByRole("dialog", { name: "Edit project" });
  await dialog.getByLabel("Value").fill("250,000");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  const row = page.locator(".projects-table tbody tr", { hasText: arcadia });
  await expect(row).toContainText("250,000");
  await page.locator("body").press("Control+z");
  await expect(row).toContainText("210,000");
  await page.locator("body").press("Control+y");
  await expect(row).toContainText("250,000");

  await page.getByRole("link", { name: arcadia }).click();
  await page.getByRole("navigation", { name: "Project views" }).getByRole("link", { name: "History", exact: true }).click();
  const history = page.getByTestId("history");
  const entry = history.locator(".history-entry", { hasText: "Value: EUR 210,000 → EUR 250,000" }).first();
  await expect(entry).toContainText(`Maya Okafor edited project “${arcadia}”`);

  // The workspace-wide history filters by member and date.
  await goTo(page, "History");
  const all = page.getByTestId("history");
  await expect(all).toContainText("Value: EUR 210,000 → EUR 250,000");
  await page.getByLabel("Member").selectOption({ label: "Jonas Berg" });
  await expect(page.getByTestId("history")).toHaveCount(0);
  await page.getByLabel("Member").selectOption({ label: "Maya Okafor" });
  await expect(page.getByTestId("history")).toContainText(arcadia);
  await page.getByLabel("From").fill("2099-01-01");
  await expect(page.getByTestId("history")).toHaveCount(0);
});

test("at least 100 steps can be undone", async ({ page }) => {
  await loadSample(page);
  await page.getByRole("link", { name: arcadia }).click();
  const done = page.getByRole("checkbox", { name: "Done: Send revised renewal quote" });
  for (let i = 0; i < 101; i++) await done.click();
  await expect(done).toBeChecked();
  for (let i = 0; i < 101; i++) await page.getByTestId("undo").click();
  await expect(done).not.toBeChecked();
  await expect(page.getByTestId("undo")).toBeDisabled();
});

test("opening another workspace's file is one step: undo puts this workspace back, redo opens the file again", async ({ page }) => {
  await loadSample(page);
  // Another team's workspace: its own id and name, two projects.
  const file = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "workspace-v3.json"), "utf8"));
  const ws = file.workspace;
  ws.id = "11111111-2222-4333-8444-555555555555";
  ws.name = "Other team";
  const kept = new Set(ws.projects.slice(0, 2).map((p) => p.id));
  ws.projects = ws.projects.slice(0, 2);
  for (const [key, value] of Object.entries(ws)) {
    if (Array.isArray(value) && value.length && value[0].project_id) ws[key] = value.filter((r) => kept.has(r.project_id));
  }
  ws.history = [];
  await goTo(page, "Data");
  await page.getByTestId("import-file").setInputFiles({ name: "other-team.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file)) });
  await page.getByRole("dialog", { name: "Replace the workspace?" }).getByRole("button", { name: "Replace workspace" }).click();
  await goTo(page, "Projects");
  await expect.poll(() => projectRows(page)).toBe(2);
  await waitSaved(page);

  const undo = page.getByTestId("undo");
  await expect(undo).toHaveAttribute("title", /Undo: imported other-team\.json/);
  await undo.click();
  await expect.poll(() => projectRows(page)).toBe(SAMPLE_PROJECTS);
  await expect(page.getByRole("link", { name: arcadia })).toBeVisible();
  await waitSaved(page);
  await page.reload();
  await expect.poll(() => projectRows(page)).toBe(SAMPLE_PROJECTS);

  await page.getByTestId("redo").click();
  await expect.poll(() => projectRows(page)).toBe(2);
  await expect(page.getByRole("link", { name: arcadia })).toHaveCount(0);
});
