// Sync benchmark: Pursuit's replication against PouchDB 9's, the reference client, in the same
// run and against the same server — pouchdb-server in memory on 127.0.0.1 (tests/e2e/couch.js)
// holding a synthetic team workspace of N projects × 20 tasks (BENCH_PROJECTS, default 2,000;
// with 2 milestones a project and 8 members), written as Pursuit documents per docs/sync.md
// and checked against the published schemas before they go up.
//
//   (i)   the first replication of the whole database: PouchDB 9 (memory adapter, in Node)
//         as the floor, and Pursuit joining from an empty Chromium profile through the
//         welcome screen's "Join my team's server", timed from Connect until the status
//         reads "Synced";
//   (ii)  one edit on the server until Pursuit's project page holds it (its long poll; timed
//         by a MutationObserver, and until painted for reference) and
//         PouchDB's live replication (and a one-shot replicate, for reference); median of
//         RUNS (default 5);
//   (iii) whether the app stays usable while a second empty profile joins: switching screens
//         (Data ↔ Team, click to the new screen's heading), against the same switch once
//         synced.
//
// It checks the app took in every document (its export holds every record, nothing is kept
// aside). Uses the release build in dist/ and tests/e2e's node_modules; builds and
// installs nothing. Run through scripts/bench-sync; prints figures, asserts nothing.
const fs = require("fs");
const os = require("os");
const path = require("path");
const { randomUUID } = require("crypto");
const Ajv2020 = require("ajv/dist/2020");
const PouchDB = require("pouchdb-core")
  .plugin(require("pouchdb-adapter-memory"))
  .plugin(require("pouchdb-adapter-http"))
  .plugin(require("pouchdb-replication"));
const { root, median, open } = require("./common");
const { startServer } = require("../couch");

const HTTP_PORT = 8193;
const COUCH_PORT = 5975;
const DB = "team-bench";
const N = Number(process.argv[2] || process.env.BENCH_PROJECTS || 2000);
const RUNS = Number(process.env.RUNS || 5);
const TASKS = 20;
const MILESTONES = 2;
const MEMBERS = 8;
const SCHEMA = 3;

const now = () => performance.now();
const ms = (x) => `${Math.round(x).toLocaleString("en")} ms`;

/** The workspace as documents: its own record, members, and N projects with their
 *  milestones and tasks — shaped like the app's own export (the sample's records). */
function workspaceDocs(n, { jsStamps = false } = {}) {
  // Pursuit writes a whole-second time without a fraction; JavaScript's toISOString() writes
  // ".000Z" (BENCH_STAMPS=js: the same instant, as a script would write it).
  const at = jsStamps ? "2026-11-02T09:00:00.000Z" : "2026-11-02T09:00:00Z";
  const stamp = () => ({ created_at: at, updated_at: at, updated_by: null });
  const doc = (type, record) => ({ _id: `${type}:${record.id}`, type, schema: SCHEMA, ...record });
  const out = [];
  out.push(doc("workspace", {
    id: randomUUID(),
    stamp: stamp(),
    name: "Bench Sales",
    // Every setting spelled out, as the app's export has them (absent ones read as defaults).
    settings: {
      currency: "EUR", week_start: "Mon", fiscal_year_start_month: 1, holidays: [],
      health: {
        milestone_overdue_days: 14, critical_late_days: 10, high_risk_score: 15, budget_percent: 110, stage_age_percent: 150,
        typical_stage_days: { prospect: 14, qualified: 14, discovery: 21, proposal: 14, negotiation: 20 },
        next_step_grace_days: 14, flagged_slip_percent: 25,
      },
      criteria: [
        { key: "revenue", name: "Revenue", weight: 50, inverse: false, levels: ["Tiny", "Small", "Medium", "Large", "Huge"] },
        { key: "effort", name: "Effort", weight: 50, inverse: true, levels: ["Hours", "Days", "Weeks", "Months", "Quarters"] },
      ],
    },
  }));
  const members = [];
  for (let m = 0; m < MEMBERS; m++) {
    const member = { id: randomUUID(), stamp: stamp(), name: `Member ${m + 1}`, role: m ? "Account executive" : "Sales director", email: `member${m + 1}@bench.example`, weekly_capacity_hours: 40, skills: [], time_off: [] };
    members.push(member.id);
    out.push(doc("member", member));
  }
  const stages = [["prospect", 10], ["qualified", 20], ["discovery", 40], ["proposal", 60], ["negotiation", 80]];
  const day = (base, plus) => new Date(Date.UTC(2026, 0, 1 + base + plus)).toISOString().slice(0, 10);
  for (let p = 0; p < n; p++) {
    const [stage, probability] = stages[p % stages.length];
    const start = p % 300;
    const project = {
      id: randomUUID(), stamp: stamp(),
      name: `Account ${p + 1} — managed services`, kind: p % 4 === 3 ? "campaign" : "deal",
      client: `Client ${p + 1}`, owner: members[p % MEMBERS], stage, status: "active",
      value: { minor: 1_000_000 * (1 + (p % 97)), currency: "EUR" }, probability, probability_manual: false,
      start_date: day(start, 0), target_date: day(start, 180), close_date: null,
      description: `Synthetic project ${p + 1} for the sync benchmark.`, template_id: null,
      forecast_category: null, target_history: [], outcome: null, budget: { minor: 500_000, currency: "EUR" },
      stage_entered_on: day(start, 10), rationale: "", focus_area: "", sponsor: "",
      people_needed: 2, weeks_needed: 8, scores: {},
    };
    out.push(doc("project", project));
    const milestones = [];
    for (let m = 0; m < MILESTONES; m++) {
      const milestone = { id: randomUUID(), stamp: stamp(), project_id: project.id, name: `Milestone ${m + 1} of account ${p + 1}`, stage: stages[(p + m) % stages.length][0], due_date: day(start, 60 * (m + 1)), completed_on: null, order: m };
      milestones.push(milestone.id);
      out.push(doc("milestone", milestone));
    }
    let previous = null;
    for (let t = 0; t < TASKS; t++) {
      const task = {
        id: randomUUID(), stamp: stamp(), project_id: project.id,
        milestone_id: milestones[Math.floor((t * MILESTONES) / TASKS)],
        title: `Task ${t + 1} of account ${p + 1}`, owner: members[(p + t) % MEMBERS],
        due_date: day(start, 5 + t * 5), estimate_hours: 1 + (t % 8), duration_days: 1 + (t % 3),
        status: t < 5 ? "done" : "todo", depends_on: previous && t % 2 ? [{ task: previous, lag_days: 0 }] : [],
        completed_on: t < 5 ? day(start, 5 + t * 5) : null, order: t,
      };
      previous = task.id;
      out.push(doc("task", task));
    }
  }
  return out;
}

