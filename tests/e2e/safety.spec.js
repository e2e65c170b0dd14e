// Never lose a byte, never show a blank page: hostile storage, hostile files, hostile input.
const { test, expect } = require("@playwright/test");
const fs = require("fs");
const path = require("path");
const { loadSample, waitSaved, projectRows, goTo, exportWorkspace, workspaceKey, storedRecords, storeRecord, fillStorage, clearFiller, SAMPLE_PROJECTS } = require("./helpers");

const fixture = () => JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "workspace-v1.json"), "utf8"));

test("an import that does not fit is refused with its size and changes nothing", async ({ page }) => {
  await loadSample(page);
  const file = await exportWorkspace(page);
  const before = await storedRecords(page);
  expect(Object.keys(before).length).toBeGreaterThan(SAMPLE_PROJECTS);
  await fillStorage(page, 2_000);
  // The app reads the room left when it opens (and after each write).
  await page.reload();
  await goTo(page, "Data");
  await page.getByTestId("import-file").setInputFiles(file);
  await page.getByRole("dialog").getByRole("button", { name: "Replace workspace" }).click();
  const errors = page.getByTestId("import-errors");
  await expect(errors).toContainText("was not imported");
  await expect(errors).toContainText(/needs \d+ KB of browser storage and only \d+ KB are free/);
  await expect(errors).toContainText("Nothing was changed");
  expect(await storedRecords(page)).toEqual(before);
  await clearFiller(page);
  await page.reload();
  await goTo(page, "Projects");
  await expect.poll(() => projectRows(page)).toBe(SAMPLE_PROJECTS);
});

test("an import the browser refuses to store after reporting room says it is not kept, why, and offers the download", async ({ page }) => {
  await loadSample(page);
  const incoming = fixture();
  incoming.workspace.name = "Big import 10Q";
  const file = path.join(require("os").tmpdir(), `big-import-${process.pid}-${Date.now()}.json`);
  fs.writeFileSync(file, JSON.stringify(incoming));
  await fillStorage(page, 0, { reportRoom: true });
  await page.reload();
  await goTo(page, "Data");
  await page.getByTestId("import-file").setInputFiles(file);
  await page.getByRole("dialog").getByRole("button", { name: "Replace workspace" }).click();
  const notKept = page.getByTestId("not-kept");
  await expect(notKept).toContainText("The import of “Big import 10Q”");
  await expect(notKept).toContainText("is on screen but not kept in this browser");
  await expect(notKept).toContainText("The browser's storage for this site is full.");
  await expect(notKept).toContainText("Until it is stored, a reload brings back the workspace you had before.");
  await expect(page.getByText(/^Imported “Big import 10Q”/)).toHaveCount(0);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    notKept.getByRole("button", { name: "Download it" }).click(),
  ]);
  const saved = path.join(require("os").tmpdir(), `kept-${process.pid}-${Date.now()}.json`);
  await download.saveAs(saved);
  expect(JSON.parse(fs.readFileSync(saved, "utf8")).workspace.name).toBe("Big import 10Q");
  // What the notice said: while it is not stored, a reload brings back the workspace from
  // before; with room again, the next write stores it.
  await page.reload();
  await goTo(page, "Projects");
  await expect.poll(() => projectRows(page)).toBe(SAMPLE_PROJECTS);
  await clearFiller(page);
});

test("a merge that does not fit says so, with the room it needs and what to do, not a conflict", async ({ page }) => {
  await loadSample(page);
  const mine = await exportWorkspace(page);
  const theirs = JSON.parse(fs.readFileSync(mine, "utf8"));
  theirs.workspace.projects[0].name = "Helios Logistics — managed IT services (renewed)";
  theirs.workspace.projects[0].stamp.updated_at = "2030-01-01T00:00:00Z";
  const file = path.join(require("os").tmpdir(), `theirs-${process.pid}-${Date.now()}.json`);
  fs.writeFileSync(file, JSON.stringify(theirs));
  await fillStorage(page, 2_000);
  await page.reload();
  await goTo(page, "Data");
  await page.getByTestId("merge-file").setInputFiles(file);
  const dialog = page.getByRole("dialog", { name: /^Merge / });
  await dialog.getByRole("button", { name: "Apply merge" }).click();
  const refused = dialog.getByTestId("merge-refused");
  await expect(refused).toContainText("The merged workspace was not stored, so nothing was changed.");
  await expect(refused).toContainText(/needs \d+ KB of browser storage and only \d+ KB are free/);
  await expect(refused).toContainText("To make room, delete old backups on the Data screen");
  await expect(dialog).not.toContainText("inconsistent");
  await expect(dialog).not.toContainText("Choose other versions");
  await clearFiller(page);
});

