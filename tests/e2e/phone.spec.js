// On a 390 px phone no screen is wider than the screen: only charts scroll inside
// themselves. The pipeline stacks its stages, each card keeping its "Move to" menu.
const { test, expect } = require("@playwright/test");
const { loadSample } = require("./helpers");

test.use({ viewport: { width: 390, height: 844 } });

test("no screen scrolls sideways at 390 px; the pipeline stacks its stages", async ({ page }) => {
  await loadSample(page);
  const wide = async () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const screens = ["#/dashboard", "#/pipeline", "#/projects", "#/portfolio", "#/workload", "#/team", "#/templates", "#/history", "#/data", "#/goals", "#/win-loss"];
  expect(screens.length).toBeGreaterThan(0);
  for (const hash of screens) {
    await page.goto(`./${hash}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await wide(), hash).toBeLessThanOrEqual(0);
  }
  await page.goto("./#/projects");
  await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
  const tabs = page.getByRole("navigation", { name: "Project views" });
  for (const tab of ["Overview", "Plan", "Timeline", "Risks", "Goals", "Budget", "People", "Conversations", "Feedback", "Status update", "History"]) {
    await tabs.getByRole("link", { name: tab, exact: true }).click();
    expect(await wide(), tab).toBeLessThanOrEqual(0);
  }
  // The pipeline's stages are one under the other, and a card moves by its menu.
  await page.goto("./#/pipeline");
  const lanes = page.locator(".lane");
  await expect(lanes.first()).toBeVisible();
  await expect.poll(() => lanes.count()).toBeGreaterThan(2);
  const [a, b] = [await lanes.nth(0).boundingBox(), await lanes.nth(1).boundingBox()];
  expect(b.y).toBeGreaterThan(a.y + a.height - 1);
  expect(a.width).toBeLessThanOrEqual(390);
  await expect(page.locator(".deal-card").first().locator(".move-to select")).toBeVisible();
});

test("at 390 px every section of the navigation is on screen, not scrolled away", async ({ page }) => {
  await loadSample(page);
  const links = page.getByRole("navigation", { name: "Main" }).getByRole("link");
  const n = await links.count();
  expect(n).toBeGreaterThanOrEqual(8);
  for (let i = 0; i < n; i++) {
    const box = await links.nth(i).boundingBox();
    expect(box.x, await links.nth(i).textContent()).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, await links.nth(i).textContent()).toBeLessThanOrEqual(390);
  }
});
