// Retakes the screenshots in docs/ (README): the projects table, and the dashboard and a
// project's timeline, the spreadsheet import, the chance and calibration cards and a what-if
// comparison at 1280 and 390 px in the light and the dark theme. Viewport-sized, not
// full pages, to keep the repository small. Needs dist/ (scripts/screenshots builds it).
const path = require("path");
const fs = require("fs");
const { root, open } = require("../bench/common");

const out = path.join(root, "docs", "screenshots");
const port = 8199;

async function main() {
  fs.mkdirSync(out, { recursive: true });
  const { browser, base: origin, close } = await open(port);
  const base = `${origin}/`;
  try {
    for (const colorScheme of ["light", "dark"]) {
      for (const width of [1280, 390]) {
        const context = await browser.newContext({ viewport: { width, height: width > 500 ? 800 : 844 }, colorScheme, serviceWorkers: "block" });
        const page = await context.newPage();
        await page.goto(base);
        await page.getByRole("button", { name: "Load the sample workspace" }).click();
        await page.getByRole("heading", { name: "Projects", level: 1 }).waitFor();
        await page.getByRole("button", { name: "Dismiss" }).click();
        if (colorScheme === "light" && width > 500) await page.screenshot({ path: path.join(root, "docs", "screenshot.png") });
        await page.goto(base + "#/");
        await page.getByRole("heading", { name: "Dashboard", level: 1 }).waitFor();
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(out, `dashboard-${width}-${colorScheme}.png`) });
        await page.goto(base + "#/projects");
        await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
        await page.getByRole("link", { name: "Timeline", exact: true }).click();
        await page.getByTestId("timeline").waitFor();
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(out, `timeline-${width}-${colorScheme}.png`) });
        // The spreadsheet import with the real CRM export read and mapped.
        await page.goto(base + "#/data");
        await page.getByTestId("csv-file").setInputFiles(path.join(root, "..", "shared", "data", "crm-sales-opportunities", "sales_pipeline.csv"));
        await page.getByTestId("csv-plan").waitFor();
        // Below the sticky top bar on a phone.
        await page.evaluate(() => { document.querySelector("[data-testid=csv-found]").scrollIntoView({ block: "start" }); window.scrollBy(0, window.innerWidth < 500 ? -160 : -16); });
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(out, `csv-import-${width}-${colorScheme}.png`) });
        // The chance of hitting the target and the learned win probabilities, as cards (the
        // phone's sticky top bar would cover a card scrolled into view: it scrolls away here).
        const unstick = await page.addStyleTag({ content: ".sidebar { position: static !important; }" });
        await page.goto(base + "#/");
        await page.getByTestId("target-chance").waitFor();
        await page.waitForTimeout(300);
        await page.getByTestId("target-chance").screenshot({ path: path.join(out, `chance-${width}-${colorScheme}.png`) });
        await page.goto(base + "#/win-loss");
        await page.getByTestId("calibration").screenshot({ path: path.join(out, `calibration-${width}-${colorScheme}.png`) });
        await unstick.evaluate((el) => el.remove());
        // A what-if: one deal made bigger, compared with the workspace.
        await page.goto(base + "#/scenarios");
        await page.getByTestId("scenario-name").fill("Q4 push");
        await page.getByTestId("start-scenario").click();
        await page.goto(base + "#/projects");
        await page.getByRole("link", { name: "Arcadia Health — service desk renewal" }).click();
        await page.getByRole("button", { name: "Edit project" }).click();
        await page.getByRole("dialog").getByLabel("Value").fill("800000");
        await page.getByRole("dialog").getByRole("button", { name: /Save/ }).click();
        await page.goto(base + "#/scenarios");
        await page.getByTestId("compare-forecast").waitFor();
        await page.getByRole("button", { name: "Dismiss" }).click();
        await page.evaluate(() => { document.querySelector("[data-testid=scenario-compare-card]").scrollIntoView({ block: "start" }); window.scrollBy(0, window.innerWidth < 500 ? -170 : -16); });
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(out, `what-if-${width}-${colorScheme}.png`) });
        await context.close();
      }
    }
  } finally {
    await close();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
