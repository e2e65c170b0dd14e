const { chromium } = require("@playwright/test");
const { spawn } = require("child_process");
const path = require("path");
const root = path.resolve(__dirname, "..", "..", "..");
const out = "/tmp/shots14";
const port = 8199;
(async () => {
  const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", path.join(root, "dist")], { stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 800));
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 860 }, serviceWorkers: "block" });
      const page = await context.newPage();
      const shot = async (name, locator) => { await page.waitForTimeout(300); if (locator) await locator.screenshot({ path: `${out}/${name}-${width}.png` }); else await page.screenshot({ path: `${out}/${name}-${width}.png`, fullPage: true }); };
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.getByRole("button", { name: "Load the sample workspace" }).click();
      await page.getByRole("heading", { name: "Projects", level: 1 }).waitFor();
      await page.getByRole("button", { name: "New project" }).click();
      const dialog = page.getByRole("dialog", { name: "New project" });
      await dialog.getByLabel("Playbook").selectOption({ label: "Complex B2B deal" });
      await dialog.getByLabel("Project name").fill("Polaris Shipping");
      const d = new Date(); d.setDate(d.getDate() + 120);
      await dialog.getByLabel("Target date").fill(d.toISOString().slice(0, 10));
      await shot("new-from-playbook", dialog.locator(".playbook-pick"));
      await dialog.getByRole("button", { name: "Create project" }).click();
      await page.getByRole("heading", { name: "Polaris Shipping", level: 1 }).waitFor();
      await page.getByRole("checkbox", { name: /^Select Research/ }).check({ force: true });
      await page.getByRole("checkbox", { name: /^Select Reach/ }).check({ force: true });
      await shot("tasks-bulk", page.locator("section.section", { hasText: "Tasks" }).last());
      await page.getByRole("link", { name: "Timeline", exact: true }).click();
      await shot("timeline");
      await page.getByRole("link", { name: "Plan", exact: true }).click();
      await shot("plan");
      await page.getByRole("link", { name: "Projects", exact: true }).first().click();
      await page.getByRole("link", { name: "Helios Logistics — managed IT services" }).click();
      await shot("helios-health", page.getByTestId("project-health"));
      await page.getByRole("link", { name: "Status update", exact: true }).click();
      await shot("update-client");
      await page.getByRole("link", { name: "Dashboard", exact: true }).first().click();
      await shot("dashboard-people", page.getByTestId("people-numbers"));
      await context.close();
    }
  } finally {
    await browser.close();
    server.kill();
  }
})();
