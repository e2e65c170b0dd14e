// Plans out to spreadsheets and calendars: the CSV downloads open as tables (BOM, header,
// a row per record) and the projects table imports back into an empty workspace as the same
// projects; the calendars are parsed back by a real iCalendar parser (ical.js).
const { test, expect } = require("@playwright/test");
const fs = require("fs");
const ICAL = require("ical.js");
const { loadSample, waitSaved, goTo, newProject, SAMPLE_PROJECTS, emptyWorkspaceOnData } = require("./helpers");

/** Clicks `button`, saves the download, returns [file name, text]. */
async function downloaded(page, button) {
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  return [download.suggestedFilename(), fs.readFileSync(await download.path(), "utf8")];
}

/** The project names in the table, sorted. */
async function projectNames(page) {
  await goTo(page, "Projects");
  const names = await page.locator(".projects-table tbody tr th a").allInnerTexts();
  return names.sort();
}

test("the projects table downloads as CSV and imports back into an empty workspace as the same projects", async ({ page, browser }) => {
  await loadSample(page);
  const names = await projectNames(page);
  expect(names.length).toBe(SAMPLE_PROJECTS);
  await goTo(page, "Data");
  const [file, text] = await downloaded(page, page.getByTestId("csv-projects"));
  expect(file).toMatch(/^pursuit-northwind-sales-projects-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text.slice(1).split("\r\n")[0]).toBe("name,client,reference,owner,stage,value,currency,probability,start date,target date,close date,kind,status,description");

  const other = await emptyWorkspaceOnData(browser);
  await other.getByTestId("csv-file").setInputFiles({ name: file, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
  await expect(other.getByTestId("csv-plan")).toHaveText(`${SAMPLE_PROJECTS} projects created, 0 updated, 0 skipped.`);
  await other.getByTestId("csv-import").click();
  await waitSaved(other);
  expect(await projectNames(other)).toEqual(names);
  // The stages and the won/lost counts came back too.
  await goTo(other, "Pipeline");
  await goTo(page, "Pipeline");
  for (const column of ["prospect", "qualified", "discovery", "proposal", "negotiation", "won", "lost"]) {
    await expect(other.getByTestId(`count-${column}`)).toHaveText(await page.getByTestId(`count-${column}`).innerText());
  }
});

test("tasks, milestones and risks download as tables a spreadsheet opens", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Data");
  for (const [what, header] of [
    ["tasks", "project,task,milestone,owner,status,due date,completed on,estimate hours,duration days"],
    ["milestones", "project,milestone,stage,due date,completed on"],
    ["risks", "project,risk,category,probability,impact,score,level,owner,status,mitigation,contingency,next review"],
  ]) {
    const [file, text] = await downloaded(page, page.getByTestId(`csv-${what}`));
    expect(file).toMatch(new RegExp(`^pursuit-northwind-sales-${what}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split("\r\n").filter(Boolean);
    expect(lines[0]).toBe(header);
    expect(lines.length).toBeGreaterThan(1);
  }
});

test("a project's calendar and my dates parse as iCalendar with one all-day event per dated item", async ({ page }) => {
  await loadSample(page);
  await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
  const [file, text] = await downloaded(page, page.getByTestId("ics-project"));
  expect(file).toMatch(/^pursuit-helios-logistics-managed-it-services-dates-\d{4}-\d{2}-\d{2}\.ics$/);
  const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent");
  expect(events.length).toBeGreaterThan(0);
  const uids = new Set();
  for (const e of events) {
    const event = new ICAL.Event(e);
    expect(event.uid).toMatch(/^[0-9a-f-]{36}@pursuit$/);
    expect(event.startDate.isDate).toBe(true);
    expect(event.summary.length).toBeGreaterThan(0);
    uids.add(event.uid);
  }
  expect(uids.size).toBe(events.length);
  expect(events.some((e) => new ICAL.Event(e).summary.startsWith("Milestone: "))).toBe(true);

  // My dates need to know who I am.
  await goTo(page, "Data");
  await expect(page.getByTestId("ics-mine")).toBeDisabled();
  await goTo(page, "Team");
  await page.getByTestId("i-am").selectOption({ label: "Jonas Berg" });
  await goTo(page, "Data");
  const [mine, mineText] = await downloaded(page, page.getByTestId("ics-mine"));
  expect(mine).toMatch(/^pursuit-jonas-berg-dates-\d{4}-\d{2}-\d{2}\.ics$/);
  const myEvents = new ICAL.Component(ICAL.parse(mineText)).getAllSubcomponents("vevent");
  expect(myEvents.length).toBeGreaterThan(0);
  expect(new ICAL.Component(ICAL.parse(mineText)).getFirstPropertyValue("x-wr-calname")).toBe("Jonas Berg — Northwind Sales");
});

test("a cell a spreadsheet would run as a formula is exported as text", async ({ page }) => {
  await loadSample(page);
  await newProject(page, { "Project name": '=HYPERLINK("http://evil.example","Click")', Client: "+cmd|' /C calc'!A0" });
  await waitSaved(page);
  await goTo(page, "Data");
  const [, text] = await downloaded(page, page.getByTestId("csv-projects"));
  const line = text.split("\r\n").find((l) => l.includes("HYPERLINK"));
  expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
  expect(line).toContain(`,'+cmd|' /C calc'!A0,`);
  // No owner is an empty cell, not a name an import would add as a person.
  expect(line).toContain(",,,Prospect,");
  expect(text.split("\r\n").some((l) => /(^|,)"?[=+@]/.test(l))).toBe(false);
});
