// Health: the portfolio says which projects are at risk, why, and what to do.
const { test, expect } = require("@playwright/test");
const { loadSample, goTo, waitSaved } = require("./helpers");

test("the portfolio lists open projects by health with reasons and actions", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Portfolio");
  const list = page.getByTestId("health-list");
  const arcadia = list.locator(".health-card", { hasText: "Arcadia Health — service desk renewal" });
  await expect(arcadia).toContainText("At risk");
  await expect(arcadia).toContainText("no next step agreed");
  await expect(arcadia).toContainText("Agree a dated next step with the client");
  // Closed and proposed projects have no health.
  await expect(list).not.toContainText("Orion Retail");
  await expect(list).not.toContainText("Partner channel pilot");

  // The project's own page shows the same health.
  await arcadia.getByRole("link").click();
  await expect(page.getByTestId("project-health")).toContainText("At risk");
  await expect(page.getByTestId("project-health")).toContainText("no next step agreed");
});

test("the risk register: heat map filter, overdue reviews, add and edit, and health follows", async ({ page }) => {
  await loadSample(page);
  await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
  await page.getByRole("link", { name: "Risks", exact: true }).click();
  const risks = page.getByTestId("risks");
  await expect(risks.locator("tbody tr")).toHaveCount(2);
  await expect(risks).toContainText("Review overdue");

  // A heat-map cell filters the list.
  await page.getByRole("button", { name: "Probability 3, impact 5: 1 risk(s)" }).click();
  await expect(risks.locator("tbody tr")).toHaveCount(1);
  await expect(risks).toContainText("Incumbent provider offers a steep renewal discount");
  await page.getByRole("button", { name: "Show all" }).click();

  await page.getByRole("button", { name: "Add risk" }).click();
  const dialog = page.getByRole("dialog", { name: "Add risk" });
  await dialog.getByRole("button", { name: "Add risk" }).click();
  await expect(dialog.getByText("Describe the risk.")).toBeVisible();
  await dialog.getByLabel("Risk", { exact: true }).fill("CFO leaves before signature");
  await dialog.getByLabel("Probability (1–5)").selectOption("4");
  await dialog.getByLabel("Impact (1–5)").selectOption("5");
  await dialog.getByLabel("Mitigation").fill("Get the COO to co-sponsor");
  await dialog.getByRole("button", { name: "Add risk" }).click();
  await expect(risks.locator("tbody tr")).toHaveCount(3);
  await expect(risks.locator("tbody tr").first()).toContainText("20 (4×5)");

  await page.getByRole("link", { name: "Overview", exact: true }).click();
  await expect(page.getByTestId("project-health")).toContainText("2 open risks scored 15 or more");
  await waitSaved(page);
  await page.reload();
  await expect(page.getByTestId("project-health")).toContainText("2 open risks scored 15 or more");
});
