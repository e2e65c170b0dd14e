// Today: the worked example of docs/metrics.md (tests/fixtures/today.json, Thursday 3 Dec
// 2026 on a fixed clock) lists exactly the expected lines for Maya and for the team; Done,
// Snooze, Reschedule and Log conversation each clear their line in one step, are undone in
// one step and noted in the history; Pursuit opens on Today once a person said who they are.
const { test, expect } = require("@playwright/test");
const path = require("path");
const { waitSaved, openFile, chooseMe } = require("./helpers");

const FIXTURE = path.join(__dirname, "..", "fixtures", "today.json");

/** Opens the fixture in an empty profile on 3 Dec 2026 and says "I am Maya". */
async function openAsMaya(page) {
  await page.clock.setFixedTime(new Date("2026-12-03T10:00:00"));
  await openFile(page, FIXTURE);
  await chooseMe(page, "Maya");
}

/** Today's lines as "Group | title | why", in order. */
async function lines(page) {
  const sections = page.locator(".today-section");
  await expect(sections.first()).toBeVisible();
  return sections.evaluateAll((all) =>
    all.flatMap((s) => {
      const group = s.querySelector("h2").firstChild.textContent.trim();
      return [...s.querySelectorAll('[data-testid="today-line"]')].map(
        (l) => `${group} | ${l.querySelector(".today-title").textContent.trim()} | ${l.querySelector(".today-why").textContent.trim()}`,
      );
    }),
  );
}

const MAYA = [
  "Overdue | Send proposal | Was due 01 Dec 2026, 2 days ago",
  "Due today | Book demo room | Due today",
  "Due this week | Prepare pricing | Due Sat 05 Dec 2026, in 2 days",
  "People to contact | Anna Keller | Last contact 20 Nov 2026 (13 days ago); weekly cadence",
  "Risks to review | Incumbent discount | Review due 01 Dec 2026, 2 days ago; high risk, scored 15",
  "Milestones at risk | Proposal accepted | Due 10 Dec 2026, in 7 days; “Send proposal” (due 01 Dec 2026) is late for it",
  "Deals past their target date | Globex pilot | Target date 30 Nov 2026 passed 3 days ago; still open in Negotiation",
];

