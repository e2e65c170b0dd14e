// People, conversations, feedback and the weekly status update, as a salesperson uses them.
const { test, expect } = require("@playwright/test");
const { loadSample, waitSaved } = require("./helpers");
const fs = require("fs");

async function openProject(page, name, tab) {
  await page.getByRole("link", { name }).click();
  if (tab) await page.getByRole("navigation", { name: "Project views" }).getByRole("link", { name: tab, exact: true }).click();
}

test("logging a call with an out-of-cadence decision maker clears the flag and the health reason", async ({ page }) => {
  await loadSample(page);
  await openProject(page, "Arcadia Health — service desk renewal", "People");
  const people = page.getByTestId("people");
  const peter = people.locator("tr", { hasText: "Peter Lind" });
  await expect(peter).toContainText("Decision maker");
  await expect(peter).toContainText("Out of cadence: 24 days");
  // The grid places him by influence and stance, marked as late.
  await expect(page.getByTestId("stance-grid").locator(".person-chip.late", { hasText: "Peter Lind" })).toBeVisible();

  await page.getByRole("link", { name: "Overview", exact: true }).click();
  const health = page.getByTestId("project-health");
  await expect(health).toContainText("decision maker Peter Lind not contacted for 24 days (cadence: weekly)");
  await expect(health).toContainText("no dated next step (agreed or planned)");

  await page.getByRole("link", { name: "People", exact: true }).click();
  await page.getByRole("button", { name: "Log contact with Peter Lind" }).click();
  const dialog = page.getByRole("dialog", { name: "Log a conversation" });
  await expect(dialog.getByRole("checkbox", { name: /Peter Lind/ })).toBeChecked();
  // A next step without a date is refused with a message, and nothing is saved.
  await dialog.getByLabel("What was discussed").fill("Renewal terms: agreed to extend to two new clinics.");
  await dialog.getByLabel("Agreed next step").fill("Send the revised renewal quote");
  await dialog.getByRole("button", { name: "Log conversation" }).click();
  await expect(dialog.getByText("Give the next step a date.")).toBeVisible();
  const inThreeDays = new Date(Date.now() + 3 * 86400000).toISOString().slice(0, 10);
  await dialog.getByLabel("Next step by").fill(inThreeDays);
  await dialog.getByRole("button", { name: "Log conversation" }).click();
  await expect(dialog).toBeHidden();

  await expect(peter).not.toContainText("Out of cadence");
  await page.getByRole("link", { name: "Conversations", exact: true }).click();
  await expect(page.getByTestId("next-step")).toContainText("Send the revised renewal quote");
  await expect(page.getByTestId("conversations")).toContainText("with Peter Lind");

  await page.getByRole("link", { name: "Overview", exact: true }).click();
  await expect(health).not.toContainText("Peter Lind");
  await expect(health).not.toContainText("no dated next step");
  await waitSaved(page);
  await page.reload();
  await expect(page.getByTestId("project-health")).toContainText("in stage Negotiation for 35 days (typical: 20)");
  await expect(page.getByTestId("project-health")).not.toContainText("Peter Lind");
});

