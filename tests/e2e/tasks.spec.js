// Working on many tasks at once: choose with checkboxes and Shift-click, then assign,
// reschedule, complete or delete in one undoable step; assign inline from a row.
const { test, expect } = require("@playwright/test");
const { loadSample, waitSaved } = require("./helpers");

test("ten tasks assigned in one step, undone in one step; inline assign from the row", async ({ page }) => {
  await loadSample(page);
  await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
  const rows = page.locator(".tasks-table tbody tr");
  // The project page draws after the click: count once its task table is there.
  await expect(rows.first()).toBeVisible();
  await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(10);
  const titles = await page.locator(".tasks-table tbody th").allTextContents();

  // Click the first, Shift-click the tenth: ten chosen.
  await page.getByRole("checkbox", { name: `Select ${titles[0]}` }).click();
  await page.getByRole("checkbox", { name: `Select ${titles[9]}` }).click({ modifiers: ["Shift"] });
  const bar = page.getByTestId("bulk-bar");
  await expect(bar).toContainText("10 chosen");
  // Keyboard: Space on a checkbox takes one more.
  await page.getByRole("checkbox", { name: `Select ${titles[10]}` }).focus();
  await page.keyboard.press("Space");
  await expect(bar).toContainText("11 chosen");
  await page.getByRole("checkbox", { name: `Select ${titles[10]}` }).click();
  await expect(bar).toContainText("10 chosen");

  await bar.getByLabel("Assign chosen tasks to").selectOption({ label: "Leo Martin" });
  await bar.getByRole("button", { name: "Assign" }).click();
  await expect(page.getByText("Assigned 10 tasks.")).toBeVisible();
  await expect(bar).toHaveCount(0);
  for (let i = 0; i < 10; i++) {
    await expect(page.getByLabel(`Owner of ${titles[i]}`).locator("option:checked")).toHaveText("Leo Martin");
  }
  await expect(page.getByLabel(`Owner of ${titles[10]}`).locator("option:checked")).not.toHaveText("Leo Martin");

  // One undo takes all ten back.
  await page.keyboard.press("Control+z");
  for (let i = 0; i < 10; i++) {
    await expect(page.getByLabel(`Owner of ${titles[i]}`).locator("option:checked")).not.toHaveText("Leo Martin");
  }

  // Inline: a row's owner is one choice away.
  await page.getByLabel(`Owner of ${titles[1]}`).selectOption({ label: "Sofia Lindqvist" });
  await expect(page.getByLabel(`Owner of ${titles[1]}`).locator("option:checked")).toHaveText("Sofia Lindqvist");

  // Reschedule and complete two chosen tasks.
  await page.getByRole("checkbox", { name: "Select all tasks" }).check();
  await expect(page.getByTestId("bulk-bar")).toContainText(`${titles.length} chosen`);
  await page.getByRole("checkbox", { name: "Select all tasks" }).uncheck();
  await expect(page.getByTestId("bulk-bar")).toHaveCount(0);
  const open = page.locator(".tasks-table tbody tr:not(.done)");
  const a = (await open.nth(0).locator("th").textContent()).trim();
  const b = (await open.nth(1).locator("th").textContent()).trim();
  const dueBefore = (await open.nth(0).locator("td[data-label=Due]").textContent()).trim();
  await page.getByRole("checkbox", { name: `Select ${a}` }).check();
  await page.getByRole("checkbox", { name: `Select ${b}` }).check();
  await page.getByTestId("bulk-bar").getByLabel("Working days to move due dates by").fill("5");
  await page.getByTestId("bulk-bar").getByRole("button", { name: "Move" }).click();
  await expect(page.getByText("Rescheduled 2 tasks.")).toBeVisible();
  await expect(page.locator(".tasks-table tbody tr", { hasText: a }).locator("td[data-label=Due]")).not.toHaveText(dueBefore);
  await page.getByRole("checkbox", { name: `Select ${a}` }).check();
  await page.getByRole("checkbox", { name: `Select ${b}` }).check();
  await page.getByTestId("bulk-bar").getByRole("button", { name: "Mark done" }).click();
  await expect(page.getByRole("checkbox", { name: `Done: ${a}` })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: `Done: ${b}` })).toBeChecked();
  await waitSaved(page);
  await page.reload();
  await expect(page.getByRole("checkbox", { name: `Done: ${b}` })).toBeChecked();
});
