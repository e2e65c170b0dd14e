// The published JSON Schema of the file format (docs/workspace.schema.json) stays in step
// with the model: the golden version-3 fixture and the app's own export — after edits that
// write the optional fields (a reference, history entries, a deleted record, version counts)
// — validate against it with ajv in strict mode, and a file the app would refuse does not.
const { test, expect } = require("@playwright/test");
const fs = require("fs");
const path = require("path");
const Ajv2020 = require("ajv/dist/2020");
const { loadSample, waitSaved, goTo, exportWorkspace, newProject } = require("./helpers");

const root = path.join(__dirname, "..", "..");
const schema = JSON.parse(fs.readFileSync(path.join(root, "docs", "workspace.schema.json"), "utf8"));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const fixture = () => JSON.parse(fs.readFileSync(path.join(root, "tests", "fixtures", "workspace-v3.json"), "utf8"));

/** ajv's errors as one readable string, for the failure message. */
const problems = () => (validate.errors || []).map((e) => `${e.instancePath} ${e.message}`).join("; ");

test("the golden version-3 file validates against the published schema", () => {
  const file = fixture();
  expect(file.workspace.projects.length).toBeGreaterThan(0);
  expect(validate(file), problems()).toBe(true);
});

test("what the app exports validates, optional fields included", async ({ page }) => {
  await loadSample(page);
  // A reference, a deleted project (a tombstone), an import (history entries, new members).
  await newProject(page, { "Project name": "Schema check deal", Reference: "OPP-9" });
  await goTo(page, "Projects");
  await page.getByRole("button", { name: "Delete Arcadia Health — service desk renewal" }).click();
  await page.getByRole("dialog", { name: "Delete project?" }).getByRole("button", { name: "Delete project" }).click();
  await goTo(page, "Data");
  await page.getByTestId("csv-file").setInputFiles({ name: "deals.csv", mimeType: "text/csv", buffer: Buffer.from("Deal,Account,Owner,Stage,Amount\nRenewal,Acme,Nora Quinn,Won,1200\n") });
  await page.getByTestId("csv-import").click();
  await waitSaved(page);
  const file = JSON.parse(fs.readFileSync(await exportWorkspace(page), "utf8"));
  const ws = file.workspace;
  expect(ws.projects.some((p) => p.reference === "OPP-9")).toBe(true);
  expect(ws.projects.find((p) => p.reference === "OPP-9").stage_log).toEqual([{ stage: "prospect", on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }]);
  expect(ws.history.length).toBeGreaterThan(0);
  expect(ws.members.some((m) => m.name === "Nora Quinn")).toBe(true);
  expect(ws.projects.some((p) => p.stamp.deleted_at)).toBe(true);
  // The sample's mutual action plan: agreed milestones and tasks, a client owner.
  expect(ws.milestones.some((m) => m.with_client === true)).toBe(true);
  expect(ws.tasks.some((t) => t.with_client === true && typeof t.client_owner === "string")).toBe(true);
  expect(ws.templates.some((t) => t.stages.some((s) => s.milestone_with_client && s.tasks.some((x) => x.with_client)))).toBe(true);
  expect(validate(file), problems()).toBe(true);
});

test("a file the app would refuse does not validate", () => {
  for (const [what, spoil] of [
    ["an unknown field", (f) => { f.workspace.projects[0].colour = "red"; }],
    ["a probability in words", (f) => { f.workspace.projects[0].probability = "high"; }],
    ["a stage that does not exist", (f) => { f.workspace.milestones[0].stage = "celebration"; }],
    ["money as a float", (f) => { f.workspace.projects[0].value.minor = 12.5; }],
    ["another version", (f) => { f.schema_version = 4; }],
  ]) {
    const file = fixture();
    spoil(file);
    expect(validate(file), what).toBe(false);
  }
});
