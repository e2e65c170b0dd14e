// Keyboard focus: the ring shows at 3:1 or better against what is behind it, in both
// themes; after an edit (move, delete, add) focus lands on something sensible, never <body>.
const { test, expect } = require("@playwright/test");
const { loadSample } = require("./helpers");

/** The focused element's ring and the contrast of its colour with the background behind. */
async function ring(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: "body" };
    const parse = (c) => (c.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let bg = null;
    for (let n = el.parentElement; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) { bg = c; break; }
      // A gradient (the sidebar's) counts as its first colour.
      const image = getComputedStyle(n).backgroundImage;
      const first = image.match(/rgba?\([^)]*\)/);
      if (first) { bg = parse(first[0]); break; }
    }
    bg = bg || [255, 255, 255];
    const s = getComputedStyle(el);
    const color = parse(s.outlineColor);
    const [a, b] = [lum(color), lum(bg)];
    const contrast = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    return { tag: `${el.tagName.toLowerCase()} ${el.getAttribute("aria-label") || el.textContent.trim().slice(0, 30)}`, style: s.outlineStyle, width: parseFloat(s.outlineWidth), contrast, alpha: color[3] ?? 1 };
  });
}

for (const colorScheme of ["light", "dark"]) {
  test(`the focus ring is at least 3:1 against its background, ${colorScheme}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme, serviceWorkers: "block" });
    const page = await context.newPage();
    await loadSample(page);
    const seen = [];
    for (const hash of ["#/", "#/projects", "#/pipeline"]) {
      await page.goto(`./${hash}`);
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press("Tab");
        const r = await ring(page);
        if (r.tag === "body") continue;
        seen.push(r);
        expect(r.style, r.tag).not.toBe("none");
        expect(r.width, r.tag).toBeGreaterThanOrEqual(2);
        expect(r.alpha, r.tag).toBe(1);
        expect(r.contrast, `${hash} ${r.tag}`).toBeGreaterThanOrEqual(3);
      }
    }
    expect(seen.length).toBeGreaterThan(40);
    await context.close();
  });
}

test("after moving, deleting or adding a task, focus is on a control, never on <body>", async ({ page }) => {
  await loadSample(page);
  await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
  const onBody = () => page.evaluate(() => document.activeElement === document.body || document.activeElement === null);

  // Move: the button moves with its row and keeps focus, so pressing again moves further.
  const down = page.getByRole("button", { name: /^Move .+ down$/ }).first();
  const label = await down.getAttribute("aria-label");
  await down.focus();
  await page.keyboard.press("Enter");
  await expect.poll(async () => page.evaluate(() => document.activeElement.getAttribute("aria-label"))).toBe(label);
  expect(await onBody()).toBe(false);

  // Delete, confirmed from the keyboard: the row is gone; focus is in the page, not on <body>.
  const del = page.getByRole("button", { name: /^Delete task / }).first();
  await del.focus();
  await page.keyboard.press("Enter");
  const confirm = page.getByRole("dialog", { name: "Delete task?" });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Delete task" }).focus();
  await page.keyboard.press("Enter");
  await expect(confirm).toHaveCount(0);
  await page.waitForTimeout(100);
  expect(await onBody()).toBe(false);
  expect(await page.evaluate(() => document.activeElement.id || document.activeElement.tagName)).toBeTruthy();

  // Add: focus returns to the button that opened the dialog.
  const add = page.getByRole("main").getByRole("button", { name: "Add task", exact: true });
  await add.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Add task" });
  await dialog.getByLabel("Task").fill("Send the pilot plan");
  await dialog.getByRole("button", { name: "Add task" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("main").getByRole("button", { name: "Add task", exact: true })).toBeFocused();

  // Pipeline: a card moved with its menu leaves focus in the board, not on <body>.
  await page.goto("./#/pipeline");
  const move = page.locator('select[aria-label^="Move "]').first();
  await move.focus();
  await move.selectOption({ index: 1 });
  const ask = page.getByRole("dialog");
  if (await ask.count()) {
    await ask.getByRole("button").last().focus();
    await page.keyboard.press("Enter");
  }
  await page.waitForTimeout(150);
  expect(await onBody()).toBe(false);
});
