// At 1280 px the pipeline shows every stage, Won and Lost included, without scrolling
// sideways, the portfolio's risk register fits the page, and so does the dashboard's forecast
// by period, every column; the win/loss tables, a project's risk register and its people
// break text between words, never inside one, and keep their actions in view, as does the team
// table (addresses wrap after their @). At 390 px the
// template editor fits the phone, the influence × stance grid keeps names whole, and charts'
// labels stay readable.
const { test, expect } = require("@playwright/test");
const { loadSample } = require("./helpers");

test.describe("desktop", () => {
  test.use({ viewport: { width: 1280, height: 860 } });

  test("the pipeline shows every stage and the risk register fits at 1280 px", async ({ page }) => {
    await loadSample(page);
    await page.goto("./#/pipeline");
    const lanes = page.locator(".lane");
    await expect(lanes.first()).toBeVisible();
    await expect.poll(() => lanes.count()).toBeGreaterThanOrEqual(7);
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
    await expect(wraps).not.toHaveCount(0);
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
    await expect(page.locator("table.compact tbody th").first()).toBeVisible();
    expect(await splitWords(page.locator("table.compact tbody th"))).toEqual([]);
    await expectNoSidewaysScroll(page.locator("table.compact").locator("xpath=.."));
  });

  test("a project's risk register, people and competitors keep their actions in view and their words whole at 1280 px", async ({ page }) => {
    await loadSample(page);
    await page.goto("./#/projects");
    await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
    await page.getByRole("link", { name: "Risks", exact: true }).click();
    await expect(page.getByTestId("risks")).toBeVisible();
    await expectNoSidewaysScroll(page.locator("main .table-wrap"));
    const edit = await page.getByTestId("risks").getByRole("button", { name: /^Edit/ }).first().boundingBox();
    expect(edit.x + edit.width).toBeLessThanOrEqual(1280);
    expect(await splitWords(page.getByTestId("risks").locator("tbody td"))).toEqual([]);

    await page.getByRole("link", { name: "People", exact: true }).click();
    await expect(page.getByTestId("people")).toBeVisible();
    await expectNoSidewaysScroll(page.locator("main .table-wrap"));
    expect(await splitWords(page.getByTestId("people").locator("tbody th, tbody td"))).toEqual([]);

    await page.getByRole("link", { name: "Competitors", exact: true }).click();
    await expect(page.getByTestId("competitors")).toBeVisible();
    await expectNoSidewaysScroll(page.locator("main .table-wrap"));
    expect(await splitWords(page.getByTestId("competitors").locator("tbody th, tbody td"))).toEqual([]);
  });
  test("the team table keeps every column, its actions included, in view at 1280 px; addresses wrap only after their @", async ({ page }) => {
    await loadSample(page);
    await page.goto("./#/team");
    const table = page.locator("table.team-table");
    await expect(table).toBeVisible();
    await expectNoSidewaysScroll(page.locator("main .table-wrap"));
    expect(await splitWords(table.locator("tbody th, tbody td"))).toEqual([]);
    await expect(table.locator("td[data-label=Email]").first()).toHaveText("jonas.berg@northwind.example");
  });

  test("the portfolio ranking keeps Approve, Hold and Reject in view at 1280 px, words whole", async ({ page }) => {
    await loadSample(page);
    await page.goto("./#/portfolio");
    const ranking = page.getByTestId("ranking");
    await expect(ranking.locator("table.ranking-table")).toBeVisible();
    await expectNoSidewaysScroll(ranking.locator(".table-wrap"));
    const reject = ranking.getByRole("button", { name: /^Reject / });
    await expect(reject).not.toHaveCount(0);
    for (const name of [/^Approve /, /^Put .* on hold$/, /^Reject /]) {
      const box = await ranking.getByRole("button", { name }).first().boundingBox();
      expect(box.x + box.width, String(name)).toBeLessThanOrEqual(1280);
    }
    expect(await splitWords(ranking.locator("tbody th, tbody td:not(.row-actions)"))).toEqual([]);
    // One person, one week: singular.
    await expect(ranking.locator("td[data-label=Needs]", { hasText: /\b1 people\b|\b1 weeks\b/ })).toHaveCount(0);
  });

  test("a project's tasks table shows every column, its statuses whole and its actions in view at 1280 px", async ({ page }) => {
    await loadSample(page);
    await page.goto("./#/projects");
    await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
    const table = page.locator("table.tasks-table");
    await expect(table.locator("tbody tr").first()).toBeVisible();
    await expectNoSidewaysScroll(table.locator("xpath=.."));
    const statuses = table.locator("select.task-status");
    await expect(statuses).not.toHaveCount(0);
    // A status select shows its whole word ("To do", not "To d…").
    const cut = await statuses.evaluateAll((all) => all.filter((s) => {
      const probe = document.createElement("span");
      probe.style.cssText = `font: ${getComputedStyle(s).font}; position: absolute; visibility: hidden; white-space: nowrap`;
      probe.textContent = s.selectedOptions[0].textContent;
      document.body.append(probe);
      const fits = probe.getBoundingClientRect().width + 24 <= s.clientWidth;
      probe.remove();
      return !fits;
    }).map((s) => s.selectedOptions[0].textContent));
    expect(cut).toEqual([]);
    for (const name of [/^Edit task /, /^Delete task /]) {
      const box = await table.getByRole("button", { name }).last().boundingBox();
      expect(box.x + box.width, String(name)).toBeLessThanOrEqual(1280);
    }
  });
});

