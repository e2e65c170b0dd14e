// Storage benchmark: for workspaces of 10, 2,000 and 5,000 projects (20 tasks each), imports
// the file into a fresh Chromium profile and prints the stored size, the load time and the
// time of one edit applied and persisted (median of 9), with each size's edit time as a
// ratio to the 10-project figure measured in the same run (the goal: within 1.2×). Run
// through scripts/bench-storage; prints figures, asserts nothing.
const { chromium } = require("@playwright/test");
const { execFileSync, spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.resolve(__dirname, "..", "..", "..");
const port = 8199;
const sizes = (process.env.SIZES || "10,2000,5000").split(",").map(Number);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", path.join(root, "dist")], { stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 800));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const rows = [];
  try {
    for (const n of sizes) {
      const context = await browser.newContext({ serviceWorkers: "block" });
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      let fileMb = "—";
      if (n <= 2000) {
        // Through the app: open the file on the first screen.
        const file = path.join(os.tmpdir(), `pursuit-bench-${n}.json`);
        fs.writeFileSync(file, execFileSync("cargo", ["run", "-q", "--release", "--example", "workspace_gen", "--", String(n)], { cwd: root, maxBuffer: 1 << 30 }));
        fileMb = (fs.statSync(file).size / 1e6).toFixed(1);
        await page.getByText("Or open a workspace file").click();
        await page.getByTestId("import-file").setInputFiles(file);
        await page.getByRole("button", { name: "Replace workspace" }).click({ timeout: 120_000 });
        await page.getByTestId("save-status").filter({ hasText: /Saved/ }).waitFor({ timeout: 120_000 });
      } else {
        // Its file is over the 64 MiB import limit: put in storage what the app would
        // have written (storage::replace, natively), then load it.
        const stored = execFileSync("cargo", ["run", "-q", "--release", "--example", "workspace_gen", "--", `stored-${n}`], { cwd: root, maxBuffer: 1 << 30 }).toString();
        await page.evaluate((text) => {
          localStorage.clear();
          for (const [k, v] of Object.entries(JSON.parse(text))) localStorage.setItem(k, v);
        }, stored);
        await page.goto(`http://127.0.0.1:${port}/#/projects`);
        await page.reload();
        await page.getByTestId("save-status").waitFor({ timeout: 120_000 });
      }
      const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("pursuit:")).reduce((sum, k) => sum + k.length + localStorage.getItem(k).length, 0));

      const loads = [];
      for (let i = 0; i < 3; i++) {
        const started = Date.now();
        await page.reload();
        await page.getByRole("heading", { level: 1 }).first().waitFor();
        const rendered = Date.now() - started;
        const load = await page.evaluate(() => window.__pursuitTimings["pursuit:load"].at(-1));
        loads.push({ load, rendered });
      }

      // One edit: tick a task done on a project's page, until the save has been written.
      const href = await page.locator(".projects-table tbody tr th a").first().getAttribute("href");
      await page.goto(`http://127.0.0.1:${port}/${href}`);
      const edits = [];
      const applied = [];
      for (let i = 0; i < 9; i++) {
        const box = page.locator(".tasks-table tbody input[type=checkbox]").nth(6 + i);
        const before = await page.evaluate(() => (window.__pursuitTimings["pursuit:save"] || []).length);
        await box.click();
        await page.waitForFunction((b) => (window.__pursuitTimings["pursuit:save"] || []).length > b, before);
        edits.push(await page.evaluate(() => window.__pursuitTimings["pursuit:save"].at(-1)));
        applied.push(await page.evaluate(() => window.__pursuitTimings["pursuit:dispatch"].at(-1)));
      }
      // The floor: the browser writing the same size of record back into this storage, with
      // nothing of Pursuit's around it.
      const floor = await page.evaluate(() => {
        const key = Object.keys(localStorage).find((k) => k.includes(":project:"));
        const value = localStorage.getItem(key);
        const times = [];
        for (let i = 0; i < 5; i++) {
          const started = performance.now();
          localStorage.setItem(key, value + " ");
          localStorage.setItem(key, value);
          times.push((performance.now() - started) / 2);
        }
        return times.sort((a, b) => a - b)[2];
      });
      rows.push({
        floor,
        projects: n,
        tasks: n * 20,
        "file MB": fileMb,
        "stored chars": stored.toLocaleString("en"),
        "quota used": `${((stored / 5_200_000) * 100).toFixed(1)} %`,
        "load ms (decode)": median(loads.map((l) => l.load)).toFixed(0),
        "reload to first screen ms": median(loads.map((l) => l.rendered)).toFixed(0),
        applied: median(applied),
        persisted: median(edits),
      });
      await context.close();
    }
  } finally {
    await browser.close();
    server.kill();
  }
  const base = rows[0];
  console.table(
    rows.map(({ applied, persisted, floor, ...row }) => ({
      ...row,
      "setItem floor ms": floor.toFixed(2),
      "one edit applied ms": applied.toFixed(2),
      "one edit persisted ms": persisted.toFixed(2),
      [`applied ÷ ${base.projects}`]: (applied / base.applied).toFixed(2),
      [`persisted ÷ ${base.projects}`]: (persisted / base.persisted).toFixed(2),
    })),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
