// The first ten minutes of a new sales manager, in a fresh browser, at 1280 and 390 px: a
// team of three with quotas, a deal of EUR 120,000 planned from a playbook, the client's
// update, a high risk, and the words on the way. Screenshots of the walk go to SHOTS when
// it is set (docs/screenshots/ holds the ones taken for the README).
const { test, expect } = require("@playwright/test");
const { waitSaved, goTo } = require("./helpers");

const shot = async (page, name, width) => {
  if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/first-ten-${name}-${width}.png`, fullPage: true });
};

for (const width of [1280, 390]) {
  test(`a new sales manager sets up and plans a first deal without help at ${width} px`, async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto("./");
    await page.getByRole("button", { name: "Start an empty workspace" }).click();
    await expect(page.getByTestId("setup-checklist")).toBeVisible();
    await shot(page, "setup", width);

    // A team of three, and who I am.
    const team = [
      ["Lena Vogel", "Account executive"],
      ["Sam Ortiz", "Account executive"],
      ["Maya Okafor", "Sales director"],
    ];
    for (const [name, role] of team) {
      await page.getByRole("button", { name: "Add member" }).click();
      const dialog = page.getByRole("dialog", { name: "Add member" });
      await dialog.getByLabel("Name").fill(name);
      await dialog.getByLabel("Role").fill(role);
      await dialog.getByRole("button", { name: "Add member" }).click();
      await expect(dialog).toBeHidden();
    }
    await page.getByTestId("i-am").selectOption({ label: "Lena Vogel" });
    await expect(page.locator("p.muted", { hasText: "members ·" })).toContainText("3 members");

    // A quota, set where the team screen points, shown back on the team screen.
    const lena = page.locator("table.team-table tr", { hasText: "Lena Vogel" });
    await lena.getByRole("link", { name: "Set the quota of Lena Vogel" }).click();
    await expect(page.getByRole("heading", { name: "Goals and quotas", level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "Add target" }).first().click();
    const target = page.getByRole("dialog");
    await target.locator('select[name="member"]').selectOption({ label: "Lena Vogel" });
    await target.locator('input[name="target"]').fill("300,000");
    await target.getByRole("button", { name: "Add target" }).click();
    await expect(target).toBeHidden();
    await goTo(page, "Team");
    await expect(page.locator("table.team-table tr", { hasText: "Lena Vogel" })).toContainText("EUR 300,000");

    // Playbooks are there from the start; the deal owner holds the deal.
    await goTo(page, "Projects");
    await page.getByRole("button", { name: "New project" }).click();
    const form = page.getByRole("dialog", { name: "New project" });
    await expect(form.getByLabel("Playbook").locator("option", { hasText: "Complex B2B deal" })).toHaveCount(1);
    await form.getByLabel("Playbook").selectOption({ label: "Complex B2B deal" });
    await form.getByLabel("Project name").fill("Acme — fleet telematics");
    await form.getByLabel("Client").fill("Acme");
    await form.getByLabel("Value").fill("120,000");
    await form.getByLabel("Target date").fill(new Date(Date.now() + 120 * 86400000).toISOString().slice(0, 10));
    await form.locator("select[name=owner]").selectOption({ label: "Lena Vogel" });
    const roles = form.getByTestId("playbook-roles");
    await expect(roles.getByLabel("Owner for Account executive").locator("option:checked")).toHaveText("Lena Vogel");
    await expect(roles.getByLabel("Owner for Sales director").locator("option:checked")).toHaveText("Maya Okafor");
    await expect(roles.getByTestId("who-gets")).toContainText(/^Tasks: Lena Vogel \d+ · Maya Okafor \d+$/);
    await shot(page, "new-deal", width);
    await form.getByRole("button", { name: /Create/ }).click();
    await expect(page.getByRole("heading", { name: "Acme — fleet telematics", level: 1 })).toBeVisible();
    // Collect signatures is the owner's; the other rep has none of it.
    const tasks = page.locator("table.tasks-table");
    await expect(tasks.locator("tr", { hasText: "Collect signatures" }).locator("select.inline-owner option:checked")).toHaveText("Lena Vogel");
    await expect(tasks.locator("select.inline-owner option:checked", { hasText: "Sam Ortiz" })).toHaveCount(0);
    // The tasks table fits: no sideways scroll, the row actions in view, and on a phone each
    // card's two checkboxes are named and apart.
    const rows = tasks.locator("tbody tr");
    await expect(rows).not.toHaveCount(0);
    expect(await tasks.locator("xpath=..").evaluate((w) => w.scrollWidth - w.clientWidth)).toBeLessThanOrEqual(0);
    const edit = await tasks.getByRole("button", { name: /^Edit task / }).last().boundingBox();
    expect(edit.x + edit.width).toBeLessThanOrEqual(width);
    const first = rows.first();
    await expect(first.getByRole("checkbox", { name: /^Select / })).toHaveCount(1);
    await expect(first.getByRole("checkbox", { name: /^Done: / })).toHaveCount(1);
    const [pick, done] = [await first.getByRole("checkbox", { name: /^Select / }).boundingBox(), await first.getByRole("checkbox", { name: /^Done: / }).boundingBox()];
    expect(pick.x + pick.width <= done.x || done.x + done.width <= pick.x || pick.y + pick.height <= done.y || done.y + done.height <= pick.y).toBe(true);

    // A high risk with an owner and a mitigation but no review date: the reason names that.
    await page.getByRole("link", { name: "Risks", exact: true }).click();
    await page.getByRole("button", { name: "Add risk" }).click();
    const risk = page.getByRole("dialog", { name: "Add risk" });
    await expect(risk.getByTestId("risk-in-hand")).toContainText("an owner, a mitigation and a next review");
    await risk.getByLabel("Risk", { exact: true }).fill("The CFO's budget round slips to Q2");
    await risk.locator('select[name="owner"]').selectOption({ label: "Lena Vogel" });
    await risk.locator('select[name="probability"]').selectOption("4");
    await risk.locator('select[name="impact"]').selectOption("5");
    await risk.getByLabel("Mitigation").fill("Agree a phased order with the CFO");
    await risk.getByRole("button", { name: "Add risk" }).click();
    await expect(risk).toBeHidden();
    await page.getByRole("link", { name: "Overview", exact: true }).click();
    await expect(page.getByTestId("project-health")).toContainText("1 open risk scored 15 or more without a review date ahead");

    // The client's update: the mutual action plan only, and it says what it leaves out.
    await page.getByRole("link", { name: "Status update", exact: true }).click();
    const update = page.getByTestId("status-update");
    await expect(update).toHaveAttribute("data-audience", "client");
    for (const internal of ["Deal qualified", "Terms agreed", "Research the account", "Reach the first contact"]) {
      await expect(update).not.toContainText(internal);
    }
    await expect(update).toContainText("Proposal presented");
    await expect(page.getByTestId("left-out")).toContainText("Left out for the client");
    await shot(page, "client-update", width);

    // Words: counts with their nouns.
    await goTo(page, "Projects");
    await expect(page.locator(".page-head p.muted")).toHaveText("1 project");
    await goTo(page, "Team");
    await expect(page.locator("table.team-table tr", { hasText: "Lena Vogel" })).toContainText("1 project, ");

    // The dashboard with one deal: the quota set from the team screen is there, every empty
    // or zero figure says why, and the forecast by period starts at the current period.
    await goTo(page, "Dashboard");
    await expect(page.getByTestId("owner-table").locator("tr", { hasText: "Lena Vogel" })).toContainText("EUR 300,000");
    const figures = page.getByTestId("kpis").locator(".kpi");
    await expect(figures).toHaveCount(6);
    let empty = 0;
    for (const figure of await figures.all()) {
      const value = (await figure.locator("strong").innerText()).trim();
      if (value === "—" || /(^| )0$/.test(value)) {
        empty += 1;
        await expect(figure).toHaveAttribute("data-explained", "true");
        await expect(figure.locator("small")).not.toHaveText("");
      }
    }
    expect(empty).toBeGreaterThan(0);
    await expect(page.getByTestId("kpi-expected").locator("small")).toContainText("Acme — fleet telematics closes in");
    const period = (await page.locator(".page-head p.muted").innerText()).split(" · ")[0];
    await expect(page.getByTestId("forecast-table").locator("tbody tr").first().locator("th")).toHaveText(period);
    await expect(page.getByTestId("won-lost-why")).toContainText("No deal won or lost since");
    await expect(page.getByTestId("forecast-chart-why")).toContainText("No target line");
    await shot(page, "dashboard", width);
    await waitSaved(page);

    // The workspace goes to a fresh browser: there is nothing there to replace.
    await goTo(page, "Data");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download workspace (.json)" }).click()]);
    const file = await download.path();
    const fresh = await browser.newContext({ viewport: { width, height: 900 } });
    const other = await fresh.newPage();
    await other.goto("./");
    await other.getByText("Or open a workspace file").click();
    await other.getByTestId("import-file").setInputFiles(file);
    const open = other.getByRole("dialog", { name: "Open this workspace?" });
    await expect(open).toContainText("1 project");
    await expect(open).not.toContainText("1 projects");
    await open.getByRole("button", { name: "Open workspace" }).click();
    await expect(other.getByRole("link", { name: "Acme — fleet telematics" })).toBeVisible();
    await fresh.close();
    await context.close();
  });
}

test("moving a deal ahead lists every passed stage's criteria and closes what it left open, in one undoable step", async ({ page }) => {
  const { loadSample } = require("./helpers");
  await loadSample(page);
  await page.goto("./#/pipeline");
  const helios = "Helios Logistics — managed IT services";
  await page.getByLabel(`Move ${helios} to`).selectOption({ label: "Negotiation" });
  const dialog = page.getByRole("dialog", { name: `Move “${helios}” to Negotiation?` });
  await expect(dialog.locator("ul.unmet")).toContainText("Proposal presented to the decision maker");
  const passed = dialog.getByTestId("passed-work");
  await expect(passed).toContainText("Proposal delivered and presented — 4 open tasks");
  await expect(passed.getByLabel("Mark them done, with their open tasks")).toBeChecked();
  await passed.getByLabel("Mark them skipped, with their open tasks").check();
  await dialog.getByLabel("Reason for moving on").fill("Signed at the committee meeting");
  await dialog.getByRole("button", { name: "Move anyway" }).click();
  await expect(dialog.getByText("Say why the passed milestones are skipped")).toBeVisible();
  await passed.getByLabel("Why they are skipped").fill("The client signed at the committee meeting");
  await dialog.getByRole("button", { name: "Move anyway" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("link", { name: helios }).first().click();
  const milestone = page.locator("li.milestone", { hasText: "Proposal delivered and presented" });
  await expect(milestone).toContainText("skipped: The client signed at the committee meeting");
  await expect(milestone).toHaveClass(/done/);
  await expect(page.locator("table.tasks-table tr", { hasText: "Draft solution design" }).getByRole("checkbox", { name: /^Done: / })).toBeChecked();
  // One step: undo brings the stage, the milestones and the tasks back.
  await page.locator("body").press("Control+z");
  await expect(page.locator(".tags")).toContainText("Proposal");
  await expect(milestone).not.toContainText("skipped");
  await expect(page.locator("table.tasks-table tr", { hasText: "Draft solution design" }).getByRole("checkbox", { name: /^Done: / })).not.toBeChecked();
});