/** Checks every document's envelope and record against docs/ (as the reference spec does). */
function checkDocs(docs) {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const ws = JSON.parse(fs.readFileSync(path.join(root, "docs", "workspace.schema.json"), "utf8"));
  ajv.addSchema(ws);
  const envelope = ajv.compile(JSON.parse(fs.readFileSync(path.join(root, "docs", "sync-document.schema.json"), "utf8")));
  const record = {};
  for (const doc of docs) {
    const { _id, type, schema, ...fields } = doc;
    record[type] ||= ajv.compile({ $ref: `${ws.$id}${type === "workspace" ? "#/properties/workspace" : `#/$defs/${type}`}` });
    if (!envelope(doc)) throw new Error(`${_id}: ${ajv.errorsText(envelope.errors)}`);
    if (!record[type](fields)) throw new Error(`${_id}: ${ajv.errorsText(record[type].errors)}`);
  }
}

/** The text of the app's sync status. */
const status = (page) => page.evaluate(() => document.querySelector('[data-testid="sync-status"]')?.textContent.trim() ?? "");
const synced = (page, timeout) => page.waitForFunction(() => /^Synced/.test(document.querySelector('[data-testid="sync-status"]')?.textContent.trim() ?? ""), null, { polling: 50, timeout });

/** An empty profile joins through the welcome screen; answers the page once Connect is
 *  clicked, and the time of the click. */
async function startJoin(browser, base, server) {
  const context = await browser.newContext({ serviceWorkers: "block", acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.getByRole("button", { name: "Join my team's server" }).click();
  const panel = page.getByTestId("sync-panel");
  await panel.getByLabel("Server address").fill(server);
  await panel.getByLabel("Database").fill(DB);
  await panel.getByLabel("User name").fill("ana");
  await panel.getByLabel("Password").fill("ana-pass");
  const button = panel.getByRole("button", { name: "Connect" });
  await button.waitFor();
  const started = now();
  await button.click();
  return { context, page, started };
}

/** Clicks a Main navigation link and answers how long until the screen's heading is there. */
async function switchTo(page, section) {
  const link = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: section });
  const started = now();
  await link.click();
  await page.waitForFunction((name) => [...document.querySelectorAll("h1")].some((h) => h.textContent.trim() === name), section, { polling: "raf", timeout: 120_000 });
  return now() - started;
}

/** The workspace the app holds, from its own export on the Data screen. */
async function exported(page) {
  await switchTo(page, "Data");
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: 600_000 }),
    page.getByRole("button", { name: "Download workspace (.json)" }).click(),
  ]);
  const file = path.join(os.tmpdir(), `pursuit-bench-sync-${process.pid}.json`);
  await download.saveAs(file);
  const { workspace } = JSON.parse(fs.readFileSync(file, "utf8"));
  fs.rmSync(file, { force: true });
  return workspace;
}

