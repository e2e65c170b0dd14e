// Sealed files (issue #34): an export sealed under a passphrase in one Chromium profile opens
// in another only with that passphrase; a changed byte anywhere or a cut file opens nothing;
// the sealed file holds none of the workspace's words; scripts/unseal.js (Node's own crypto)
// opens what the app sealed; a team that always seals cannot download a file unprotected.
const { test, expect } = require("@playwright/test");
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { loadSample, goTo, waitSaved, projectRows, normalize, SAMPLE_PROJECTS, emptyWorkspaceOnData } = require("./helpers");

const PASS = "Harbour lights at seven, twice by the old mill";
const root = path.resolve(__dirname, "..", "..");
const temp = (name) => path.join(os.tmpdir(), `pursuit-sealed-${process.pid}-${Date.now()}-${name}`);

/** Fills the passphrase fields of the seal choice in `scope`. */
async function typePassphrase(scope, pass, again = pass) {
  await scope.getByTestId("seal-pass").fill(pass);
  await scope.getByTestId("seal-again").fill(again);
}

/** Every word-like value of a plain Pursuit file: names, titles, notes, amounts. */
function wordsOf(plain) {
  const out = new Set();
  const walk = (v, key) => {
    if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === "object") Object.entries(v).forEach(([k, x]) => walk(x, k));
    else if (typeof v === "string" && v.length >= 6 && !/^(id|.*_id|created_at|updated_at|updated_by|deleted_at)$/.test(key) && !/^[0-9a-f-]{36}$/.test(v)) out.add(v);
    else if (typeof v === "number" && key === "minor" && v >= 100000) out.add(String(v));
  };
  walk(plain.workspace, "");
  return [...out];
}

/** Where a word could hide in `bytes`: as UTF-8, UTF-16, or base64 at each alignment. */
function encodings(word) {
  const utf8 = Buffer.from(word, "utf8");
  const forms = [utf8, Buffer.from(word, "utf16le")];
  for (let shift = 0; shift < 3; shift++) {
    const b64 = Buffer.concat([Buffer.alloc(shift), utf8]).toString("base64");
    // Drop the characters that depend on the neighbouring bytes.
    const inner = b64.slice(shift === 0 ? 0 : 4, -4);
    if (inner.length >= 8) forms.push(Buffer.from(inner));
  }
  return forms;
}

async function importInto(page, file) {
  await page.getByTestId("import-file").setInputFiles(file);
  await expect(page.getByTestId("unseal-form")).toBeVisible();
}

async function unsealWith(page, pass) {
  await page.getByTestId("unseal-pass").fill(pass);
  await page.getByRole("button", { name: "Open sealed file" }).click();
}

