// Print and "Save as PDF": the dashboard, a project's plan and the status update print as
// clean pages — no navigation or buttons, nothing wider than the paper, charts scaled to it,
// always in the light colours.
const { test, expect } = require("@playwright/test");
const { loadSample } = require("./helpers");

// An A4 page at 96 dpi less Chromium's default 1 cm margins each side.
const PAPER = 718;

async function overflowing(page) {
  return page.evaluate((paper) => {
    const out = [];
    for (const el of document.querySelectorAll("body *")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > paper + 1 || r.left < -1) out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} ${Math.round(r.left)}–${Math.round(r.right)}`);
    }
    return { out, scroll: document.documentElement.scrollWidth };
  }, PAPER);
}

test("the dashboard, a plan and the status update print within the page, without navigation", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: PAPER, height: 1000 }, colorScheme: "dark", serviceWorkers: "block" });
  const page = await context.newPage();
  await loadSample(page);
  const screens = [
    ["#/", "Dashboard"],
    [null, "Plan"],
    [null, "Status update"],
  ];
  expect(screens.length).toBe(3);
  for (const [hash, name] of screens) {
    await page.emulateMedia({ media: "screen" });
    if (hash) {
      await page.goto(`./${hash}`);
    } else {
      await page.goto("./#/projects");
      await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
      await page.getByRole("navigation", { name: "Project views" }).getByRole("link", { name, exact: true }).click();
    }
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    await page.emulateMedia({ media: "print" });
    await page.waitForTimeout(200);
    if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/print-${name.replace(/ /g, "-").toLowerCase()}.png`, fullPage: true });
    // No navigation, no buttons.
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    expect(await page.locator("button:visible:not(.sort)").count(), name).toBe(0);
    // The page's title is printed (a status update's own title names the project).
    await expect(page.getByRole("heading").first(), name).toBeVisible();
    expect(await page.getByRole("heading").first().textContent(), name).toMatch(/Dashboard|Helios Logistics/);
    // Nothing wider than the paper.
    const { out, scroll } = await overflowing(page);
    expect(out, `${name}: ${out.join(", ")}`).toEqual([]);
    expect(scroll, name).toBeLessThanOrEqual(PAPER);
    // No table is cut by its frame (a frame scrolls on screen; paper cannot scroll), and no
    // amount breaks inside the number ("EUR 320," / "000").
    const cut = await page.locator(".table-wrap").evaluateAll((wraps) =>
      wraps.filter((w) => w.offsetWidth > 0 && w.scrollWidth > w.clientWidth + 1).map((w) => `${w.scrollWidth} in ${w.clientWidth}`));
    expect(cut, name).toEqual([]);
    const broken = await page.locator("td.numeric, th.numeric").evaluateAll((cells) =>
      cells.filter((c) => c.offsetWidth > 0 && /\d/.test(c.textContent)).filter((c) => {
        const range = document.createRange();
        range.selectNodeContents(c);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
      }).map((c) => c.textContent));
    expect(broken, name).toEqual([]);
    // Paper is white whatever the screen's theme.
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg, name).toBe("rgb(255, 255, 255)");
  }
  // And Chromium makes a PDF of it.
  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.length).toBeGreaterThan(1000);
  await context.close();
});
