// Sync in one browser with two tabs, and a reload in the middle of a first sync.
const { test, expect } = require("@playwright/test");
const fs = require("fs");
const { goTo, projectRows, exportWorkspace, editProject, SAMPLE_PROJECTS } = require("./helpers");
const { startServer } = require("./couch");
const { startProxy } = require("./tools/couch3-proxy");

test.describe.configure({ mode: "serial" });

const PORT = 6025 + Number(process.env.TEST_PARALLEL_INDEX || 0);
const PROXY_PORT = 6035 + Number(process.env.TEST_PARALLEL_INDEX || 0);
let server;

test.beforeAll(async () => {
  server = await startServer(PORT);
});

test.afterAll(async () => {
  await server?.stop();
});

test("a change made in the second tab reaches the server once, and both tabs say where sync stands", async ({ browser }) => {
  await server.teamDatabase("team-tabs");
  const { context, page: first } = await server.seed(browser, "team-tabs");
  const second = await context.newPage();
  await second.goto("./#/projects");
  await expect(second.getByTestId("sync-status")).toHaveText(/^Synced/, { timeout: 15_000 });
  // From here on, count what each tab asks of the server.
  const asked = [];
  context.on("request", (r) => {
    if (r.url().startsWith(server.base)) asked.push({ tab: r.frame().page() === second ? "second" : "first", url: r.url(), method: r.method() });
  });
  const upsell = "Analytics add-on upsell";
  await editProject(second, upsell, "Client", "Kestrel Analytics GmbH");
  const deal = async () => {
    const rows = (await server.couch("GET", "/team-tabs/_all_docs?include_docs=true&conflicts=true")).body.rows;
    const doc = rows.map((r) => r.doc).find((d) => d.type === "project" && d.name === upsell);
    return { client: doc.client, rev: Number(doc._rev.split("-")[0]), conflicts: (doc._conflicts || []).length };
  };
  await expect.poll(deal, { timeout: 15_000 }).toEqual({ client: "Kestrel Analytics GmbH", rev: 2, conflicts: 0 });
  await expect(first.getByTestId("sync-status")).toHaveText(/^Synced/, { timeout: 15_000 });
  await expect(second.getByTestId("sync-status")).toHaveText(/^Synced/, { timeout: 15_000 });
  // Give a second tab time to send it again, then count: one upload, from one tab.
  await second.waitForTimeout(2_000);
  const uploads = asked.filter((a) => a.url.includes("/_bulk_docs"));
  expect(uploads.length).toBe(1);
  expect(asked.length).toBeGreaterThan(0);
  expect(asked.filter((a) => a.tab === "second")).toEqual([]);

  // The syncing tab closes: the other one takes over and sends its next change.
  await first.close();
  await editProject(second, upsell, "Client", "Kestrel Analytics AG");
  await expect.poll(deal, { timeout: 15_000 }).toEqual({ client: "Kestrel Analytics AG", rev: 3, conflicts: 0 });
  await context.close();
});

test("a reload in the middle of the first sync resumes where it stopped", async ({ browser }) => {
  await server.teamDatabase("team-resume");
  const { context: anaContext } = await server.seed(browser, "team-resume");
  await anaContext.close();
  // More documents than one batch (200): copies of the sample's tasks, written by an admin.
  const rows = (await server.couch("GET", "/team-resume/_all_docs?include_docs=true")).body.rows;
  const tasks = rows.map((r) => r.doc).filter((d) => d.type === "task");
  expect(tasks.length).toBeGreaterThan(0);
  const copies = [];
  for (let i = 0; copies.length < 400; i++) {
    const t = tasks[i % tasks.length];
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
    const { _rev, ...body } = t;
    copies.push({ ...body, _id: `task:${id}`, id, title: `${t.title} (${i})` });
  }
  expect((await server.couch("POST", "/team-resume/_bulk_docs", { docs: copies })).status).toBeLessThan(300);
  const total = rows.length + copies.length;

  // Ben joins; the second batch of changes is held back, and Ben reloads meanwhile.
  const context = await browser.newContext();
  const ben = await context.newPage();
  const sinces = [];
  let holding = true;
  await context.route(`${server.base}/team-resume/_changes*`, async (route) => {
    const since = new URL(route.request().url()).searchParams.get("since");
    sinces.push(since);
    if (since !== null && holding) {
      return route.abort("connectionreset");
    }
    return route.continue();
  });
  await ben.goto("./");
  await ben.getByRole("button", { name: "Join my team's server" }).click();
  await server.connect(ben, "team-resume", "ben", "ben-pass");
  await expect(ben.getByTestId("sync-status")).toHaveText(/^Offline/, { timeout: 30_000 });
  expect(sinces[0]).toBeNull();
  const checkpoint = sinces.find((s) => s !== null);
  expect(checkpoint).toBeTruthy();
  holding = false;
  const before = sinces.length;
  await ben.reload();
  await expect(ben.getByTestId("sync-status")).toHaveText(/^Synced/, { timeout: 30_000 });
  // After the reload, the feed is read from where the first batch ended, not from the start.
  const after = sinces.slice(before);
  expect(after.length).toBeGreaterThan(0);
  expect(after[0]).toBe(checkpoint);
  expect(after).not.toContain(null);
  await goTo(ben, "Projects");
  await expect.poll(() => projectRows(ben)).toBe(SAMPLE_PROJECTS);
  // Every document came down once the feed was read to its end.
  const exported = JSON.parse(fs.readFileSync(await exportWorkspace(ben), "utf8")).workspace;
  const records = 1 + Object.values(exported).filter(Array.isArray).reduce((n, list) => n + list.length, 0);
  expect(records).toBe(total);
  await context.close();
});