test("a sealed export opens in another profile with its passphrase, and with nothing else", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await loadSample(page);
  await goTo(page, "Data");
  const plainFile = temp("plain.json");
  const [plainDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download workspace (.json)" }).click()]);
  await plainDownload.saveAs(plainFile);
  const plain = JSON.parse(fs.readFileSync(plainFile, "utf8"));

  // The choice: a short passphrase is refused with the reason; two different ones too.
  await page.getByTestId("seal-on").check();
  await typePassphrase(page, "short one");
  await expect(page.getByTestId("seal-strength")).toContainText("at least 12 characters or 4 words");
  await page.getByTestId("export").click();
  await expect(page.locator(".notice.error")).toContainText("at least 12 characters or 4 words");
  await typePassphrase(page, PASS, `${PASS}!`);
  await page.getByTestId("export").click();
  await expect(page.locator(".notice.error")).toContainText("The two passphrases differ");
  await typePassphrase(page, PASS);
  await expect(page.getByTestId("seal-strength")).toHaveAttribute("data-level", "Strong");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download sealed workspace (.pursuit)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^pursuit-northwind-sales-\d{4}-\d{2}-\d{2}\.pursuit$/);
  const sealedFile = temp("sealed.pursuit");
  await download.saveAs(sealedFile);
  // The passphrase is left nowhere in the page once used.
  await expect(page.getByTestId("seal-pass")).toHaveValue("");
  await expect(page.getByTestId("seal-again")).toHaveValue("");

  // The file: a clear header, then nothing of the workspace in any encoding.
  const bytes = fs.readFileSync(sealedFile);
  const header = JSON.parse(bytes.subarray(0, bytes.indexOf(0x0a)).toString("utf8"));
  expect(header).toMatchObject({ format: "pursuit-sealed", version: 1, sealed: true, kdf: "PBKDF2-HMAC-SHA-256", iterations: 600000, cipher: "AES-256-GCM" });
  expect(header.salt).toMatch(/^[0-9a-f]{32}$/);
  expect(header.nonce).toMatch(/^[0-9a-f]{24}$/);
  const words = wordsOf(plain);
  expect(words.length).toBeGreaterThan(50);
  expect(words).toContain("Helios Logistics — managed IT services");
  for (const word of words) for (const form of encodings(word)) expect(bytes.includes(form), word).toBe(false);
  const plainText = fs.readFileSync(plainFile);
  expect(bytes.includes(Buffer.from(plainText.toString("base64").slice(0, 400)))).toBe(false);

  // Anyone can open it without Pursuit: Node's own crypto gives the same workspace.
  const opened = JSON.parse(execFileSync("node", [path.join(root, "scripts", "unseal.js"), sealedFile], { env: { ...process.env, PURSUIT_PASSPHRASE: PASS } }).toString());
  expect(normalize(opened.workspace)).toEqual(normalize(plain.workspace));
  expect(() => execFileSync("node", [path.join(root, "scripts", "unseal.js"), sealedFile], { env: { ...process.env, PURSUIT_PASSPHRASE: "Harbour lights at eight" }, stdio: "pipe" })).toThrow(/wrong passphrase/);

  // Another profile: a wrong passphrase opens nothing; the right one opens the same projects.
  const other = await (await browser.newContext()).newPage();
  await other.goto("./");
  await other.getByText("Or open a workspace file").click();
  await importInto(other, sealedFile);
  await unsealWith(other, "Harbour lights at eight");
  await expect(other.getByTestId("unseal-error")).toContainText("The passphrase is wrong, or the file was changed after it was sealed");
  await expect(other.getByTestId("unseal-pass")).toHaveValue("");
  await unsealWith(other, PASS);
  await other.getByRole("dialog", { name: "Open this workspace?" }).getByRole("button", { name: "Open workspace" }).click();
  await expect(other.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
  await waitSaved(other);
  expect(await projectRows(other)).toBe(SAMPLE_PROJECTS);
  for (const p of plain.workspace.projects.filter((p) => !p.stamp.deleted_at)) await expect(other.getByRole("link", { name: p.name, exact: true })).toBeVisible();

  // One flipped byte in the header (a digit of the salt), one in the body, a cut file and
  // absurd parameters: each refused with its reason, the workspace unchanged.
  const end = bytes.indexOf(0x0a);
  const saltAt = bytes.indexOf(Buffer.from('"salt":"')) + 8 + 5;
  const flippedHeader = Buffer.from(bytes);
  flippedHeader[saltAt] = flippedHeader[saltAt] === 0x31 ? 0x32 : 0x31;
  const flippedBody = Buffer.from(bytes);
  flippedBody[end + 1 + Math.floor((bytes.length - end) / 2)] ^= 0x01;
  const cut = bytes.subarray(0, bytes.length - 7);
  const absurd = Buffer.from(bytes.toString("latin1").replace('"iterations":600000', '"iterations":1000000000000'), "latin1");
  await goTo(other, "Data");
  const cases = [
    ["header.pursuit", flippedHeader, "The passphrase is wrong, or the file was changed after it was sealed"],
    ["body.pursuit", flippedBody, "The passphrase is wrong, or the file was changed after it was sealed"],
    ["cut.pursuit", cut, "The passphrase is wrong, or the file was changed after it was sealed"],
    ["absurd.pursuit", absurd, "asks for 1,000,000,000,000 key-derivation iterations"],
  ];
  for (const [name, buffer, message] of cases) {
    await importInto(other, { name, mimeType: "application/octet-stream", buffer });
    // A header out of range is said as soon as the file is picked.
    if (name === "absurd.pursuit") await expect(other.getByTestId("unseal-error")).toContainText(message);
    await unsealWith(other, PASS);
    await expect(other.getByTestId("unseal-error")).toContainText(message);
    await expect(other.getByRole("dialog", { name: /Replace the workspace/ })).toHaveCount(0);
    await other.getByTestId("unseal-form").getByRole("button", { name: "Cancel" }).click();
  }
  await goTo(other, "Projects");
  expect(await projectRows(other)).toBe(SAMPLE_PROJECTS);
});

test("a team that always seals shares a project only sealed, and it merges with the passphrase", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await loadSample(page);
  await goTo(page, "Data");
  await page.getByTestId("always-seal").check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await waitSaved(page);
  // The Export card on the same screen follows the rule at once, and after a reload.
  await expect(page.getByTestId("seal-on")).toBeChecked();
  await expect(page.getByTestId("seal-on")).toBeDisabled();
  await expect(page.getByTestId("seal-pass")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("seal-on")).toBeChecked();
  await expect(page.getByTestId("seal-on")).toBeDisabled();
  await expect(page.getByTestId("export")).toHaveText("Download sealed workspace (.pursuit)");

  await goTo(page, "Projects");
  await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
  await page.getByRole("button", { name: "Share project" }).click();
  const dialog = page.getByRole("dialog", { name: /Share “Helios Logistics/ });
  await expect(dialog.getByTestId("seal-on")).toBeChecked();
  await expect(dialog.getByTestId("seal-on")).toBeDisabled();
  await dialog.getByTestId("file-out-download").click();
  await expect(page.locator(".notice.error")).toContainText("at least 12 characters or 4 words");
  await typePassphrase(dialog, PASS);
  const [download] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download sealed file" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^pursuit-project-helios-logistics-managed-it-services-\d{4}-\d{2}-\d{2}\.pursuit$/);
  await expect(dialog).toHaveCount(0);
  const shared = await download.path();

  const other = await emptyWorkspaceOnData(browser);
  await other.getByTestId("merge-file").setInputFiles(shared);
  await expect(other.getByTestId("unseal-form")).toBeVisible();
  await unsealWith(other, PASS);
  const merging = other.getByRole("dialog", { name: /^Merge / });
  await expect(merging.getByTestId("merge-counts").locator("tr[data-kind=project] td").nth(0)).toHaveText("1");
  await merging.getByRole("button", { name: "Apply merge" }).click();
  await goTo(other, "Projects");
  await expect(other.getByRole("link", { name: "Helios Logistics — managed IT services" })).toBeVisible();
});
