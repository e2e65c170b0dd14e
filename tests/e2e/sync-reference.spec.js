// Pursuit against PouchDB 9, the reference replicating client, through a server that answers
// like CouchDB 3: pouchdb-server in memory behind tools/couch3-proxy.js, which turns every
// sequence into an opaque string ("12-g1AAAA…") and remembers each `since` a client sent
// back. Ana's browser (the release build) and PouchDB in Node (memory adapter, as the
// teammate Ben) share one team database: what one writes the other reads, a conflict ends
// with the same winner on both, and the app never makes up or parses a sequence.
const { test, expect } = require("@playwright/test");
const fs = require("fs");
const path = require("path");
const { randomUUID } = require("crypto");
const Ajv2020 = require("ajv/dist/2020");
const PouchDB = require("pouchdb-core")
  .plugin(require("pouchdb-adapter-memory"))
  .plugin(require("pouchdb-adapter-http"))
  .plugin(require("pouchdb-replication"));
const { waitSaved, projectRows, goTo, exportWorkspace, SAMPLE_PROJECTS } = require("./helpers");
const { startServer } = require("./couch");
const { startProxy } = require("./tools/couch3-proxy");

test.describe.configure({ mode: "serial" });

const INDEX = Number(process.env.TEST_PARALLEL_INDEX || 0);
const PORT = 5995 + INDEX;
const PROXY_PORT = 6005 + INDEX;
const NO_BULK_GET_PORT = 6015 + INDEX;
const DB = "team-reference";
const UPSELL = "Analytics add-on upsell";

// The envelope's schema, and each kind's record as the file format describes it.
const docs = path.join(__dirname, "..", "..", "docs");
const ajv = new Ajv2020({ allErrors: true, strict: true });
const workspaceSchema = JSON.parse(fs.readFileSync(path.join(docs, "workspace.schema.json"), "utf8"));
ajv.addSchema(workspaceSchema);
const validEnvelope = ajv.compile(JSON.parse(fs.readFileSync(path.join(docs, "sync-document.schema.json"), "utf8")));
const recordSchemas = new Map();
/** The validator of a `type`'s record: the workspace's own fields, or its collection's item. */
function validRecord(type) {
  if (!recordSchemas.has(type)) {
    const where = type === "workspace" ? "#/properties/workspace" : `#/$defs/${type === "history" ? "change" : type}`;
    recordSchemas.set(type, ajv.compile({ $ref: `${workspaceSchema.$id}${where}` }));
  }
  return recordSchemas.get(type);
}
/** A document's record: its fields without the envelope. */
function recordOf(doc) {
  const { _id, _rev, _revisions, _deleted, _conflicts, type, schema, ...record } = doc;
  return record;
}
const errors = (validate) => ajv.errorsText(validate.errors);
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

let server;
let proxy;
let ana; // Ana's page; her profile seeds the database through the proxy
let anaContext;
let local; // PouchDB 9 in Node, memory adapter
let remote; // the team database through the proxy, as Ben

test.beforeAll(async () => {
  server = await startServer(PORT);
  proxy = await startProxy({ target: server.base, port: PROXY_PORT });
  local = new PouchDB(`reference-${process.pid}-${Date.now()}`, { adapter: "memory" });
  remote = new PouchDB(`${proxy.base}/${DB}`, { auth: { username: "ben", password: "ben-pass" }, skip_setup: true });
});

test.afterAll(async () => {
  await anaContext?.close();
  await local?.destroy();
  await proxy?.stop();
  await server?.stop();
});

/** PouchDB pulls everything new from the server and answers the documents it holds
 *  (neither design nor _local ones). */
async function pull() {
  const result = await local.replicate.from(remote);
  expect(result.ok).toBe(true);
  return (await local.allDocs({ include_docs: true, conflicts: true })).rows.map((r) => r.doc).filter((d) => !d._id.startsWith("_design/"));
}

/** The app's record of `id` in `collection`, as its export writes it. */
async function appRecord(page, collection, id) {
  const exported = JSON.parse(fs.readFileSync(await exportWorkspace(page), "utf8")).workspace;
  return exported[collection].find((r) => r.id === id);
}

async function openProject(page, name) {
  await goTo(page, "Projects");
  await page.getByRole("link", { name, exact: true }).first().click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
}

