// Offline from the first visit: every file of the build is cached when the worker installs.
const { test, expect } = require("@playwright/test");
const { loadSample, projectRows, SAMPLE_PROJECTS } = require("./helpers");

test.use({ serviceWorkers: "allow" });

test("after one visit the app opens offline with the HTTP cache bypassed", async ({ page, context }) => {
  await loadSample(page);
  const cached = await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    const keys = await caches.keys();
    const cache = await caches.open(keys.find((k) => k.startsWith("pursuit-")));
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  expect(cached.length).toBeGreaterThan(3);
  expect(cached.some((p) => p.endsWith(".wasm"))).toBe(true);
  expect(cached.some((p) => p.endsWith(".js"))).toBe(true);
  expect(cached.some((p) => p.endsWith(".css"))).toBe(true);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
  await expect.poll(() => projectRows(page)).toBe(SAMPLE_PROJECTS);
  await context.setOffline(false);
});
