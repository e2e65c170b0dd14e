// Storage that can't be read or written never costs the user their work.
const { test, expect } = require("@playwright/test");
const fs = require("fs");
const { loadSample, waitSaved, projectRows, workspaceKey, projectPrefix, storedRecords, storeRecord, fillStorage, clearFiller, SAMPLE_PROJECTS } = require("./helpers");

test("corrupt stored data: the app starts, explains, keeps the raw text and offers it", async ({ page }) => {
  await loadSample(page);
  const key = await workspaceKey(page);
  await storeRecord(page, key, "this is not what Pursuit wrote");
  await page.reload();

  const banner = page.getByTestId("recovery");
  await expect(banner).toContainText("could not be opened");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    banner.getByRole("button", { name: "Download stored text" }).click(),
  ]);
  const raw = JSON.parse(fs.readFileSync(await download.path(), "utf8"));
  expect(raw[key]).toBe("this is not what Pursuit wrote");

  // Untouched in place, and copied under a backup key.
  const records = await storedRecords(page);
  expect(records[key]).toBe("this is not what Pursuit wrote");
  expect(Object.keys(records).filter((k) => k.startsWith("pursuit:backup:")).length).toBe(1);

  // Only the person's own choice replaces it.
  await page.getByRole("button", { name: "Load the sample workspace" }).click();
  await waitSaved(page);
  await expect.poll(() => projectRows(page)).toBe(SAMPLE_PROJECTS);
  const backupsAfter = Object.keys(await storedRecords(page)).filter((k) => k.startsWith("pursuit:backup:")).length;
  expect(backupsAfter).toBe(1);
});

test("a full storage: the change stays in memory, the user is told and offered a download, and it saves once there is room", async ({ page }) => {
  await loadSample(page);
  // Fill the origin's quota with someone else's data.
  await fillStorage(page);
  await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
  await page.getByRole("button", { name: "Add task" }).click();
  const dialog = page.getByRole("dialog", { name: "Add task" });
  await dialog.getByLabel("Task").fill("Prepare reference call with Orion Retail");
  await dialog.getByRole("button", { name: "Add task" }).click();

  const banner = page.getByTestId("save-error");
  await expect(banner).toContainText("storage for this site is full");
  await expect(page.getByTestId("save-status")).toHaveText("Not saved");
  await expect(page.getByRole("rowheader", { name: "Prepare reference call with Orion Retail" })).toBeVisible();
  await expect(banner.getByRole("button", { name: "Download a copy" })).toBeVisible();

  await clearFiller(page);
  await banner.getByRole("button", { name: "Try again" }).click();
  await waitSaved(page);
  await page.reload();
  await expect(page.getByRole("rowheader", { name: "Prepare reference call with Orion Retail" })).toBeVisible();
});

test("a stored value out of range opens anyway, and a banner names the record, the field and what is allowed", async ({ page }) => {
  const fs = require("fs");
  const { exportWorkspace } = require("./helpers");
  await loadSample(page);
  const file = JSON.parse(fs.readFileSync(await exportWorkspace(page), "utf8"));
  const base = file.workspace.projects.find((p) => p.status === "active");
  // A project record written by hand (stored records may be plain JSON), its probability
  // outside 0–100, as a damaged or hand-edited store would hold it.
  const bad = { ...base, id: "00000000-0000-4000-8000-00000000b0b0", name: "Hand-edited deal", reference: "", probability: 150 };
  await storeRecord(page, (await projectPrefix(page)) + bad.id, JSON.stringify({ project: bad }));
  await page.goto("./#/projects");
  await page.reload();
  await expect(page.getByRole("link", { name: "Hand-edited deal" })).toBeVisible();
  const banner = page.locator("details.banner.warning");
  await expect(banner).toContainText("The saved workspace has 1 problem; it opened anyway.");
  await banner.locator("summary").click();
  await expect(banner.locator("li")).toHaveCount(1);
  await expect(banner.locator("li")).toContainText("Hand-edited deal");
  await expect(banner.locator("li")).toContainText("150");
});

test("a newer Pursuit upgrading the database in another tab is not blocked; this tab says to reload", async ({ page }) => {
  await loadSample(page);
  // What a newer version would do on opening: ask for a newer database version. This tab's
  // connection steps aside instead of blocking it.
  const upgraded = await page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open("pursuit", 3);
    open.onblocked = () => resolve("blocked");
    open.onsuccess = () => { open.result.close(); resolve("upgraded"); };
    open.onerror = () => resolve("error");
  }));
  expect(upgraded).toBe("upgraded");
  await expect(page.getByTestId("save-error")).toContainText("reload this tab to keep saving");
  await expect(page.getByTestId("save-error").getByRole("button", { name: "Download a copy" })).toBeVisible();
});
