// Competitors on a deal: listed, added, edited and deleted on their own tab, the active ones
// on the project's overview, "Lost to <competitor>" offered when the deal is lost, carried by
// the export, and undone like any edit. Screenshots go to SHOTS when it is set.
const fs = require("fs");
const { test, expect } = require("@playwright/test");
const { loadSample, exportWorkspace, waitSaved } = require("./helpers");

const HELIOS = "Helios Logistics — managed IT services";

async function openTab(page, tab) {
  await page.goto("./#/projects");
  await page.getByRole("link", { name: HELIOS, exact: true }).first().click();
  if (tab) await page.getByRole("navigation", { name: "Project views" }).getByRole("link", { name: tab, exact: true }).click();
}

test("a deal's competitors are kept, shown on its overview, offered as the loss reason and exported", async ({ page }) => {
  await loadSample(page);
  await openTab(page, "Competitors");
  const table = page.getByTestId("competitors");
  const rows = table.locator("tbody tr");
  await expect(rows).not.toHaveCount(0);
  // Those still in it first, the biggest threat first.
  await expect(rows.first()).toContainText("Northstar IT");
  await expect(rows.first()).toContainText("4 of 5");
  await expect(table.locator("tr", { hasText: "SentinelSOC" })).toContainText("Eliminated");

  // Add one: a name is required.
  await page.getByRole("button", { name: "Add competitor" }).click();
  const dialog = page.getByRole("dialog", { name: "Add competitor" });
  await dialog.getByRole("button", { name: "Add competitor" }).click();
  await expect(dialog.getByText("Enter a competitor's name.")).toBeVisible();
  await dialog.getByLabel("Competitor", { exact: true }).fill("Atlas Managed Services");
  await dialog.getByLabel("Threat").selectOption("5");
  await dialog.getByLabel("Strengths").fill("Cheapest bid; a data centre next to Helios's main warehouse");
  await dialog.getByRole("button", { name: "Add competitor" }).click();
  await expect(dialog).toBeHidden();
  await expect(rows.first()).toContainText("Atlas Managed Services");
  await expect(rows.first()).toContainText("5 of 5");

  // Edit a row: the new value shows in it at once.
  await page.getByRole("button", { name: "Edit competitor Northstar IT" }).click();
  const edit = page.getByRole("dialog", { name: "Edit competitor" });
  await edit.getByLabel("Weaknesses").fill("No cloud migration practice; their account lead left in October");
  await edit.getByRole("button", { name: "Save competitor" }).click();
  await expect(edit).toBeHidden();
  await expect(table.locator("tr", { hasText: "Northstar IT" })).toContainText("their account lead left in October");

  // The overview names the active competitors, most threatening first.
  await page.getByRole("navigation", { name: "Project views" }).getByRole("link", { name: "Overview", exact: true }).click();
  await expect(page.getByTestId("competition")).toContainText("Atlas Managed Services (threat 5 of 5) · Northstar IT (threat 4 of 5)");
  await expect(page.getByTestId("competition")).not.toContainText("SentinelSOC");
  if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/competitors-overview.png` });

  // Undo takes the edit back, then the addition.
  await page.locator("body").press("Control+z");
  await page.locator("body").press("Control+z");
  await expect(page.getByTestId("competition")).toHaveText(/Northstar IT \(threat 4 of 5\)/);
  await expect(page.getByTestId("competition")).not.toContainText("Atlas");

  // Lost: the reasons offer each competitor.
  await page.getByRole("button", { name: "Mark lost" }).click();
  const close = page.getByRole("dialog", { name: /Mark lost/ });
  await expect(close.locator("select[name=reason] option", { hasText: "Lost to Northstar IT" })).toHaveCount(1);
  await close.locator("select[name=reason]").selectOption("Lost to Northstar IT");
  await close.getByRole("button", { name: "Mark lost" }).click();
  await expect(close).toBeHidden();
  await expect(page.getByTestId("outcome")).toContainText("Lost: Lost to Northstar IT");
  await waitSaved(page);

  // The export carries them.
  const file = JSON.parse(fs.readFileSync(await exportWorkspace(page), "utf8"));
  const names = file.workspace.competitors.filter((c) => !c.stamp.deleted_at).map((c) => c.name);
  expect(names.length).toBeGreaterThan(0);
  expect(names).toEqual(expect.arrayContaining(["Northstar IT", "SentinelSOC"]));
  expect(names).not.toContain("Atlas Managed Services");
});

for (const width of [1280, 390]) {
  test(`the competitors tab fits a ${width} px screen`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await loadSample(page);
    await openTab(page, "Competitors");
    const table = page.getByTestId("competitors");
    // The tab draws its rows on the next tick: wait for the first, then count.
    await expect(table.locator("tbody tr").first()).toBeVisible();
    await expect(table.locator("tbody tr")).not.toHaveCount(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const edit = await page.getByRole("button", { name: /^Edit competitor / }).first().boundingBox();
    expect(edit.x + edit.width).toBeLessThanOrEqual(width);
    if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/competitors-${width}.png`, fullPage: true });
    await context.close();
  });
}