test("a workspace Ana's browser seeds through a CouchDB 3 server reads in PouchDB 9 as documented", async ({ browser }) => {
  await server.teamDatabase(DB);
  ({ context: anaContext, page: ana } = await server.seed(browser, DB, proxy.base));
  // The app read opaque sequences: the proxy handed some out.
  expect(proxy.issued.size).toBeGreaterThan(0);
  await goTo(ana, "Projects");
  const shown = await projectRows(ana);
  expect(shown).toBe(SAMPLE_PROJECTS);

  const all = await pull();
  expect(all.length).toBeGreaterThan(SAMPLE_PROJECTS);
  const types = new Set();
  for (const doc of all) {
    expect(doc._id, `${doc._id} is not a Pursuit record`).toMatch(new RegExp(`^[a-z]+:${UUID}$`));
    expect(doc._id).toBe(`${doc.type}:${doc.id}`);
    expect(Number.isInteger(doc.schema) && doc.schema >= 1, `${doc._id} has schema ${doc.schema}`).toBe(true);
    expect(doc._conflicts).toBeUndefined();
    types.add(doc.type);
    // The envelope and the record, each against its published schema.
    expect(validEnvelope(doc), `${doc._id}: ${errors(validEnvelope)}`).toBe(true);
    const record = validRecord(doc.type);
    expect(record(recordOf(doc)), `${doc._id}: ${errors(record)}`).toBe(true);
  }
  for (const kind of ["workspace", "member", "project", "milestone", "task", "risk", "stakeholder", "template"]) expect([...types]).toContain(kind);
  expect(all.filter((d) => d.type === "workspace").length).toBe(1);
  expect(all.filter((d) => d.type === "project").length).toBe(shown);
  // As many documents as records in the app's export.
  const exported = JSON.parse(fs.readFileSync(await exportWorkspace(ana), "utf8")).workspace;
  const records = 1 + Object.values(exported).filter(Array.isArray).reduce((n, list) => n + list.length, 0);
  expect(all.length).toBe(records);
  // PouchDB too only ever saw opaque sequences.
  expect(proxy.seenSince.length).toBeGreaterThan(0);
});

test("a task PouchDB writes reaches Ana's screen without a reload", async () => {
  await openProject(ana, UPSELL);
  const docs = await pull();
  const project = docs.find((d) => d.type === "project" && d.name === UPSELL);
  expect(project).toBeTruthy();
  const siblings = docs.filter((d) => d.type === "task" && d.project_id === project.id);
  expect(siblings.length).toBeGreaterThan(0);
  // A new task of the deal, written as docs/sync.md says: the kind and the id in _id, the
  // kind in `type`, the schema version, then the record's fields as the file format has them.
  const id = randomUUID();
  const now = new Date().toISOString();
  const title = "Send the reference-client checklist";
  const doc = {
    _id: `task:${id}`,
    type: "task",
    schema: project.schema,
    id,
    stamp: { created_at: now, updated_at: now, updated_by: null },
    project_id: project.id,
    milestone_id: siblings[0].milestone_id,
    title,
    owner: project.owner,
    due_date: "2027-02-15",
    estimate_hours: 3,
    duration_days: 1,
    status: "todo",
    depends_on: [],
    completed_on: null,
    order: Math.max(...siblings.map((t) => t.order)) + 1,
  };
  expect(validEnvelope(doc), errors(validEnvelope)).toBe(true);
  expect(validRecord("task")(recordOf(doc)), errors(validRecord("task"))).toBe(true);
  await expect(ana.locator("main")).not.toContainText(title);
  await local.put(doc);
  const pushed = await local.replicate.to(remote);
  expect(pushed.docs_written).toBeGreaterThanOrEqual(1);
  // The app's long poll (through the proxy) sees it and the project's page shows it.
  await expect(ana.getByRole("button", { name: `Edit task ${title}` })).toBeVisible({ timeout: 5_000 });
  await expect(ana.getByTestId("sync-status")).toHaveText(/^Synced/, { timeout: 10_000 });
  // Taking it in changed nothing: the server's task is still PouchDB's first revision.
  const after = (await pull()).find((d) => d._id === doc._id);
  expect(after._rev).toMatch(/^1-/);
  expect(after.title).toBe(title);
});

