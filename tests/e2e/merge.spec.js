// Two teammates exchange files all week: merging shows what a file brings, conflicts are
// resolved side by side, and both end with the same workspace.
const { test, expect } = require("@playwright/test");
const fs = require("fs");
const { loadSample, waitSaved, goTo, exportWorkspace, normalize, openFile, emptyWorkspaceOnData } = require("./helpers");


async function renameTask(page, project, from, to) {
  await goTo(page, "Projects");
  await page.getByRole("link", { name: project }).click();
  await page.getByRole("button", { name: `Edit task ${from}` }).click();
  const dialog = page.getByRole("dialog", { name: "Edit task" });
  await dialog.getByLabel("Task", { exact: true }).fill(to);
  await dialog.getByRole("button", { name: /Save/ }).click();
  await expect(dialog).toBeHidden();
  await waitSaved(page);
}

async function merge(page, file) {
  await goTo(page, "Data");
  await page.getByTestId("merge-file").setInputFiles(file);
  return page.getByRole("dialog", { name: /^Merge / });
}

function workspaceOf(file) {
  const { workspace } = JSON.parse(fs.readFileSync(file, "utf8"));
  return normalize(workspace);
}

test("two profiles edit the same file, exchange and merge: right counts, the conflict, identical results", async ({ browser }) => {
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  await loadSample(a);
  const start = await exportWorkspace(a);
  await openFile(b, start);

  const helios = "Helios Logistics — managed IT services";
  // Both rename the same task; each also makes a change of their own.
  await renameTask(a, helios, "Draft solution design", "Draft solution design (Ana's version)");
  await renameTask(a, "Arcadia Health — service desk renewal", "Send revised renewal quote", "Send revised renewal quote with clinic pricing");
  await renameTask(b, helios, "Draft solution design", "Draft solution design (Ben's version)");
  await goTo(b, "Projects");
  await b.getByRole("link", { name: helios }).click();
  await b.getByRole("link", { name: "Risks", exact: true }).click();
  await b.getByRole("button", { name: "Add risk" }).click();
  const risk = b.getByRole("dialog", { name: "Add risk" });
  await risk.getByLabel("Risk", { exact: true }).fill("Budget freeze in Q1");
  await risk.getByRole("button", { name: "Add risk" }).click();
  await waitSaved(b);

  const fromA = await exportWorkspace(a);
  const fromB = await exportWorkspace(b);

  // Ana merges Ben's file.
  let dialog = await merge(a, fromB);
  // New: Ben's risk and his two history entries; the task both renamed is the conflict.
  await expect(dialog.getByTestId("merge-summary")).toContainText("brings 3 new and 1 conflict");
  const counts = dialog.getByTestId("merge-counts");
  await expect(counts.locator("tr[data-kind='history entry'] td").nth(0)).toHaveText("2");
  await expect(counts.locator("tr[data-kind=task] td").nth(3)).toHaveText("1");
  await expect(counts.locator("tr[data-kind=risk] td").nth(0)).toHaveText("1");
  const conflict = dialog.getByTestId("conflict");
  await expect(conflict).toHaveCount(1);
  await expect(conflict).toContainText("Draft solution design (Ana's version)");
  await expect(conflict).toContainText("Draft solution design (Ben's version)");
  // The later change (Ben's) is preselected; Ana keeps Ben's wording.
  await expect(conflict.getByRole("radio", { name: "Take theirs" })).toBeChecked();
  await dialog.getByRole("button", { name: "Apply merge" }).click();
  await expect(dialog).toBeHidden();
  await waitSaved(a);

  // Ben merges Ana's file: the same conflict from his side; he keeps his own wording.
  dialog = await merge(b, fromA);
  await expect(dialog.getByTestId("merge-summary")).toContainText("brings 2 new, 1 changed on their side and 1 conflict");
  await dialog.getByRole("button", { name: "Keep all mine" }).click();
  await expect(dialog.getByTestId("conflict").getByRole("radio", { name: "Keep mine" })).toBeChecked();
  await dialog.getByRole("button", { name: "Apply merge" }).click();
  await expect(dialog).toBeHidden();
  await waitSaved(b);

  // Both workspaces are now identical, and survive a reload.
  await a.reload();
  await b.reload();
  const finalA = workspaceOf(await exportWorkspace(a));
  const finalB = workspaceOf(await exportWorkspace(b));
  expect(finalA).toEqual(finalB);
  expect(finalA.tasks.some((t) => t.title === "Draft solution design (Ben's version)" && !t.stamp.deleted_at)).toBe(true);
  expect(finalA.tasks.some((t) => t.title === "Send revised renewal quote with clinic pricing")).toBe(true);
  expect(finalA.risks.some((r) => r.description === "Budget freeze in Q1")).toBe(true);

  // Merging the same file again brings nothing.
  dialog = await merge(a, fromB);
  await expect(dialog.getByTestId("merge-summary")).toContainText("brings nothing new");
  await expect(dialog.getByRole("button", { name: "Apply merge" })).toHaveCount(0);
});

