// Export → import into a fresh browser profile → same data; broken files change nothing.
const { test, expect } = require("@playwright/test");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { loadSample, waitSaved, projectRows, goTo, exportWorkspace, normalize, SAMPLE_PROJECTS } = require("./helpers");

test("export, then import into a fresh browser profile, gives the same data", async ({ page, browser }) => {
  await loadSample(page);
  const file = await exportWorkspace(page);
  const exported = JSON.parse(fs.readFileSync(file, "utf8"));
  expect(exported.format).toBe("pursuit-workspace");
  // The Data screen says how big the file is, worked out just after the screen is drawn.
  const kb = Math.floor(fs.statSync(file).size / 1000);
  await expect(page.getByTestId("export-size")).toHaveText(new RegExp(`^The file is readable JSON, about ${kb.toLocaleString("en")} KB\\.$`));
  expect(exported.schema_version).toBe(3);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto("./");
  await other.getByText("Or open a workspace file").click();
  await other.getByTestId("import-file").setInputFiles(file);
  // An empty browser has nothing to replace: the file is opened.
  const confirm = other.getByRole("dialog", { name: "Open this workspace?" });
  await expect(confirm).toContainText(`${SAMPLE_PROJECTS} projects`);
  await expect(confirm).not.toContainText("replace");
  await confirm.getByRole("button", { name: "Open workspace" }).click();
  await expect(other.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
  await expect.poll(() => projectRows(other)).toBe(SAMPLE_PROJECTS);
  await waitSaved(other);

  // Export again from the second profile: the workspace is identical.
  await other.reload();
  const again = JSON.parse(fs.readFileSync(await exportWorkspace(other), "utf8"));
  expect(normalize(again.workspace)).toEqual(normalize(exported.workspace));
  await fresh.close();
});

test("a broken file shows every problem and changes nothing", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Data");
  const input = page.getByTestId("import-file");

  await input.setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from('{\n  "format": "pursuit-workspace",\n  oops\n}') });
  const errors = page.getByTestId("import-errors");
  await expect(errors).toContainText("broken.json was not imported");
  await expect(errors).toContainText("line 3, column 3");

  const sample = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "workspace-v1.json"), "utf8"));
  sample.workspace.projects[0].probability = 140;
  sample.workspace.projects[1].value.minor = -100;
  sample.workspace.tasks[0].depends_on = [{ task: sample.workspace.tasks[1].id, lag_days: 0 }];
  await input.setInputFiles({ name: "bad-values.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(sample)) });
  await expect(errors).toContainText("bad-values.json was not imported");
  await expect(errors).toContainText("projects[0].probability");
  await expect(errors).toContainText("negative");
  await expect(errors).toContainText("dependency cycle");

  await input.setInputFiles({ name: "future.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ ...sample, schema_version: 99 })) });
  await expect(errors).toContainText("newer version of Pursuit");

  await goTo(page, "Projects");
  await expect.poll(() => projectRows(page)).toBe(SAMPLE_PROJECTS);
  await page.reload();
  await expect.poll(() => projectRows(page)).toBe(SAMPLE_PROJECTS);
});

test("storage use is shown", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Data");
  await expect(page.getByTestId("storage-usage")).toContainText(/uses [\d.]+ (KB|MB) in this browser's database \(IndexedDB\), of about [\d.]+ (KB|MB|GB) it allows Pursuit/);
  const breakdown = page.getByTestId("storage-breakdown");
  await expect(breakdown.getByRole("row")).toHaveCount(3);
  await expect(breakdown.getByRole("row").first()).toContainText("Projects (9)");
  // The projects take more than the team's settings; each figure is a size.
  const sizes = await breakdown.locator("td").allTextContents();
  expect(sizes.length).toBe(3);
  for (const s of sizes) expect(s).toMatch(/^([\d.]+ (KB|MB)|none)$/);
});
