// Workload: planned hours against capacity per member and week; an over-allocated week's
// work handed to a teammate with room in one undoable step; skills and time off on members.
const { test, expect } = require("@playwright/test");
const { loadSample, goTo, waitSaved } = require("./helpers");

test("reassigning work from an over-allocated week", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Team");
  await page.getByRole("link", { name: "Workload" }).click();
  await expect(page.getByRole("heading", { name: "Workload", level: 1 })).toBeVisible();
  const grid = page.getByTestId("workload");
  const priya = grid.locator("tbody tr", { hasText: "Priya Raman" });
  await expect(priya.locator("td.over")).toHaveCount(2);
  // Nobody else is over.
  await expect(grid.locator("tbody td.over")).toHaveCount(2);

  await priya.locator("td.over").first().getByRole("button").click();
  const panel = page.getByTestId("week-panel");
  await expect(panel).toContainText("over");
  await expect(panel).toContainText("Technical due-diligence pack");
  // The pack needs more than anyone has free that week, and the panel says so.
  await expect(panel).toContainText("Nobody has");
  await panel.getByRole("button", { name: "Reassign Technical due-diligence pack" }).click();
  await expect(page.getByText("Task handed over.")).toBeVisible();
  await expect(priya.locator("td.over")).toHaveCount(0);

  // One undo puts it back.
  await page.locator("body").press("Control+z");
  await expect(priya.locator("td.over")).toHaveCount(2);
  await page.locator("body").press("Control+Shift+Z");
  await expect(priya.locator("td.over")).toHaveCount(0);
  await waitSaved(page);
  await page.reload();
  // Priya is no longer over; the teammate with the most room now carries the pack.
  const after = page.getByTestId("workload").locator("tbody tr", { hasText: "Priya Raman" });
  await expect(after.locator("td.load-cell")).toHaveCount(12);
  await expect(after.locator("td.over")).toHaveCount(0);
});

test("time off lowers a member's capacity, typed on the member form", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Team");
  await page.getByRole("button", { name: /Edit Maya Okafor/ }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Time off").fill("next week");
  await dialog.getByRole("button", { name: "Save member" }).click();
  await expect(dialog.getByText("Line 1: write a day as 2026-12-21, or a range as 2026-12-21 to 2027-01-01.")).toBeVisible();
  await dialog.getByLabel("Time off").fill("2020-01-01 to 2099-12-31");
  await dialog.getByLabel("Skills").fill("Negotiation, pricing");
  await dialog.getByRole("button", { name: "Save member" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("link", { name: "Workload" }).click();
  const maya = page.getByTestId("workload").locator("tbody tr", { hasText: "Maya Okafor" });
  await expect(maya).toContainText("Negotiation, pricing");
  // Away every week: no capacity, so any planned hour is over.
  await expect(maya.locator("td.away")).toHaveCount(12);
});
