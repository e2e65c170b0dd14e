// First run → sample workspace → create a project (with validation) → add a task → reload.
const { test, expect } = require("@playwright/test");
const { loadSample, waitSaved, projectRows, goTo, SAMPLE_PROJECTS } = require("./helpers");

test("first run offers two ways in and explains the product", async ({ page }) => {
  await page.goto("./");
  await expect(page.getByRole("heading", { name: "Pursuit" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Start an empty workspace" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Load the sample workspace" })).toBeVisible();
});

test("sample → create project → add task → both survive a reload", async ({ page }) => {
  await loadSample(page);
  await expect.poll(() => projectRows(page)).toBe(SAMPLE_PROJECTS);

  await page.getByRole("button", { name: "New project" }).click();
  const dialog = page.getByRole("dialog", { name: "New project" });

  // Validation as you type: nothing is saved while the form is invalid.
  await dialog.getByLabel("Probability (%)").fill("140");
  await expect(dialog.getByText("Probability is a percentage from 0 to 100.")).toBeVisible();
  await dialog.getByLabel("Value").fill("-5");
  await expect(dialog.getByText("The value can't be negative.")).toBeVisible();
  await dialog.getByLabel("Start date").fill("2026-12-01");
  await dialog.getByLabel("Target date").fill("2026-11-01");
  await expect(dialog.getByText("The target date can't be before the start date.")).toBeVisible();
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(dialog.getByText("Enter a project name.")).toBeVisible();
  await expect(dialog).toBeVisible();

  await dialog.getByLabel("Project name").fill("Zephyr Airlines — crew scheduling");
  await dialog.getByLabel("Client").fill("Zephyr Airlines");
  await dialog.getByLabel("Value").fill("275,000");
  await dialog.getByLabel("Probability (%)").fill("35");
  await dialog.getByLabel("Target date").fill("2027-03-31");
  await dialog.getByRole("button", { name: "Create project" }).click();

  // Lands on the new project's page.
  await expect(page.getByRole("heading", { name: "Zephyr Airlines — crew scheduling", level: 1 })).toBeVisible();
  await expect(page.getByText("EUR 275,000", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Add milestone" }).click();
  const ms = page.getByRole("dialog", { name: "Add milestone" });
  await ms.getByLabel("Milestone").fill("Proposal presented");
  await ms.getByRole("button", { name: "Add milestone" }).click();

  await page.getByRole("button", { name: "Add task" }).click();
  const task = page.getByRole("dialog", { name: "Add task" });
  await task.getByLabel("Task").fill("Send discovery questionnaire");
  await task.getByLabel("Estimate (hours)").fill("3");
  await task.getByRole("button", { name: "Add task" }).click();
  await expect(page.getByRole("rowheader", { name: "Send discovery questionnaire" })).toBeVisible();
  await waitSaved(page);

  const url = page.url();
  expect(url).toContain("#/projects/");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Zephyr Airlines — crew scheduling", level: 1 })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Send discovery questionnaire" })).toBeVisible();
  await expect(page.getByText("Proposal presented")).toBeVisible();

  await goTo(page, "Projects");
  await expect.poll(() => projectRows(page)).toBe(SAMPLE_PROJECTS + 1);
});

test("tasks can be completed, reordered, edited and deleted", async ({ page }) => {
  await loadSample(page);
  await page.getByRole("link", { name: "Arcadia Health — service desk renewal" }).click();
  await page.getByRole("button", { name: "Add task" }).click();
  let dialog = page.getByRole("dialog", { name: "Add task" });
  await dialog.getByLabel("Task").fill("Book renewal meeting");
  await dialog.getByRole("button", { name: "Add task" }).click();

  const titles = () => page.locator(".tasks-table tbody th").allTextContents();
  expect(await titles()).toEqual(["Send revised renewal quote", "Book renewal meeting"]);
  await page.getByRole("button", { name: "Move Book renewal meeting up" }).click();
  await expect.poll(titles).toEqual(["Book renewal meeting", "Send revised renewal quote"]);

  await page.getByRole("checkbox", { name: "Done: Book renewal meeting" }).check();
  await expect(page.getByRole("combobox", { name: "Status of Book renewal meeting" })).toHaveValue("done");

  await page.getByRole("button", { name: "Edit task Book renewal meeting" }).click();
  dialog = page.getByRole("dialog", { name: "Edit task" });
  await dialog.getByLabel("Task").fill("Book renewal meeting with CIO");
  await dialog.getByRole("button", { name: "Save task" }).click();
  await expect(page.getByRole("rowheader", { name: "Book renewal meeting with CIO" })).toBeVisible();

  await page.getByRole("button", { name: "Delete task Book renewal meeting with CIO" }).click();
  await page.getByRole("dialog", { name: "Delete task?" }).getByRole("button", { name: "Delete task" }).click();
  await expect.poll(titles).toEqual(["Send revised renewal quote"]);
  await waitSaved(page);
  await page.reload();
  await expect.poll(titles).toEqual(["Send revised renewal quote"]);
});

test("projects table searches, filters and sorts, and the filters live in the URL", async ({ page }) => {
  await loadSample(page);
  await page.getByRole("searchbox", { name: "Search projects" }).fill("helios");
  await expect.poll(() => projectRows(page)).toBe(1);
  expect(page.url()).toContain("q=helios");
  await page.reload();
  await expect.poll(() => projectRows(page)).toBe(1);
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect.poll(() => projectRows(page)).toBe(SAMPLE_PROJECTS);

  await page.getByRole("combobox", { name: "Status" }).selectOption("won");
  await expect.poll(() => projectRows(page)).toBe(1);
  await page.getByRole("combobox", { name: "Status" }).selectOption("");

  await page.getByRole("button", { name: "Value" }).click();
  await page.getByRole("button", { name: "Value" }).click();
  const first = page.locator(".projects-table tbody tr").first().locator("th a");
  await expect(first).toHaveText("Kestrel Bank — SOC services");
});

