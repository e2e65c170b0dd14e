// Two teammates change the same field of one deal while one of them is offline: the later
// change is on both screens at once, the one who comes back sees both versions in the
// conflict view, chooses, and the choice reaches the other teammate and the server as the
// record's one live revision.
const { test, expect } = require("@playwright/test");
const fs = require("fs");
const { waitSaved, goTo, exportWorkspace, storedRecords } = require("./helpers");
const { startServer } = require("./couch");

test.describe.configure({ mode: "serial" });

const PORT = 6015 + Number(process.env.TEST_PARALLEL_INDEX || 0);
let server;

test.beforeAll(async () => {
  server = await startServer(PORT);
});

test.afterAll(async () => {
  await server?.stop();
});

const upsell = "Analytics add-on upsell";

async function setClient(page, value) {
  await goTo(page, "Projects");
  await page.getByRole("button", { name: `Edit ${upsell}` }).click();
  const dialog = page.getByRole("dialog", { name: "Edit project" });
  await dialog.getByLabel("Client", { exact: true }).fill(value);
  await dialog.getByRole("button", { name: /^Save/ }).click();
  await waitSaved(page);
}

/** The deal as the server holds it: its client and how many conflicting leaves it has. */
async function serverDeal(db) {
  const rows = (await server.couch("GET", `/${db}/_all_docs?include_docs=true&conflicts=true`)).body.rows;
  const doc = rows.map((r) => r.doc).find((d) => d.type === "project" && d.name === upsell);
  return { client: doc.client, conflicts: (doc._conflicts || []).length };
}

test("the same field changed apart is shown to choose, and the choice reaches everyone", async ({ browser }) => {
  await server.teamDatabase("team-choice");
  const { context: anaContext, page: ana } = await server.seed(browser, "team-choice");
  const { context: benContext, page: ben } = await server.join(browser, "team-choice", "ben", "ben-pass");

  await benContext.setOffline(true);
  await setClient(ana, "Kestrel Analytics GmbH");
  await expect.poll(() => serverDeal("team-choice"), { timeout: 15_000 }).toEqual({ client: "Kestrel Analytics GmbH", conflicts: 0 });
  // Ben, offline, changes the same field later.
  await setClient(ben, "Kestrel Analytics AG");
  await expect(ben.getByTestId("sync-status")).toHaveText("Offline, 1 change waiting", { timeout: 15_000 });
  await benContext.setOffline(false);

  // The later change is kept on both screens for now, and Ben is asked.
  await expect(ben.getByTestId("sync-status")).toHaveText("1 conflict to resolve", { timeout: 20_000 });
  await expect(ana.locator(".projects-table tr", { hasText: upsell })).toContainText("Kestrel Analytics AG", { timeout: 15_000 });
  await goTo(ben, "Team");
  const view = ben.getByTestId("sync-conflicts");
  await expect(view).toContainText("Changed here and by a teammate (1)");
  const card = view.getByTestId("conflict");
  await expect(card).toHaveCount(1);
  await expect(card).toContainText(upsell);
  // Only the field both changed is shown, with both values.
  const rows = card.locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Client");
  await expect(rows.first()).toContainText("Kestrel Analytics AG");
  await expect(rows.first()).toContainText("Kestrel Analytics GmbH");
  await expect(card.getByLabel("Keep mine")).toBeChecked();

  // Ben takes Ana's version.
  await card.getByLabel("Take theirs").check();
  await view.getByRole("button", { name: "Keep these versions" }).click();
  await expect(ben.getByTestId("sync-conflicts")).toHaveCount(0);
  await expect(ben.getByTestId("sync-status")).toHaveText(/^Synced/, { timeout: 15_000 });
  for (const page of [ana, ben]) {
    await goTo(page, "Projects");
    await expect(page.locator(".projects-table tr", { hasText: upsell })).toContainText("Kestrel Analytics GmbH", { timeout: 15_000 });
  }
  await expect.poll(() => serverDeal("team-choice"), { timeout: 15_000 }).toEqual({ client: "Kestrel Analytics GmbH", conflicts: 0 });
  // The choice is one edit of Ben's: in the history, and undone in one step.
  await goTo(ben, "History");
  await expect(ben.locator("body")).toContainText("Chose between a teammate's edit and mine");

  // Nothing secret was kept anywhere: not in storage (localStorage and IndexedDB), not in
  // an exported file.
  for (const page of [ana, ben]) {
    const local = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
    const records = JSON.stringify(await storedRecords(page));
    const exported = fs.readFileSync(await exportWorkspace(page), "utf8");
    // The workspace is stored in one of them.
    expect(local.length + records.length).toBeGreaterThan(5000);
    for (const text of [local, records, exported]) {
      for (const secret of ["ana-pass", "ben-pass", "AuthSession", "Authorization"]) expect(text).not.toContain(secret);
    }
  }
  await anaContext.close();
  await benContext.close();
});
