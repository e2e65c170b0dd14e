// Retakes the Today screenshots in docs/screenshots: the worked example of docs/metrics.md
// (tests/fixtures/today.json on Thursday 3 Dec 2026) for Maya with a line's snooze choices
// open, the whole team's, the status update's Send by e-mail, the task form's Repeat and
// Remind parts and the timeline's occurrence markers, at 1280 and 390 px.
// Needs dist/.
const path = require("path");
const { root, atEachWidth, run } = require("../bench/common");

const out = path.join(root, "docs", "screenshots");
const FIXTURE = path.join(root, "tests", "fixtures", "today.json");

async function main() {
  await atEachWidth(8197, { height: 1000 }, async (page, width) => {
    await page.clock.setFixedTime(new Date("2026-12-03T10:00:00"));
    await page.goto("./");
    await page.getByText("Or open a workspace file").click();
    await page.getByTestId("import-file").setInputFiles(FIXTURE);
    await page.getByRole("dialog", { name: "Open this workspace?" }).getByRole("button", { name: "Open workspace" }).click();
    await page.getByRole("heading", { name: "Projects", level: 1 }).waitFor();
    await page.goto("./#/team");
    await page.getByLabel("I am").selectOption({ label: "Maya" });
    await page.waitForTimeout(500);
    await page.goto("./");
    await page.getByRole("heading", { name: "Today", level: 1 }).waitFor();
    const line = page.locator('[data-testid="today-line"]', { has: page.locator(".today-title", { hasText: "Prepare pricing" }) });
    await line.getByRole("button", { name: "Snooze" }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(out, `today-mine-${width}.png`), fullPage: true });
    await page.getByTestId("today-whose").selectOption({ label: "The whole team" });
    await page.locator('[data-testid="today-line"]').nth(8).waitFor();
    await page.screenshot({ path: path.join(out, `today-team-${width}.png`), fullPage: true });
    // The status update's "Send by e-mail", with Anna's address typed in People.
    await page.locator('[data-testid="today-line"] .today-title', { hasText: "Anna Keller" }).click();
    await page.getByRole("button", { name: "Edit Anna Keller" }).click();
    await page.getByRole("dialog").getByLabel("Email").fill("anna.keller@acme.example");
    await page.getByRole("dialog").getByRole("button", { name: /^Save/ }).click();
    await page.getByRole("navigation", { name: "Project views" }).getByRole("link", { name: "Status update" }).click();
    await page.getByTestId("send-mail").waitFor();
    await page.screenshot({ path: path.join(out, `update-send-${width}.png`), fullPage: true });
    // The task form's Repeat and Remind parts, for a weekly task.
    await page.getByRole("navigation", { name: "Project views" }).getByRole("link", { name: "Overview" }).click();
    await page.getByRole("button", { name: "Add task" }).click();
    const form = page.getByRole("dialog", { name: "Add task" });
    await form.getByLabel("Task", { exact: true }).fill("Pipeline call");
    await form.getByLabel("Due date").fill("2026-12-07");
    await form.getByLabel("Repeats").selectOption("weekly");
    await form.getByRole("checkbox", { name: "Mon" }).check();
    await form.getByLabel("Ends").selectOption("count");
    await form.getByLabel("Times (from this one on)").fill("8");
    await form.getByRole("checkbox", { name: "1 day before" }).check();
    await form.getByTestId("repeat-fields").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(out, `task-repeat-${width}.png`) });
    // Saved: the timeline marks its later occurrences on its row.
    await form.getByRole("button", { name: "Add task" }).click();
    await page.getByRole("navigation", { name: "Project views" }).getByRole("link", { name: "Timeline" }).click();
    await page.locator("circle.occurrence").first().waitFor();
    await page.screenshot({ path: path.join(out, `timeline-repeat-${width}.png`), fullPage: true });
  });
}

run(main);
