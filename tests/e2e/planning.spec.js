// Planning backwards: template → dated plan → timeline with critical path → cycle refused →
// stage gate blocked, then overridden with a reason.
const { test, expect } = require("@playwright/test");
const { loadSample, waitSaved, goTo } = require("./helpers");

function isoDaysFromNow(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return d.toISOString().slice(0, 10);
}

test("a project planned from the B2B playbook: timeline, cycle refusal and stage gate", async ({ page }) => {
  await loadSample(page);
  await page.getByRole("button", { name: "New project" }).click();
  const dialog = page.getByRole("dialog", { name: "New project" });
  await dialog.getByLabel("Playbook").selectOption({ label: "Complex B2B deal" });
  await dialog.getByLabel("Project name").fill("Polaris Shipping — fleet telematics");
  await dialog.getByLabel("Value").fill("640,000");

  // Too close a target: the preview says so once, with the days missing, and the rule.
  await dialog.getByLabel("Target date").fill(isoDaysFromNow(10));
  await expect(dialog.getByTestId("plan-preview")).toContainText("too close for this playbook");
  await expect(dialog.getByTestId("plan-preview")).toContainText("Even at one day a task");
  await dialog.getByLabel("Target date").fill(isoDaysFromNow(35));
  await expect(dialog.getByTestId("plan-preview")).toContainText("just enough for the plan to end on the target");
  await dialog.getByLabel("Target date").fill(isoDaysFromNow(120));
  await expect(dialog.getByTestId("plan-preview")).toContainText("15 tasks in 6 stages from");

  // Who does what: the deal owner holds the deal (the account executive's tasks, whoever
  // else has that title); the other roles go to the team by role; the dialog shows who gets
  // how many tasks before anything is created.
  await dialog.locator("select[name=owner]").selectOption({ label: "Leo Martin" });
  const roles = dialog.getByTestId("playbook-roles");
  await expect(roles.getByLabel("Owner for Account executive").locator("option:checked")).toHaveText("Leo Martin");
  await expect(roles.getByTestId("who-gets")).toContainText(/^Tasks: Leo Martin \d+/);
  await expect(roles.getByTestId("who-gets")).toContainText("Priya Raman");
  await expect(roles.getByLabel("Owner for Solutions engineer").locator("option:checked")).toHaveText("Priya Raman");
  await expect(roles.getByLabel("Owner for Sales director").locator("option:checked")).toHaveText("Maya Okafor");
  await dialog.getByRole("button", { name: "Create project" }).click();

  await expect(page.getByRole("heading", { name: "Polaris Shipping — fleet telematics", level: 1 })).toBeVisible();
  await expect(page.locator(".milestone")).toHaveCount(6);
  await expect(page.getByRole("rowheader", { name: "Collect signatures" })).toBeVisible();

  // One schedule: every task has an owner; its planned dates end on its due date; with
  // four months of room nothing is critical; and a brand-new deal is not "no next step".
  const rows = page.locator(".tasks-table tbody tr");
  await expect(rows).toHaveCount(15);
  for (const row of await rows.all()) {
    await expect(row.locator("td[data-label=Owner]")).not.toHaveText("Unassigned");
    const planned = (await row.locator("td[data-label=Planned] .muted").textContent()).trim();
    const due = (await row.locator("td[data-label=Due]").textContent()).trim();
    expect(planned.endsWith(due), `${planned} ends on ${due}`).toBe(true);
  }
  await expect(page.locator(".tasks-table .critical-badge")).toHaveCount(0);
  // Stages spread over the four months: the first milestone is due in the first weeks.
  const dueOf = async (name) => {
    const text = await page.locator(".milestone", { hasText: name }).textContent();
    return new Date(text.match(/due (\d{2} \w{3} \d{4})/)[1]);
  };
  const days = (a, b) => (b - a) / 86400000;
  const first = await dueOf("First meeting held");
  const signed = await dueOf("Contract signed");
  expect(days(first, signed)).toBeGreaterThan(80);
  expect(days(new Date(), first)).toBeLessThan(40);
  await expect(page.getByTestId("project-health")).not.toContainText("no dated next step");

  // The timeline draws the same planned dates.
  const proposalPlanned = (await page.locator(".tasks-table tbody tr", { hasText: "Write the proposal" }).locator("td[data-label=Planned] .muted").textContent()).trim();
  await page.getByRole("link", { name: "Timeline", exact: true }).click();
  const timeline = page.getByTestId("timeline");
  await expect(timeline).toBeVisible();
  expect(await timeline.locator(".bar").count()).toBe(15);
  await expect(timeline.locator(".bar.critical")).toHaveCount(0);
  await expect(timeline.locator(".slack-line")).not.toHaveCount(0);
  const [from, to] = proposalPlanned.split(" – ");
  await expect(page.getByRole("button", { name: /^Write the proposal:/ })).toHaveAttribute("aria-label", new RegExp(`${from} to ${to}`));
  await expect(timeline.locator(".today-line")).toHaveCount(1);
  await expect(timeline.locator(".target-line")).toHaveCount(1);

  // Moving a critical task by keyboard reschedules it and everything after it.
  await page.getByRole("link", { name: "Plan", exact: true }).click();
  const finishBefore = await page.getByTestId("plan-summary").locator("strong").first().textContent();
  await page.getByRole("link", { name: "Timeline", exact: true }).click();
  const bar = page.getByRole("button", { name: /^Collect signatures:/ });
  await bar.focus();
  for (let i = 0; i < 3; i++) await bar.press("ArrowRight");
  await expect(page.getByText(/^Moved\. The plan/)).toBeVisible();
  await page.getByRole("link", { name: "Plan", exact: true }).click();
  await expect(page.getByTestId("plan-summary").locator("strong").first()).not.toHaveText(finishBefore);

  // Dragging a bar to the right moves it too.
  await page.getByRole("link", { name: "Timeline", exact: true }).click();
  const handover = page.getByRole("button", { name: /^Hand over to delivery and customer success:/ });
  const before = await handover.getAttribute("aria-label");
  await handover.scrollIntoViewIfNeeded();
  const box = await handover.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 6 });
  await page.mouse.up();
  await expect(page.getByRole("button", { name: /^Hand over to delivery and customer success:/ })).not.toHaveAttribute("aria-label", before);
  await page.getByRole("link", { name: "Plan", exact: true }).click();

  // A dependency that closes a cycle is refused, naming the tasks.
  await page.getByRole("combobox", { name: "Task" }).selectOption({ label: "Research the account and its priorities" });
  await page.getByRole("combobox", { name: "Waits for" }).selectOption({ label: "Collect signatures" });
  await page.getByRole("button", { name: "Add dependency" }).click();
  const refusal = page.getByTestId("dependency-refusal");
  await expect(refusal).toContainText("in a circle");
  await expect(refusal).toContainText("Research the account and its priorities");
  await expect(refusal).toContainText("Collect signatures");

  // A safe dependency with a lag is accepted.
  await page.getByRole("combobox", { name: "Task" }).selectOption({ label: "Collect signatures" });
  await page.getByRole("combobox", { name: "Waits for" }).selectOption({ label: "Answer security and procurement questionnaires" });
  await page.getByLabel("Lag (working days)").fill("2");
  await page.getByRole("button", { name: "Add dependency" }).click();
  await expect(page.getByRole("row", { name: /^Collect signatures/ })).toContainText("(+2 d)");

  // Stage gate: blocked with unmet criteria, then overridden with a reason.
  await page.getByRole("link", { name: "Overview", exact: true }).click();
  await page.getByRole("button", { name: "Advance to Qualified" }).click();
  const gate = page.getByRole("dialog", { name: "Advance to Qualified?" });
  await expect(gate).toContainText("Pain or opportunity confirmed");
  await gate.getByRole("button", { name: "Advance anyway" }).click();
  await expect(gate.getByRole("alert")).toContainText("not met yet");
  await gate.getByLabel("Reason for moving on").fill("Sponsor confirmed the pain in writing; fit review next week.");
  await gate.getByRole("button", { name: "Advance anyway" }).click();
  await expect(gate).toBeHidden();
  await expect(page.locator(".tags")).toContainText("Qualified");
  await expect(page.getByText("1 stage move past unmet criteria")).toBeVisible();

  // Ticking every criterion lets the next move through without a reason.
  for (const box of await page.locator(".criteria input[type=checkbox]").all()) await box.check();
  await page.getByRole("button", { name: "Advance to Discovery" }).click();
  await page.getByRole("dialog", { name: "Advance to Discovery?" }).getByRole("button", { name: "Advance to Discovery" }).click();
  await expect(page.locator(".tags")).toContainText("Discovery");
  await expect(page.getByText("Probability", { exact: true }).locator("..")).toContainText("40 %");

  await waitSaved(page);
  await page.reload();
  await expect(page.locator(".tags")).toContainText("Discovery");
  await expect(page.getByText("1 stage move past unmet criteria")).toBeVisible();
});