test("leaving while changes are not saved asks the browser to warn", async ({ page }) => {
  await loadSample(page);
  await fillStorage(page, 0);
  await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
  await page.getByRole("button", { name: "Add task" }).click();
  const dialog = page.getByRole("dialog", { name: "Add task" });
  await dialog.getByLabel("Task").fill("Call the CFO before the board meeting");
  await dialog.getByRole("button", { name: "Add task" }).click();
  await expect(page.getByTestId("save-status")).toHaveText("Not saved");
  await expect(page.getByTestId("save-error").getByRole("button", { name: "Download a copy" })).toBeVisible();
  const asked = new Promise((resolve) => page.once("dialog", (d) => { resolve(d.type()); d.accept(); }));
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe("beforeunload");
});

test("a lag of 100,000,000 days is refused with the allowed range and the page keeps working", async ({ page }) => {
  await loadSample(page);
  await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
  await page.getByRole("link", { name: "Plan", exact: true }).click();
  const task = page.getByRole("combobox", { name: "Task" });
  const options = await task.locator("option").allTextContents();
  expect(options.length).toBeGreaterThan(2);
  // The last task waiting for the first one: no circle, only the lag is wrong.
  await task.selectOption({ index: options.length - 1 });
  await page.getByRole("combobox", { name: "Waits for" }).selectOption({ index: 1 });
  await page.getByLabel("Lag (working days)").fill("100000000");
  await page.getByRole("button", { name: "Add dependency" }).click();
  await expect(page.getByTestId("dependency-refusal")).toContainText("2,500");
  await page.reload();
  await expect(page.getByRole("link", { name: "Plan", exact: true })).toBeVisible();
});

test("a failure shows a recovery page with the stored data, not a blank page", async ({ page }) => {
  await loadSample(page);
  await page.goto("./?simulate-failure#/projects");
  const recovery = page.getByTestId("recovery-page");
  await expect(recovery).toContainText("Pursuit stopped because of an error");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("recovery-download").click()]);
  const dump = JSON.parse(fs.readFileSync(await download.path(), "utf8"));
  expect(Object.keys(dump).some((k) => k.endsWith(":workspace"))).toBe(true);
  // The download opens like an export.
  await page.getByTestId("recovery-data").click();
  await expect(page.getByRole("heading", { name: "Data", level: 1 })).toBeVisible();
  await page.getByTestId("import-file").setInputFiles(await download.path());
  await expect(page.getByRole("dialog")).toContainText("Northwind Sales");
});

test("blocked site data: the app works in memory and says so", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", { get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });
    Object.defineProperty(window, "indexedDB", { get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });
  });
  await page.goto("./");
  await expect(page.getByTestId("storage-blocked")).toContainText("not keeping data");
  await page.getByRole("button", { name: "Load the sample workspace" }).click();
  await expect.poll(() => projectRows(page)).toBe(SAMPLE_PROJECTS);
  await expect(page.getByTestId("save-error")).toContainText("download a copy before closing");
  await expect(page.getByTestId("save-status")).toHaveText("Not saved");
});

test("a damaged length prefix in storage opens the recovery notice, not a blank page", async ({ page }) => {
  await loadSample(page);
  const key = await workspaceKey(page);
  const v = (await storedRecords(page))[key];
  await storeRecord(page, key, "z2147483647:" + v.slice(v.indexOf(":") + 1));
  await page.reload();
  await expect(page.getByTestId("recovery")).toContainText("could not be opened");
});

