// At 1280 px the pipeline shows every stage, Won and Lost included, without scrolling
// sideways, the portfolio's risk register fits the page, and so does the dashboard's forecast
// by period, every column; the win/loss tables break group names between words, never inside
// one. At 390 px the template editor fits the phone.
const { test, expect } = require("@playwright/test");
const { loadSample } = require("./helpers");

test.describe("desktop", () => {
  test.use({ viewport: { width: 1280, height: 860 } });

  test("the pipeline shows every stage and the risk register fits at 1280 px", async ({ page }) => {
    await loadSample(page);
    await page.goto("./#/pipeline");
    const lanes = page.locator(".lane");
    await expect(lanes.first()).toBeVisible();
    expect(await lanes.count()).toBeGreaterThanOrEqual(7);
    await expect(page.getByRole("region", { name: "Won column" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Lost column" })).toBeVisible();
    for (let i = 0; i < (await lanes.count()); i++) {
      const box = await lanes.nth(i).boundingBox();
      expect(box.x + box.width, `lane ${i}`).toBeLessThanOrEqual(1280);
    }
    const board = await page.locator(".board").evaluate((b) => b.scrollWidth - b.clientWidth);
    expect(board).toBeLessThanOrEqual(0);

    await page.goto("./#/risks");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const wraps = page.locator("main .table-wrap");
    expect(await wraps.count()).toBeGreaterThan(0);
    for (let i = 0; i < (await wraps.count()); i++) {
      expect(await wraps.nth(i).evaluate((w) => w.scrollWidth - w.clientWidth), `table ${i}`).toBeLessThanOrEqual(0);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });

  test("the forecast by period shows every column at 1280 px, coverage included", async ({ page }) => {
    await loadSample(page);
    await page.goto("./#/dashboard");
    const wrap = page.getByRole("region", { name: "Forecast by period" });
    await expect(wrap.getByRole("columnheader", { name: "Coverage" })).toBeVisible();
    expect(await wrap.evaluate((w) => w.scrollWidth - w.clientWidth)).toBeLessThanOrEqual(0);
  });

  test("the win/loss tables keep every word of a group whole and every column in view at 1280 px", async ({ page }) => {
    await loadSample(page);
    await page.goto("./#/win-loss");
    const names = page.locator("table.compact tbody th");
    await expect(names.first()).toBeVisible();
    const count = await names.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      // Each word of the name lies on one line: a word split across lines has two boxes.
      const split = await names.nth(i).evaluate((th) => {
        const text = th.firstChild;
        const words = [];
        for (const m of text.textContent.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(text, m.index);
          range.setEnd(text, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (lines.size > 1) words.push(m[0]);
        }
        return words;
      });
      expect(split, `group ${i}`).toEqual([]);
    }
    const wraps = page.locator("table.compact").locator("xpath=..");
    for (let i = 0; i < (await wraps.count()); i++) {
      expect(await wraps.nth(i).evaluate((w) => w.scrollWidth - w.clientWidth), `table ${i}`).toBeLessThanOrEqual(0);
    }
  });
});

test.describe("phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the template editor fits a 390 px screen", async ({ page }) => {
    await loadSample(page);
    await page.goto("./#/templates");
    await page.getByRole("link", { name: "Complex B2B deal" }).first().click();
    await expect(page.getByRole("button", { name: "Save template" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const tables = page.locator("main table");
    expect(await tables.count()).toBeGreaterThan(0);
    for (let i = 0; i < (await tables.count()); i++) {
      const box = await tables.nth(i).boundingBox();
      expect(box.x + box.width, `table ${i}`).toBeLessThanOrEqual(390);
    }
  });
});
