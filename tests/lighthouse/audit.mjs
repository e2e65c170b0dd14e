// Lighthouse accessibility and best-practices scores for every screen of Pursuit's release
// build, in light and dark, plus Chromium's own installability check (the one Lighthouse's
// retired PWA category used: Page.getInstallabilityErrors). Prints a table; exits non-zero
// if a score is below 100 or the app is not installable. Run through scripts/lighthouse.
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const port = Number(process.env.PORT || 8211);
const base = `http://127.0.0.1:${port}/`;
const screens = [
  ["Dashboard", "#/"], ["Pipeline", "#/pipeline"], ["Goals", "#/goals"], ["Win/loss", "#/win-loss"],
  ["Projects", "#/projects"], ["Project", "project"], ["Project plan", "project/plan"],
  ["Project timeline", "project/timeline"], ["Project risks", "project/risks"], ["Status update", "project/update"],
  ["Portfolio", "#/portfolio"], ["Risk register", "#/risks"], ["Workload", "#/workload"], ["Team", "#/team"],
  ["Templates", "#/templates"], ["Data", "#/data"], ["History", "#/history"],
];

const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", path.join(root, "dist")], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 800));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  defaultViewport: null,
});
let failed = false;
try {
  const page = await browser.newPage();
  await page.goto(base, { waitUntil: "networkidle0" });
  // Installability: asked of Chromium before anything else happens on the page.
  const cdp = await page.createCDPSession();
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  const manifest = await cdp.send("Page.getAppManifest");
  const installable = installabilityErrors.length === 0 && !!manifest.url;
  console.log(`Installable (Chromium's check): ${installable ? "yes" : "no — " + installabilityErrors.map((e) => e.errorId).join(", ")}`);
  failed ||= !installable;

  // The sample workspace, loaded once; Lighthouse keeps the storage between audits.
  await page.locator("button ::-p-text(Load the sample workspace)").click();
  await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Projects");
  const project = await page.$eval(".projects-table tbody th a", (a) => a.getAttribute("href"));

  console.log("\nscreen               theme  accessibility  best practices");
  for (const scheme of ["light", "dark"]) {
    // The app's own Colours choice, kept in this browser's storage.
    await page.evaluate((t) => (t === "dark" ? localStorage.setItem("pursuit:theme", t) : localStorage.removeItem("pursuit:theme")), scheme);
    for (const [name, where] of screens) {
      const hash = where.startsWith("project") ? project + where.slice("project".length) : where;
      const result = await lighthouse(base + hash, {
        output: "json",
        logLevel: "error",
        onlyCategories: ["accessibility", "best-practices"],
        disableStorageReset: true,
        formFactor: "desktop",
        screenEmulation: { mobile: false, width: 1280, height: 860, deviceScaleFactor: 1, disabled: false },
        throttlingMethod: "provided",
        // A static app with nothing to wait for after load: no idle waits.
        pauseAfterFcpMs: 0,
        pauseAfterLoadMs: 0,
        networkQuietThresholdMs: 0,
        cpuQuietThresholdMs: 0,
      }, undefined, page);
      const lhr = result.lhr;
      const a11y = Math.round(lhr.categories.accessibility.score * 100);
      const bp = Math.round(lhr.categories["best-practices"].score * 100);
      // Audits that count towards a score and did not pass.
      const counted = Object.values(lhr.categories).flatMap((c) => c.auditRefs.filter((r) => r.weight > 0).map((r) => r.id));
      const low = counted.filter((id) => lhr.audits[id].score !== null && lhr.audits[id].score < 1);
      console.log(`${name.padEnd(20)} ${scheme.padEnd(6)} ${String(a11y).padStart(13)}  ${String(bp).padStart(14)}${low.length ? "   " + low.join(", ") : ""}`);
      failed ||= a11y < 100 || bp < 100;
    }
  }
} finally {
  await browser.close();
  server.kill();
}
process.exit(failed ? 1 : 0);