test("a plan spanning centuries draws quickly at a coarse scale; long names wrap", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Projects");
  await page.getByRole("button", { name: "New project" }).click();
  const dialog = page.getByRole("dialog", { name: "New project" });
  const longName = "W".repeat(200);
  await dialog.getByLabel("Project name").fill(longName);
  await dialog.getByLabel("Client").fill("C".repeat(200));
  await dialog.getByLabel("Start date").fill("1900-01-01");
  await dialog.getByLabel("Target date").fill("2199-12-31");
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("WWWW");
  await page.getByRole("button", { name: "Add task" }).click();
  const task = page.getByRole("dialog", { name: "Add task" });
  await task.getByLabel("Task").fill("A very long piece of work");
  await task.getByLabel("Duration (working days)").fill("2500");
  await task.getByRole("button", { name: "Add task" }).click();
  await page.getByRole("link", { name: "Timeline", exact: true }).click();
  await expect(page.getByTestId("timeline-coarse")).toBeVisible();
  // The note names the plan's own months, not the margins drawn around them.
  await expect(page.getByTestId("timeline-coarse")).toHaveText("This plan runs from Jan 1900 to Dec 2199; it is drawn at a coarser scale to fit.");
  const nodes = await page.locator("[data-testid=timeline] *").count();
  expect(nodes).toBeGreaterThan(0);
  expect(nodes).toBeLessThan(3_000);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize().width + 1);
  await goTo(page, "Projects");
  const projectsWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(projectsWidth).toBeLessThanOrEqual(page.viewportSize().width + 1);
});

test("file errors name the record, the field, the value and what is allowed", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Data");
  const sample = fixture();
  sample.workspace.projects[0].target_date = "2026-02-30";
  await page.getByTestId("import-file").setInputFiles({ name: "dates.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(sample)) });
  const errors = page.getByTestId("import-errors");
  await expect(errors).toContainText(`project “${sample.workspace.projects[0].name}”, target date`);
  await expect(errors).toContainText("“2026-02-30” is not allowed");
  await expect(errors).toContainText("YYYY-MM-DD");

  const big = fixture();
  big.workspace.projects[0].client = "x".repeat(100_000);
  big.workspace.tasks[0].duration_days = 4_000_000_000;
  await page.getByTestId("import-file").setInputFiles({ name: "big.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(big)) });
  await expect(errors).toContainText("the client is 100,000 characters long; at most 200 are allowed");
  await expect(errors).toContainText("4,000,000,000 working days");
});

test("a workspace stored by the first release opens", async ({ page }) => {
  const stored = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "stored-v1.json"), "utf8"));
  await page.goto("./");
  await page.evaluate((stored) => { for (const [k, v] of Object.entries(stored)) localStorage.setItem(k, v); }, stored);
  await page.goto("./#/projects");
  await page.reload();
  await expect.poll(() => projectRows(page)).toBe(8); // the first release's sample had eight projects
});

test("a zero-day task is a checkpoint drawn as a diamond", async ({ page }) => {
  await loadSample(page);
  await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
  await page.getByRole("button", { name: "Add task" }).click();
  const task = page.getByRole("dialog", { name: "Add task" });
  await task.getByLabel("Task").fill("Contract signed");
  await task.getByLabel("Duration (working days)").fill("0");
  await task.getByRole("button", { name: "Add task" }).click();
  await page.getByRole("link", { name: "Timeline", exact: true }).click();
  await expect(page.getByRole("button", { name: /^Contract signed: checkpoint on/ })).toBeVisible();
});

test("the Data screen says how history and undo are kept bounded", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Data");
  await expect(page.getByTestId("retention")).toContainText("newest 200 changes of each project");
});

test("closing a form with Escape while a field has focus leaves the app working", async ({ page }) => {
  const failures = [];
  page.on("console", (m) => { if (m.type() === "error" && m.text().includes("panicked")) failures.push(m.text()); });
  await loadSample(page);
  await page.getByRole("button", { name: "New project" }).click();
  const dialog = page.getByRole("dialog", { name: "New project" });
  await dialog.getByLabel("Target date").fill("2026-12-18");
  await dialog.getByLabel("Target date").focus();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await goTo(page, "Team");
  expect(failures).toEqual([]);
});

test("a damaged stored undo history is ignored; the workspace opens", async ({ page }) => {
  await loadSample(page);
  await page.evaluate(() => localStorage.setItem("pursuit:undo", "z2147483647:" + "\u4e00".repeat(40)));
  await page.goto("./#/projects");
  await page.reload();
  await expect.poll(() => projectRows(page)).toBe(SAMPLE_PROJECTS);
});
