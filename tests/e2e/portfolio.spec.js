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

test("intake → score → approve: a proposal is ranked, decided with a reason and logged", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Portfolio");
  const ranking = page.getByTestId("ranking");
  // The sample's proposals are scored and ranked.
  await expect(ranking.locator("tbody tr", { hasText: "Partner channel pilot" })).toContainText("62");

  await page.getByRole("button", { name: "Propose a project" }).click();
  let dialog = page.getByRole("dialog", { name: "Propose a project" });
  await dialog.getByLabel("Project name").fill("Pharma cold-chain pilot");
  await dialog.getByLabel("Value").fill("200,000");
  await dialog.getByLabel("Why take it on").fill("Three pharma prospects asked for it this quarter.");
  await dialog.getByLabel("Strategic focus area").fill("Logistics vertical");
  await dialog.getByLabel("People needed").fill("many");
  await dialog.getByRole("button", { name: "Propose project" }).click();
  await expect(dialog.getByText("Enter the people as a whole number from 0 to 1000.")).toBeVisible();
  await dialog.getByLabel("People needed").fill("1");
  await dialog.getByLabel("Weeks needed").fill("8");
  await dialog.getByRole("button", { name: "Propose project" }).click();
  await expect(dialog).toBeHidden();
  const row = ranking.locator("tbody tr", { hasText: "Pharma cold-chain pilot" });
  await expect(row).toContainText("Proposed");
  await expect(row).toContainText("not scored: 0 of 5 criteria");
  await expect(row).toContainText("1 person × 8 weeks");
  // Not in the pipeline.
  await goTo(page, "Pipeline");
  await expect(page.locator("main")).not.toContainText("Pharma cold-chain pilot");
  await goTo(page, "Portfolio");

  // Scored on three of five: the dialog names what is missing and why there is no score yet;
  // saved as it is, the row says how far it got.
  await page.getByRole("button", { name: "Score Pharma cold-chain pilot" }).click();
  dialog = page.getByRole("dialog", { name: "Score “Pharma cold-chain pilot”" });
  const missing = dialog.getByTestId("score-missing");
  await expect(missing).toContainText("Still to score: Revenue potential, Strategic fit, Resource requirements, Risk, Customer value.");
  await dialog.getByLabel("Revenue potential").selectOption("5");
  await dialog.getByLabel("Strategic fit").selectOption("5");
  await dialog.getByLabel("Resource requirements").selectOption("1");
  await expect(missing).toContainText("Still to score: Risk, Customer value. A project gets a score only when every weighted criterion is scored");
  await dialog.getByRole("button", { name: "Save scores" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("not scored: 3 of 5 criteria");

  // Score it: all fives where more is better, ones where more is worse → 100.
  await page.getByRole("button", { name: "Score Pharma cold-chain pilot" }).click();
  await expect(missing).toContainText("Still to score: Risk, Customer value.");
  await dialog.getByLabel("Risk").selectOption("1");
  await dialog.getByLabel("Customer value").selectOption("5");
  await expect(missing).toHaveText("Every criterion is scored: the project gets a score and its rank.");
  await dialog.getByRole("button", { name: "Save scores" }).click();
  await expect(dialog).toBeHidden();
  await expect(ranking.locator("tbody tr").first()).toContainText("Pharma cold-chain pilot");
  await expect(ranking.locator("tbody tr").first()).toContainText("100");

  // Approve with a reason, in last month's review.
  await page.getByRole("button", { name: "Approve Pharma cold-chain pilot" }).click();
  dialog = page.getByRole("dialog", { name: "Approve “Pharma cold-chain pilot”" });
  await dialog.getByRole("button", { name: "Approve" }).click();
  await expect(dialog.getByText("Say why: the decision log keeps it for the team.")).toBeVisible();
  await dialog.getByLabel("Reason").fill("Highest score; the team has room in January.");
  await dialog.getByLabel("Taken in").selectOption({ index: 1 });
  await dialog.getByRole("button", { name: "Approve" }).click();
  await expect(dialog).toBeHidden();
  await expect(ranking.locator("tbody tr").first()).toContainText("Active");

  const log = page.getByTestId("decision-log");
  await expect(log.locator("tbody tr").first()).toContainText("Pharma cold-chain pilot");
  await expect(log.locator("tbody tr").first()).toContainText("Approved");
  await expect(log.locator("tbody tr").first()).toContainText("Highest score");
  await log.getByLabel("Show").selectOption("hold");
  await expect(log.locator("tbody tr")).toHaveCount(1);
  await expect(log).toContainText("Baltic Freight");
  await expect(page.getByTestId("reviews")).toContainText("Pharma cold-chain pilot");

  // Now it is pipeline, and its page shows the decision.
  await waitSaved(page);
  await page.reload();
  await goTo(page, "Pipeline");
  await expect(page.locator("main")).toContainText("Pharma cold-chain pilot");
  await page.getByRole("link", { name: "Pharma cold-chain pilot" }).first().click();
  await expect(page.getByTestId("governance-log")).toContainText("Highest score");
  await expect(page.getByTestId("intake")).toContainText("100 / 100");
});

test("scoring criteria are edited in settings; weights summing to zero are refused", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Data");
  const form = page.getByTestId("scoring-settings");
  for (const name of ["revenue", "fit", "resources", "risk", "customer"]) {
    await form.locator(`input[name="${name}-weight"]`).fill("0");
  }
  await form.getByRole("button", { name: "Save criteria" }).click();
  await expect(form.getByText("At least one criterion needs a weight above zero.")).toBeVisible();
  // Only strategic fit counts: the pilot's 4 on fit makes 80.
  await form.locator('input[name="fit-weight"]').fill("10");
  await form.getByRole("button", { name: "Save criteria" }).click();
  await expect(form.getByRole("alert")).toBeHidden();
  await goTo(page, "Portfolio");
  await expect(page.getByTestId("ranking").locator("tbody tr", { hasText: "Partner channel pilot" })).toContainText("80");
});