async function main() {
  if (!fs.existsSync(path.join(root, "dist", "index.html"))) throw new Error("dist/ has no build: build the release first (this benchmark builds nothing)");
  console.log(`Sync benchmark: ${N.toLocaleString("en")} projects × ${TASKS} tasks, release build in dist/, pouchdb-server 4.2.0 in memory, PouchDB ${PouchDB.version}`);
  const jsStamps = process.env.BENCH_STAMPS === "js";
  const docs = workspaceDocs(N, { jsStamps });
  if (jsStamps) console.log("Stamps written as JavaScript's toISOString() does (\".000Z\").");
  checkDocs(docs);
  const counts = { projects: N, milestones: N * MILESTONES, tasks: N * TASKS, members: MEMBERS };
  const server = await startServer(COUCH_PORT);
  const { browser, base, close } = await open(HTTP_PORT);
  const rows = [];
  const notes = [];
  try {
    expect((await server.couch("PUT", `/${DB}`)).status < 300, "database created");
    await server.couch("PUT", `/${DB}/_security`, { admins: { names: [], roles: [] }, members: { names: ["ana", "ben"], roles: [] } });
    let t = now();
    for (let i = 0; i < docs.length; i += 2000) {
      const sent = await server.couch("POST", `/${DB}/_bulk_docs`, { docs: docs.slice(i, i + 2000) });
      expect(sent.status < 300 && sent.body.every((r) => r.ok), `the server took batch ${i}`);
    }
    console.log(`${docs.length.toLocaleString("en")} documents (${(JSON.stringify(docs).length / 1e6).toFixed(1)} MB of JSON) on the server in ${ms(now() - t)}`);

    // (i) The floor: PouchDB 9 replicating the whole database.
    const remote = new PouchDB(`${server.base}/${DB}`, { auth: { username: "ben", password: "ben-pass" }, skip_setup: true });
    const local = new PouchDB(`bench-${process.pid}`, { adapter: "memory" });
    t = now();
    const first = await local.replicate.from(remote);
    const pouchFirst = now() - t;
    expect(first.docs_written === docs.length, `PouchDB wrote ${first.docs_written} of ${docs.length}`);

    // (i) Pursuit joining from an empty profile.
    const join = await startJoin(browser, base, server.base);
    const { page } = join;
    await synced(page, 3_600_000);
    const pursuitFirst = now() - join.started;
    rows.push(["first sync of the whole database", pursuitFirst, pouchFirst, 2]);

    // Everything was taken in, and joining sent nothing back.
    await page.goto(`${base}/#/team`);
    await page.getByTestId("sync-panel").waitFor();
    const aside = await page.getByTestId("sync-aside").count();
    const workspace = await exported(page);
    const held = Object.fromEntries(Object.keys(counts).map((k) => [k, (workspace[k] || []).filter((r) => !r.stamp?.deleted_at).length]));
    const rewritten = (await server.couch("GET", `/${DB}/_all_docs`)).body.rows.filter((r) => !r.value.rev.startsWith("1-")).length;
    notes.push(`The app holds ${Object.entries(held).map(([k, v]) => `${v.toLocaleString("en")} ${k}`).join(", ")} (expected ${Object.values(counts).map((v) => v.toLocaleString("en")).join(", ")}); kept aside: ${aside ? "some (see Team → Sync)" : "none"}; documents the join rewrote on the server: ${rewritten}.`);
    expect(aside === 0 && Object.keys(counts).every((k) => held[k] === counts[k]), "the app took in every document");

    // (ii) One edit on the server until it shows: Pursuit on the project's page.
    const project = docs.find((d) => d.type === "project");
    const tasks = docs.filter((d) => d.type === "task" && d.project_id === project.id);
    await switchTo(page, "Projects");
    await page.getByRole("link", { name: project.name, exact: true }).first().click();
    await page.getByRole("heading", { name: project.name, level: 1 }).waitFor();
    const rename = async (task, title) => {
      const current = (await server.couch("GET", `/${DB}/${encodeURIComponent(task._id)}`)).body;
      const at = new Date().toISOString();
      const put = await server.couch("PUT", `/${DB}/${encodeURIComponent(task._id)}`, { ...current, title, stamp: { ...current.stamp, updated_at: at } });
      expect(put.status < 300, `renamed ${task._id}`);
    };
    const appEdits = [];
    // BENCH_TRACE=file.json: a Chromium trace of these edits (timeline, network), to read
    // where the time goes.
    if (process.env.BENCH_TRACE) await browser.startTracing(page, { path: process.env.BENCH_TRACE, screenshots: false });
    const profiler = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null;
    if (profiler) {
      await profiler.send("Profiler.enable");
      await profiler.send("Profiler.setSamplingInterval", { interval: 100 });
      await profiler.send("Profiler.start");
    }
    // Timed to when the page's DOM holds the new title (a MutationObserver in the page, on
    // the same clock as here), as PouchDB's is timed to its "change" event; and, for
    // reference, to the first animation frame that finds it (painted).
    const painted = [];
    for (let i = 0; i < RUNS; i++) {
      await synced(page, 60_000);
      const title = `Renamed on the server ${i + 1}`;
      await page.evaluate((text) => {
        window.benchShown = new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            if (document.querySelector("main")?.textContent.includes(text)) {
              observer.disconnect();
              resolve(performance.timeOrigin + performance.now());
            }
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        });
      }, title);
      const started = performance.timeOrigin + now();
      await rename(tasks[i], title);
      await page.waitForFunction((text) => document.querySelector("main")?.textContent.includes(text), title, { polling: "raf", timeout: 120_000 });
      painted.push(performance.timeOrigin + now() - started);
      appEdits.push((await page.evaluate(() => window.benchShown)) - started);
    }
    if (process.env.BENCH_TRACE) await browser.stopTracing();
    if (profiler) fs.writeFileSync(process.env.BENCH_PROFILE, JSON.stringify((await profiler.send("Profiler.stop")).profile));
    await join.context.close();

    // PouchDB's live replication, then one-shot replicates.
    const live = local.replicate.from(remote, { live: true, retry: false });
    await new Promise((resolve) => live.once("paused", resolve));
    const liveEdits = [];
    for (let i = 0; i < RUNS; i++) {
      const title = `Renamed for PouchDB ${i + 1}`;
      const id = tasks[i]._id;
      const seen = new Promise((resolve) => {
        const on = (info) => {
          if (info.docs.some((d) => d._id === id && d.title === title)) {
            live.removeListener("change", on);
            resolve();
          }
        };
        live.on("change", on);
      });
      const started = now();
      await rename(tasks[i], title);
      await seen;
      liveEdits.push(now() - started);
    }
    live.cancel();
    const onceEdits = [];
    for (let i = 0; i < RUNS; i++) {
      const started = now();
      await rename(tasks[i], `Renamed once ${i + 1}`);
      const result = await local.replicate.from(remote);
      expect(result.docs_written === 1, "one-shot replicate took the edit");
      onceEdits.push(now() - started);
    }
    rows.push([`one edit on the server until the page holds it (median of ${RUNS})`, median(appEdits), median(liveEdits), 2]);
    notes.push(`The same edits until an animation frame finds them on the page (painted): ${ms(median(painted))} median.`);
    notes.push(`PouchDB one-shot replicate of one edit (incl. checkpoints): ${ms(median(onceEdits))}.`);

    // (iii) A second empty profile joins; meanwhile the person switches screens.
    const second = await startJoin(browser, base, server.base);
    const busy = [];
    let i = 0;
    while (!/^Synced/.test(await status(second.page))) {
      busy.push(await switchTo(second.page, i++ % 2 ? "Team" : "Data"));
      if (now() - second.started > 3_600_000) throw new Error("the second join did not finish");
    }
    const secondFirst = now() - second.started;
    // The floor: the same switches on the same page once synced and settled.
    await new Promise((r) => setTimeout(r, 2000));
    const idle = [];
    for (let k = 0; k < 8; k++) idle.push(await switchTo(second.page, k % 2 ? "Team" : "Data"));
    await second.context.close();
    notes.push(`The second join, with screen switches all along, took ${ms(secondFirst)} (${(secondFirst / pouchFirst).toFixed(2)}× PouchDB).`);
    expect(busy.length > 0, "switched screens while syncing");

    // The table.
    const table = rows.map(([measure, pursuit, pouch, goal]) => ({
      measure,
      Pursuit: ms(pursuit),
      floor: `PouchDB 9: ${ms(pouch)}`,
      ratio: `${(pursuit / pouch).toFixed(2)}×`,
      goal: `≤ ${goal}×`,
      result: pursuit / pouch <= goal ? "PASS" : "FAIL",
    }));
    const worst = Math.max(...busy);
    table.push({
      measure: `switch screens while the first sync runs (${busy.length} switches: median / worst)`,
      Pursuit: `${ms(median(busy))} / ${ms(worst)}`,
      floor: `once synced: ${ms(median(idle))}`,
      ratio: `${(median(busy) / median(idle)).toFixed(2)}×`,
      goal: "< 500 ms (worst)",
      result: worst < 500 ? "PASS" : "FAIL",
    });
    console.table(table);
    for (const note of notes) console.log(note);
    await local.destroy();
  } finally {
    await close();
    await server.stop();
  }
}

function expect(ok, what) {
  if (!ok) throw new Error(`failed: ${what}`);
}

module.exports = { workspaceDocs, checkDocs };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