test("templates can be duplicated, edited and deleted", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Templates");
  const card = page.locator(".template-card", { hasText: "Lead-generation campaign" });
  await card.getByRole("button", { name: "Duplicate" }).click();
  await expect(page.getByRole("button", { name: "Save template" })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill("Partner webinar series");
  await page.getByLabel("Waits for").first().fill("nowhere");
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByRole("alert")).toContainText("“nowhere”");
  await page.getByLabel("Waits for").first().fill("");
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByRole("heading", { name: "Templates", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Partner webinar series" })).toBeVisible();

  await page.getByRole("button", { name: "Delete template Partner webinar series" }).click();
  await page.getByRole("dialog", { name: "Delete template?" }).getByRole("button", { name: "Delete template" }).click();
  await expect(page.getByRole("link", { name: "Partner webinar series" })).toHaveCount(0);
});

test("a playbook's number typed wrong is named and blocks saving; it never becomes 0", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Templates");
  await page.getByRole("link", { name: "Complex B2B deal" }).first().click();
  const days = page.getByLabel("Working days").first();
  const before = await days.inputValue();
  expect(Number(before)).toBeGreaterThan(0);
  await days.fill("two");
  await expect(page.getByRole("alert").filter({ hasText: "Whole days only" })).toBeVisible();
  await expect(days).toHaveAttribute("aria-invalid", "true");
  const probability = page.getByLabel("Win probability (%)").first();
  await probability.fill("140");
  await expect(page.getByText("Stage 1: the win probability must be a whole number from 0 to 100 (“140” is not).")).toBeVisible();
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByText("The template can't be saved yet:")).toBeVisible();
  await expect(page.getByText(/Stage 1, task “.+”: working days must be a whole number \(“two” is not\)/)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Complex B2B deal");
  // Put right, it saves with the typed values.
  await days.fill("3");
  await probability.fill("15");
  await expect(days).toHaveAttribute("aria-invalid", "false");
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByRole("heading", { name: "Templates", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Complex B2B deal" }).first().click();
  await expect(page.getByLabel("Working days").first()).toHaveValue("3");
  await expect(page.getByLabel("Win probability (%)").first()).toHaveValue("15");
});

test("holidays are edited in settings", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Data");
  await page.getByLabel("Holidays (one date per line, YYYY-MM-DD)").fill("2026-12-25\nnot a date");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("“not a date” is not a date")).toBeVisible();
  await page.getByLabel("Holidays (one date per line, YYYY-MM-DD)").fill("2026-12-25\n2026-12-26");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved")).toBeVisible();
  await waitSaved(page);
  await page.reload();
  await expect(page.getByLabel("Holidays (one date per line, YYYY-MM-DD)")).toHaveValue("2026-12-25\n2026-12-26");
});
