// Issue #17's benchmark: the 8,800-row CRM export through Data → Import from a spreadsheet
// in Chromium — read + map + preview (file picked → plan shown), then apply + save (Import
// clicked → saved). Target: under 2 s in all. Median of RUNS (default 3). Prints; never fails.
const path = require("path");
const { root, median, open } = require("./common");

const RUNS = Number(process.env.RUNS || 3);
const CRM = path.join(root, "..", "shared", "data", "crm-sales-opportunities", "sales_pipeline.csv");

async function main() {
  const { browser, base, close } = await open(8198);
  const previews = [];
  const applies = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ serviceWorkers: "block" });
      const page = await context.newPage();
      await page.goto(`${base}/`);
      await page.getByRole("button", { name: "Load the sample workspace" }).click();
      await page.getByTestId("save-status").waitFor();
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Data" }).click();
      let started = Date.now();
      await page.getByTestId("csv-file").setInputFiles(CRM);
      await page.getByText("8,800 projects created, 0 updated, 0 skipped.").waitFor({ timeout: 60_000 });
      previews.push(Date.now() - started);
      started = Date.now();
      await page.getByTestId("csv-import").click();
      await page.getByText(/Imported sales_pipeline\.csv/).waitFor({ timeout: 60_000 });
      await page.waitForFunction(() => /Saved|All changes saved/.test(document.querySelector("[data-testid=save-status]")?.textContent || ""), null, { timeout: 60_000 });
      applies.push(Date.now() - started);
      await context.close();
    }
  } finally {
    await close();
  }
  const p = median(previews);
  const a = median(applies);
  console.table([
    { measure: "8,800-row CRM CSV: read + map + preview (picked → plan shown)", ms: p },
    { measure: "import + save (click → saved)", ms: a },
    { measure: "in all", ms: p + a, target: "< 2,000 ms", result: p + a < 2000 ? "PASS" : "FAIL" },
  ]);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
