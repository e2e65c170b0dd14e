// Hosting: the same build works from any folder of a plain static server, and the skip
// link goes to the main content.
const { test, expect } = require("@playwright/test");
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { loadSample } = require("./helpers");

test("the build works from a subfolder (https://example.org/tools/pursuit/) and survives a reload there", async ({ page }) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "pursuit-sub-"));
  fs.mkdirSync(path.join(root, "tools"));
  fs.symlinkSync(path.resolve(__dirname, "..", "..", "dist"), path.join(root, "tools", "pursuit"));
  const port = 8124 + (process.pid % 500);
  const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", root], { stdio: "ignore" });
  try {
    const failed = [];
    page.on("response", (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
    const base = `http://127.0.0.1:${port}/tools/pursuit/`;
    await expect.poll(async () => {
      try { return (await page.request.get(base)).status(); } catch { return 0; }
    }, { timeout: 10_000 }).toBe(200);
    await page.goto(base);
    await page.getByRole("button", { name: "Load the sample workspace" }).click();
    await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
    await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
    await expect(page.getByRole("heading", { name: "Helios Logistics — managed IT services", level: 1 })).toBeVisible();
    expect(page.url()).toContain("/tools/pursuit/");
    await page.reload();
    await expect(page.getByRole("heading", { name: "Helios Logistics — managed IT services", level: 1 })).toBeVisible();
    expect(failed).toEqual([]);
  } finally {
    server.kill();
  }
});

test("the skip link moves focus to the main content without leaving the page", async ({ page }) => {
  await loadSample(page);
  const before = page.url();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
  await expect(page.getByText("Page not found")).toHaveCount(0);
  expect(page.url()).toBe(before);
  await expect(page.locator("#main")).toBeFocused();
});

test("a strict Content-Security-Policy is in place and the app runs under it with no violation", async ({ page }) => {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await loadSample(page);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  for (const directive of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'"]) {
    expect(policy).toContain(directive);
  }
  expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  // No inline script and no global handle on the wasm bindings.
  expect(await page.locator("script:not([src])").count()).toBe(0);
  expect(await page.evaluate(() => typeof window.wasmBindings)).toBe("undefined");
  // Work across screens and a dialog, then check nothing was blocked.
  await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
  await page.getByRole("link", { name: "Goals", exact: true }).click();
  await page.getByRole("link", { name: "Timeline", exact: true }).click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Projects" }).click();
  await page.getByRole("button", { name: "New project" }).click();
  await expect(page.getByRole("dialog", { name: "New project" })).toBeVisible();
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
});

test("installable: the manifest's icons exist at the sizes it states, maskable included", async ({ page, request }) => {
  await page.goto("./");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  const manifestUrl = new URL(href, page.url()).href;
  const manifest = await (await request.get(manifestUrl)).json();
  for (const field of ["name", "short_name", "start_url", "display", "icons"]) expect(manifest[field]).toBeTruthy();
  expect(manifest.icons.length).toBeGreaterThanOrEqual(3);
  expect(manifest.icons.some((i) => i.purpose === "maskable")).toBe(true);
  for (const icon of manifest.icons) {
    const response = await request.get(new URL(icon.src, manifestUrl).href);
    expect(response.status(), icon.src).toBe(200);
    const body = await response.body();
    // A PNG whose header states the size the manifest claims.
    expect(body.subarray(1, 4).toString("ascii")).toBe("PNG");
    const [w, h] = icon.sizes.split("x").map(Number);
    expect([body.readUInt32BE(16), body.readUInt32BE(20)]).toEqual([w, h]);
  }
  // And Chromium itself finds nothing that stops installing it (the check behind its
  // install button, and behind Lighthouse's former PWA audit).
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  // Playwright's contexts are off-the-record profiles, which Chromium never installs into;
  // that is the test browser, not the app (scripts/lighthouse asks in a normal profile).
  expect(installabilityErrors.filter((e) => e.errorId !== "in-incognito")).toEqual([]);
});

test("a dialog keeps focus inside while open and gives it back to the control that opened it", async ({ page }) => {
  await loadSample(page);
  const opener = page.getByRole("button", { name: "New project" });
  await opener.click();
  const dialog = page.getByRole("dialog", { name: "New project" });
  await expect(dialog).toBeVisible();
  // Tab round the whole dialog and further: focus never leaves it.
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("Shift+Tab");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});

test("the first paint does not wait for the app's code: a static splash shows, then the app replaces it", async ({ page }) => {
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route("**/*.wasm", async (route) => { await held; await route.continue(); });
  await page.goto("./");
  await expect(page.getByRole("status").filter({ hasText: "Opening your workspace…" })).toBeVisible();
  expect(await page.evaluate(() => performance.getEntriesByName("first-contentful-paint").length)).toBe(1);
  release();
  await expect(page.getByRole("button", { name: "Load the sample workspace" })).toBeVisible();
  await expect(page.locator("#boot-splash")).toHaveCount(0);
});
