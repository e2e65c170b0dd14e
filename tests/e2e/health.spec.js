// Health: the portfolio says which projects are at risk, why, and what to do.
const { test, expect } = require("@playwright/test");
const { loadSample, goTo } = require("./helpers");

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