test("a portfolio review is recorded with attendees and notes", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Portfolio");
  await page.getByRole("button", { name: "Record a review" }).click();
  const dialog = page.getByRole("dialog", { name: "Record a portfolio review" });
  await dialog.getByLabel("Date").fill("2026-12-15");
  await dialog.getByLabel("Maya Okafor").check();
  await dialog.getByLabel("Leo Martin").check();
  await dialog.getByLabel("Notes").fill("Year-end review of the pipeline.");
  await dialog.getByRole("button", { name: "Record review" }).click();
  await expect(dialog).toBeHidden();
  const review = page.getByTestId("reviews").locator("article").first();
  await expect(review).toContainText("Review of 15 Dec 2026");
  await expect(review).toContainText("Maya Okafor, Leo Martin");
  await expect(review).toContainText("No decisions recorded in this review.");
});

test("portfolio filters live in the URL and narrow every list; the chart has its table twin", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Portfolio");
  await expect(page.getByTestId("score-chart").locator("circle")).toHaveCount(4);
  await page.getByTestId("portfolio-filters").getByLabel("Focus area").selectOption("Logistics vertical");
  await expect(page).toHaveURL(/focus=Logistics/);
  const ranking = page.getByTestId("ranking");
  await expect(ranking.locator("tbody tr")).toHaveCount(2);
  await expect(ranking).toContainText("Helios Logistics");
  await expect(ranking).toContainText("Cold-chain webinar series");
  await expect(page.getByTestId("score-chart").locator("circle")).toHaveCount(2);
  await expect(page.getByTestId("portfolio-money").locator("tbody tr")).toHaveCount(2);
  await page.reload();
  await expect(page.getByTestId("ranking").locator("tbody tr")).toHaveCount(2);
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page.getByTestId("ranking").locator("tbody tr")).toHaveCount(7);
});

test("approving a proposal can lay out a playbook's plan", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Portfolio");
  await page.getByRole("button", { name: "Approve Partner channel pilot" }).click();
  const dialog = page.getByRole("dialog", { name: "Approve “Partner channel pilot”" });
  await expect(dialog.getByTestId("approval-effect")).toContainText("hours over 16 weeks");
  await dialog.getByLabel("Reason").fill("Partners asked for it.");
  await dialog.getByLabel("Plan from a playbook").selectOption({ index: 1 });
  await dialog.getByRole("button", { name: "Approve" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("link", { name: "Partner channel pilot" }).first().click();
  await expect(page.locator(".tasks-table tbody tr").first()).toBeVisible();
  await expect.poll(() => page.locator(".tasks-table tbody tr").count()).toBeGreaterThan(3);
  await expect(page.getByTestId("governance-log")).toContainText("Partners asked for it.");
});
