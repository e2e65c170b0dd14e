// Steps shared by the end-to-end tests, written as a person would do them.
const { expect } = require("@playwright/test");

/** Opens the app on a fresh profile and loads the sample workspace. */
async function loadSample(page) {
  await page.goto("./");
  await page.getByRole("button", { name: "Load the sample workspace" }).click();
  await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
  await waitSaved(page);
}

/** Waits until the save indicator says the work is stored. */
async function waitSaved(page) {
  await expect(page.getByTestId("save-status")).toHaveText(/Saved|All changes saved/);
}

/** The number of project rows in the table. */
async function projectRows(page) {
  return page.locator(".projects-table tbody tr").count();
}

async function goTo(page, section) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: section }).click();
  await expect(page.getByRole("heading", { name: section, level: 1 })).toBeVisible();
}

module.exports = { loadSample, waitSaved, projectRows, goTo };