test("a shared project merges into another workspace and a broken file changes nothing", async ({ page, browser }) => {
  await loadSample(page);
  await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
  await page.getByRole("button", { name: "Share project" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("file-out-download").click()]);
  expect(download.suggestedFilename()).toMatch(/^pursuit-project-helios-logistics-managed-it-services-\d{4}-\d{2}-\d{2}\.json$/);
  const shared = await download.path();

  const other = await emptyWorkspaceOnData(browser);
  await other.getByTestId("merge-file").setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from("{ nope") });
  await expect(other.getByTestId("merge-errors")).toContainText("broken.json was not merged");
  const dialog = await merge(other, shared);
  await expect(dialog.getByTestId("merge-summary")).toContainText("another workspace");
  await expect(dialog.getByTestId("merge-counts").locator("tr[data-kind=project] td").nth(0)).toHaveText("1");
  await dialog.getByRole("button", { name: "Apply merge" }).click();
  await goTo(other, "Projects");
  await expect(other.getByRole("link", { name: "Helios Logistics — managed IT services" })).toBeVisible();
  // A merge is one step: undo takes it all back, redo brings it again.
  await other.getByTestId("undo").click();
  await expect(other.getByRole("link", { name: "Helios Logistics — managed IT services" })).toHaveCount(0);
  await other.getByTestId("redo").click();
  await expect(other.getByRole("link", { name: "Helios Logistics — managed IT services" })).toBeVisible();
  await other.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
  // The sample deal has twelve tasks (with the due-diligence pack).
  await expect(other.locator(".tasks-table tbody tr")).toHaveCount(12);
});

test("keeping a project I edited over a teammate's deletion keeps its tasks, milestones and conversations", async ({ browser }) => {
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  await loadSample(a);
  const start = await exportWorkspace(a);
  await openFile(b, start);
  const arcadia = "Arcadia Health — service desk renewal";

  // Ben deletes the project; Ana, later, renames it.
  await goTo(b, "Projects");
  await b.getByRole("button", { name: `Delete ${arcadia}` }).click();
  await b.getByRole("dialog", { name: "Delete project?" }).getByRole("button", { name: "Delete project" }).click();
  await waitSaved(b);
  const fromB = await exportWorkspace(b);
  await goTo(a, "Projects");
  await a.getByRole("link", { name: arcadia }).click();
  await expect(a.locator(".tasks-table tbody th.task-title").first()).toBeVisible();
  const tasksBefore = await a.locator(".tasks-table tbody th.task-title").count();
  expect(tasksBefore).toBeGreaterThan(0);
  await a.getByRole("button", { name: "Edit project" }).click();
  const edit = a.getByRole("dialog", { name: "Edit project" });
  await edit.getByLabel("Project name").fill("Arcadia Health — renewal, kept");
  await edit.getByRole("button", { name: /Save/ }).click();
  await expect(edit).toBeHidden();
  await waitSaved(a);

  const dialog = await merge(a, fromB);
  const conflict = dialog.getByTestId("conflict");
  await expect(conflict).toHaveCount(1);
  await expect(conflict.getByRole("radio", { name: "Keep mine" })).toBeChecked();
  await dialog.getByRole("button", { name: "Apply merge" }).click();
  await expect(dialog).toBeHidden();
  await expect(a.getByRole("status").filter({ hasText: "keep what they own" })).toBeVisible();
  await goTo(a, "Projects");
  await a.getByRole("link", { name: "Arcadia Health — renewal, kept" }).click();
  await expect.poll(() => a.locator(".tasks-table tbody th.task-title").count()).toBe(tasksBefore);
});

test("merging a workspace started separately pairs the same people and playbooks: one member per person", async ({ browser }) => {
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  await loadSample(a);
  await loadSample(b);
  const fromB = await exportWorkspace(b);

  const dialog = await merge(a, fromB);
  const pairs = dialog.getByTestId("pairings");
  await expect(pairs).toBeVisible();
  await expect(pairs.getByLabel("Jonas Berg is here").locator("option:checked")).toHaveText("Jonas Berg");
  await expect(pairs.getByLabel("Complex B2B deal is here").locator("option:checked")).toHaveText("Complex B2B deal");
  await expect(pairs).toContainText("same e-mail");
  // Turn one match down: Leo stays a separate person.
  await pairs.getByLabel("Leo Martin is here").selectOption({ label: "A new person" });
  await expect(dialog.getByTestId("merge-counts").locator("tr[data-kind=member]")).toContainText("1");
  await pairs.getByLabel("Leo Martin is here").selectOption({ label: "Leo Martin" });
  await dialog.getByRole("button", { name: "Apply merge" }).click();
  await expect(dialog).toBeHidden();

  await goTo(a, "Team");
  for (const name of ["Maya Okafor", "Jonas Berg", "Priya Raman", "Leo Martin", "Sofia Lindqvist"]) {
    await expect(a.locator(".team-table tbody tr", { hasText: name })).toHaveCount(1);
  }
  await goTo(a, "Templates");
  await expect(a.locator(".template-card", { hasText: "Complex B2B deal" })).toHaveCount(1);
});
