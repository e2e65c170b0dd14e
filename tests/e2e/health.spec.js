// Health: the portfolio says which projects are at risk, why, and what to do.
const { test, expect } = require("@playwright/test");
const { loadSample, goTo, waitSaved } = require("./helpers");

test("the portfolio lists open projects by health with reasons and actions", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Portfolio");
  const list = page.getByTestId("health-list");
  const arcadia = list.locator(".health-card", { hasText: "Arcadia Health — service desk renewal" });
  await expect(arcadia).toContainText("At risk");
  await expect(arcadia).toContainText("no dated next step (agreed or planned)");
  await expect(arcadia).toContainText("Agree a dated next step with the client");
  await expect(arcadia).toContainText("It clears when a conversation logs a next step");
  // Closed and proposed projects have no health.
  await expect(list).not.toContainText("Orion Retail");
  await expect(list).not.toContainText("Partner channel pilot");

  // The project's own page shows the same health.
  await arcadia.getByRole("link").click();
  await expect(page.getByTestId("project-health")).toContainText("At risk");
  await expect(page.getByTestId("project-health")).toContainText("no dated next step (agreed or planned)");
});

test("the risk register: heat map filter, overdue reviews, add and edit, and health follows", async ({ page }) => {
  await loadSample(page);
  await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
  await page.getByRole("link", { name: "Risks", exact: true }).click();
  const risks = page.getByTestId("risks");
  await expect(risks.locator("tbody tr")).toHaveCount(2);
  await expect(risks).toContainText("Review overdue");

  // A heat-map cell filters the list.
  await page.getByRole("button", { name: "Probability 3, impact 5: 1 risk" }).click();
  await expect(risks.locator("tbody tr")).toHaveCount(1);
  await expect(risks).toContainText("Incumbent provider offers a steep renewal discount");
  await page.getByRole("button", { name: "Show all" }).click();

  await page.getByRole("button", { name: "Add risk" }).click();
  const dialog = page.getByRole("dialog", { name: "Add risk" });
  await dialog.getByRole("button", { name: "Add risk" }).click();
  await expect(dialog.getByText("Describe the risk.")).toBeVisible();
  await dialog.getByLabel("Risk", { exact: true }).fill("CFO leaves before signature");
  await dialog.getByLabel("Probability (1–5)").selectOption("5");
  await dialog.getByLabel("Impact (1–5)").selectOption("4");
  await dialog.getByLabel("Mitigation").fill("Get the COO to co-sponsor");
  await dialog.getByRole("button", { name: "Add risk" }).click();
  await expect(risks.locator("tbody tr")).toHaveCount(3);
  await expect(risks.locator("tbody tr").first()).toContainText("20 (5×4)");
  await expect(page.getByRole("button", { name: "Probability 5, impact 4: 1 risk" })).toHaveText("1");

  await page.getByRole("link", { name: "Overview", exact: true }).click();
  await expect(page.getByTestId("project-health")).toContainText("2 open risks scored 15 or more");
  await waitSaved(page);
  await page.reload();
  await expect(page.getByTestId("project-health")).toContainText("2 open risks scored 15 or more");
});