test("deleting a project asks first", async ({ page }) => {
  await loadSample(page);
  await page.getByRole("button", { name: "Delete Baltic Freight — network refresh" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete project?" });
  await expect(confirm).toContainText("Baltic Freight");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect.poll(() => projectRows(page)).toBe(SAMPLE_PROJECTS);
  await page.getByRole("button", { name: "Delete Baltic Freight — network refresh" }).click();
  await confirm.getByRole("button", { name: "Delete project" }).click();
  await expect.poll(() => projectRows(page)).toBe(SAMPLE_PROJECTS - 1);
  await waitSaved(page);
  await page.reload();
  await expect.poll(() => projectRows(page)).toBe(SAMPLE_PROJECTS - 1);
});

test("every section is reachable from the navigation", async ({ page }) => {
  await loadSample(page);
  for (const section of ["Dashboard", "Pipeline", "Projects", "Portfolio", "Team", "Templates", "Data"]) {
    await goTo(page, section);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: section })).toHaveAttribute("aria-current", "page");
  }
  await goTo(page, "Portfolio");
  await expect(page.getByTestId("health-list")).toBeVisible();
  await page.goto("./#/nowhere");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("an empty workspace shows five set-up steps, each ticked by doing it, gone once done", async ({ page }) => {
  await page.goto("./");
  await page.getByRole("button", { name: "Start an empty workspace" }).click();
  const list = page.getByTestId("setup-checklist");
  await expect(list.getByRole("heading", { name: "Set up in five steps" })).toBeVisible();
  await expect(list).toContainText("0 of 5 done");
  const step = (name) => list.locator("li").filter({ has: page.getByRole("link", { name, exact: true }) });
  await expect(step("Your team, and who you are")).not.toHaveClass(/done/);

  // 1. The team, and who you are.
  await page.getByRole("button", { name: "Add member" }).click();
  const member = page.getByRole("dialog", { name: "Add member" });
  await member.getByLabel("Name").fill("Lena Vogel");
  await member.getByLabel("Role").fill("Account executive");
  await member.getByRole("button", { name: /Add member|Save/ }).click();
  await expect(member).toBeHidden();
  await page.getByTestId("i-am").selectOption({ label: "Lena Vogel" });
  await expect(step("Your team, and who you are")).toHaveClass(/done/);
  await expect(list).toContainText("1 of 5 done");

  // 2. Quotas: a revenue target for the period.
  await page.goto("./#/goals");
  await page.getByRole("button", { name: "Add target" }).first().click();
  const target = page.getByRole("dialog");
  await target.locator('input[name="target"]').fill("300,000");
  await target.getByRole("button", { name: "Add target" }).click();
  await expect(target).toBeHidden();
  await page.goto("./#/projects");
  await expect(step("Quotas")).toHaveClass(/done/);

  // 3 and 4. A deal planned from a playbook.
  await page.goto("./#/templates");
  await expect(page.getByRole("heading", { name: "Templates", level: 1 })).toBeVisible();
  if ((await page.getByRole("link", { name: "Complex B2B deal" }).count()) === 0) {
    await page.getByRole("button", { name: "Add missing built-ins" }).click();
  }
  await expect(page.getByRole("link", { name: "Complex B2B deal" }).first()).toBeVisible();
  await page.goto("./#/projects");
  await page.getByRole("button", { name: "New project" }).click();
  const form = page.getByRole("dialog", { name: "New project" });
  await form.getByLabel("Project name").fill("Acme — fleet telematics");
  await form.getByLabel("Value").fill("120,000");
  await form.getByLabel("Playbook").selectOption({ label: "Complex B2B deal" });
  await form.getByLabel("Target date").fill("2027-04-30");
  await form.getByRole("button", { name: /Create/ }).click();
  await expect(page.getByRole("heading", { name: "Acme — fleet telematics", level: 1 })).toBeVisible();
  await page.goto("./#/projects");
  await expect(step("A playbook")).toHaveClass(/done/);
  await expect(step("Your first deal")).toHaveClass(/done/);
  await expect(list).toContainText("4 of 5 done");

  // It stays over a reload until done.
  await waitSaved(page);
  await page.reload();
  await expect(list).toContainText("4 of 5 done");

  // 5. A copy outside this browser: then it is gone.
  await goTo(page, "Data");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download workspace (.json)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  await page.goto("./#/projects");
  await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
  await expect(list).toHaveCount(0);
});

test("the set-up steps can be put away, and the sample never shows them", async ({ page, browser }) => {
  await page.goto("./");
  await page.getByRole("button", { name: "Start an empty workspace" }).click();
  const list = page.getByTestId("setup-checklist");
  await expect(list).toBeVisible();
  await list.getByRole("button", { name: "Put away" }).click();
  await expect(list).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(list).toHaveCount(0);

  const other = await browser.newContext();
  const fresh = await other.newPage();
  await loadSample(fresh);
  await expect(fresh.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
  await expect(fresh.getByTestId("setup-checklist")).toHaveCount(0);
  await other.close();
});
