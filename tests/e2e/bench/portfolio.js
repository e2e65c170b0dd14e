// Portfolio screen benchmark: with 10 and 2,000 projects (20 tasks each, every project
// scored), how long from navigating to the Portfolio until its ranking, health and money
// sections are drawn — median of 5, and the ratio to 10 projects in the same run. Run
// through scripts/bench-portfolio; prints figures, asserts nothing.
const { chromium } = require("@playwright/test");
const { execFileSync, spawn } = require("child_process");
const path = require("path");

const root = path.resolve(__dirname, "..", "..", "..");
const port = 8195;
const sizes = (process.env.SIZES || "10,2000").split(",").map(Number);
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
      // What the app would have stored for this workspace (storage::replace, natively).
      const stored = execFileSync("cargo", ["run", "-q", "--release", "--example", "workspace_gen", "--", `stored-scored-${n}`], { cwd: root, maxBuffer: 1 << 30 }).toString();
      await page.evaluate((text) => {
        localStorage.clear();
        for (const [k, v] of Object.entries(JSON.parse(text))) localStorage.setItem(k, v);
      }, stored);
      await page.goto(`http://127.0.0.1:${port}/#/projects`);
      await page.reload();
      await page.getByTestId("save-status").waitFor({ timeout: 120_000 });
      const times = [];
      for (let i = 0; i < 5; i++) {
        await page.goto(`http://127.0.0.1:${port}/#/team`);
        await page.getByRole("heading", { name: "Team", level: 1 }).waitFor();
        const started = await page.evaluate(() => performance.now());
        await page.evaluate(() => { location.hash = "#/portfolio"; });
        await page.getByTestId("portfolio-money").waitFor({ timeout: 120_000 });
        await page.getByTestId("decision-log").waitFor();
        times.push((await page.evaluate(() => performance.now())) - started);
      }
      const ranked = await page.getByTestId("ranking").locator("tbody tr").count();
      rows.push({ projects: n, "ranked rows": ranked, ms: median(times) });
      await context.close();
    }
  } finally {
    await browser.close();
    server.kill();
  }
  const base = rows[0];
  console.table(rows.map((r) => ({ ...r, ms: r.ms.toFixed(0), [`÷ ${base.projects}`]: (r.ms / base.ms).toFixed(1) })));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
