// Retakes the sealed-file screenshots in docs/screenshots at 1280 and 390 px: the Data
// screen's Export with "Protect with a passphrase" on (strength hint shown), Share project's
// dialog, the passphrase prompt of a sealed file being opened (with a wrong passphrase's
// message), and Settings' "Always protect". Needs dist/.
const fs = require("fs");
const os = require("os");
const path = require("path");
const { root, atEachWidth, run } = require("../bench/common");

const out = path.join(root, "docs", "screenshots");
const PASS = "Harbour lights at seven, twice by the old mill";

async function main() {
  await atEachWidth(8198, { height: 1000, options: { acceptDownloads: true } }, async (page, width) => {
    await page.goto("./");
    await page.getByRole("button", { name: "Load the sample workspace" }).click();
    await page.getByRole("heading", { name: "Projects", level: 1 }).waitFor();
    await page.goto("./#/data");
    await page.getByTestId("seal-on").check();
    await page.getByTestId("seal-pass").fill("Harbour lights");
    await page.getByTestId("seal-again").fill("Harbour lights");
    await page.locator("section.card", { has: page.getByTestId("export") }).screenshot({ path: path.join(out, `seal-export-${width}.png`) });
    await page.getByTestId("seal-pass").fill(PASS);
    await page.getByTestId("seal-again").fill(PASS);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export").click()]);
    const sealed = path.join(os.tmpdir(), `pursuit-shots-${width}.pursuit`);
    await download.saveAs(sealed);
    await page.getByTestId("import-file").setInputFiles(sealed);
    await page.getByTestId("unseal-pass").fill("Harbour lights at eight");
    await page.getByRole("button", { name: "Open sealed file" }).click();
    await page.getByTestId("unseal-error").waitFor();
    await page.locator("section.card", { has: page.getByTestId("unseal-form") }).screenshot({ path: path.join(out, `seal-open-${width}.png`) });
    await page.getByTestId("always-seal").scrollIntoViewIfNeeded();
    await page.locator("section.card", { has: page.getByTestId("always-seal") }).screenshot({ path: path.join(out, `seal-settings-${width}.png`) });
    await page.goto("./#/projects");
    await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
    await page.getByRole("button", { name: "Share project" }).click();
    await page.getByRole("dialog").getByTestId("seal-on").check();
    await page.getByRole("dialog").getByTestId("seal-pass").fill(PASS);
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(out, `seal-share-${width}.png`) });
    fs.rmSync(sealed, { force: true });
  });
}

run(main);
