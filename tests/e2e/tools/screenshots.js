// Takes screenshots of every screen at 1280 and 390 px wide into $OUT (default /tmp/pursuit-shots),
// for looking at what we build. Run through scripts/screenshots.
const { chromium } = require("@playwright/test");
const { spawn } = require("child_process");
const path = require("path");
const fs = require("fs");
const { fillStorage, clearFiller, storeRecord, workspaceKey } = require("../helpers");

const root = path.resolve(__dirname, "..", "..", "..");
const out = process.env.OUT || "/tmp/pursuit-shots";
// THEME=dark takes them in the dark theme (the system setting the app follows).
const colorScheme = process.env.THEME === "dark" ? "dark" : "light";
const port = 8198;
const base = `http://127.0.0.1:${port}/`;

async function shoot(page, name, width) {
  await page.waitForTimeout(250);
  await page.screenshot({ path: path.join(out, `${name}-${width}.png`), fullPage: true });
}

async function main() {
  fs.mkdirSync(out, { recursive: true });
  const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", path.join(root, "dist")], { stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 800));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ viewport: { width, height: width > 500 ? 860 : 844 }, colorScheme, serviceWorkers: "block" });
      const page = await context.newPage();
      await page.goto(base);
      await shoot(page, "welcome", width);
      await page.getByRole("button", { name: "Load the sample workspace" }).click();
      await page.getByRole("heading", { name: "Projects", level: 1 }).waitFor();
      await shoot(page, "projects", width);
      await page.getByRole("button", { name: "New project" }).click();
      await page.getByRole("dialog").getByLabel("Probability (%)").fill("140");
      await page.getByRole("dialog").getByLabel("Value").fill("-3");
      await page.getByRole("dialog").getByRole("button", { name: "Create project" }).click();
      await shoot(page, "project-form", width);
      await page.keyboard.press("Escape");
      await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
      await page.getByRole("heading", { level: 1 }).waitFor();
      await shoot(page, "project", width);
      await page.getByRole("link", { name: "Plan", exact: true }).click();
      await page.getByTestId("plan-summary").waitFor();
      await shoot(page, "plan", width);
      await page.getByRole("link", { name: "Timeline", exact: true }).click();
      await page.getByTestId("timeline").waitFor();
      await shoot(page, "timeline", width);
      await page.getByRole("link", { name: "Risks", exact: true }).click();
      await page.getByTestId("risks").waitFor();
      await shoot(page, "risks", width);
      for (const [tab, id, name] of [["Budget", "budget-summary", "budget"], ["People", "people", "people"], ["Conversations", "next-step", "conversations"], ["Feedback", "feedback", "feedback"], ["Status update", "status-update", "status-update"]]) {
        await page.getByRole("navigation", { name: "Project views" }).getByRole("link", { name: tab, exact: true }).click();
        await page.getByTestId(id).waitFor();
        await shoot(page, name, width);
      }
      await page.getByRole("link", { name: "People", exact: true }).click();
      await page.getByRole("button", { name: "Log contact with Anna Keller" }).click();
      await shoot(page, "log-conversation", width);
      await page.keyboard.press("Escape");
      // The campaign that is over budget, with a goal.
      await page.goto(page.url().split("#")[0] + "#/projects");
      await page.getByRole("link", { name: "Analytics add-on upsell" }).click();
      await page.getByRole("link", { name: "Goals", exact: true }).click();
      await page.getByTestId("goals").waitFor();
      await shoot(page, "goals-tab", width);
      await page.getByRole("button", { name: "Add goal" }).click();
      await shoot(page, "add-goal", width);
      await page.keyboard.press("Escape");
      await page.getByRole("link", { name: "Budget", exact: true }).click();
      await page.getByTestId("costs").waitFor();
      await shoot(page, "budget-over", width);
      await page.getByRole("button", { name: "Add cost" }).click();
      await shoot(page, "add-cost", width);
      await page.keyboard.press("Escape");
      await page.keyboard.press("Escape");
      await page.getByRole("link", { name: "Overview", exact: true }).click();
      await page.getByRole("button", { name: /Advance to/ }).click();
      await shoot(page, "stage-gate", width);
      await page.keyboard.press("Escape");
      await page.goto(base + "#/templates");
      await page.getByRole("heading", { name: "Templates", level: 1 }).waitFor();
      await shoot(page, "templates", width);
      await page.getByRole("link", { name: "Complex B2B deal" }).first().click();
      await page.getByRole("button", { name: "Save template" }).waitFor();
      await shoot(page, "template-editor", width);
      await page.goto(base + "#/projects");
      await page.getByRole("button", { name: "New project" }).click();
      await page.getByRole("dialog").getByLabel("Playbook").selectOption({ label: "Complex B2B deal" });
      await page.getByRole("dialog").getByLabel("Target date").fill("2026-12-18");
      await page.getByTestId("plan-preview").waitFor();
      await shoot(page, "new-from-template", width);
      await page.keyboard.press("Escape");
      for (const [section, name] of [["#/team", "team"], ["#/data", "data"], ["#/", "dashboard"], ["#/pipeline", "pipeline"], ["#/goals", "goals"], ["#/win-loss", "win-loss"], ["#/portfolio", "portfolio"], ["#/workload", "workload"], ["#/risks", "portfolio-risks"], ["#/history", "history"]]) {
        await page.goto(base + section);
        await page.getByRole("heading", { level: 1 }).first().waitFor();
        await shoot(page, name, width);
      }
      await page.goto(base + "#/data");
      await page.getByTestId("import-file").setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from('{"format": "pursuit-workspace", "schema_version": 1, "workspace": {"nope": 1}}') });
      await page.getByTestId("import-errors").waitFor();
      await shoot(page, "import-error", width);
      {
        // A teammate's file: their copy changed Arcadia's value and a task; so did I.
        const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download workspace (.json)" }).click()]);
        const file = JSON.parse(require("fs").readFileSync(await download.path(), "utf8"));
        const later = new Date(Date.now() + 60000).toISOString();
        const arcadia = file.workspace.projects.find((p) => p.name.startsWith("Arcadia"));
        arcadia.value.minor = 23500000;
        arcadia.stamp.versions = { ...(arcadia.stamp.versions || {}), "00000000000000ff": 1 };
        arcadia.stamp.updated_at = later;
        const task = file.workspace.tasks.find((t) => t.project_id === arcadia.id);
        task.title = "Send revised renewal quote incl. two clinics";
        task.stamp.versions = { ...(task.stamp.versions || {}), "00000000000000ff": 1 };
        await page.goto(base + "#/projects");
        await page.getByRole("button", { name: "Edit Arcadia Health — service desk renewal" }).click();
        await page.getByRole("dialog").getByLabel("Value").fill("225,000");
        await page.getByRole("dialog").getByRole("button", { name: "Save changes" }).click();
        await page.goto(base + "#/data");
        await page.getByTestId("merge-file").setInputFiles({ name: "maya-northwind.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file)) });
        await page.getByTestId("merge-counts").waitFor();
        await shoot(page, "merge-preview", width);
        await page.keyboard.press("Escape");
        await page.goto(base + "#/history");
        await page.getByTestId("history").waitFor();
        await shoot(page, "history-filled", width);
        await page.goto(base + "#/data");
        await page.getByTestId("import-file").waitFor();
      }
      if (width > 500) {
        const big = require("child_process").execFileSync("cargo", ["run", "-q", "--example", "workspace_gen", "--", "plan-200"], { cwd: root, maxBuffer: 1 << 28 });
        await page.getByTestId("import-file").setInputFiles({ name: "plan-200.json", mimeType: "application/json", buffer: big });
        await page.getByRole("button", { name: "Replace workspace" }).click();
        await page.locator(".projects-table tbody tr th a").first().click();
        await page.getByRole("link", { name: "Timeline", exact: true }).click();
        await page.getByTestId("timeline").waitFor();
        await page.getByRole("button", { name: "Months" }).click();
        await page.setViewportSize({ width: 1280, height: 1400 });
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(out, "timeline-200-tasks.png") });
        await page.setViewportSize({ width: 1280, height: 860 });
        await page.goto(base + "#/data");
      }
      // Data safety: a long plan, a checkpoint, long names, a file that does not fit.
      await page.goto(base + "#/projects");
      await page.getByRole("button", { name: "New project" }).click();
      await page.getByRole("dialog").getByLabel("Project name").fill("W".repeat(200));
      await page.getByRole("dialog").getByLabel("Client").fill("Centuries Ltd");
      await page.getByRole("dialog").getByLabel("Start date").fill("1900-01-01");
      await page.getByRole("dialog").getByLabel("Target date").fill("2199-12-31");
      await page.getByRole("dialog").getByRole("button", { name: "Create project" }).click();
      for (const [title, days] of [["A very long piece of work", "2500"], ["Contract signed", "0"]]) {
        await page.getByRole("button", { name: "Add task" }).click();
        await page.getByRole("dialog").getByLabel("Task").fill(title);
        await page.getByRole("dialog").getByLabel("Duration (working days)").fill(days);
        await page.getByRole("dialog").getByRole("button", { name: "Add task" }).click();
      }
      await shoot(page, "project-long-name", width);
      await page.getByRole("link", { name: "Timeline", exact: true }).click();
      await page.getByTestId("timeline-coarse").waitFor();
      await shoot(page, "timeline-coarse", width);
      await page.goto(base + "#/projects");
      await page.getByRole("heading", { name: "Projects", level: 1 }).waitFor();
      await shoot(page, "projects-long-name", width);
      await page.goto(base + "#/data");
      const [exported] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download workspace (.json)" }).click()]);
      // A full disk, the way the e2e tests simulate it for IndexedDB.
      await fillStorage(page, 2_000);
      // The app reads the room left when it opens.
      await page.reload();
      await page.getByTestId("import-file").setInputFiles(await exported.path());
      await page.getByRole("dialog").getByRole("button", { name: "Replace workspace" }).click();
      await page.getByTestId("import-errors").waitFor();
      await shoot(page, "import-too-big", width);
      await clearFiller(page);
      await page.goto(base + "?simulate-failure#/projects");
      await page.getByTestId("recovery-page").waitFor();
      await shoot(page, "failure-page", width);
      await page.goto(base + "#/data");
      await page.getByTestId("import-file").waitFor();
      await storeRecord(page, await workspaceKey(page), "damaged");
      await page.reload();
      await page.getByTestId("recovery").waitFor();
      await shoot(page, "recovery", width);
      await context.close();
      // Site data blocked: the app runs in memory and says so.
      const blocked = await browser.newContext({ viewport: { width, height: width > 500 ? 860 : 844 }, serviceWorkers: "block" });
      await blocked.addInitScript(() => {
        Object.defineProperty(window, "localStorage", { get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });
        Object.defineProperty(window, "indexedDB", { get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });
      });
      const bp = await blocked.newPage();
      await bp.goto(base);
      await bp.getByTestId("storage-blocked").waitFor();
      await shoot(bp, "storage-blocked-welcome", width);
      await bp.getByRole("button", { name: "Load the sample workspace" }).click();
      await bp.getByTestId("save-error").waitFor();
      await shoot(bp, "storage-blocked", width);
      await blocked.close();
    }
  } finally {
    await browser.close();
    server.kill();
  }
  console.log(`Screenshots in ${out}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