test("PouchDB and Pursuit edit one task apart and end with the same single winner", async () => {
  test.setTimeout(120_000);
  await openProject(ana, UPSELL);
  let docs = await pull();
  const project = docs.find((d) => d.type === "project" && d.name === UPSELL);
  const tasks = docs.filter((d) => d.type === "task" && d.project_id === project.id && d.title !== "Send the reference-client checklist");
  expect(tasks.length).toBeGreaterThan(0);
  const id = tasks[0]._id;
  let title = tasks[0].title;

  /** Ana renames the task in its dialog. */
  async function rename(to) {
    await ana.getByRole("button", { name: `Edit task ${title}` }).click();
    const dialog = ana.getByRole("dialog", { name: "Edit task" });
    await dialog.getByLabel("Task", { exact: true }).fill(to);
    await dialog.getByRole("button", { name: /^Save/ }).click();
    await expect(dialog).toBeHidden();
    await waitSaved(ana);
    title = to;
  }
  /** PouchDB changes the estimate in its own copy, as another client would. */
  async function reestimate(hours) {
    const doc = await local.get(id);
    const edited = { ...doc, estimate_hours: hours, stamp: { ...doc.stamp, updated_at: new Date().toISOString() } };
    expect(validRecord("task")(recordOf(edited)), errors(validRecord("task"))).toBe(true);
    return (await local.put(edited)).rev;
  }
  /** Both sides settled: the app says Synced, PouchDB holds no conflict of the task, and
   *  its winning body is the app's record. */
  async function settled(hours) {
    await expect(ana.getByTestId("sync-status")).toHaveText(/^Synced/, { timeout: 20_000 });
    await expect.poll(async () => {
      const doc = (await pull()).find((d) => d._id === id);
      return { title: doc.title, hours: doc.estimate_hours, conflicts: doc._conflicts || [] };
    }, { timeout: 20_000 }).toEqual({ title, hours, conflicts: [] });
    const winner = await local.get(id, { conflicts: true });
    expect(winner._conflicts).toBeUndefined();
    const record = await appRecord(ana, "tasks", winner.id);
    expect(record).toBeTruthy();
    expect(record).toEqual(recordOf(winner));
    await openProject(ana, UPSELL);
    await expect(ana.getByRole("button", { name: `Edit task ${title}` })).toBeVisible();
  }

  // 1. Ana edits offline while PouchDB's edit reaches the server; back online, the app
  //    takes PouchDB's revision in, merges both edits and sends the result on top of it.
  await ana.context().setOffline(true);
  await rename(`${title} (offline edit)`);
  await expect(ana.getByTestId("sync-status")).toHaveText("Offline, 1 change waiting", { timeout: 15_000 });
  await reestimate(7);
  expect((await local.replicate.to(remote)).docs_written).toBe(1);
  await ana.context().setOffline(false);
  await settled(7);

  // 2. A true conflict on the server: PouchDB edits its copy without sending it, Ana's edit
  //    goes up, then PouchDB pushes its sibling revision. The app merges the two leaves,
  //    sends the result on the winning branch and deletes the losing leaf.
  docs = await pull();
  const base = docs.find((d) => d._id === id)._rev;
  const mine = await reestimate(9);
  await rename(`${title.replace(/ \(offline edit\)$/, "")} (both edited)`);
  // The edit goes up 500 ms after it is made (the status may still read the last Synced).
  const onServer = async () => (await server.couch("GET", `/${DB}/${encodeURIComponent(id)}`)).body;
  await expect.poll(async () => (await onServer()).title, { timeout: 20_000 }).toBe(title);
  const appRev = (await onServer())._rev;
  expect(appRev).not.toBe(base);
  expect(Number(appRev.split("-")[0])).toBe(Number(mine.split("-")[0]));
  expect((await local.replicate.to(remote)).docs_written).toBe(1);
  await settled(9);
  // The server's tree shows the conflict was real and was closed: one live leaf, and
  // PouchDB's or the app's sibling deleted.
  const leaves = await server.couch("GET", `/${DB}/${encodeURIComponent(id)}?open_revs=all`, undefined);
  const live = leaves.body.filter((l) => l.ok && !l.ok._deleted);
  const deleted = leaves.body.filter((l) => l.ok && l.ok._deleted);
  expect(live.length).toBe(1);
  expect(deleted.length).toBeGreaterThanOrEqual(1);
});

test("the app sent back only sequences the server handed out, never a number of its own", async () => {
  // Requests from the browser (not PouchDB in Node) that carried a `since`.
  const fromApp = proxy.log.filter((e) => e.since !== null && /Chrom/.test(e.agent)).map((e) => e.since);
  expect(fromApp.length).toBeGreaterThan(2);
  for (const since of fromApp) {
    expect(since).not.toMatch(/^\d+$/);
    expect(proxy.issued.has(since), `the app sent since=${since}, which the server never sent`).toBe(true);
  }
  // Long polls were among them.
  expect(proxy.log.some((e) => /Chrom/.test(e.agent) && e.path === `/${DB}/_changes` && e.since !== null && e.status === 200)).toBe(true);
});

// Like CouchDB 1.x: `_bulk_get` answers 404, so revisions come with open_revs, one document
// at a time (docs/sync.md).
test("a teammate joins through a server without _bulk_get and still gets the workspace", async ({ browser }) => {
  const old = await startProxy({ target: server.base, port: NO_BULK_GET_PORT, noBulkGet: true });
  try {
    const { context, page } = await server.join(browser, DB, "ben", "ben-pass", old.base);
    // The fallback ran: _bulk_get was refused and documents came with open_revs.
    expect(old.log.some((e) => e.path === `/${DB}/_bulk_get` && e.status === 404)).toBe(true);
    expect(old.log.some((e) => e.method === "GET" && e.path.startsWith(`/${DB}/`) && e.query.includes("open_revs") && e.status === 200)).toBe(true);
    await goTo(page, "Projects");
    await expect.poll(() => projectRows(page)).toBe(SAMPLE_PROJECTS);
    await expect(page.locator(".brand")).toContainText("Northwind Sales");
    await context.close();
  } finally {
    await old.stop();
  }
});
