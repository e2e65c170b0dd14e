// A new version deployed while the app is open: the tab keeps its files, says a new version
// is ready, and reloading onto it keeps the stored workspace.
const { test, expect } = require("@playwright/test");
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { projectRows, SAMPLE_PROJECTS, waitSaved } = require("./helpers");

test.use({ serviceWorkers: "allow" });

test("build A, visit, build B deployed: notice shown, reload onto B, data intact", async ({ page }) => {
  // Deploy "build A": a copy of dist served on its own port.
  const site = fs.mkdtempSync(path.join(os.tmpdir(), "pursuit-deploy-"));
  const dist = path.resolve(__dirname, "..", "..", "dist");
  for (const f of fs.readdirSync(dist)) fs.copyFileSync(path.join(dist, f), path.join(site, f));
  const port = 8700 + (process.pid % 200);
  const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", site], { stdio: "ignore" });
  try {
    const base = `http://127.0.0.1:${port}/`;
    await expect.poll(async () => { try { return (await page.request.get(base)).status(); } catch { return 0; } }, { timeout: 10_000 }).toBe(200);
    await page.goto(base);
    await page.getByRole("button", { name: "Load the sample workspace" }).click();
    await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
    await waitSaved(page);
    const buildOf = () => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("pursuit-")).sort());
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await expect(page.getByTestId("update-ready")).toHaveCount(0);
    const before = await buildOf();

    // Deploy "build B": a new build id in the worker (what precache.js writes for new files).
    const worker = path.join(site, "sw.js");
    const source = fs.readFileSync(worker, "utf8");
    fs.writeFileSync(worker, source.replace(/const BUILD = "([0-9a-f]+)"/, 'const BUILD = "b$1"'));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());

    const notice = page.getByTestId("update-ready");
    // The new worker precaches every file (~4 MB) before it says so: alone that takes about
    // a second here, but with the other worker's test loading both cores it once took over
    // the default 10 s.
    await expect(notice).toContainText("A new version of Pursuit is ready", { timeout: 30_000 });
    // Still running build A's files meanwhile.
    await expect.poll(() => projectRows(page)).toBe(SAMPLE_PROJECTS);
    await notice.getByRole("button", { name: "Reload" }).click();
    await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
    await expect(page.getByTestId("update-ready")).toHaveCount(0);
    await expect.poll(() => projectRows(page)).toBe(SAMPLE_PROJECTS);
    // Build B's cache replaced build A's.
    await expect.poll(buildOf).not.toEqual(before);
    expect((await buildOf()).some((k) => k.startsWith("pursuit-b"))).toBe(true);
  } finally {
    server.kill();
  }
});