test("adding people: a deal without a decision maker is flagged until one is known", async ({ page }) => {
  await loadSample(page);
  await page.getByRole("button", { name: "New project" }).click();
  const form = page.getByRole("dialog", { name: "New project" });
  await form.getByLabel("Project name").fill("Nordlicht Energie — field service app");
  await form.getByLabel("Client").fill("Nordlicht Energie");
  await form.getByRole("button", { name: /Create project/ }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole("heading", { name: "Nordlicht Energie — field service app", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "People", exact: true }).click();
  await expect(page.getByTestId("no-decision-maker")).toBeVisible();

  await page.getByRole("button", { name: "Add person" }).click();
  const dialog = page.getByRole("dialog", { name: "Add person" });
  await dialog.getByRole("button", { name: "Add person" }).click();
  await expect(dialog.getByText("Enter a name.")).toBeVisible();
  await dialog.getByLabel("Name").fill("Jonas Weber");
  await dialog.getByLabel("Job title").fill("Head of field operations");
  await dialog.getByLabel("Buying role").selectOption("decision_maker");
  await dialog.getByRole("combobox", { name: "Influence", exact: true }).selectOption("high");
  await dialog.getByRole("combobox", { name: "Stance", exact: true }).selectOption("sceptic");
  await dialog.getByLabel("Contact cadence").selectOption("weekly");
  await dialog.getByRole("button", { name: "Add person" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("no-decision-maker")).toBeHidden();
  await expect(page.getByTestId("people")).toContainText("Never contacted");
  await expect(page.getByTestId("stance-grid").locator(".stance-cell.hot", { hasText: "Jonas Weber" })).toBeVisible();
});

test("feedback: open feedback is flagged until an action is written, and the trend shows", async ({ page }) => {
  await loadSample(page);
  await openProject(page, "Helios Logistics — managed IT services", "Feedback");
  const trend = page.getByTestId("feedback-trend");
  await expect(trend).toContainText("Worsening");
  await expect(trend.locator(".kpi", { hasText: "Without action" })).toContainText("2");
  const list = page.getByTestId("feedback");
  await expect(list.locator(".feedback-entry.open")).toHaveCount(2);

  await page.getByRole("button", { name: "Add feedback" }).click();
  let dialog = page.getByRole("dialog", { name: "Add feedback" });
  await dialog.getByLabel("Rating").selectOption("5");
  await dialog.getByLabel("Feedback", { exact: true }).fill("Loved the revised integration plan.");
  await dialog.getByRole("button", { name: "Add feedback" }).click();
  await expect(list.locator(".feedback-entry")).toHaveCount(4);
  await expect(trend.locator(".kpi", { hasText: "Without action" })).toContainText("3");

  const generic = list.locator(".feedback-entry", { hasText: "too generic" });
  await generic.getByRole("button", { name: /^Add action to feedback/ }).click();
  dialog = page.getByRole("dialog", { name: "Edit feedback" });
  await dialog.getByLabel("Action taken").fill("Rewrote section 3 with their WMS team");
  await dialog.getByRole("button", { name: "Save feedback" }).click();
  await expect(generic).toContainText("Rewrote section 3");
  await expect(trend.locator(".kpi", { hasText: "Without action" })).toContainText("2");
});

test("the weekly status update: the client's version leaves internal fields out, the team's has everything", async ({ page }) => {
  await loadSample(page);
  await openProject(page, "Helios Logistics — managed IT services", "Status update");
  await page.getByLabel("Asks (one per line)").fill("Confirm who signs the order form\nShare the security questionnaire");
  const preview = page.getByTestId("status-update");
  await expect(preview.getByRole("heading", { level: 2 })).toContainText("Helios Logistics — managed IT services — status update");

  // The client's version (the default): progress, next steps, asks; never health, risks,
  // value, probability or our conversation notes; addressed to the client's people.
  await expect(page.getByRole("button", { name: "The client" })).toHaveAttribute("aria-pressed", "true");
  await expect(preview).toHaveAttribute("data-audience", "client");
  for (const heading of ["Progress against milestones", "Next steps", "Asks"]) {
    await expect(preview.getByRole("heading", { name: heading })).toBeVisible();
  }
  await expect(preview.getByRole("heading", { name: "Risks and mitigation" })).toHaveCount(0);
  for (const secret of ["Health", "At risk", "Incumbent provider offers a steep renewal discount", "Value", "EUR", " %"]) {
    await expect(preview).not.toContainText(secret);
  }
  await expect(preview).toContainText("Send the cut-over calendar with the proposal");
  await expect(preview).toContainText("Confirm who signs the order form");
  await expect(preview).toContainText("For: Anna Keller");
  const markdown = page.getByTestId("update-markdown");
  await expect(markdown).not.toHaveValue(/Health|Incumbent provider|EUR/);

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download .md" }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/^helios-logistics-managed-it-services-client-update-\d{4}-\d{2}-\d{2}\.md$/);
  const text = fs.readFileSync(await file.path(), "utf8");
  expect(text).toMatch(/^# Helios Logistics — managed IT services — status update/);
  expect(text).toContain("- Confirm who signs the order form");
  expect(text).not.toContain("Incumbent provider");

  // Ticking shares exactly that.
  await page.getByLabel("Risks and mitigation").check();
  await expect(preview).toContainText("Incumbent provider offers a steep renewal discount");
  await expect(preview).not.toContainText("Health");

  // The team's version has everything.
  await page.getByRole("button", { name: "Our team" }).click();
  await expect(preview).toHaveAttribute("data-audience", "internal");
  await expect(preview).toContainText("Health: At risk");
  await expect(preview).toContainText("Value: EUR");
  await expect(preview).toContainText("(score 15, high)");
  await expect(page.getByLabel("Risks and mitigation")).toHaveCount(0);

  await page.getByRole("button", { name: "Log as sent" }).click();
  await page.getByRole("link", { name: "Conversations", exact: true }).click();
  await expect(page.getByTestId("conversations").locator(".log-entry").first()).toContainText("sent to the team");
});

test("the client's update is the mutual action plan: agreed steps only, with the client's owner, and it says what it leaves out", async ({ page }) => {
  await loadSample(page);
  await openProject(page, "Helios Logistics — managed IT services", "Status update");
  const preview = page.getByTestId("status-update");
  await expect(preview).toHaveAttribute("data-audience", "client");
  // Agreed with Helios: the proposal's presentation, owned on their side by Anna Keller.
  await expect(preview).toContainText("Proposal delivered and presented");
  await expect(preview).toContainText("Present proposal to buying committee");
  await expect(preview.locator("li", { hasText: "Present proposal to buying committee" })).toContainText("Anna Keller");
  // Internal work stays out: our milestones and tasks.
  for (const internal of ["Qualified: budget and sponsor confirmed", "Negotiation: terms agreed", "Build pricing model and margin review", "Draft solution design"]) {
    await expect(preview).not.toContainText(internal);
  }
  await expect(page.getByTestId("left-out")).toContainText(/^Left out for the client: \d+ internal milestones? and \d+ internal open tasks?\./);
  await expect(page.getByTestId("left-out")).toContainText("marked “Agreed with the client”");

  // Marked agreed in the task form, with the client's owner, a task joins the client's plan.
  await page.getByRole("link", { name: "Overview", exact: true }).click();
  await page.getByRole("button", { name: "Edit task Build pricing model and margin review" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit task" });
  await dialog.getByLabel("Agreed with the client (mutual action plan)").check();
  await dialog.getByLabel("Client owner").selectOption({ label: "Tomasz Nowak" });
  await dialog.getByRole("button", { name: "Save task" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("link", { name: "Status update", exact: true }).click();
  await expect(preview.locator("li", { hasText: "Build pricing model and margin review" })).toContainText("Tomasz Nowak");
  // The team's version has every milestone, and both owners on a shared step.
  await page.getByRole("button", { name: "Our team" }).click();
  await expect(preview).toContainText("Qualified: budget and sponsor confirmed");
  await expect(preview.locator("li", { hasText: "Build pricing model and margin review" })).toContainText("Maya Okafor with Tomasz Nowak");
  await expect(page.getByTestId("left-out")).toHaveCount(0);
  // And back: unticked, it leaves the client's plan.
  await page.getByRole("link", { name: "Overview", exact: true }).click();
  await page.getByRole("button", { name: "Edit task Build pricing model and margin review" }).click();
  await dialog.getByLabel("Agreed with the client (mutual action plan)").uncheck();
  await expect(dialog.getByLabel("Client owner")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Save task" }).click();
  await page.getByRole("link", { name: "Status update", exact: true }).click();
  await page.getByRole("button", { name: "The client" }).click();
  await expect(preview).not.toContainText("Build pricing model and margin review");
});
