// A tour of every screen and dialog for accessibility checks: axe-core (WCAG 2.2 A and AA
// rules) run in the page, and a list of steps that reach each screen and open each dialog.
const { expect } = require("@playwright/test");
const fs = require("fs");

const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/** Runs axe on the page and returns its violations as short readable lines. */
async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) {
    // Injected through the DevTools protocol, so the page's CSP does not apply to it.
    await page.evaluate(axeSource);
  }
  // With a modal dialog open the page behind it is out of reach (aria-modal, focus trap),
  // so the dialog is what is checked; the page itself is checked without the dialog.
  const result = await page.evaluate(
    (tags) => window.axe.run(document.querySelector('[role="dialog"]') || document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
    TAGS,
  );
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} — ${(n.failureSummary || "").split("\n").slice(1, 2).join("")}`),
  );
}

const MAIN = [
  ["#/", "Dashboard"],
  ["#/pipeline", "Pipeline"],
  ["#/goals", "Goals"],
  ["#/win-loss", "Win/loss"],
  ["#/projects", "Projects"],
  ["#/portfolio", "Portfolio"],
  ["#/risks", "Risk register"],
  ["#/workload", "Workload"],
  ["#/team", "Team"],
  ["#/templates", "Templates"],
  ["#/data", "Data"],
  ["#/history", "History"],
  ["#/scenarios", "What-if"],
];
const TABS = ["Overview", "Plan", "Timeline", "Risks", "Goals", "Budget", "People", "Conversations", "Feedback", "Status update", "History"];

async function go(page, hash) {
  await page.evaluate((h) => { location.hash = h; }, hash);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await page.waitForTimeout(100);
}

async function openDialog(page, opener) {
  await opener.click();
  await expect(page.getByRole("dialog")).toBeVisible();
}

async function closeDialog(page) {
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
}

/**
 * Visits every screen, project tab and dialog of the sample workspace, calling
 * `check(name)` at each. The page must show the sample workspace.
 */
async function tour(page, check) {
  await check("Projects after loading the sample");
  for (const [hash, name] of MAIN) {
    await go(page, hash);
    await check(name);
  }
  // A scenario open: its banner on a screen, and the comparison with one change made.
  await go(page, "#/scenarios");
  await page.getByTestId("scenario-name").fill("Axe check");
  await page.getByTestId("start-scenario").click();
  await go(page, "#/projects");
  await page.getByRole("main").getByRole("link").filter({ hasText: "Arcadia" }).first().click();
  await openDialog(page, page.getByRole("button", { name: "Edit project" }));
  await page.getByRole("dialog").getByLabel("Value").fill("700000");
  await page.getByRole("dialog").getByRole("button", { name: /Save/ }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await check("Project in a scenario");
  await go(page, "#/scenarios");
  await check("What-if: scenario compared");
  await page.getByTestId("discard-scenario").click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await check("What-if: discard dialog");
  await page.getByRole("dialog").getByRole("button", { name: "Discard" }).click();
  await expect(page.getByTestId("scenario-banner")).toHaveCount(0);
  // The spreadsheet import with a file read: first rows, mapping, stage words, plan.
  await go(page, "#/data");
  await page.getByTestId("csv-file").setInputFiles({
    name: "deals.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("Deal,Account,Stage,Amount,Close date\nRenewal,Acme,Won,1200,2026-10-01\nShort,Beta\nUpsell,Gamma,Limbo,500,\n"),
  });
  await expect(page.getByTestId("csv-plan")).toBeVisible();
  await check("Data: spreadsheet import mapped");
  await page.getByRole("button", { name: "Cancel" }).click();
  // The merge preview of a file from another workspace: its counts table and pairings.
  await page.getByTestId("merge-file").setInputFiles(require("path").join(__dirname, "..", "fixtures", "workspace-v2.json"));
  await expect(page.getByTestId("merge-counts")).toBeVisible();
  await check("Data: merge preview");
  await closeDialog(page);
  // Dialogs on the main screens.
  await go(page, "#/projects");
  await openDialog(page, page.getByRole("button", { name: "New project" }));
  await check("New project dialog");
  await page.getByRole("dialog").getByLabel("Playbook").selectOption({ label: "Complex B2B deal" });
  await page.getByRole("dialog").getByLabel("Target date").fill("2027-03-31");
  await expect(page.getByTestId("plan-preview")).toBeVisible();
  await check("New project from a playbook");
  await closeDialog(page);
  await go(page, "#/goals");
  await openDialog(page, page.getByRole("button", { name: "Add target" }).first());
  await check("Add target dialog");
  await closeDialog(page);
  await go(page, "#/pipeline");
  await page.locator('select[aria-label^="Move "]').first().selectOption({ index: 1 });
  await expect(page.getByRole("dialog")).toBeVisible();
  await check("Pipeline move dialog");
  await closeDialog(page);
  await go(page, "#/portfolio");
  await openDialog(page, page.getByRole("button", { name: "Propose a project" }));
  await check("Propose dialog");
  await closeDialog(page);
  await go(page, "#/team");
  await openDialog(page, page.getByRole("button", { name: "Add member" }));
  await check("Add member dialog");
  await closeDialog(page);
  await go(page, "#/templates");
  await page.getByRole("link", { name: "Complex B2B deal" }).first().click();
  await expect(page.getByRole("button", { name: "Save template" })).toBeVisible();
  await check("Template editor");
  // A project: every tab and its dialogs.
  await go(page, "#/projects");
  await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const tabs = page.getByRole("navigation", { name: "Project views" });
  const dialogs = {
    Overview: ["Edit project", /^Advance to/, "Add milestone", "Add task", "Mark lost"],
    Risks: ["Add risk"],
    Goals: ["Add goal"],
    Budget: ["Add cost"],
    People: ["Add person", "Log contact with Anna Keller"],
    Conversations: [],
    Feedback: ["Add feedback"],
  };
  for (const tab of TABS) {
    await tabs.getByRole("link", { name: tab, exact: true }).click();
    await page.waitForTimeout(150);
    await check(`Project ${tab}`);
    for (const name of dialogs[tab] || []) {
      const button = page.getByRole("main").getByRole("button", { name, exact: typeof name === "string" }).first();
      await openDialog(page, button);
      await check(`Project ${tab}: ${name} dialog`);
      await closeDialog(page);
    }
  }
}

module.exports = { axeViolations, tour, MAIN, TABS, go };
