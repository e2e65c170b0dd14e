// Reminders on a controlled clock: a reminder set in the task form fires once at its time
// with two tabs open (one notice in all, not one per tab), not again when the tab that
// showed it closes and the other takes over; a milestone carries one too; the calendar
// export carries them as VALARMs that a real calendar library (ical.js) reads.
const { test, expect } = require("@playwright/test");
const fs = require("fs");
const path = require("path");
const ICAL = require("ical.js");
const { waitSaved, openFile, chooseMe } = require("./helpers");

const FIXTURE = path.join(__dirname, "..", "fixtures", "today.json");
const SHOWN = "Reminder: Prepare pricing — Due tomorrow · Acme renewal";

test("a reminder shows once across two tabs, and the calendar carries it", async ({ page }) => {
  const context = page.context();
  await context.clock.install({ time: new Date("2026-12-04T08:50:00") });
  await openFile(page, FIXTURE);
  await chooseMe(page, "Maya");
  await page.goto("./#/today");
  await expect(page.getByTestId("reminder-note")).toContainText("No browser can remind you while every Pursuit tab is closed");

  // "Prepare pricing" is due Saturday 5 Dec: remind Maya a day before, 09:00 on Friday.
  await page.locator('[data-testid="today-line"] .today-title', { hasText: "Prepare pricing" }).click();
  await page.getByRole("button", { name: "Edit task Prepare pricing" }).click();
  const form = page.getByRole("dialog", { name: "Edit task" });
  await form.getByRole("checkbox", { name: "1 day before" }).check();
  await form.getByRole("button", { name: "Save task" }).click();
  await expect(form).toHaveCount(0);
  await waitSaved(page);

  const other = await context.newPage();
  await other.goto("./#/today");
  await expect(other.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  const shown = (p) => p.locator(".notice", { hasText: SHOWN }).count();
  expect((await shown(page)) + (await shown(other))).toBe(0);

  await context.clock.fastForward("15:00");
  await expect.poll(async () => (await shown(page)) + (await shown(other)), { timeout: 15_000 }).toBe(1);
  await context.clock.fastForward("01:00");
  await page.waitForTimeout(500);
  expect((await shown(page)) + (await shown(other))).toBe(1);

  // The tab that showed it closes; the other takes over reminders and does not repeat it.
  const [showing, remaining] = (await shown(page)) ? [page, other] : [other, page];
  await showing.close();
  await context.clock.fastForward("01:00");
  await remaining.waitForTimeout(500);
  expect(await shown(remaining)).toBe(0);

  // A milestone carries reminders too (its project owner's), set in its form.
  await remaining.goto("./#/today");
  await remaining.locator('[data-testid="today-line"] .today-title', { hasText: "Send proposal" }).click();
  await remaining.getByRole("button", { name: "Edit milestone Proposal accepted" }).click();
  const milestone = remaining.getByRole("dialog", { name: "Edit milestone" });
  await milestone.getByRole("checkbox", { name: "At 09:00 on the due day" }).check();
  await milestone.getByRole("button", { name: "Save milestone" }).click();
  await expect(milestone).toHaveCount(0);
  await waitSaved(remaining);

  // The calendar: the task's event has an alarm 15 hours before its (all-day) start.
  await remaining.goto("./#/data");
  const [download] = await Promise.all([remaining.waitForEvent("download"), remaining.getByRole("button", { name: "My dates (.ics)" }).click()]);
  const text = fs.readFileSync(await download.path(), "utf8");
  const event = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").find((e) => e.getFirstPropertyValue("summary") === "Prepare pricing");
  expect(event).toBeTruthy();
  const alarm = event.getFirstSubcomponent("valarm");
  expect(alarm.getFirstPropertyValue("action")).toBe("DISPLAY");
  expect(alarm.getFirstPropertyValue("trigger").toSeconds()).toBe(-15 * 3600);
  const reached = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").find((e) => e.getFirstPropertyValue("summary") === "Milestone: Proposal accepted");
  expect(reached.getFirstSubcomponent("valarm").getFirstPropertyValue("trigger").toSeconds()).toBe(9 * 3600);
});
