// WCAG 2.2 AA, measured: axe-core finds no violation on any screen or dialog, at a desktop
// and a phone width, in the light and the dark theme.
const { test, expect } = require("@playwright/test");
const { loadSample } = require("./helpers");
const { axeViolations, tour } = require("./a11y");

for (const colorScheme of ["light", "dark"]) {
  for (const width of [1280, 390]) {
    test(`axe finds no violation on any screen or dialog at ${width} px, ${colorScheme}`, async ({ browser }) => {
      test.setTimeout(240_000);
      const context = await browser.newContext({ viewport: { width, height: 860 }, colorScheme, serviceWorkers: "block" });
      const page = await context.newPage();
      const found = [];
      const visited = [];
      await page.goto("./");
      await expect(page.getByRole("button", { name: "Load the sample workspace" })).toBeVisible();
      for (const line of await axeViolations(page)) found.push(`Welcome: ${line}`);
      await loadSample(page);
      await tour(page, async (name) => {
        visited.push(name);
        for (const line of await axeViolations(page)) found.push(`${name}: ${line}`);
      });
      expect(visited.length).toBeGreaterThan(30);
      expect(found, found.join("\n")).toEqual([]);
      await context.close();
    });
  }
}