/** The words of the cells' text that lie on two lines (a word split across lines has boxes
 *  at two heights). */
async function splitWords(cells) {
  const count = await cells.count();
  expect(count).toBeGreaterThan(0);
  const split = [];
  for (let i = 0; i < count; i++) {
    split.push(...(await cells.nth(i).evaluate((cell) => {
      const words = [];
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        for (const m of text.textContent.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(text, m.index);
          range.setEnd(text, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (lines.size > 1) words.push(m[0]);
        }
      }
      return words;
    })));
  }
  return split;
}

/** None of the scroll containers scrolls sideways. */
async function expectNoSidewaysScroll(wraps) {
  const count = await wraps.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    expect(await wraps.nth(i).evaluate((w) => w.scrollWidth - w.clientWidth), `table ${i}`).toBeLessThanOrEqual(0);
  }
}

test.describe("phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the template editor fits a 390 px screen", async ({ page }) => {
    await loadSample(page);
    await page.goto("./#/templates");
    await page.getByRole("link", { name: "Complex B2B deal" }).first().click();
    await expect(page.getByRole("button", { name: "Save template" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const tables = page.locator("main table");
    await expect(tables).not.toHaveCount(0);
    for (let i = 0; i < (await tables.count()); i++) {
      const box = await tables.nth(i).boundingBox();
      expect(box.x + box.width, `table ${i}`).toBeLessThanOrEqual(390);
    }
  });

  test("the influence × stance grid keeps names whole on a 390 px screen, scrolling inside its card", async ({ page }) => {
    await loadSample(page);
    await page.goto("./#/projects");
    await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
    await page.getByRole("link", { name: "People", exact: true }).click();
    const grid = page.getByTestId("stance-grid");
    await expect(grid).toBeVisible();
    expect(await splitWords(grid.locator(".person-chip, [role=rowheader], [role=columnheader]"))).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });

  test("a task card on a phone names its two checkboxes and keeps them apart", async ({ page }) => {
    await loadSample(page);
    await page.goto("./#/projects");
    await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
    const rows = page.locator("table.tasks-table tbody tr");
    await expect(rows.first()).toBeVisible();
    await expect(rows).not.toHaveCount(0);
    const row = rows.first();
    const select = row.locator(".select-cell");
    const done = row.locator("td.check-cell:not(.select-cell)");
    await expect(select).toHaveText("Select");
    await expect(done).toHaveText("Done");
    const [a, b] = [await select.locator("input").boundingBox(), await done.locator("input").boundingBox()];
    const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
    expect(apart).toBe(true);
    // A card's fields stay in their half: the planned dates (with "Critical") do not run
    // into the due date beside them.
    const overlaps = await page.locator("table.tasks-table tbody tr").evaluateAll((trs) => trs.filter((tr) => {
      const planned = tr.querySelector('td[data-label="Planned"]');
      const due = tr.querySelector('td[data-label="Due"]');
      if (!planned || !due) return false;
      const right = Math.max(...[...planned.querySelectorAll("*")].map((e) => e.getBoundingClientRect().right), planned.getBoundingClientRect().right);
      return right > due.getBoundingClientRect().left + 1 && planned.getBoundingClientRect().top === due.getBoundingClientRect().top;
    }).length);
    expect(overlaps).toBe(0);
    // Each is a control with its own name.
    await expect(row.getByRole("checkbox", { name: /^Select / })).toHaveCount(1);
    await expect(row.getByRole("checkbox", { name: /^Done: / })).toHaveCount(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });

  test("charts' labels are drawn at a readable size on a 390 px screen", async ({ page }) => {
    await loadSample(page);
    // Each chart's smallest label, in px on screen: they scale with the chart to about half.
    const smallest = (selector) => page.locator(selector).evaluateAll((texts) =>
      Math.min(...texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a)));
    await page.goto("./#/dashboard");
    await expect(page.locator(".chart-svg text").first()).toBeVisible();
    await expect(page.locator(".chart-svg text")).not.toHaveCount(0);
    expect(await smallest(".chart-svg text")).toBeGreaterThanOrEqual(8);
    await page.goto("./#/portfolio");
    await expect(page.getByTestId("score-chart")).toBeVisible();
    expect(await smallest(".score-chart text")).toBeGreaterThanOrEqual(8);
  });
});