test("the server goes down: the changes wait, said in words, and go up when it is back", async ({ browser }) => {
  await server.teamDatabase("team-down");
  // The app reaches the server through a stand-in that can be stopped and started again
  // on the same address (the server itself keeps the database).
  let proxy = await startProxy({ target: server.base, port: PROXY_PORT });
  const { context, page } = await server.seed(browser, "team-down", proxy.base);
  await proxy.stop();
  const upsell = "Analytics add-on upsell";
  await editProject(page, upsell, "Client", "Kestrel Analytics GmbH");
  await expect(page.getByTestId("sync-status")).toHaveText("Offline, 1 change waiting", { timeout: 20_000 });
  // The work is kept: a reload while the server is down still shows it.
  await page.reload();
  await expect(page.locator(".projects-table tr", { hasText: upsell })).toContainText("Kestrel Analytics GmbH");
  proxy = await startProxy({ target: server.base, port: PROXY_PORT });
  try {
    const client = async () => {
      const rows = (await server.couch("GET", "/team-down/_all_docs?include_docs=true")).body.rows;
      return rows.map((r) => r.doc).find((d) => d.type === "project" && d.name === upsell).client;
    };
    await expect.poll(client, { timeout: 30_000 }).toBe("Kestrel Analytics GmbH");
    await expect(page.getByTestId("sync-status")).toHaveText(/^Synced/, { timeout: 15_000 });
  } finally {
    await proxy.stop();
    await context.close();
  }
});

test("an expired session says 'Sign in again', keeps the change, and sends it once signed in", async ({ browser }) => {
  await server.teamDatabase("team-session");
  const { context, page } = await server.seed(browser, "team-session");
  // The server forgets this browser's session (it expired, or was signed out elsewhere).
  // Clearing the cookie alone raced with a request already waiting, whose answer renewed
  // it; so until the person signs in again the server's answer to anything but signing in
  // is the one it gives a request without a session.
  const expired = (route) => route.request().url().endsWith("/_session")
    ? route.continue()
    : route.fulfill({ status: 401, contentType: "application/json", body: JSON.stringify({ error: "unauthorized", reason: "You are not authorized to access this db." }) });
  await context.route(`${server.base}/**`, expired);
  await context.clearCookies();
  const upsell = "Analytics add-on upsell";
  await editProject(page, upsell, "Client", "Kestrel Analytics GmbH");
  await expect(page.getByTestId("sync-status")).toHaveText("Sign in again", { timeout: 20_000 });
  await goTo(page, "Team");
  const form = page.getByTestId("sign-in-again");
  await expect(page.getByTestId("sync-panel")).toContainText("Your changes are kept here");
  await form.getByLabel("Password").fill("wrong-pass");
  await form.getByRole("button", { name: "Sign in again" }).click();
  await expect(form.getByRole("alert")).toContainText("did not accept the user name and password");
  await context.unroute(`${server.base}/**`, expired);
  await form.getByLabel("Password").fill("ana-pass");
  await form.getByRole("button", { name: "Sign in again" }).click();
  const client = async () => {
    const rows = (await server.couch("GET", "/team-session/_all_docs?include_docs=true")).body.rows;
    return rows.map((r) => r.doc).find((d) => d.type === "project" && d.name === upsell).client;
  };
  await expect.poll(client, { timeout: 20_000 }).toBe("Kestrel Analytics GmbH");
  await expect(page.getByTestId("sync-status")).toHaveText(/^Synced/, { timeout: 15_000 });
  await context.close();
});
