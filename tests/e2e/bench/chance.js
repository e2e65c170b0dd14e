// Issue #18's speed goal: the chance of hitting the target (10,000 trials) over ~500 open
// deals of the quarter, timed in the page (the simulation; the health checks that pick the
// deals that may slip are the screens' shared ones), against the goal of 100 ms. Median of RUNS (default 5) reloads
// of the dashboard on a stored 1,600-project workspace (about 500 open deals in the quarter). Prints; never fails.
const { median, open, seed } = require("./common");

const RUNS = Number(process.env.RUNS || 5);

async function main() {
  const { browser, base, close } = await open(8192);
  try {
    const page = await (await browser.newContext({ serviceWorkers: "block" })).newPage();
    const { fits } = await seed(page, base, "stored-1600");
    if (!fits) throw new Error("1,600 projects do not fit");
    const times = [];
    const work = [];
    let deals = 0;
    for (let i = 0; i < RUNS; i++) {
      await page.goto(`${base}/#/`);
      await page.reload();
      // The trials run in slices between frames after the dashboard is drawn: wait for the
      // answer. The timing runs from the first slice to the answer, frames in between included.
      await page.getByTestId("target-chance").getByTestId("chance").waitFor({ timeout: 60_000 });
      const t = await page.evaluate(() => window.__pursuitTimings["pursuit:chance"]);
      times.push(t[t.length - 1]);
      work.push(await page.evaluate(() => window.__pursuitTimings["pursuit:chance-work"].at(-1)));
      deals = await page.evaluate(() => document.querySelectorAll("[data-testid=deciders] tbody tr").length);
    }
    const ms = median(work);
    const wall = median(times);
    const open = await page.evaluate(() => document.querySelector("[data-testid=chance-basis]")?.textContent || "");
    console.table([
      { measure: "chance of hitting the quarter's target, 10,000 trials (in the page, its slices)", ms: Number(ms.toFixed(1)), target: "≤ 100 ms", result: ms <= 100 ? "PASS" : "FAIL" },
      { measure: "the same, first slice to answer (frames drawn in between)", ms: Number(wall.toFixed(1)), target: "", result: "" },
    ]);
    console.log(`deciders listed: ${deals}; ${open}`);
  } finally {
    await close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
