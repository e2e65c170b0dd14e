// What the browser benchmarks share: the release build served on a port, headless Chromium
// launched as the tests launch it, a workspace put in storage as the app would have written
// it, and the median.
const { chromium } = require("@playwright/test");
const { execFileSync, spawn } = require("child_process");
const path = require("path");
const { putStored } = require("../helpers");

const root = path.resolve(__dirname, "..", "..", "..");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Serves dist/ on `port` and launches Chromium; `close()` stops both. */
async function open(port) {
  const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", path.join(root, "dist")], { stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 800));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const close = async () => {
    await browser.close();
    server.kill();
  };
  return { browser, base: `http://127.0.0.1:${port}`, close };
}

/** Screenshot tools' loop: serves dist/ on `port` and calls `shoot(page, width, context)`
 *  in a fresh context at 1280 and 390 px wide (`height` tall; 844 on the phone), with
 *  `options` added to the context's. */
async function atEachWidth(port, { height, options = {} }, shoot) {
  const { browser, base, close } = await open(port);
  try {
    for (const width of [1280, 390]) {
      const viewport = { width, height: width > 500 ? height : 844 };
      const context = await browser.newContext({ viewport, baseURL: `${base}/`, serviceWorkers: "block", ...options });
      await shoot(await context.newPage(), width, context);
      await context.close();
    }
  } finally {
    await close();
  }
}

/** Runs a script's `main`, printing what it threw and exiting non-zero. */
function run(main) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

/** Runs `cargo run --release --example workspace_gen -- <arg>` and returns its output. */
function generate(arg) {
  return execFileSync("cargo", ["run", "-q", "--release", "--example", "workspace_gen", "--", arg], { cwd: root, maxBuffer: 1 << 30 });
}

/** Puts in the page's IndexedDB what the app would have written for `workspace_gen <arg>`
 *  (storage::replace, natively), in one transaction, then opens the project list on it.
 *  Returns whether the browser took it (if not, nothing is stored and nothing is opened)
 *  and how many characters it takes. */
async function seed(page, base, arg) {
  const stored = generate(arg).toString();
  await page.goto(`${base}/#/projects`);
  const fits = await putStored(page, stored);
  const chars = Object.entries(JSON.parse(stored)).reduce((sum, [k, v]) => sum + k.length + v.length, 0);
  if (fits) {
    await page.reload();
    await page.getByTestId("save-status").waitFor({ timeout: 120_000 });
  }
  return { fits, chars };
}

// Every record Pursuit keeps in the page's IndexedDB, as key → stored text (the tests' helper).
const { storedRecords: records } = require("../helpers");

module.exports = { root, median, open, atEachWidth, run, generate, seed, records };