test("a corrective action becomes a dated task with an owner in one click", async ({ page }) => {
  await loadSample(page);
  await page.getByRole("link", { name: "Arcadia Health — service desk renewal" }).click();
  const health = page.getByTestId("project-health");
  const reason = health.locator(".reason", { hasText: "no dated next step" });
  await reason.getByRole("button", { name: /^Make it a task · due .*: Agree a dated next step with Arcadia Health \(Maya/ }).click();
  // The new task is itself a dated next step of the plan: the reason is gone at once.
  await expect(health).not.toContainText("no dated next step");
  const row = page.locator(".tasks-table tbody tr", { hasText: "Agree a dated next step with Arcadia Health" });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Maya");
  await waitSaved(page);
  await page.reload();
  await expect(page.locator(".tasks-table tbody tr", { hasText: "Agree a dated next step with Arcadia Health" })).toBeVisible();
  await expect(page.getByTestId("project-health")).not.toContainText("no dated next step");

  // A fix task links back to its reason; done while the reason still holds, it says so.
  const overdue = page.getByTestId("project-health").locator(".reason", { hasText: "1 task overdue" });
  await overdue.getByRole("button", { name: /^Make it a task · due .*: Get new dates or new owners/ }).click();
  await expect(overdue).toContainText("Task planned");
  await page.getByRole("checkbox", { name: "Done: Get new dates or new owners for 1 overdue task" }).check();
  await expect(overdue.getByTestId("fix-done-still")).toContainText("the reason still holds");
  // Doing what it says — the overdue task done — clears it.
  await page.getByRole("checkbox", { name: "Done: Send revised renewal quote" }).check();
  await expect(page.getByTestId("project-health")).not.toContainText("task overdue");
});

test("health shows on project rows, pipeline cards and the dashboard, and portfolio risks list every project", async ({ page }) => {
  await loadSample(page);
  const arcadiaRow = page.locator(".projects-table tbody tr", { hasText: "Arcadia Health" });
  await expect(arcadiaRow.locator(".health-badge")).toHaveText("At risk");
  await expect(page.locator(".projects-table tbody tr", { hasText: "Orion Retail" }).locator(".health-badge")).toHaveCount(0);

  await goTo(page, "Pipeline");
  await expect(page.locator(".deal-card", { hasText: "Arcadia Health — service desk renewal" }).locator(".health-badge")).toHaveText("At risk");

  await goTo(page, "Dashboard");
  const atRisk = page.getByTestId("at-risk");
  await expect(atRisk).toContainText("Arcadia Health — service desk renewal");
  await expect(atRisk).toContainText("Helios Logistics");

  await goTo(page, "Portfolio");
  await page.getByRole("link", { name: "All risks" }).click();
  await expect(page.getByRole("heading", { name: "Risks across the portfolio" })).toBeVisible();
  const risks = page.getByTestId("risks");
  await expect(risks).toContainText("Incumbent provider offers a steep renewal discount");
  await expect(risks.locator("tbody tr").first().getByRole("link")).toHaveText("Helios Logistics — managed IT services");
});

test("health thresholds are adjustable in settings and refuse nonsense", async ({ page }) => {
  await loadSample(page);
  await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
  await expect(page.getByTestId("project-health")).toContainText("1 open risk scored 15 or more");

  await goTo(page, "Data");
  const form = page.getByTestId("health-settings");
  // Day thresholds take what a file may carry (up to 3,650), no less and no more.
  await form.getByLabel(/^Milestone overdue/).fill("4000");
  await form.getByRole("button", { name: "Save thresholds" }).click();
  await expect(form.getByRole("alert")).toContainText("up to 3650");
  await form.getByLabel(/^Milestone overdue/).fill("400");
  await form.getByLabel("High risk from score").fill("40");
  await form.getByRole("button", { name: "Save thresholds" }).click();
  await expect(form.getByRole("alert")).toContainText("up to 25");
  await form.getByLabel("High risk from score").fill("16");
  await form.getByRole("button", { name: "Save thresholds" }).click();
  await expect(form.getByRole("alert")).toHaveCount(0);
  await waitSaved(page);
  await page.reload();
  await expect(page.getByTestId("health-settings").getByLabel("High risk from score")).toHaveValue("16");
  await expect(page.getByTestId("health-settings").getByLabel(/^Milestone overdue/)).toHaveValue("400");

  await page.goBack();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Projects" }).click();
  await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
  await expect(page.getByTestId("project-health")).not.toContainText("scored");
});

test("doing what a health reason says clears it: a high risk reviewed again", async ({ page }) => {
  await loadSample(page);
  await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
  const health = page.getByTestId("project-health");
  const reason = health.locator(".reason", { hasText: "1 open risk scored 15 or more" });
  // It names only what is missing: the risk has a mitigation and an owner.
  await expect(reason).toContainText("1 open risk scored 15 or more without a review date ahead");
  await expect(reason).not.toContainText("without a mitigation");
  await expect(reason).toContainText("It clears when each of them has a review date today or later, or is closed.");

  // The risk has a mitigation and an owner; its review date has passed. Set the next one.
  await page.getByRole("link", { name: "Risks", exact: true }).click();
  await page.getByRole("button", { name: "Edit risk Incumbent provider offers a steep renewal discount" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit risk" });
  const nextWeek = new Date(Date.now() + 7 * 86400000).toISOString().slice(0, 10);
  await dialog.getByLabel("Next review").fill(nextWeek);
  await dialog.getByRole("button", { name: "Save risk" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("link", { name: "Overview", exact: true }).click();
  await expect(page.getByTestId("project-health")).not.toContainText("open risk scored");
  await waitSaved(page);
  await page.reload();
  await expect(page.getByTestId("project-health")).not.toContainText("open risk scored");
});
