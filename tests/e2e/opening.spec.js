// Opening index first (storage::index): the projects table, the pipeline and the dashboard's
// figures are drawn from each project's index row before the records are read; everything
// else (tasks, health, the other screens), and every edit, waits for the records; an index that can't be trusted is never drawn, and is written again.
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const { test, expect } = require("@playwright/test");
const { loadSample, waitSaved, storedRecords, storeRecord, putStored, editProject, projectRows } = require("./helpers");
const { axeViolations } = require("./a11y");

const root = path.resolve(__dirname, "..", "..");
const HELIOS = "Helios Logistics — managed IT services";

/** What the page saw while it opened: recorded from the first script on, before the app. */
async function watchOpening(page) {
  await page.addInitScript(() => {
    const seen = { reading: false, pendingFirst: null, firstNames: null, disabledFirst: null, boardFirst: null, dashboardFirst: null };
    window.__opening = seen;
    new MutationObserver(() => {
      if (document.querySelector(".still-reading")) seen.reading = true;
      const cards = document.querySelectorAll(".deal-card");
      if (cards.length && seen.boardFirst === null) {
        seen.boardFirst = {
          cards: cards.length,
          reading: !!document.querySelector(".reading-line"),
          fixed: [...document.querySelectorAll(".deal-card .move-to select")].every((s) => s.disabled),
        };
      }
      const figures = document.querySelectorAll("[data-testid=kpis] .kpi");
      if (figures.length && seen.dashboardFirst === null) {
        seen.dashboardFirst = {
          figures: figures.length,
          periods: document.querySelectorAll("[data-testid=forecast-table] tbody tr").length,
          reading: !!document.querySelector(".reading-line"),
          waiting: [...document.querySelectorAll(".needs-records")].map((p) => p.textContent),
        };
      }
      const rows = document.querySelectorAll(".projects-table tbody tr");
      if (rows.length && seen.firstNames === null) {
        seen.firstNames = [...rows].map((r) => r.querySelector("th a").textContent);
        seen.pendingFirst = !!document.querySelector(".health-pending");
        seen.disabledFirst = [...document.querySelectorAll(".projects-table .row-actions button")].every((b) => b.disabled);
        seen.ownersFirst = document.querySelector("select[aria-label='Owner']")?.options.length ?? 0;
        seen.teamFirst = document.querySelector(".brand small")?.textContent ?? "";
      }
    }).observe(document, { childList: true, subtree: true });
  });
}

const timings = (page) => page.evaluate(() => Object.keys(window.__pursuitTimings || {}));
const seen = (page) => page.evaluate(() => window.__opening);

/** The current generation's keys: a project's index row and the index mark. */
async function indexKeys(page) {
  const stored = await storedRecords(page);
  const g = Number(stored["pursuit:head"] || "0");
  const rowPrefix = g === 0 ? "pursuit:row:" : `pursuit:g${g}:row:`;
  const rows = Object.keys(stored).filter((k) => k.startsWith(rowPrefix));
  return { stored, rows, mark: g === 0 ? "pursuit:rows" : `pursuit:g${g}:rows` };
}

/** The stored row of the project called `name`. */
async function rowOf(page, name) {
  const { stored, rows } = await indexKeys(page);
  expect(rows.length).toBeGreaterThan(0);
  const key = rows.find((k) => JSON.parse(stored[k]).name === name);
  expect(key).toBeTruthy();
  return { key, row: JSON.parse(stored[key]) };
}

