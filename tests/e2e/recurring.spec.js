// Recurring work in the built app, on a fixed clock (Thursday 3 Dec 2026): a weekly task is
// added through the task form, ticked late and moves to the rule's next Monday (not a week
// from the tick); "this one" moves one occurrence, "this and later" moves the series; the
// project calendar carries it as one RRULE event, with its reminder as an alarm, whose
// occurrences, expanded by a real calendar library (ical.js), are the app's.
const { test, expect } = require("@playwright/test");
const fs = require("fs");
const path = require("path");
const ICAL = require("ical.js");
const { waitSaved, openFile } = require("./helpers");

const FIXTURE = path.join(__dirname, "..", "fixtures", "today.json");

async function openAcme(page) {
  await page.clock.setFixedTime(new Date("2026-12-03T10:00:00"));
  await openFile(page, FIXTURE);
  await page.getByRole("link", { name: "Acme renewal", exact: true }).first().click();
  await expect(page.getByRole("heading", { name: "Acme renewal", level: 1 })).toBeVisible();
}

const row = (page, title) => page.locator(".tasks-table tbody tr", { has: page.locator(".task-title", { hasText: title }) });

test("a weekly task ticked late moves to the rule's next date; edits to one or the series", async ({ page }) => {
  await openAcme(page);
  await page.getByRole("button", { name: "Add task" }).click();
  const form = page.getByRole("dialog", { name: "Add task" });
  await form.getByLabel("Task", { exact: true }).fill("Pipeline call");
  await form.getByLabel("Due date").fill("2026-11-30");
  await form.getByLabel("Repeats").selectOption("weekly");
  await form.getByRole("checkbox", { name: "Mon" }).check();
  await form.getByLabel("Ends").selectOption("count");
  // Out of range first: refused by name.
  await form.getByLabel("Times (from this one on)").fill("1000");
  await form.getByRole("button", { name: "Add task" }).click();
  await expect(form.getByText("Repeat 1 to 999 times.")).toBeVisible();
  await form.getByLabel("Times (from this one on)").fill("4");
  await form.getByRole("button", { name: "Add task" }).click();
  await expect(form).toHaveCount(0);
  await expect(row(page, "Pipeline call").getByTestId("repeats")).toHaveText("↻ Every week on Mon, 4 times");
  await expect(row(page, "Pipeline call")).toContainText("30 Nov");

  // Ticked on Thursday 3 Dec: the next occurrence is Monday 7 Dec, from the rule.
  await row(page, "Pipeline call").getByRole("checkbox", { name: "Done: Pipeline call" }).click();
  await expect(row(page, "Pipeline call")).toContainText("07 Dec");
  await expect(row(page, "Pipeline call").getByRole("checkbox", { name: "Done: Pipeline call" })).not.toBeChecked();
  await waitSaved(page);

  // "This one": 7 Dec moves to Tuesday 8 Dec; the rule stays on Mondays.
  await page.getByRole("button", { name: "Edit task Pipeline call" }).click();
  let edit = page.getByRole("dialog", { name: "Edit task" });
  await edit.getByLabel("Due date").fill("2026-12-08");
  await edit.getByRole("checkbox", { name: "Apply to this and later occurrences" }).uncheck();
  await edit.getByRole("button", { name: "Save task" }).click();
  await expect(edit).toHaveCount(0);
  await expect(row(page, "Pipeline call")).toContainText("08 Dec");
  await row(page, "Pipeline call").getByRole("checkbox", { name: "Done: Pipeline call" }).click();
  await expect(row(page, "Pipeline call")).toContainText("14 Dec");

  // "This and later": from Wednesday 16 Dec, every week on Wednesdays.
  await page.getByRole("button", { name: "Edit task Pipeline call" }).click();
  edit = page.getByRole("dialog", { name: "Edit task" });
  await edit.getByLabel("Due date").fill("2026-12-16");
  await edit.getByRole("checkbox", { name: "Mon" }).uncheck();
  await edit.getByRole("checkbox", { name: "Wed" }).check();
  await edit.getByRole("checkbox", { name: "1 day before" }).check();
  await edit.getByRole("button", { name: "Save task" }).click();
  await expect(edit).toHaveCount(0);
  await expect(row(page, "Pipeline call").getByTestId("repeats")).toHaveText("↻ Every week on Wed, 2 times");
  await expect(row(page, "Pipeline call")).toContainText("16 Dec");
  await waitSaved(page);

  // The timeline draws the later occurrence as a marker on the task's row, not a bar.
  await page.getByRole("navigation", { name: "Project views" }).getByRole("link", { name: "Timeline" }).click();
  await expect(page.locator("circle.occurrence")).toHaveCount(1);
  await expect(page.locator("circle.occurrence title")).toHaveText("Pipeline call: again on Wed 23 Dec");
  await page.getByRole("navigation", { name: "Project views" }).getByRole("link", { name: "Overview" }).click();

  // The calendar: one event, its occurrences as the app has them.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Calendar (.ics)" }).click()]);
  const text = fs.readFileSync(await download.path(), "utf8");
  const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
  const call = events.filter((e) => e.summary === "Pipeline call");
  expect(call).toHaveLength(1);
  expect(call[0].isRecurring()).toBe(true);
  const it = call[0].iterator();
  const dates = [];
  for (let next = it.next(); next && dates.length < 10; next = it.next()) dates.push(next.toString());
  expect(dates).toEqual(["2026-12-16", "2026-12-23"]);
  // Its reminder is an alarm of the series: 09:00 the day before each occurrence.
  const alarm = call[0].component.getFirstSubcomponent("valarm");
  expect(alarm.getFirstPropertyValue("trigger").toSeconds()).toBe(-15 * 3600);
});

test("a person's cadence and the weekly status update each become a recurring task in one click", async ({ page }) => {
  await openAcme(page);
  const views = page.getByRole("navigation", { name: "Project views" });
  await views.getByRole("link", { name: "People" }).click();
  await page.getByRole("button", { name: "Make contacting Anna Keller a recurring task" }).click();
  await expect(page.getByText("Added “Contact Anna Keller”, first due 03 Dec 2026, then at their cadence.")).toBeVisible();
  await views.getByRole("link", { name: "Status update" }).click();
  await page.getByRole("button", { name: "Repeat weekly as a task" }).click();
  await expect(page.getByText("Added “Send the weekly status update for Acme renewal”: every week on Thu, first due 10 Dec 2026.")).toBeVisible();
  await views.getByRole("link", { name: "Overview" }).click();
  await expect(row(page, "Contact Anna Keller").getByTestId("repeats")).toHaveText("↻ Every week on Thu");
  await expect(row(page, "Contact Anna Keller")).toContainText("03 Dec");
  await expect(row(page, "Send the weekly status update for Acme renewal").getByTestId("repeats")).toHaveText("↻ Every week on Thu");
  await expect(row(page, "Send the weekly status update for Acme renewal")).toContainText("10 Dec");
  // Both are edits like any other: one undo each.
  await page.keyboard.press("Control+z");
  await expect(row(page, "Send the weekly status update for Acme renewal")).toHaveCount(0);
});
