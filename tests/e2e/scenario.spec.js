// What-if scenarios: a sandbox every screen shows under a banner, compared with reality,
// applied as one step that Undo takes back, kept across reloads, and never a way to
// overwrite what changed in the workspace meanwhile.
const { test, expect } = require("@playwright/test");
const { loadSample, waitSaved, goTo } = require("./helpers");

const arcadia = "Arcadia Health — service desk renewal";

async function openProject(page, name) {
  await goTo(page, "Projects");
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
}

async function editProject(page, label, value) {
  await page.getByRole("button", { name: "Edit project" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(label).fill(value);
  await dialog.getByRole("button", { name: /Save/ }).click();
  await expect(dialog).toHaveCount(0);
}

async function projectValue(page, name) {
  await openProject(page, name);
  await page.getByRole("button", { name: "Edit project" }).click();
  const dialog = page.getByRole("dialog");
  const value = await dialog.getByLabel("Value").inputValue();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  return value;
}

async function startScenario(page, name) {
  await goTo(page, "What-if");
  await page.getByTestId("scenario-name").fill(name);
  await page.getByTestId("start-scenario").click();
  await expect(page.getByTestId("scenario-banner")).toContainText(`Scenario: ${name}`);
}

test("a scenario is changed, compared, kept over a reload, applied and undone", async ({ page }) => {
  await loadSample(page);
  const original = await projectValue(page, arcadia);
  await goTo(page, "Dashboard");
  const chance = page.getByTestId("target-chance").getByTestId("chance");
  await expect(chance).toHaveText("0 %");

  // A name is required.
  await goTo(page, "What-if");
  await page.getByTestId("start-scenario").click();
  await expect(page.getByRole("alert")).toHaveText(/^Scenario name: give the scenario a name/);
  await expect(page.getByTestId("scenario-banner")).toHaveCount(0);

  await startScenario(page, "Q4 push");
  await expect(page.getByTestId("scenario-differences")).toHaveText("No difference yet: the scenario matches your workspace.");

  // Edits on the ordinary screens go to the scenario; every screen shows the banner.
  await openProject(page, arcadia);
  await expect(page.getByTestId("scenario-banner")).toBeVisible();
  await editProject(page, "Value", "800000");
  await expect(page.getByTestId("scenario-banner")).toContainText("1 change");
  await expect(page.getByTestId("undo")).toHaveAttribute("title", /\(scenario\)/);
  // Sharing the project or its calendar would hand a sandbox to a teammate: refused.
  await page.getByRole("button", { name: "Share project" }).click();
  await expect(page.locator(".notice.error")).toContainText("Files and exports carry your real workspace, never a scenario.");
  await goTo(page, "Dashboard");
  await expect(chance).not.toHaveText("0 %");
  await expect(page.getByTestId("scenario-banner")).toBeVisible();

  // Side by side: the chance moved, the workspace's did not.
  await page.getByTestId("scenario-compare").click();
  const row = page.getByTestId("cmp-chance-of-hitting-the-target");
  await expect(row).toHaveClass(/changed/);
  await expect(row.locator("td").nth(0)).toHaveText("0 %");
  await expect(row.locator("td").nth(1)).not.toHaveText("0 %");
  await expect(page.getByTestId("cmp-best-case")).toHaveClass(/changed/);
  await expect(page.getByTestId("scenario-differences")).toHaveText(/^\d+ differences? from your workspace/);
  const workload = page.getByTestId("compare-workload").locator("tbody tr");
  await expect(workload).not.toHaveCount(0);

  // Only when asked, the scenario leaves the browser: a workspace file named as a scenario.
  await page.getByTestId("download-scenario").click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("file-out-download").click()]);
  expect(download.suggestedFilename()).toMatch(/^pursuit-scenario-q4-push-\d{4}-\d{2}-\d{2}\.json$/);
  const saved = JSON.parse(require("fs").readFileSync(await download.path(), "utf8"));
  expect(saved.workspace.projects.find((p) => p.name === arcadia).value.minor).toBe(80000000);

  // The Data screen (export, import, merge) waits while a scenario is open.
  await goTo(page, "Data");
  await expect(page.getByTestId("data-in-scenario")).toBeVisible();
  await expect(page.getByTestId("export")).toBeHidden();

  // Kept over a reload, still open; closing shows the workspace untouched.
  await page.reload();
  await expect(page.getByTestId("scenario-banner")).toContainText("Scenario: Q4 push");
  await page.getByTestId("scenario-close").click();
  await expect(page.getByTestId("scenario-banner")).toHaveCount(0);
  expect(await projectValue(page, arcadia)).toBe(original);
  await goTo(page, "Dashboard");
  await expect(chance).toHaveText("0 %");

  // Reopened from the list, applied: the workspace has the new value, in one step.
  await goTo(page, "What-if");
  await expect(page.getByTestId("scenario-list")).toContainText("Q4 push");
  await page.getByRole("button", { name: "Open scenario Q4 push" }).click();
  await expect(page.getByTestId("scenario-banner")).toBeVisible();
  await expect(page.getByTestId("choose-0")).toBeChecked();
  await page.getByTestId("apply-scenario").click();
  await expect(page.locator(".notice")).toContainText("Applied 1 change from “Q4 push” to the workspace.");
  await expect(page.getByTestId("scenario-banner")).toHaveCount(0);
  await waitSaved(page);
  expect(await projectValue(page, arcadia)).toBe("800000");
  await goTo(page, "History");
  await expect(page.getByTestId("history").locator(".history-entry").first()).toContainText("applied scenario “Q4 push” (1 change)");

  // Undo takes the whole scenario back.
  await expect(page.getByTestId("undo")).toHaveAttribute("title", /Undo: applied scenario “Q4 push”/);
  await page.getByTestId("undo").click();
  await waitSaved(page);
  expect(await projectValue(page, arcadia)).toBe(original);
  await page.reload();
  expect(await projectValue(page, arcadia)).toBe(original);
});

test("a scenario never overwrites what changed in the workspace after it", async ({ page }) => {
  await loadSample(page);
  await startScenario(page, "Bigger Arcadia");
  await openProject(page, arcadia);
  await editProject(page, "Probability (%)", "90");
  // Undo and redo step through the scenario's own edits.
  await page.getByTestId("undo").click();
  await expect(page.getByTestId("scenario-banner")).toContainText("0 changes");
  await page.getByTestId("redo").click();
  await expect(page.getByTestId("scenario-banner")).toContainText("1 change");
  await page.getByTestId("scenario-close").click();

  // Meanwhile the same deal changes in the workspace.
  await openProject(page, arcadia);
  await editProject(page, "Value", "123456");
  await waitSaved(page);

  await goTo(page, "What-if");
  await page.getByRole("button", { name: "Open scenario Bigger Arcadia" }).click();
  const changes = page.getByTestId("scenario-changes");
  await expect(changes.locator(".field-error")).toContainText("was changed in the workspace after this scenario changed it");
  await page.getByTestId("apply-scenario").click();
  await expect(page.locator(".notice.error")).toContainText("Can't apply");
  // Nothing moved: the scenario is still open and the workspace keeps the later edit.
  await expect(page.getByTestId("scenario-banner")).toBeVisible();
  await page.getByTestId("discard-scenario").click();
  await page.getByRole("dialog").getByRole("button", { name: "Discard" }).click();
  await expect(page.getByTestId("scenario-banner")).toHaveCount(0);
  await expect(page.getByTestId("no-scenarios")).toBeVisible();
  expect(await projectValue(page, arcadia)).toBe("123456");
});