test("Today lists exactly the worked example's lines, for me and for the team", async ({ page }) => {
  await openAsMaya(page);
  // Reloading at the app's own address opens on Today now that Maya said who she is.
  await page.goto("./");
  await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  expect(await lines(page)).toEqual(MAYA);
  await expect(page.getByTestId("today-count")).toHaveText(/^7/);
  await expect(page.getByTestId("today-snoozed")).toContainText("Snoozed (1)");

  await page.getByTestId("today-whose").selectOption({ label: "The whole team" });
  await expect(page).toHaveURL(/#\/today\?owner=team$/);
  await expect(page.locator('[data-testid="today-line"]')).toHaveCount(9);
  const team = await lines(page);
  expect(team).toContain("Overdue | Call legal | Was due 02 Dec 2026, yesterday");
  expect(team).toContain("Deals past their target date | Initech expansion | Target date 15 Nov 2026 passed 18 days ago; still open in Discovery");
  // The choice survives a reload.
  await page.reload();
  await expect(page.locator('[data-testid="today-line"]')).toHaveCount(9);

  await page.getByTestId("today-whose").selectOption({ label: "Leo" });
  await expect(page.locator('[data-testid="today-line"] .today-title')).toHaveText(["Call legal", "Initech expansion"]);
});

test("done, snooze, reschedule and log each clear their line in one step, undoably", async ({ page }) => {
  await openAsMaya(page);
  await page.goto("./#/today");
  const line = (title) => page.locator('[data-testid="today-line"]', { has: page.locator(".today-title", { hasText: title }) });
  await expect(line("Book demo room")).toBeVisible();

  await line("Book demo room").getByRole("button", { name: "Done: Book demo room" }).click();
  await expect(line("Book demo room")).toHaveCount(0);
  await expect(page.getByTestId("today-count")).toHaveText(/^6/);
  await page.keyboard.press("Control+z");
  await expect(line("Book demo room")).toBeVisible();
  await line("Book demo room").getByRole("button", { name: "Done: Book demo room" }).click();
  await expect(line("Book demo room")).toHaveCount(0);

  // Snooze to next Monday: gone until then, listed apart, brought back in one click.
  await line("Prepare pricing").getByRole("button", { name: "Snooze" }).click();
  await line("Prepare pricing").getByRole("button", { name: /^Next Monday/ }).click();
  await expect(line("Prepare pricing")).toHaveCount(0);
  await expect(page.getByTestId("today-snoozed")).toContainText("Snoozed (2)");

  // Reschedule a risk's review by typing a day; a day in the past is refused, by name.
  await line("Incumbent discount").getByRole("button", { name: "Reschedule" }).click();
  await line("Incumbent discount").getByLabel("Move to").fill("2026-11-30");
  await line("Incumbent discount").getByRole("button", { name: "Move", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Can't change the risk “Incumbent discount”: reschedule to today (03 Dec 2026) or later." })).toBeVisible();
  await expect(line("Incumbent discount")).toBeVisible();
  await line("Incumbent discount").getByLabel("Move to").fill("2026-12-17");
  await line("Incumbent discount").getByRole("button", { name: "Move", exact: true }).click();
  await expect(line("Incumbent discount")).toHaveCount(0);

  // Log the conversation with Anna: her last contact moves to today and her line goes.
  await line("Anna Keller").getByRole("button", { name: "Log conversation" }).click();
  const dialog = page.getByRole("dialog", { name: "Log a conversation" });
  await dialog.getByLabel("What was discussed").fill("Call about the proposal");
  await dialog.getByRole("button", { name: "Log conversation" }).click();
  await expect(line("Anna Keller")).toHaveCount(0);

  expect(await lines(page)).toEqual([MAYA[0], MAYA[5], MAYA[6]]);
  await waitSaved(page);

  // Each is a change like any other: in the history, in words.
  await page.goto("./#/history");
  const history = page.locator("main");
  await expect(history).toContainText("ticked off task “Book demo room”");
  await expect(history).toContainText("snoozed task “Prepare pricing” until 07 Dec 2026");
  await expect(history).toContainText("rescheduled risk “Incumbent discount” to 17 Dec 2026");
});

test("a status update is sent by e-mail from where it is written, logged, and clears the cadence line", async ({ page }) => {
  await openAsMaya(page);
  // A stakeholder's e-mail address is typed in the People form and checked.
  await page.goto("./#/today");
  await page.locator('[data-testid="today-line"] .today-title', { hasText: "Anna Keller" }).click();
  await expect(page.getByRole("heading", { name: "People" })).toBeVisible();
  await page.getByRole("button", { name: "Edit Anna Keller" }).click();
  const form = page.getByRole("dialog");
  await form.getByLabel("Email").fill("anna at acme");
  await form.getByRole("button", { name: /^Save/ }).click();
  await expect(form.getByText("Enter an email address such as ana@example.com, or leave it empty.")).toBeVisible();
  await form.getByLabel("Email").fill("anna.keller@acme.example");
  await form.getByRole("button", { name: /^Save/ }).click();
  await expect(form).toHaveCount(0);

  const views = page.getByRole("navigation", { name: "Project views" });
  await views.getByRole("link", { name: "Status update" }).click();
  const send = page.getByTestId("send-mail");
  await expect(send).toBeVisible();
  await expect(page.getByTestId("send-mail-hint")).toContainText("addressed to 1 person");
  await expect(page.getByTestId("send-mail-hint")).toContainText("No e-mail address for Ben Ott: add it in People.");
  const href = await send.getAttribute("href");
  const url = new URL(href);
  expect(url.protocol).toBe("mailto:");
  expect(decodeURIComponent(url.pathname)).toBe("anna.keller@acme.example");
  const params = new URLSearchParams(url.search.replace(/\+/g, "%2B"));
  expect(params.get("subject")).toBe("Acme renewal — status update 3 Dec 2026");
  const body = params.get("body");
  expect(body).toContain("Acme renewal — status update 3 Dec 2026\r\n=====");
  expect(body).toContain("Next steps\r\n----------");
  expect(body).not.toMatch(/\*\*|^#/m);
  expect(href.length).toBeLessThanOrEqual(2000);

  await send.click();
  await expect(page.getByText("Logged as sent. The next update covers what happens from today.")).toBeVisible();
  await views.getByRole("link", { name: "Conversations" }).click();
  await expect(page.getByTestId("conversations")).toContainText("Weekly status update sent to the client.");
  await page.goto("./#/today");
  await expect(page.locator('[data-testid="today-line"] .today-title', { hasText: "Send proposal" })).toBeVisible();
  await expect(page.locator('[data-testid="today-line"] .today-title', { hasText: "Anna Keller" })).toHaveCount(0);
});

test("a long group draws its first 50 lines and shows the rest on request", async ({ page }) => {
  // The worked example with 60 more overdue tasks of Maya's, opened as a file.
  const fs = require("fs");
  const os = require("os");
  const file = JSON.parse(fs.readFileSync(FIXTURE, "utf8"));
  const base = file.workspace.tasks.find((t) => t.title === "Send proposal");
  for (let i = 0; i < 60; i++) {
    file.workspace.tasks.push({ ...base, id: `00000000-0000-4000-8000-${String(900000000000 + i)}`, title: `Late task ${i + 1}`, milestone_id: null, order: 100 + i });
  }
  const big = path.join(os.tmpdir(), `pursuit-today-big-${process.pid}.json`);
  fs.writeFileSync(big, JSON.stringify(file));
  const p = page;
  await p.clock.setFixedTime(new Date("2026-12-03T10:00:00"));
  await openFile(p, big);
  await chooseMe(p, "Maya");
  await p.goto("./#/today");
  const overdue = p.getByTestId("today-overdue");
  await expect(overdue.locator("h2 .count")).toHaveText("61");
  await expect(overdue.locator('[data-testid="today-line"]')).toHaveCount(50);
  await overdue.getByRole("button", { name: "Show all 61" }).click();
  await expect(overdue.locator('[data-testid="today-line"]')).toHaveCount(61);
  fs.rmSync(big, { force: true });
});
