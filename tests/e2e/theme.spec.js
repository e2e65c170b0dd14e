// Dark mode: follows the system, or the choice made on the Team screen, kept per browser
// (never in the shared file) and applied before the app draws on the next visit.
const { test, expect } = require("@playwright/test");
const { loadSample, goTo, exportWorkspace } = require("./helpers");
const fs = require("fs");

const isDark = async (page) => {
  const bg = await page.evaluate(() => getComputedStyle(document.querySelector(".main-column")).backgroundColor);
  const [r, g, b] = bg.match(/\d+/g).map(Number);
  return (r + g + b) / 3 < 80;
};

test("the colours follow the system until a theme is chosen in this browser", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "dark", serviceWorkers: "block" });
  const page = await context.newPage();
  await loadSample(page);
  expect(await isDark(page)).toBe(true);

  await goTo(page, "Team");
  const choice = page.getByTestId("theme");
  await expect(choice).toHaveValue("system");
  await choice.selectOption({ label: "Light" });
  expect(await isDark(page)).toBe(false);
  expect(await page.evaluate(() => localStorage.getItem("pursuit:theme"))).toBe("light");

  // Kept across a reload, and applied by boot.js before the app starts.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Team", level: 1 })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("light");
  expect(await isDark(page)).toBe(false);
  await expect(page.getByTestId("theme")).toHaveValue("light");

  // Not part of the shared file.
  const file = await exportWorkspace(page);
  expect(fs.readFileSync(file, "utf8")).not.toContain("pursuit:theme");

  // Dark by choice under a light system, then back to the system.
  await context.close();
  const light = await browser.newContext({ colorScheme: "light", serviceWorkers: "block" });
  const p2 = await light.newPage();
  await loadSample(p2);
  expect(await isDark(p2)).toBe(false);
  await goTo(p2, "Team");
  await p2.getByTestId("theme").selectOption({ label: "Dark" });
  expect(await isDark(p2)).toBe(true);
  await p2.getByTestId("theme").selectOption({ label: "As the system is" });
  expect(await isDark(p2)).toBe(false);
  expect(await p2.evaluate(() => localStorage.getItem("pursuit:theme"))).toBeNull();
  await light.close();
});
