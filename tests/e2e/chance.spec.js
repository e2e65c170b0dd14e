// The dashboard's chance of hitting the target: shown for the quarter with its percentiles,
// histogram table and deciding deals, and moving when a deal's probability changes.
const { test, expect } = require("@playwright/test");
const { loadSample, waitSaved, goTo } = require("./helpers");

test("the chance of hitting the target changes when a deciding deal's probability does", async ({ page }) => {
  await loadSample(page);
  await goTo(page, "Dashboard");
  const card = page.getByTestId("target-chance");
  await expect(card).toBeVisible();
  const chance = card.getByTestId("chance");
  await expect(chance).toHaveText(/^\d{1,3} %$/);
  const before = await chance.innerText();
  await expect(card.getByTestId("percentiles")).toHaveText(/^Won value: P10 .+ · P50 .+ · P90 .+$/);
  await expect(card.locator("details table tbody tr").first()).toBeVisible({ visible: false });
  // The table twin of the histogram is named, as every chart's is.
  await expect(card.getByTestId("histogram-table").locator("caption")).toHaveText("Won value in 10,000 simulated outcomes");
  expect(await card.getByRole("table", { name: "Won value in 10,000 simulated outcomes", includeHidden: true }).count()).toBe(1);
  // The sample's quarter is out of reach: no single deal decides it.
  expect(before).toBe("0 %");
  await expect(card.getByTestId("no-deciders")).toBeVisible();

  // A bigger deal in the quarter puts the target in reach, and it decides the period.
  const arcadia = "Arcadia Health — service desk renewal";
  await goTo(page, "Projects");
  await page.getByRole("link", { name: arcadia }).click();
  await expect(page.getByRole("heading", { name: arcadia, level: 1 })).toBeVisible();
  const edit = async (label, value) => {
    await page.getByRole("button", { name: "Edit project" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel(label).fill(value);
    await dialog.getByRole("button", { name: /Save/ }).click();
    await expect(dialog).toHaveCount(0);
    await waitSaved(page);
  };
  await edit("Value", "800000");
  await goTo(page, "Dashboard");
  await expect(chance).not.toHaveText("0 %");
  const reachable = Number((await chance.innerText()).replace(" %", ""));
  const deciders = card.getByTestId("deciders").locator("tbody tr");
  await expect(deciders.first()).toContainText(arcadia);
  await expect(card.getByRole("table", { name: "Deals that decide it" })).toBeVisible();
  await expect(deciders.first().locator("td").first()).toHaveText("100 %");

  // Raising its probability raises the chance.
  await deciders.first().getByRole("link").click();
  await edit("Probability (%)", "100");
  await goTo(page, "Dashboard");
  await expect(chance).not.toHaveText(`${reachable} %`);
  expect(Number((await chance.innerText()).replace(" %", ""))).toBeGreaterThan(reachable);

  // One member's chance is against their own quota; without one, the card says so.
  await card.getByTestId("chance-who").selectOption({ label: "Leo Martin" });
  await expect(card.getByTestId("no-target")).toHaveText(/^Leo Martin has no revenue target for Q4 FY 2026: set one in Goals and quotas/);
  await card.getByTestId("chance-who").selectOption({ label: "The team" });
  await expect(chance).toBeVisible();
});

test("win/loss shows the learned win probability of each stage beside the playbook's", async ({ page }) => {
  await loadSample(page);
  await page.goto("./#/win-loss");
  const card = page.getByTestId("calibration");
  const rows = card.locator("tbody tr");
  await expect(rows).toHaveCount(5);
  await expect(rows.first().locator("th")).toHaveText("Prospect");
  // The sample has a handful of closed deals: every rate says it rests on too few.
  await expect(rows.first().locator("td").nth(2)).toHaveText(/^\d+ won of \d+ \(too few\)$/);
  await card.getByTestId("calibration-playbook").selectOption({ label: "Complex B2B deal" });
  await expect(rows.first().locator("td").first()).toHaveText("10 %");
  await expect(card.getByTestId("adopt-probabilities")).toBeDisabled();

  // One owner's deals: their own counts (adding up to everyone's), and no adopting one
  // person's rates into a shared playbook.
  await card.getByTestId("calibration-playbook").selectOption({ label: "Every playbook (against the stage defaults)" });
  const reached = async () => Number((await rows.first().locator("td").nth(2).innerText()).match(/won of (\d+)/)[1]);
  const total = await reached();
  expect(total).toBeGreaterThan(0);
  const owners = (await card.getByTestId("calibration-owner").locator("option").allInnerTexts()).filter((o) => o !== "Everyone");
  expect(owners.length).toBeGreaterThan(0);
  let sum = 0;
  for (const owner of owners) {
    await card.getByTestId("calibration-owner").selectOption({ label: owner });
    await expect(card.getByTestId("calibration-owner-note")).toBeVisible();
    sum += await reached();
  }
  expect(sum).toBe(total);
  await card.getByTestId("calibration-playbook").selectOption({ label: "Complex B2B deal" });
  await expect(card.getByTestId("adopt-probabilities")).toHaveCount(0);
  await card.getByTestId("calibration-owner").selectOption({ label: "Everyone" });
  await expect(card.getByTestId("adopt-probabilities")).toBeVisible();
});

test("lost deals that do not say where they were lost are counted, and the card says so", async ({ page }) => {
  await loadSample(page);
  await page.goto("./#/win-loss");
  const card = page.getByTestId("calibration");
  await expect(card.locator("tbody tr")).toHaveCount(5);
  await expect(card.getByTestId("calibration-unplaced")).toHaveCount(0);
  const reached = async (row) => Number((await card.locator("tbody tr").nth(row).locator("td").nth(2).innerText()).match(/won of (\d+)/)[1]);
  const before = [await reached(0), await reached(4)];
  await goTo(page, "Data");
  await page.getByTestId("csv-file").setInputFiles({ name: "lost.csv", mimeType: "text/csv", buffer: Buffer.from("Deal,Account,Owner,Stage,Amount\nGone A,Acme,Leo Martin,Lost,1200\nGone B,Beta,Leo Martin,Lost,900\n") });
  await page.getByTestId("csv-import").click();
  await waitSaved(page);
  await page.goto("./#/win-loss");
  await expect(card.getByTestId("calibration-unplaced")).toHaveText("2 lost deals do not say at which stage they were lost (imported without it), so they count as lost at every stage.");
  // Nor why: no import placeholder is shown as a reason.
  await expect(page.getByTestId("loss-reasons")).toContainText("No reason recorded — 2 deals");
  await expect(page.getByTestId("loss-reasons")).not.toContainText("Imported");
  // Counted at the first stage and the last alike.
  expect([await reached(0), await reached(4)]).toEqual([before[0] + 2, before[1] + 2]);
});

test("a deal slower than the team's past wins from its stage is flagged as likely to slip", async ({ page }) => {
  const fs = require("fs");
  const { exportWorkspace, projectRows, SAMPLE_PROJECTS } = require("./helpers");
  await loadSample(page);
  const file = JSON.parse(fs.readFileSync(await exportWorkspace(page), "utf8"));
  const projects = file.workspace.projects;
  const arcadia = projects.find((p) => p.name === "Arcadia Health — service desk renewal");
  const base = projects.find((p) => p.status === "won");
  expect(arcadia && base).toBeTruthy();
  expect(arcadia.stage).toBe("negotiation");
  // Six past wins whose stage logs say they closed 30 days longer after entering
  // Negotiation than Arcadia has between entering it and its target.
  const day = (s) => new Date(`${s}T00:00:00Z`);
  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  const entered = arcadia.stage_entered_on || arcadia.start_date;
  const pace = Math.round((day(arcadia.target_date) - day(entered)) / 86400000) + 30;
  for (let i = 0; i < 6; i++) {
    const closed = day("2026-06-01").getTime() + i * 86400000;
    projects.push({ ...base, id: `00000000-0000-4000-8000-00000000000${i}`, name: `Past win ${i + 1}`, reference: "",
      close_date: iso(closed), stage_log: [{ stage: "negotiation", on: iso(closed - pace * 86400000) }] });
  }
  await page.getByTestId("import-file").setInputFiles({ name: "with-history.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file)) });
  const confirm = page.getByRole("dialog", { name: "Replace the workspace?" });
  await confirm.getByRole("button", { name: "Replace workspace" }).click();
  await expect.poll(() => projectRows(page)).toBe(SAMPLE_PROJECTS + 6);
  await waitSaved(page);

  await page.getByRole("link", { name: arcadia.name }).click();
  const health = page.getByTestId("project-health");
  await expect(health).toContainText(`won deals closed a median ${pace} days after entering Negotiation (6 deals)`);
  await expect(health).toContainText(/likely to close about \d{1,2} \w{3} \d{4} — 30 days after its target/);
});
