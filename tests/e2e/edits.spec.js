// An edited row shows its new values at once, on the screen where it was edited: one row of
// every editable table and list is edited and read back without leaving the screen. (Keyed
// lists whose key did not change with the row kept the old values: goals, costs.)
const { test, expect } = require("@playwright/test");
const { loadSample } = require("./helpers");

const HELIOS = "Helios Logistics — managed IT services";
const UPSELL = "Analytics add-on upsell";

async function openProject(page, name, tab) {
  await page.goto("./#/projects");
  await page.getByRole("link", { name, exact: true }).first().click();
  if (tab) await page.getByRole("navigation", { name: "Project views" }).getByRole("link", { name: tab, exact: true }).click();
}

/** Opens the row's edit dialog, fills `field` with `value`, saves, and waits for it to close. */
async function edit(page, button, dialogName, field, value) {
  await page.getByRole("button", { name: button }).first().click();
  const dialog = page.getByRole("dialog", { name: dialogName });
  const input = dialog.getByLabel(field, { exact: true });
  if ((await input.evaluate((e) => e.tagName)) === "SELECT") await input.selectOption(value);
  else await input.fill(value);
  await dialog.getByRole("button", { name: /^Save/ }).click();
  await expect(dialog).toBeHidden();
}

// (where, edit button, dialog, field, new value, the list, the row, what it shows after)
const CASES = [
  [[UPSELL, "Goals"], /^Edit goal Customers converted/, "Edit goal", "Target", "37", "goals", "li", "4 of 37 %"],
  [[HELIOS, "Budget"], /^Edit cost Site visits/, "Edit cost", "Amount (EUR)", "7,345", "costs", "tr", "EUR 7,345"],
  [[HELIOS, "People"], "Edit Anna Keller", "Edit person", "Job title", "Chief Operating Officer", "people", "tr", "Chief Operating Officer"],
  [[HELIOS, "Risks"], /^Edit risk Incumbent/, "Edit risk", "Mitigation", "Price-match clause agreed with procurement", "risks", "tr", "Price-match clause agreed with procurement"],
  [[HELIOS, "Conversations"], /^Edit conversation/, "Edit conversation", "What was discussed", "Renewal of the site survey, signed off", "conversations", "li", "Renewal of the site survey, signed off"],
  [[HELIOS, "Competitors"], "Edit competitor Northstar IT", "Edit competitor", "Notes", "Renewal discount extended to June", "competitors", "tr", "Renewal discount extended to June"],
  [[HELIOS, "Feedback"], /^Edit feedback of/, "Edit feedback", "Action taken", "Shortened the proposal to ten pages", "feedback", "li", "Shortened the proposal to ten pages"],
  [[HELIOS, "Overview"], /^Edit task Confirm budget range/, "Edit task", "Task", "Confirm budget range with the CFO and COO", null, "tr", "Confirm budget range with the CFO and COO"],
  [[HELIOS, "Overview"], /^Edit milestone Qualified/, "Edit milestone", "Milestone", "Qualified: budget, sponsor and scope confirmed", null, "li", "Qualified: budget, sponsor and scope confirmed"],
];

test.describe("an edited row shows its new values without leaving the screen", () => {
  for (const [where, button, dialog, field, value, list, row, shows] of CASES) {
    test(`${dialog}: ${field}`, async ({ page }) => {
      await loadSample(page);
      await openProject(page, ...where);
      const scope = list ? page.getByTestId(list) : page.locator("main");
      await expect(scope.locator(row).first()).toBeVisible();
      await expect(scope).not.toContainText(shows);
      const url = page.url();
      await edit(page, button, dialog, field, value);
      await expect(scope.locator(row, { hasText: shows })).toHaveCount(1);
      expect(page.url()).toBe(url);
    });
  }

  test("the team table", async ({ page }) => {
    await loadSample(page);
    await page.goto("./#/team");
    const table = page.locator("table.team-table");
    await expect(table.locator("tbody tr").first()).toBeVisible();
    await edit(page, "Edit Jonas Berg", "Edit member", "Role", "Regional sales director");
    await expect(table.locator("tr", { hasText: "Jonas Berg" })).toContainText("Regional sales director");
  });

  test("a target on Goals and quotas", async ({ page }) => {
    await loadSample(page);
    await page.goto("./#/goals");
    const list = page.getByTestId("quotas");
    const row = list.locator("li", { hasText: "Jonas Berg · Revenue won" });
    await expect(row).toContainText("of EUR 400,000");
    // The dialog opens with the target's own values.
    await page.getByRole("button", { name: "Edit target Jonas Berg Revenue won" }).click();
    const dialog = page.getByRole("dialog", { name: /^Edit the target/ });
    await expect(dialog.getByLabel("Target (EUR)", { exact: true })).toHaveValue("400000");
    await expect(dialog.locator('select[name="member"] option:checked')).toHaveText("Jonas Berg");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await edit(page, "Edit target Jonas Berg Revenue won", "Edit the target", "Target (EUR)", "450000");
    await expect(row).toContainText("of EUR 450,000");
    await expect(list.locator("li", { hasText: "Revenue won" })).toHaveCount(2);
  });

  test("a playbook", async ({ page }) => {
    await loadSample(page);
    await page.goto("./#/templates");
    const card = page.locator("article.template-card", { hasText: "Services deal (short)" });
    await expect(card).toHaveCount(1);
    await card.getByRole("link", { name: "Edit" }).click();
    const name = page.locator("section.form-grid").getByLabel("Name", { exact: true });
    await name.fill("Services deal (under EUR 250k)");
    await page.getByRole("button", { name: "Save template" }).click();
    await expect(page.locator("article.template-card", { hasText: "Services deal (under EUR 250k)" })).toHaveCount(1);
    await expect(page.locator("article.template-card", { hasText: "Services deal (short)" })).toHaveCount(0);
  });

  test("the projects table", async ({ page }) => {
    await loadSample(page);
    const table = page.locator(".projects-table");
    await expect(table.locator("tbody tr").first()).toBeVisible();
    await edit(page, `Edit ${UPSELL}`, "Edit project", "Client", "Kestrel Analytics GmbH");
    await expect(table.locator("tr", { hasText: UPSELL })).toContainText("Kestrel Analytics GmbH");
  });

  test("scoring criteria follow an undo", async ({ page }) => {
    await loadSample(page);
    await page.goto("./#/data");
    const form = page.getByTestId("scoring-settings");
    const fit = form.locator('input[name="fit-weight"]');
    const before = await fit.inputValue();
    await fit.fill("7");
    await form.getByRole("button", { name: "Save criteria" }).click();
    await expect(fit).toHaveValue("7");
    await page.locator("body").press("Control+z");
    await expect(fit).toHaveValue(before);
  });
});
