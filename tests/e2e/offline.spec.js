// Once opened, Pursuit keeps working without a network.
const { test, expect } = require("@playwright/test");
const { loadSample, projectRows, SAMPLE_PROJECTS } = require("./helpers");

test.use({ serviceWorkers: "allow" });

test("the app reloads and works offline after the first visit", async ({ page, context }) => {
  await loadSample(page);
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.active.state;
  });
  // A second load lets the worker cache the hashed assets it did not control the first time.
  await page.reload();
  await expect.poll(() => projectRows(page)).toBe(SAMPLE_PROJECTS);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
  await expect.poll(() => projectRows(page)).toBe(SAMPLE_PROJECTS);
  await context.setOffline(false);
});