test("1,500 stored projects: the table is drawn from the index, the rest follows, nothing can be edited before", async ({ page }) => {
  test.setTimeout(120_000);
  const stored = execFileSync("cargo", ["run", "-q", "--example", "workspace_gen", "--", "stored-1500"], { cwd: root, maxBuffer: 1 << 30 }).toString();
  await page.goto("./");
  expect(await putStored(page, stored)).toBe(true);
  await watchOpening(page);

  await page.goto("./#/projects");
  await page.reload();
  await expect(page.locator(".projects-table tbody tr").first()).toBeVisible();
  const first = await seen(page);
  expect(first.firstNames.length).toBeGreaterThan(0);
  expect(first.pendingFirst, "the first rows came from the index, health still to come").toBe(true);
  expect(first.disabledFirst, "no row can be edited or deleted before its record is read").toBe(true);
  // The team's part came with the index: the owners to filter by and the workspace's name.
  expect(first.ownersFirst, "every member is an owner to filter by").toBeGreaterThan(2);
  expect(first.teamFirst.length, "the sidebar names the workspace").toBeGreaterThan(0);
  // Then the records: health fills in, the buttons work, the reading line goes.
  await expect(page.locator(".health-pending")).toHaveCount(0, { timeout: 60_000 });
  await expect(page.locator(".reading-line")).toHaveCount(0);
  await expect(page.locator(".projects-table .row-actions button").first()).toBeEnabled();
  await expect(page.getByText("1,500 projects")).toBeVisible();
  const names = await page.locator(".projects-table tbody th a").allTextContents();
  expect(names.slice(0, first.firstNames.length)).toEqual(first.firstNames);
  expect(await timings(page)).toEqual(expect.arrayContaining(["pursuit:index-read", "pursuit:decoded"]));

  // The pipeline is drawn from the index too, its cards fixed until the records are read.
  await page.goto("./#/pipeline");
  await page.reload();
  await expect(page.locator(".deal-card").first()).toBeVisible({ timeout: 60_000 });
  const board = (await seen(page)).boardFirst;
  expect(board.cards).toBeGreaterThan(0);
  expect(board.reading, "the first cards came from the index, the records still to come").toBe(true);
  expect(board.fixed, "no card can be moved before its record is read").toBe(true);
  expect((await seen(page)).reading, "the pipeline never waited behind 'Opening your workspace'").toBe(false);
  await expect(page.locator(".reading-line")).toHaveCount(0, { timeout: 60_000 });
  await expect(page.locator(".deal-card .move-to select").first()).toBeEnabled();

  // So are the dashboard's figures and forecast; tasks, health and the chance say they follow.
  await page.goto("./#/dashboard");
  await page.reload();
  await expect(page.getByTestId("kpis")).toBeVisible({ timeout: 60_000 });
  const dashboard = (await seen(page)).dashboardFirst;
  expect(dashboard.figures).toBeGreaterThan(0);
  expect(dashboard.periods, "the forecast by period came with the figures").toBeGreaterThan(0);
  expect(dashboard.reading, "the figures came from the index, the records still to come").toBe(true);
  expect(dashboard.waiting).toEqual(expect.arrayContaining([
    "Health will show once every project's details are read.",
    "The chance will show once every project's details are read.",
  ]));
  expect((await seen(page)).reading, "the dashboard never waited behind 'Opening your workspace'").toBe(false);
  await expect(page.locator(".reading-line")).toHaveCount(0, { timeout: 60_000 });
  await expect(page.locator(".needs-records")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: /^At risk \(\d+\)$/ })).toBeVisible();

  // A screen that needs the records says how far the reading is, then shows itself.
  await page.goto("./#/workload");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Workload", level: 1 })).toBeVisible({ timeout: 60_000 });
  expect((await seen(page)).reading, "the workload said the workspace was still being read").toBe(true);
});

test("a damaged index, or one a save did not finish, is not drawn: the workspace opens from its records and the index is written again", async ({ page }) => {
  await loadSample(page);
  await watchOpening(page);
  for (const damage of ["row", "mark"]) {
    const { key } = await rowOf(page, HELIOS);
    const { mark } = await indexKeys(page);
    if (damage === "row") await storeRecord(page, key, '{"id": "not a row"');
    else await storeRecord(page, mark, "a save that never finished");
    await page.reload();
    await expect(page.getByRole("link", { name: HELIOS, exact: true })).toBeVisible();
    let t = await timings(page);
    expect(t, `${damage}: opened from the records`).toContain("pursuit:records-read");
    expect(t, `${damage}: not from the index`).not.toContain("pursuit:index-read");
    expect((await seen(page)).pendingFirst).toBe(false);
    // The index is written again from the records, and the next opening uses it.
    await expect.poll(async () => {
      const { stored } = await indexKeys(page);
      return /^\d+$/.test(stored[mark] || "") && stored[key].startsWith("{\"id\"") && JSON.parse(stored[key]).name === HELIOS;
    }).toBe(true);
    await page.reload();
    await expect(page.getByRole("link", { name: HELIOS, exact: true })).toBeVisible();
    t = await timings(page);
    expect(t, `${damage}: the next opening reads the index`).toContain("pursuit:index-read");
  }
});

