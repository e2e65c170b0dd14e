// Live sync through a real CouchDB-protocol server: pouchdb-server from npm, in memory, on
// 127.0.0.1, with an admin so the database is not open to anyone, started here and stopped
// at the end. Two browser profiles are two teammates.
const { test, expect } = require("@playwright/test");
const fs = require("fs");
const { loadSample, waitSaved, projectRows, goTo, exportWorkspace, editProject, SAMPLE_PROJECTS } = require("./helpers");
const { startServer } = require("./couch");

test.describe.configure({ mode: "serial" });

const PORT = 5985 + Number(process.env.TEST_PARALLEL_INDEX || 0);
let server;

test.beforeAll(async () => {
  server = await startServer(PORT);
});

test.afterAll(async () => {
  await server?.stop();
});

// The server's plumbing (tests/e2e/couch.js), bound to this file's server.
const couch = (...args) => server.couch(...args);
const teamDatabase = (name) => server.teamDatabase(name);
const connect = (page, db, user, password) => server.connect(page, db, user, password);
const seed = (browser, db) => server.seed(browser, db);
const join = (browser, db, user, password) => server.join(browser, db, user, password);

test("two teammates share one live workspace through the server", async ({ browser }) => {
  await teamDatabase("team-live");
  const anaContext = await browser.newContext();
  const ana = await anaContext.newPage();
  await loadSample(ana);
  await connect(ana, "team-live", "ana", "ana-pass");
  await expect(ana.getByTestId("sync-state")).toHaveText(/^Synced \d\d:\d\d$/, { timeout: 30_000 });
  await expect(ana.getByTestId("sync-status")).toHaveText(/^Synced/);

  // Every record is one document with its type, readable by any client.
  const all = await couch("GET", "/team-live/_all_docs?include_docs=true");
  const docs = all.body.rows.map((r) => r.doc);
  // As many documents as the workspace has records (its own record, then every list).
  const exported = JSON.parse(fs.readFileSync(await exportWorkspace(ana), "utf8")).workspace;
  const records = 1 + Object.values(exported).filter(Array.isArray).reduce((n, list) => n + list.length, 0);
  expect(records).toBeGreaterThan(SAMPLE_PROJECTS);
  expect(docs.length).toBe(records);
  const projects = docs.filter((d) => d.type === "project");
  expect(projects.length).toBe(SAMPLE_PROJECTS);
  expect(projects[0]._id).toBe(`project:${projects[0].id}`);
  expect(docs.filter((d) => d.type === "workspace").length).toBe(1);

  // Ben joins from an empty browser and gets the team's workspace.
  const benContext = await browser.newContext();
  const ben = await benContext.newPage();
  await ben.goto("./");
  await ben.getByRole("button", { name: "Join my team's server" }).click();
  await expect(ben.getByTestId("sync-panel")).toBeVisible();
  await expect(ben.locator("body")).toContainText("the team's workspace comes down here");
  await connect(ben, "team-live", "ben", "ben-pass");
  await expect(ben.getByTestId("sync-state")).toHaveText(/^Synced/, { timeout: 30_000 });
  await goTo(ben, "Projects");
  await expect.poll(() => projectRows(ben)).toBe(SAMPLE_PROJECTS);
  await expect(ben.locator(".brand")).toContainText("Northwind Sales");

  // Ana renames a deal; it appears on Ben's screen without a reload.
  await goTo(ana, "Projects");
  const upsell = "Analytics add-on upsell";
  await ana.getByRole("button", { name: `Edit ${upsell}` }).click();
  const dialog = ana.getByRole("dialog", { name: "Edit project" });
  await dialog.getByLabel("Project name", { exact: true }).fill("Analytics add-on upsell (phase 2)");
  await dialog.getByRole("button", { name: /^Save/ }).click();
  await waitSaved(ana);
  await expect(ben.getByRole("link", { name: "Analytics add-on upsell (phase 2)" })).toBeVisible({ timeout: 10_000 });
  // Joining changed nothing of the team's: the workspace's own record is as Ana sent it, and
  // only the renamed project has a second revision.
  const after = (await couch("GET", "/team-live/_all_docs")).body.rows.filter((r) => !r.value.rev.startsWith("1-"));
  expect(after.map((r) => r.id.split(":")[0])).toEqual(["project"]);

  // Nothing secret was kept: no password, session cookie or authorization in storage.
  for (const page of [ana, ben]) {
    const stored = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
    expect(stored).toContain("pursuit.sync.server");
    for (const secret of ["ana-pass", "ben-pass", "AuthSession", "Authorization"]) expect(stored).not.toContain(secret);
  }
  await anaContext.close();
  await benContext.close();
});

