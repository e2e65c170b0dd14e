// The dashboard's gap to target and each person's numbers, with "my numbers".
const { test, expect } = require("@playwright/test");
const fs = require("fs");
const os = require("os");
const path = require("path");
const crypto = require("crypto");
const { loadSample, goTo, exportWorkspace } = require("./helpers");

test("the dashboard shows the gap to target in money and typical deals, and each person's numbers", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Dashboard");
  const card = page.getByTestId("people-numbers");
  await expect(card.getByRole("heading", { name: "Gap to target" })).toBeVisible();
  // The sample's quarter target is EUR 900,000: the gap is a sum and a count of deals.
  await expect(card.getByTestId("gap")).toContainText(/EUR [\d,]+/);
  await expect(card.getByTestId("gap")).toContainText(/≈ \d+ more deals? of the typical EUR/);
  const rows = card.getByTestId("owner-table").locator("tbody tr");
  await expect.poll(() => rows.count()).toBeGreaterThan(1);
  const jonas = rows.filter({ hasText: "Jonas Berg" });
  await expect(jonas.locator("td[data-label=Quota]")).toHaveText("EUR 400,000");
  await expect(jonas.locator("td[data-label=Gap]")).toContainText("EUR");

  // One person's numbers: the heading, the gap and the table follow the filter.
  await card.getByLabel("Whose numbers").selectOption({ label: "Jonas Berg" });
  await expect(card.getByRole("heading", { name: "Gap to quota" })).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Jonas Berg");

  // "My numbers" once I say who I am.
  await goTo(page, "Team");
  await page.getByTestId("i-am").selectOption({ label: "Jonas Berg" });
  await goTo(page, "Dashboard");
  await expect(page.getByTestId("people-numbers").getByLabel("Whose numbers").locator("option:checked")).toHaveText("My numbers (Jonas Berg)");
  await expect(page.getByTestId("people-numbers").getByTestId("owner-table").locator("tbody tr")).toHaveCount(1);
});

test("the milestones of the next 14 days list the 10 soonest and say how many more", async ({ page, browser }) => {
  await loadSample(page);
  const file = await exportWorkspace(page);
  const exported = JSON.parse(fs.readFileSync(file, "utf8"));
  const ws = exported.workspace;
  const open = ws.projects.find((p) => p.status === "active");
  const template = ws.milestones.find((m) => m.project_id === open.id);
  expect(template).toBeTruthy();
  // Fourteen more milestones of an active project, due on each of the next 14 days.
  const day = (k) => {
    const d = new Date();
    d.setDate(d.getDate() + k);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  };
  for (let k = 1; k <= 14; k++) {
    ws.milestones.push({ ...template, id: crypto.randomUUID(), name: `Checkpoint ${k}`, due_date: day(k), completed_on: null, order: 100 + k });
  }
  const many = path.join(os.tmpdir(), `pursuit-many-milestones-${process.pid}-${Date.now()}.json`);
  fs.writeFileSync(many, JSON.stringify(exported));

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto("./");
  await other.getByText("Or open a workspace file").click();
  await other.getByTestId("import-file").setInputFiles(many);
  await other.getByRole("dialog", { name: "Open this workspace?" }).getByRole("button", { name: "Open workspace" }).click();
  await goTo(other, "Dashboard");
  const list = other.getByTestId("upcoming-milestones").locator("li");
  await expect(list).toHaveCount(10);
  // Soonest first: the first of the added ones is due tomorrow, the tenth shown is not the 14th.
  const shown = await list.allInnerTexts();
  expect(shown.length).toBe(10);
  expect(shown.some((t) => t.includes("Checkpoint 14"))).toBe(false);
  const upcoming = ws.milestones.filter((m) => !m.completed_on && m.due_date && m.due_date >= day(0) && m.due_date <= day(14) && ws.projects.some((p) => p.id === m.project_id && ["active", "on_hold"].includes(p.status)) && !m.stamp.deleted_at);
  expect(upcoming.length).toBeGreaterThan(10);
  await expect(other.getByTestId("upcoming-milestones").locator("xpath=following-sibling::p[1]")).toHaveText(`and ${upcoming.length - 10} more`);
  await fresh.close();
});
