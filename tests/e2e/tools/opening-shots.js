// Retakes the opening-index-first screenshots in docs/screenshots at 1280 and 390 px: the
// projects table drawn from the index while 10,000 projects' records are read ("Health…",
// the reading line, Edit and Delete not yet offered), the Pipeline asked for meanwhile (drawn
// from the index too, its cards fixed), the Dashboard asked for meanwhile (its figures from
// the index, tasks and health to follow), the Workload asked for meanwhile (it says how far
// the reading is), the table once every record is read, and the four screens when the
// records could not be read after the index (opening-failed-*). Needs dist/ and
// `cargo build --release --example workspace_gen`.
const path = require("path");
const { root, atEachWidth, run, generate } = require("../bench/common");
const { putStored } = require("../helpers");

const out = path.join(root, "docs", "screenshots");

/** Screenshots the page as soon as `selector` is drawn, from inside the page's next frame
 *  (the records are being decoded between frames, so waiting outside would miss it). */
async function shotWhenDrawn(page, selector, file) {
  await page.waitForFunction((s) => document.querySelector(s), selector, { polling: "raf", timeout: 60_000 });
  await page.screenshot({ path: path.join(out, file) });
}

async function main() {
  const stored = generate("stored-10000").toString();
  await atEachWidth(8199, { height: 900 }, async (page, width, context) => {
    await page.goto("./");
    if (!(await putStored(page, stored))) throw new Error("10,000 projects did not fit");
    await page.goto("./#/projects");
    await page.reload();
    await shotWhenDrawn(page, ".health-pending", `opening-table-${width}.png`);
    await page.goto("./#/pipeline");
    await page.reload();
    await shotWhenDrawn(page, ".deal-card", `opening-pipeline-${width}.png`);
    await page.goto("./#/dashboard");
    await page.reload();
    await shotWhenDrawn(page, ".needs-records", `opening-dashboard-${width}.png`);
    await page.goto("./#/workload");
    await page.reload();
    await shotWhenDrawn(page, ".still-reading", `opening-other-${width}.png`);
    await page.getByRole("heading", { name: "Workload", level: 1 }).waitFor({ timeout: 60_000 });
    await page.goto("./#/projects");
    await page.locator(".projects-table tbody tr").first().waitFor();
    await page.waitForFunction(() => !document.querySelector(".health-pending"), null, { timeout: 60_000 });
    await page.screenshot({ path: path.join(out, `opening-done-${width}.png`) });
    const failing = await context.newPage();
    await failing.addInitScript(() => {
      const getAll = IDBObjectStore.prototype.getAll;
      IDBObjectStore.prototype.getAll = function (...args) {
        if (args.length === 0) throw new DOMException("The disk could not be read.", "UnknownError");
        return getAll.apply(this, args);
      };
    });
    await failing.goto("./#/projects");
    await failing.locator(".reading-line[role=alert]").waitFor({ timeout: 60_000 });
    await failing.screenshot({ path: path.join(out, `opening-failed-${width}.png`) });
    await failing.goto("./#/pipeline");
    await failing.locator(".deal-card").first().waitFor();
    await failing.screenshot({ path: path.join(out, `opening-failed-pipeline-${width}.png`) });
    await failing.goto("./#/dashboard");
    await failing.locator(".needs-records").first().waitFor();
    await failing.screenshot({ path: path.join(out, `opening-failed-dashboard-${width}.png`) });
    await failing.goto("./#/workload");
    await failing.getByRole("heading", { name: "Your workspace could not be opened" }).waitFor();
    await failing.screenshot({ path: path.join(out, `opening-failed-other-${width}.png`) });
  });
}

run(main);
