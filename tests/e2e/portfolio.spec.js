// Portfolio money and goals: budgets, cost entries, spend against budget and return, and a
// project's measurable goals — set in the app, shown where the manager looks, kept on reload.
const { test, expect } = require("@playwright/test");
const { loadSample, goTo, waitSaved } = require("./helpers");

test("a cost entry changes spend against budget, and health follows", async ({ page }) => {
  await loadSample(page);
  await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
  await page.getByRole("link", { name: "Budget", exact: true }).click();
  const summary = page.getByTestId("budget-summary");
  await expect(summary).toContainText("EUR 15,000");
  await expect(page.getByTestId("spent")).toContainText("EUR 6,040");
  await expect(page.getByTestId("spent")).toContainText("40 % of budget");
  const costs = page.getByTestId("costs");
  await expect(costs.locator("tbody tr")).toHaveCount(2);

  // A bad amount is refused with the field named; nothing is added.
  await page.getByRole("button", { name: "Add cost" }).click();
  const dialog = page.getByRole("dialog", { name: "Add cost" });
  await dialog.getByLabel("Amount (EUR)").fill("-20");
  await dialog.getByRole("button", { name: "Add cost" }).click();
  await expect(dialog.getByText("A cost is more than zero.")).toBeVisible();
  await dialog.getByLabel("Amount (EUR)").fill("12,000");
  await dialog.getByLabel("Category").selectOption("people");
  await dialog.getByLabel("Note").fill("Bid team, two weeks");
  await dialog.getByRole("button", { name: "Add cost" }).click();
  await expect(dialog).toBeHidden();
  await expect(costs.locator("tbody tr")).toHaveCount(3);
  await expect(page.getByTestId("spent")).toContainText("EUR 18,040");
  await expect(page.getByTestId("spent")).toContainText("120 % of budget");

  await page.getByRole("link", { name: "Overview", exact: true }).click();
  await expect(page.getByTestId("project-health")).toContainText("costs 20 % over budget");

  // Undo takes the cost back out, and the health reason with it.
  await page.locator("body").press("Control+z");
  await expect(page.getByTestId("project-health")).not.toContainText("over budget");
  await page.locator("body").press("Control+Shift+Z");
  await expect(page.getByTestId("project-health")).toContainText("costs 20 % over budget");
  await waitSaved(page);
  await page.reload();
  await page.getByRole("link", { name: "Budget", exact: true }).click();
  await expect(page.getByTestId("spent")).toContainText("EUR 18,040");

  // The portfolio sums it and links back.
  await goTo(page, "Portfolio");
  const money = page.getByTestId("portfolio-money");
  const row = money.locator("tr", { hasText: "Helios Logistics" });
  await expect(row).toContainText("EUR 18,040");
  await expect(row).toContainText("120 %");
  await expect(money.locator("tr", { hasText: "Analytics add-on upsell" })).toContainText("116 %");
});

test("the budget is set on the project form and refused when negative", async ({ page }) => {
  await loadSample(page);
  await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
  await page.getByRole("button", { name: "Edit project" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Budget").fill("-5");
  await dialog.getByRole("button", { name: /Save/ }).click();
  await expect(dialog.getByText("The budget can't be negative.")).toBeVisible();
  await dialog.getByLabel("Budget").fill("5,000");
  await dialog.getByRole("button", { name: /Save/ }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("link", { name: "Budget", exact: true }).click();
  await expect(page.getByTestId("budget-summary")).toContainText("EUR 5,000");
  await expect(page.getByTestId("spent")).toContainText("121 % of budget");
});

test("goals are added, measured, reordered and deleted", async ({ page }) => {
  await loadSample(page);
  await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
  await page.getByRole("link", { name: "Goals", exact: true }).click();
  await expect(page.getByText("No goals yet.")).toBeVisible();

  await page.getByRole("button", { name: "Add goal" }).click();
  let dialog = page.getByRole("dialog", { name: "Add goal" });
  await dialog.getByRole("button", { name: "Add goal" }).click();
  await expect(dialog.getByText("Enter the target as a number")).toBeVisible();
  await dialog.getByLabel("Goal", { exact: true }).fill("Warehouses signed");
  await dialog.getByLabel("Target").fill("14");
  await dialog.getByLabel("Current figure").fill("7");
  await dialog.getByRole("button", { name: "Add goal" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("button", { name: "Add goal" }).click();
  dialog = page.getByRole("dialog", { name: "Add goal" });
  await dialog.getByLabel("Goal", { exact: true }).fill("Stages passed");
  await dialog.getByLabel("Measured by").selectOption("milestones");
  await expect(dialog.getByLabel("Current figure")).toBeHidden();
  await dialog.getByLabel("Target").fill("6");
  await dialog.getByRole("button", { name: "Add goal" }).click();

  const goals = page.getByTestId("goals").locator("li");
  await expect(goals).toHaveCount(2);
  await expect(goals.nth(0)).toContainText("Warehouses signed");
  await expect(goals.nth(0)).toContainText("7 of 14 (50 %)");
  await expect(goals.nth(1)).toContainText("Milestones done");

  await page.getByRole("button", { name: "Move Stages passed up" }).click();
  await expect(goals.nth(0)).toContainText("Stages passed");
  await page.getByRole("button", { name: "Delete goal Warehouses signed" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete goal" }).click();
  await expect(goals).toHaveCount(1);
  await waitSaved(page);
  await page.reload();
  await expect(page.getByTestId("goals").locator("li")).toHaveCount(1);
  await expect(page.getByTestId("goals")).toContainText("Stages passed");
});
