// End-to-end tests drive the release build (dist/) in Debian's Chromium, served by a plain
// static file server with no rewrite rules — the way Pursuit is deployed.
const { defineConfig } = require("@playwright/test");

const port = Number(process.env.PURSUIT_E2E_PORT || 8123);

module.exports = defineConfig({
  testDir: ".",
  testMatch: /.*\.spec\.js/,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  reporter: [["list"]],
  outputDir: "../../test-results",
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    acceptDownloads: true,
    // Service workers would serve cached builds between runs; the offline test enables them itself.
    serviceWorkers: "block",
    launchOptions: {
      executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
      args: [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `python3 -m http.server ${port} --bind 127.0.0.1 --directory ../../dist`,
    url: `http://127.0.0.1:${port}/index.html`,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "ignore",
    timeout: 30_000,
  },
});