test("a wrong password or an unknown database is said in words and nothing syncs", async ({ page }) => {
  await teamDatabase("team-refusals");
  await loadSample(page);
  await connect(page, "team-refusals", "ana", "not-her-password");
  await expect(page.getByTestId("sync-failed")).toHaveText(/did not accept the user name and password/);
  await page.getByTestId("sync-panel").getByLabel("Database").fill("no-such-team");
  await page.getByTestId("sync-panel").getByLabel("Password").fill("ana-pass");
  await page.getByTestId("sync-panel").getByRole("button", { name: "Connect" }).click();
  await expect(page.getByTestId("sync-failed")).toHaveText(/no-such-team|not authorized|refused/);
  // An address with a password in it is refused before anything is sent.
  await page.getByTestId("sync-panel").getByLabel("Server address").fill(`http://ana:ana-pass@127.0.0.1:${PORT}`);
  await page.getByTestId("sync-panel").getByLabel("Password").fill("ana-pass");
  await page.getByTestId("sync-panel").getByRole("button", { name: "Connect" }).click();
  await expect(page.getByTestId("sync-panel")).toContainText("Leave the user name and password out of the address");
  expect((await couch("GET", "/team-refusals/_all_docs")).body.rows).toEqual([]);
});

test("a dropped connection keeps the work, says how much waits, and sends it when the network is back", async ({ browser }) => {
  await teamDatabase("team-offline");
  const context = await browser.newContext();
  const page = await context.newPage();
  await loadSample(page);
  await connect(page, "team-offline", "ana", "ana-pass");
  await expect(page.getByTestId("sync-status")).toHaveText(/^Synced/, { timeout: 30_000 });

  await context.setOffline(true);
  await goTo(page, "Projects");
  await page.getByRole("button", { name: "Edit Analytics add-on upsell" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit project" });
  await dialog.getByLabel("Project name", { exact: true }).fill("Analytics upsell, offline edit");
  await dialog.getByRole("button", { name: /^Save/ }).click();
  await waitSaved(page);
  await expect(page.getByTestId("sync-status")).toHaveText("Offline, 1 change waiting", { timeout: 15_000 });
  const project = (await couch("GET", "/team-offline/_all_docs?include_docs=true")).body.rows.map((r) => r.doc).find((d) => d.name === "Analytics add-on upsell");
  expect(project).toBeTruthy();

  await context.setOffline(false);
  await expect(page.getByTestId("sync-status")).toHaveText(/^Synced/, { timeout: 15_000 });
  const sent = await couch("GET", `/team-offline/${encodeURIComponent(project._id)}`);
  expect(sent.body.name).toBe("Analytics upsell, offline edit");
  expect(sent.body._rev).toMatch(/^2-/);
  await context.close();
});

test("two teammates edit one deal apart, one offline: both edits survive on both screens", async ({ browser }) => {
  await teamDatabase("team-apart");
  const { context: anaContext, page: ana } = await seed(browser, "team-apart");
  const { context: benContext, page: ben } = await join(browser, "team-apart", "ben", "ben-pass");

  const upsell = "Analytics add-on upsell";
  const editDeal = (page, field, value) => editProject(page, upsell, field, value);
  await benContext.setOffline(true);
  await editDeal(ana, "Client", "Kestrel Analytics GmbH");
  await editDeal(ben, "Reference", "KA-2027-01");
  await expect(ben.getByTestId("sync-status")).toHaveText("Offline, 1 change waiting", { timeout: 15_000 });
  await benContext.setOffline(false);

  // The server ends with one live revision of the deal holding both edits.
  const deal = async () => {
    const rows = (await couch("GET", "/team-apart/_all_docs?include_docs=true&conflicts=true")).body.rows;
    const doc = rows.map((r) => r.doc).find((d) => d.type === "project" && d.name === upsell);
    return { client: doc.client, reference: doc.reference, conflicts: (doc._conflicts || []).length };
  };
  await expect.poll(deal, { timeout: 20_000 }).toEqual({ client: "Kestrel Analytics GmbH", reference: "KA-2027-01", conflicts: 0 });
  // Each screen ends with both edits: the fields differ, so nothing is lost or asked.
  for (const page of [ana, ben]) {
    await expect(page.locator(".projects-table tr", { hasText: upsell })).toContainText("Kestrel Analytics GmbH", { timeout: 15_000 });
    const reference = async () => {
      await page.getByRole("button", { name: `Edit ${upsell}` }).click();
      const value = await page.getByRole("dialog", { name: "Edit project" }).getByLabel("Reference", { exact: true }).inputValue();
      await page.keyboard.press("Escape");
      return value;
    };
    await expect.poll(reference, { timeout: 15_000 }).toBe("KA-2027-01");
  }
  await anaContext.close();
  await benContext.close();
});

test("a document with a bad value written by another client is kept aside with a message, the rest applied", async ({ page }) => {
  await teamDatabase("team-aside");
  await loadSample(page);
  await connect(page, "team-aside", "ana", "ana-pass");
  await expect(page.getByTestId("sync-status")).toHaveText(/^Synced/, { timeout: 30_000 });
  const docs = (await couch("GET", "/team-aside/_all_docs?include_docs=true")).body.rows.map((r) => r.doc);
  const deal = docs.find((d) => d.type === "project" && d.name === "Analytics add-on upsell");
  // Another client (a script) writes a probability of 140 % and renames a task.
  expect((await couch("PUT", `/team-aside/${encodeURIComponent(deal._id)}`, { ...deal, probability: 140 })).status).toBeLessThan(300);
  const task = docs.find((d) => d.type === "task");
  expect((await couch("PUT", `/team-aside/${encodeURIComponent(task._id)}`, { ...task, title: "Renamed by a script" })).status).toBeLessThan(300);
  const aside = page.getByTestId("sync-aside");
  await expect(aside).toContainText(deal._id, { timeout: 30_000 });
  await expect(aside).toContainText("probability");
  await goTo(page, "Projects");
  await expect(page.locator(".projects-table tr", { hasText: "Analytics add-on upsell" })).not.toContainText("140");
  await expect(page.locator("body")).not.toContainText("140 %");
  // The valid document of the same batch is applied: the renamed task shows in its project.
  const owner = docs.find((d) => d.type === "project" && d.id === task.project_id);
  await page.getByRole("link", { name: owner.name, exact: true }).first().click();
  await expect(page.locator("main")).toContainText("Renamed by a script", { timeout: 10_000 });
});

test("a teammate who may only read gets the workspace, and an edit the server refuses stays here, said in words", async ({ browser }) => {
  await teamDatabase("team-readonly");
  await couch("PUT", "/team-readonly/_security", { admins: { names: [], roles: [] }, members: { names: ["ana", "carl"], roles: [] } });
  const readOnly = "function (doc, old, user) { if (user.name === 'carl') { throw({ forbidden: 'carl may only read' }); } }";
  expect((await couch("PUT", "/team-readonly/_design/readonly", { validate_doc_update: readOnly })).status).toBeLessThan(300);
  const { context: anaContext } = await seed(browser, "team-readonly");
  const { context: carlContext, page: carl } = await join(browser, "team-readonly", "carl", "carl-pass");
  await goTo(carl, "Projects");
  await expect.poll(() => projectRows(carl)).toBe(SAMPLE_PROJECTS);

  await carl.getByRole("button", { name: "Edit Analytics add-on upsell" }).click();
  const dialog = carl.getByRole("dialog", { name: "Edit project" });
  await dialog.getByLabel("Client", { exact: true }).fill("Changed by Carl");
  await dialog.getByRole("button", { name: /^Save/ }).click();
  await waitSaved(carl);
  await expect(carl.getByTestId("sync-status")).toHaveText("Sync stopped", { timeout: 15_000 });
  await carl.goto("./#/team");
  await expect(carl.getByTestId("sync-panel")).toContainText("carl may only read");
  // The edit stays in Carl's browser; the server's deal is as Ana left it.
  await goTo(carl, "Projects");
  await expect(carl.locator(".projects-table tr", { hasText: "Analytics add-on upsell" })).toContainText("Changed by Carl");
  const deal = (await couch("GET", "/team-readonly/_all_docs?include_docs=true")).body.rows.map((r) => r.doc).find((d) => d.type === "project" && d.name === "Analytics add-on upsell");
  expect(deal.client).not.toBe("Changed by Carl");
  await anaContext.close();
  await carlContext.close();
});
