// Portfolio screen benchmark: with 10 and 2,000 projects (20 tasks each, every project
// scored), how long from navigating to the Portfolio until its ranking, health and money
// sections are drawn — median of 5, and the ratio to 10 projects in the same run. Run
// through scripts/bench-portfolio; prints figures, asserts nothing.
const { median, open, seed } = require("./common");

const port = 8195;
const sizes = (process.env.SIZES || "10,2000").split(",").map(Number);

async function main() {
  const { browser, base, close } = await open(port);
  const rows = [];
  try {
    for (const n of sizes) {
      const context = await browser.newContext({ serviceWorkers: "block" });
      const page = await context.newPage();
      await page.goto(`${base}/`);
      if (!(await seed(page, base, `stored-scored-${n}`)).fits) throw new Error(`${n} projects do not fit the quota`);
      const times = [];
      for (let i = 0; i < 5; i++) {
        await page.goto(`${base}/#/team`);
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
    await close();
  }
  const first = rows[0];
  console.table(rows.map((r) => ({ ...r, ms: r.ms.toFixed(0), [`÷ ${first.projects}`]: (r.ms / first.ms).toFixed(1) })));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
