// The dashboard's gap to target and each person's numbers, with "my numbers".
const { test, expect } = require("@playwright/test");
const { loadSample, goTo } = require("./helpers");

test("the dashboard shows the gap to target in money and typical deals, and each person's numbers", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Dashboard");
  const card = page.getByTestId("people-numbers");
  await expect(card.getByRole("heading", { name: "Gap to target" })).toBeVisible();
  // The sample's quarter target is EUR 900,000: the gap is a sum and a count of deals.
  await expect(card.getByTestId("gap")).toContainText(/EUR [\d,]+/);
  await expect(card.getByTestId("gap")).toContainText(/≈ \d+ more deals? of the typical EUR/);
  const rows = card.getByTestId("owner-table").locator("tbody tr");
  expect(await rows.count()).toBeGreaterThan(1);
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