test("a row changed behind Pursuit's back is corrected once the records are read, and written again", async ({ page }) => {
  await loadSample(page);
  const { key, row } = await rowOf(page, HELIOS);
  await storeRecord(page, key, JSON.stringify({ ...row, name: "Not what the record says" }));
  await page.reload();
  await expect(page.getByRole("link", { name: HELIOS, exact: true })).toBeVisible();
  await expect(page.getByText("Not what the record says")).toHaveCount(0);
  await expect.poll(async () => JSON.parse((await storedRecords(page))[key]).name).toBe(HELIOS);
});

test("after another tab's save the next opening draws its change from the index, never the old row", async ({ page, context }) => {
  await loadSample(page);
  const other = await context.newPage();
  await other.goto("./#/projects");
  await editProject(other, HELIOS, "Project name", "Helios Logistics — renewal");
  await other.close();
  await watchOpening(page);
  await page.reload();
  await expect(page.getByRole("link", { name: "Helios Logistics — renewal", exact: true })).toBeVisible();
  const first = await seen(page);
  expect(first.firstNames).toContain("Helios Logistics — renewal");
  expect(first.firstNames).not.toContain(HELIOS);
  expect(await timings(page)).toContain("pursuit:index-read");
});

test("a workspace stored before the index opens from its records and gets one", async ({ page }) => {
  const stored = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "stored-unindexed.json"), "utf8"));
  expect(Object.keys(stored).some((k) => k.includes(":row:"))).toBe(false);
  await page.goto("./");
  // The app has read the empty store first: one still opening would read the fixture and
  // index it before the reload below.
  await expect(page.locator("main.welcome")).toBeVisible();
  expect(await putStored(page, stored)).toBe(true);
  await page.goto("./#/projects");
  await page.reload();
  await expect.poll(() => projectRows(page)).toBe(9);
  expect(await timings(page)).not.toContain("pursuit:index-read");
  await expect.poll(async () => (await indexKeys(page)).rows.length).toBe(9);
  await waitSaved(page);
  await page.reload();
  await expect.poll(() => projectRows(page)).toBe(9);
  expect(await timings(page)).toContain("pursuit:index-read");
});

test("records that can't be read after the index say so and keep the table; nothing is changed, and a reload opens them", async ({ page, context }) => {
  await loadSample(page);
  const before = await storedRecords(page);
  expect(Object.keys(before).length).toBeGreaterThan(0);
  // Reading every record (a getAll over the whole store, unlike the index's range) fails.
  await page.addInitScript(() => {
    const getAll = IDBObjectStore.prototype.getAll;
    IDBObjectStore.prototype.getAll = function (...args) {
      if (args.length === 0) throw new DOMException("The disk could not be read.", "UnknownError");
      return getAll.apply(this, args);
    };
  });
  await page.reload();
  await expect(page.getByRole("link", { name: HELIOS, exact: true })).toBeVisible();
  const line = page.locator(".reading-line");
  await expect(line).toHaveAttribute("role", "alert");
  await expect(line).toContainText("could not be read");
  await expect(line).toContainText("Every project is still stored");
  await expect(page.getByRole("button", { name: "New project" })).toBeDisabled();
  expect(await axeViolations(page)).toEqual([]);
  // The pipeline keeps its board from the index and says the same, so does the dashboard,
  // whose tasks and health say they can't be shown; a screen that needs the records says it
  // could not open them.
  await page.goto("./#/pipeline");
  await expect(page.locator(".deal-card").first()).toBeVisible();
  await expect(line).toHaveAttribute("role", "alert");
  await expect(line).toContainText("could not be read");
  await expect(page.locator(".deal-card .move-to select").first()).toBeDisabled();
  expect(await axeViolations(page)).toEqual([]);
  await page.goto("./#/dashboard");
  await expect(page.getByTestId("kpis")).toBeVisible();
  await expect(line).toHaveAttribute("role", "alert");
  await expect(page.getByText("Health can't be shown: the projects' details could not be read.")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.goto("./#/workload");
  await expect(page.getByRole("heading", { name: "Your workspace could not be opened" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await expect(page.locator(".still-reading progress")).toHaveCount(0);
  await expect(page.locator(".welcome")).toHaveCount(0);

  // Nothing was written meanwhile; without the failure every record opens again.
  const other = await context.newPage();
  await other.goto("./#/projects");
  await expect(other.getByRole("link", { name: HELIOS, exact: true })).toBeVisible();
  await expect(other.locator(".reading-line")).toHaveCount(0, { timeout: 30_000 });
  const after = await storedRecords(other);
  expect(Object.keys(after).length).toBe(Object.keys(before).length);
  expect(after["pursuit:head"]).toBe(before["pursuit:head"]);
});
