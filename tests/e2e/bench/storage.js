// Storage benchmark: for workspaces of 10, 2,000 and 5,000 projects (20 tasks each), imports
// the file into a fresh Chromium profile and prints the stored size, the load time and the
// time of one edit applied and persisted (median of 9), with each size's edit time as a
// ratio to the 10-project figure measured in the same run (the goal: within 1.2×). Run
// through scripts/bench-storage; prints figures, asserts nothing.
const fs = require("fs");
const os = require("os");
const path = require("path");
const { median, open, generate, seed, records } = require("./common");

const port = 8199;
const sizes = (process.env.SIZES || "10,2000,5000").split(",").map(Number);

async function main() {
  const { browser, base, close } = await open(port);
  const rows = [];
  try {
    for (const n of sizes) {
      const context = await browser.newContext({ serviceWorkers: "block" });
      const page = await context.newPage();
      await page.goto(`${base}/`);
      let fileMb = "—";
      if (n <= 2000) {
        // Through the app: open the file on the first screen.
        const file = path.join(os.tmpdir(), `pursuit-bench-${n}.json`);
        fs.writeFileSync(file, generate(String(n)));
        fileMb = (fs.statSync(file).size / 1e6).toFixed(1);
        await page.getByText("Or open a workspace file").click();
        await page.getByTestId("import-file").setInputFiles(file);
        await page.getByRole("button", { name: "Replace workspace" }).click({ timeout: 120_000 });
        await page.getByTestId("save-status").filter({ hasText: /Saved/ }).waitFor({ timeout: 120_000 });
      } else {
        // Its file is over the 64 MiB import limit: put in storage what the app would
        // have written (storage::replace, natively), then load it.
        if (!(await seed(page, base, `stored-${n}`)).fits) throw new Error(`${n} projects do not fit the quota`);
      }
      const stored = Object.entries(await records(page)).reduce((sum, [k, v]) => sum + k.length + v.length, 0);

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
      await page.goto(`${base}/${href}`);
      const edits = [];
      const applied = [];
      for (let i = 0; i < 9; i++) {
        const box = page.locator('.tasks-table tbody input[type=checkbox][aria-label^="Done: "]').nth(6 + i);
        const before = await page.evaluate(() => (window.__pursuitTimings["pursuit:save"] || []).length);
        await box.click();
        await page.waitForFunction((b) => (window.__pursuitTimings["pursuit:save"] || []).length > b, before);
        edits.push(await page.evaluate(() => window.__pursuitTimings["pursuit:save"].at(-1)));
        applied.push(await page.evaluate(() => window.__pursuitTimings["pursuit:dispatch"].at(-1)));
      }
      // The floor: the browser writing the same size of record back into IndexedDB, one
      // transaction to its commit, with nothing of Pursuit's around it.
      const floor = await page.evaluate(() => new Promise((resolve) => {
        const open = indexedDB.open("pursuit");
        open.onsuccess = async () => {
          const db = open.result;
          const put = (key, value) => new Promise((done) => {
            const tx = db.transaction("records", "readwrite");
            tx.objectStore("records").put(value, key);
            tx.oncomplete = done;
          });
          const all = await new Promise((done) => {
            const r = db.transaction("records").objectStore("records").getAllKeys();
            r.onsuccess = () => done(r.result);
          });
          const key = all.find((k) => k.includes(":project:"));
          const value = await new Promise((done) => {
            const r = db.transaction("records").objectStore("records").get(key);
            r.onsuccess = () => done(r.result);
          });
          const times = [];
          for (let i = 0; i < 5; i++) {
            const started = performance.now();
            await put(key, value);
            times.push(performance.now() - started);
          }
          db.close();
          resolve(times.sort((a, b) => a - b)[2]);
        };
      }));
      rows.push({
        floor,
        projects: n,
        tasks: n * 20,
        "file MB": fileMb,
        "stored chars": stored.toLocaleString("en"),
        "of localStorage's 5.2 M": `${((stored / 5_242_880) * 100).toFixed(1)} %`,
        "load ms (decode)": median(loads.map((l) => l.load)).toFixed(0),
        "reload to first screen ms": median(loads.map((l) => l.rendered)).toFixed(0),
        applied: median(applied),
        persisted: median(edits),
      });
      await context.close();
    }
  } finally {
    await close();
  }
  const first = rows[0];
  console.table(
    rows.map(({ applied, persisted, floor, ...row }) => ({
      ...row,
      "setItem floor ms": floor.toFixed(2),
      "one edit applied ms": applied.toFixed(2),
      "one edit persisted ms": persisted.toFixed(2),
      [`applied ÷ ${first.projects}`]: (applied / first.applied).toFixed(2),
      [`persisted ÷ ${first.projects}`]: (persisted / first.persisted).toFixed(2),
    })),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
