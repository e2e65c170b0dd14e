// Two tabs on the same workspace stay in step, and neither overwrites the other's change.
const { test, expect } = require("@playwright/test");
const { loadSample, waitSaved } = require("./helpers");

test("an edit in one tab appears in the other within a second, with no lost update", async ({ page, context }) => {
  await loadSample(page);
  const other = await context.newPage();
  await other.goto("./#/projects");
  await expect(other.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();

  // Tab 1 renames a project.
  await page.getByRole("button", { name: "Edit Arcadia Health — service desk renewal" }).click();
  let dialog = page.getByRole("dialog", { name: "Edit project" });
  await dialog.getByLabel("Project name").fill("Arcadia Health — renewal and two clinics");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await waitSaved(page);
  await expect(other.getByRole("link", { name: "Arcadia Health — renewal and two clinics" })).toBeVisible({ timeout: 1500 });

  // Tab 2 edits another project straight away; tab 1's rename must survive tab 2's save.
  await other.getByRole("button", { name: "Edit Baltic Freight — network refresh" }).click();
  dialog = other.getByRole("dialog", { name: "Edit project" });
  await dialog.getByLabel("Client").fill("Baltic Freight Group");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await waitSaved(other);
  await expect(page.locator(".projects-table tbody tr", { hasText: "Baltic Freight" })).toContainText("Baltic Freight Group", { timeout: 1500 });

  // After a reload of both, both changes are there.
  for (const p of [page, other]) {
    await p.reload();
    await expect(p.getByRole("link", { name: "Arcadia Health — renewal and two clinics" })).toBeVisible();
    await expect(p.locator(".projects-table tbody tr", { hasText: "Baltic Freight" })).toContainText("Baltic Freight Group");
  }
});
