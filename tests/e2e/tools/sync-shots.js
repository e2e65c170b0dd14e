// Retakes the sync screenshots in docs/screenshots: Team → "Sync with your team" with a
// conflict to choose (a field Ana and Ben changed apart), and a browser with a workspace of
// its own joining (the choice, then the merge preview), and an expired session, at 1280
// and 390 px. Starts
// pouchdb-server in memory like the sync tests; needs dist/.
const path = require("path");
const { root, open } = require("../bench/common");
const { startServer } = require("../couch");

const out = path.join(root, "docs", "screenshots");

async function setClient(page, value) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Projects" }).click();
  await page.getByRole("button", { name: "Edit Analytics add-on upsell" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit project" });
  await dialog.getByLabel("Client", { exact: true }).fill(value);
  await dialog.getByRole("button", { name: /^Save/ }).click();
  await page.waitForTimeout(1500);
}

async function main() {
  const server = await startServer(6095);
  const { browser, base, close } = await open(8198);
  try {
    for (const width of [1280, 390]) {
      const db = `team-shots-${width}`;
      await server.teamDatabase(db);
      const viewport = { width, height: width > 500 ? 900 : 844 };
      const options = { viewport, baseURL: `${base}/`, serviceWorkers: "block" };
      const seeded = await server.seed({ newContext: () => browser.newContext(options) }, db);
      const joined = await server.join({ newContext: () => browser.newContext(options) }, db, "ben", "ben-pass");
      const ben = joined.page;
      await joined.context.setOffline(true);
      await setClient(seeded.page, "Kestrel Analytics GmbH");
      await setClient(ben, "Kestrel Analytics AG");
      await joined.context.setOffline(false);
      await ben.getByTestId("sync-status").filter({ hasText: "conflict" }).waitFor({ timeout: 30_000 });
      await ben.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team" }).click();
      const panel = ben.getByTestId("sync-panel");
      await panel.scrollIntoViewIfNeeded();
      await ben.waitForTimeout(300);
      await panel.screenshot({ path: path.join(out, `sync-conflict-${width}.png`) });
      await joined.context.close();
      // Carl has a workspace of his own: the choice, then the merge preview.
      const carlContext = await browser.newContext(options);
      const carl = await carlContext.newPage();
      await carl.goto("./");
      await carl.getByRole("button", { name: "Start an empty workspace" }).click();
      await carl.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Projects" }).click();
      await carl.getByRole("button", { name: "New project" }).click();
      await carl.getByRole("dialog").getByLabel("Project name").fill("Osprey Freight renewal");
      await carl.getByRole("dialog").getByRole("button", { name: /Create/ }).click();
      await carl.waitForTimeout(1000);
      await server.connect(carl, db, "ben", "ben-pass");
      const choice = carl.getByTestId("join-choice");
      await choice.waitFor();
      await choice.scrollIntoViewIfNeeded();
      await carl.getByTestId("sync-panel").screenshot({ path: path.join(out, `sync-join-${width}.png`) });
      await choice.getByRole("button", { name: "Merge mine into the team's" }).click();
      await carl.getByRole("dialog").getByTestId("merge-summary").waitFor();
      await carl.waitForTimeout(300);
      await carl.screenshot({ path: path.join(out, `sync-join-merge-${width}.png`) });
      await carlContext.close();
      // Ana's session expires: "Sign in again".
      await seeded.context.clearCookies();
      await setClient(seeded.page, "Kestrel Analytics Ltd");
      await seeded.page.getByTestId("sync-status").filter({ hasText: "Sign in again" }).waitFor({ timeout: 30_000 });
      await seeded.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team" }).click();
      await seeded.page.getByTestId("sign-in-again").waitFor();
      await seeded.page.getByTestId("sync-panel").screenshot({ path: path.join(out, `sync-sign-in-${width}.png`) });
      await seeded.context.close();
    }
  } finally {
    await close();
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
