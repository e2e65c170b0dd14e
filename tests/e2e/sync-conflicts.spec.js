// Two teammates change the same field of one deal while one of them is offline: the later
// change is on both screens at once, the one who comes back sees both versions in the
// conflict view, chooses, and the choice reaches the other teammate and the server as the
// record's one live revision. And a browser with a workspace of its own joining the team's:
// merged through the preview, or kept apart.
const { test, expect } = require("@playwright/test");
const fs = require("fs");
const { waitSaved, goTo, editProject, exportWorkspace, storedRecords, newProject, loadSample, projectRows, SAMPLE_PROJECTS } = require("./helpers");
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

const setClient = (page, value) => editProject(page, upsell, "Client", value);

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

test("a browser with a workspace of its own merges it into the team's through the preview, or keeps it apart", async ({ browser }) => {
  await server.teamDatabase("team-join");
  const { context: anaContext, page: ana } = await server.seed(browser, "team-join");
  const before = (await server.couch("GET", "/team-join/_all_docs")).body.rows.length;

  // Ben has worked alone: an empty workspace with a deal of his own.
  const benContext = await browser.newContext();
  const ben = await benContext.newPage();
  await ben.goto("./");
  await ben.getByRole("button", { name: "Start an empty workspace" }).click();
  await goTo(ben, "Projects");
  await newProject(ben, { "Project name": "Ben's own deal", Client: "Osprey Freight" });
  await waitSaved(ben);

  // He connects: asked, not mixed in silently.
  await server.connect(ben, "team-join", "ben", "ben-pass");
  const choice = ben.getByTestId("join-choice");
  await expect(choice).toContainText("already holds your team's workspace, “Northwind Sales”");
  await expect(choice).toContainText("with 1 project");
  expect((await server.couch("GET", "/team-join/_all_docs")).body.rows.length).toBe(before);

  // The preview shows what his workspace brings; applying it joins the team's.
  await choice.getByRole("button", { name: "Merge mine into the team's" }).click();
  const dialog = ben.getByRole("dialog", { name: /this browser.s/ });
  await expect(dialog.getByTestId("merge-summary")).toContainText("joins the team's workspace");
  // His built-in playbooks are the team's under other ids: matched by name, not added twice.
  const templates = async () => (await server.couch("GET", "/team-join/_all_docs")).body.rows.filter((r) => r.id.startsWith("template:")).length;
  const teamTemplates = await templates();
  expect(teamTemplates).toBeGreaterThan(0);
  await expect(dialog.getByLabel("Complex B2B deal is here")).toHaveValue(/^[0-9a-f-]{36}$/);
  await dialog.getByRole("button", { name: "Apply merge" }).click();
  await expect(ben.getByTestId("sync-status")).toHaveText(/^Synced/, { timeout: 30_000 });
  await expect(ben.locator(".brand")).toContainText("Northwind Sales");
  await goTo(ben, "Projects");
  await expect.poll(() => projectRows(ben)).toBe(SAMPLE_PROJECTS + 1);
  // Ana sees his deal; the database still holds one workspace, the team's.
  await goTo(ana, "Projects");
  await expect(ana.getByRole("link", { name: "Ben's own deal" })).toBeVisible({ timeout: 15_000 });
  const workspaces = (await server.couch("GET", "/team-join/_all_docs")).body.rows.filter((r) => r.id.startsWith("workspace:"));
  expect(workspaces.length).toBe(1);
  expect(await templates()).toBe(teamTemplates);

  // Another browser with work of its own keeps it apart: nothing is sent or changed.
  const carlContext = await browser.newContext();
  const carl = await carlContext.newPage();
  await loadSample(carl);
  const rows = (await server.couch("GET", "/team-join/_all_docs")).body.rows.length;
  await server.connect(carl, "team-join", "ana", "ana-pass");
  await carl.getByTestId("join-choice").getByRole("button", { name: "Keep mine apart" }).click();
  await expect(carl.locator("body")).toContainText("Nothing was sent");
  await expect(carl.getByTestId("sync-status")).toHaveCount(0);
  await expect(carl.getByTestId("join-choice")).toHaveCount(0);
  expect((await server.couch("GET", "/team-join/_all_docs")).body.rows.length).toBe(rows);
  await anaContext.close();
  await benContext.close();
  await carlContext.close();
});
