// Team: add, edit, remove with hand-over, and "I am" kept per browser.
const { test, expect } = require("@playwright/test");
const { loadSample, waitSaved, goTo } = require("./helpers");

test("add a member, choose who I am, and hand over work when removing someone", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Team");
  await page.getByRole("button", { name: "Add member" }).click();
  const dialog = page.getByRole("dialog", { name: "Add member" });
  await dialog.getByLabel("Weekly capacity (hours)").fill("200");
  await dialog.getByRole("button", { name: "Add member" }).click();
  await expect(dialog.getByText("Enter a name.")).toBeVisible();
  await expect(dialog.getByText("Weekly capacity is between 0 and 168 hours.")).toBeVisible();
  await dialog.getByLabel("Name").fill("Noor Haddad");
  await dialog.getByLabel("Role").fill("Bid manager");
  await dialog.getByLabel("Weekly capacity (hours)").fill("30");
  await dialog.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByRole("rowheader", { name: "Noor Haddad" })).toBeVisible();

  await page.getByTestId("i-am").selectOption({ label: "Noor Haddad" });
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText("Noor Haddad");

  // Jonas owns projects and tasks: removing him asks who takes over.
  await page.getByRole("button", { name: "Remove Jonas Berg" }).click();
  const remove = page.getByRole("dialog", { name: "Remove Jonas Berg?" });
  await expect(remove).toContainText("3 projects");
  await remove.getByLabel("Give their work to").selectOption({ label: "Noor Haddad" });
  await remove.getByRole("button", { name: "Remove member" }).click();
  await expect(page.getByRole("rowheader", { name: "Jonas Berg" })).toHaveCount(0);
  await expect(page.getByRole("row", { name: /Noor Haddad/ })).toContainText("3 projects");
  await waitSaved(page);

  await page.reload();
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText("Noor Haddad");
  // "I am" is kept per browser, not in the shared file.
  const stored = await page.evaluate(() => localStorage.getItem("pursuit:me"));
  expect(stored).toBeTruthy();
});

test("an empty workspace starts on the team page", async ({ page }) => {
  await page.goto("./");
  await page.getByRole("button", { name: "Start an empty workspace" }).click();
  await expect(page.getByRole("heading", { name: "Team", level: 1 })).toBeVisible();
  await expect(page.getByText("No team members yet")).toBeVisible();
  await goTo(page, "Projects");
  await expect(page.getByText("No projects yet")).toBeVisible();
});

test("exports are named by workspace, person and day", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Team");
  await page.getByTestId("i-am").selectOption({ label: "Jonas Berg" });
  await goTo(page, "Data");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download workspace (.json)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^pursuit-northwind-sales-jonas-berg-\d{4}-\d{2}-\d{2}\.json$/);
  await page.getByRole("link", { name: "Projects", exact: true }).first().click();
  await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
  await page.getByRole("button", { name: "Share project" }).click();
  const [shared] = await Promise.all([page.waitForEvent("download"), page.getByTestId("file-out-download").click()]);
  expect(shared.suggestedFilename()).toMatch(/^pursuit-project-helios-logistics-managed-it-services-jonas-berg-\d{4}-\d{2}-\d{2}\.json$/);
});
