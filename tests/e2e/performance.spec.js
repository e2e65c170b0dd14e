// Pipeline moves (drag and keyboard), quarterly targets on the dashboard, and win/loss reasons.
const { test, expect } = require("@playwright/test");
const { loadSample, waitSaved, goTo } = require("./helpers");

const lane = (page, key) => page.locator(`.lane[data-column="${key}"]`);

test("drag a card and move another by keyboard: totals update and survive a reload", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Pipeline");
  await expect(page.getByTestId("count-qualified")).toHaveText("1");
  await expect(page.getByTestId("totals-qualified")).toContainText("EUR 95k");

  // Drag: Analytics add-on upsell from Discovery back to Qualified.
  const card = lane(page, "discovery").locator(".deal-card", { hasText: "Analytics add-on upsell" });
  await card.dragTo(lane(page, "qualified"));
  await expect(page.getByTestId("count-qualified")).toHaveText("2");
  await expect(page.getByTestId("totals-qualified")).toContainText("EUR 445k");
  await expect(page.getByTestId("count-discovery")).toHaveText("0");

  // Keyboard only: Baltic Freight from Qualified back to Prospect with Shift+←.
  await lane(page, "qualified").locator(".deal-card", { hasText: "Baltic Freight" }).focus();
  await page.keyboard.press("Shift+ArrowLeft");
  await expect(page.getByTestId("count-prospect")).toHaveText("2");
  await expect(page.getByTestId("totals-prospect")).toContainText("EUR 215k");

  // A forward move past unmet exit criteria asks for a reason.
  await lane(page, "prospect").locator(".deal-card", { hasText: "Baltic Freight" }).focus();
  await page.keyboard.press("Shift+ArrowRight");
  const gate = page.getByRole("dialog", { name: /Move “Baltic Freight — network refresh” to Qualified/ });
  await expect(gate).toContainText("Pain or opportunity confirmed");
  await gate.getByLabel("Reason for moving on").fill("Budget round approved by email");
  await gate.getByRole("button", { name: "Move anyway" }).click();
  await expect(page.getByTestId("count-qualified")).toHaveText("2");

  await waitSaved(page);
  await page.reload();
  await expect(page.getByTestId("count-qualified")).toHaveText("2");
  await expect(page.getByTestId("count-discovery")).toHaveText("0");
  await expect(page.getByTestId("totals-qualified")).toContainText("EUR 445k");
});

test("a quarterly team target shows on the dashboard", async ({ page }) => {
  await loadSample(page);
  await page.goto("./#/goals");
  await expect(page.getByRole("heading", { name: "Goals and quotas" })).toBeVisible();
  // The sample's quarterly revenue target goes; a new one takes its place.
  await page.getByRole("button", { name: /Delete target Team Revenue won/ }).click();
  await page.getByRole("button", { name: "Add target" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Target (EUR)").fill("-5");
  await dialog.getByRole("button", { name: "Add target" }).click();
  await expect(dialog.getByRole("alert")).toContainText("above zero");
  await dialog.getByLabel("Target (EUR)").fill("640,000");
  await dialog.getByRole("button", { name: "Add target" }).click();
  await expect(page.getByTestId("quotas")).toContainText("Team · Revenue won");
  await expect(page.getByTestId("quotas")).toContainText("of EUR 640,000");

  // A custom metric with a manually entered actual.
  await page.getByRole("button", { name: "Add target" }).click();
  await dialog.getByLabel("Metric").selectOption("custom");
  await dialog.getByLabel("Custom metric name").fill("Reference calls");
  await dialog.getByLabel("Actual so far").fill("2");
  await dialog.getByLabel("Target", { exact: true }).fill("6");
  await dialog.getByRole("button", { name: "Add target" }).click();
  await expect(page.getByTestId("quotas")).toContainText("2 of 6 (33 %)");
  await page.getByLabel("Actual so far for Reference calls").fill("5");
  await page.getByLabel("Actual so far for Reference calls").press("Enter");
  await page.getByLabel("Actual so far for Reference calls").blur();
  await expect(page.getByTestId("quotas")).toContainText("5 of 6 (83 %)");

  await goTo(page, "Dashboard");
  await expect(page.getByTestId("kpi-won")).toContainText("% of EUR 640,000");
  await waitSaved(page);
  await page.reload();
  await expect(page.getByTestId("kpi-won")).toContainText("% of EUR 640,000");
});

test("marking a deal lost asks why, and the reason shows in win/loss", async ({ page }) => {
  await loadSample(page);
  await page.getByRole("link", { name: "Arcadia Health — service desk renewal" }).click();
  await page.getByRole("button", { name: "Mark lost" }).click();
  const dialog = page.getByRole("dialog", { name: /Mark lost/ });
  await dialog.getByRole("button", { name: "Mark lost" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Choose why");
  await dialog.getByLabel("Main reason we lost").selectOption("Lost to a competitor");
  await dialog.getByLabel("What happened (optional)").fill("Incumbent matched our price");
  await dialog.getByRole("button", { name: "Mark lost" }).click();
  await expect(page.getByTestId("outcome")).toContainText("Lost: Lost to a competitor");

  await page.goto("./#/win-loss");
  await expect(page.getByTestId("loss-reasons")).toContainText("Lost to a competitor");
  await expect(page.getByTestId("win-rate")).toHaveText("33 %");
  await waitSaved(page);
  await page.reload();
  await expect(page.getByTestId("loss-reasons")).toContainText("Lost to a competitor");
});

test("the forecast table lists periods, and a deal moved to a later period shows as slipped", async ({ page }) => {
  await loadSample(page);
  await page.getByRole("link", { name: "Arcadia Health — service desk renewal" }).click();
  await page.getByLabel("Forecast category").selectOption("commit");
  await page.getByRole("button", { name: "Edit project" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit project" });
  const current = await dialog.getByLabel("Target date").inputValue();
  const later = new Date(current);
  later.setMonth(later.getMonth() + 4);
  await dialog.getByLabel("Target date").fill(later.toISOString().slice(0, 10));
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await goTo(page, "Dashboard");
  await expect(page.getByTestId("forecast-table").locator("tbody tr")).toHaveCount(4);
  await expect(page.getByTestId("slipped")).toContainText("Arcadia Health — service desk renewal");
  await waitSaved(page);
  await page.reload();
  await expect(page.getByTestId("slipped")).toContainText("Arcadia Health — service desk renewal");
  await page.getByTestId("slipped").getByRole("link", { name: "Arcadia Health — service desk renewal" }).click();
  await expect(page.getByLabel("Forecast category")).toHaveValue("commit");
});
