// A CouchDB-protocol server for the sync tests and the sync benchmark: pouchdb-server from
// npm, in memory, on 127.0.0.1, with an admin so no database is open to anyone and three
// teammates with passwords; and the steps a teammate takes in the app to connect to it.
const { expect } = require("@playwright/test");
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { loadSample } = require("./helpers");

const ADMIN = "Basic " + Buffer.from("admin:admin-secret").toString("base64");
const USERS = [["ana", "ana-pass"], ["ben", "ben-pass"], ["carl", "carl-pass"]];

/** A request helper for the server at `base`: `couch(method, url, body, auth)` answers
 *  `{ status, body }`, as the admin unless another Authorization is given. */
function adminRequest(base) {
  return async function couch(method, url, body, auth = ADMIN) {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { "Content-Type": "application/json", Authorization: auth },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  };
}

/** Starts pouchdb-server in memory on 127.0.0.1:`port` with the admin and `users`.
 *  Answers `{ base, port, couch, stop }` plus the steps below bound to this server. */
async function startServer(port, { users = USERS } = {}) {
  const base = `http://127.0.0.1:${port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pursuit-couch-"));
  const bin = path.join(__dirname, "node_modules", ".bin", "pouchdb-server");
  const child = spawn(bin, ["--in-memory", "--host", "127.0.0.1", "--port", String(port), "--config", path.join(dir, "config.json"), "--dir", dir, "--no-stdout-logs"], { cwd: dir, stdio: "ignore" });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  let up = false;
  for (let i = 0; i < 100 && !up; i++) {
    try {
      up = (await fetch(`${base}/`)).ok;
    } catch {}
    if (!up) await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  if (!up) {
    await stop();
    throw new Error(`pouchdb-server did not answer on ${base}`);
  }
  // An admin, so the server is not open to anyone; teammates with passwords.
  await fetch(`${base}/_config/admins/admin`, { method: "PUT", body: JSON.stringify("admin-secret") });
  const couch = adminRequest(base);
  for (const [name, password] of users) {
    const made = await couch("PUT", `/_users/org.couchdb.user:${name}`, { name, password, roles: [], type: "user" });
    if (made.status >= 300) {
      await stop();
      throw new Error(`could not create user ${name}: ${made.status} ${JSON.stringify(made.body)}`);
    }
  }
  return {
    base,
    port,
    couch,
    stop,
    teamDatabase: (name, members) => teamDatabase(couch, name, members),
    connect: (page, db, user, password, address = base) => connect(page, address, db, user, password),
    seed: (browser, db, address = base) => seed(browser, address, db),
    join: (browser, db, user, password, address = base) => join(browser, address, db, user, password),
  };
}

/** A team database only `members` (ana and ben unless told) may read and write. */
async function teamDatabase(couch, name, members = ["ana", "ben"]) {
  expect((await couch("PUT", `/${name}`)).status).toBeLessThan(300);
  await couch("PUT", `/${name}/_security`, { admins: { names: [], roles: [] }, members: { names: members, roles: [] } });
}

/** Fills in Team → "Sync with your team" with the server at `address` and connects. */
async function connect(page, address, db, user, password) {
  await page.goto("./#/team");
  const panel = page.getByTestId("sync-panel");
  await panel.getByLabel("Server address").fill(address);
  await panel.getByLabel("Database").fill(db);
  await panel.getByLabel("User name").fill(user);
  await panel.getByLabel("Password").fill(password);
  await panel.getByRole("button", { name: "Connect" }).click();
}

/** Ana opens the sample in a profile of her own and connects it to `db`, which it seeds. */
async function seed(browser, address, db) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await loadSample(page);
  await connect(page, address, db, "ana", "ana-pass");
  await expect(page.getByTestId("sync-status")).toHaveText(/^Synced/, { timeout: 30_000 });
  return { context, page };
}

/** A teammate joins `db` from a fresh profile through the welcome screen. */
async function join(browser, address, db, user, password) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("./");
  await page.getByRole("button", { name: "Join my team's server" }).click();
  await connect(page, address, db, user, password);
  await expect(page.getByTestId("sync-status")).toHaveText(/^Synced/, { timeout: 30_000 });
  return { context, page };
}

module.exports = { ADMIN, USERS, adminRequest, startServer, teamDatabase, connect, seed, join };
