// Drives the playground in headless Debian Chromium via playwright-core.
// Usage: node devtools/playground/e2e/playground.mjs <playground-url> <screenshot.png>
// Expects the test echo bot: it echoes user text with a "Ping" and a "Quick exit" button,
// copies user messages into a staff topic, and copies staff replies back to the user.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [url, screenshot] = process.argv.slice(2);
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const step = (name, extra = {}) => console.log(JSON.stringify({ step: name, ...extra }));

const profile = mkdtempSync(join(tmpdir(), "qorgau-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  headless: true, args: ["--headless", ...FLAGS], viewport: { width: 1400, height: 800 },
});
try {
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(15000);
  await page.goto(url);
  await page.waitForSelector("body[data-ready='1']");
  step("loaded");

  await page.fill("#user-input", "Hello <b>browser</b>");
  await page.press("#user-input", "Enter");
  const userPane = page.locator("#user-messages");
  await userPane.locator(".msg.in", { hasText: "Hello <b>browser</b>" }).waitFor();
  const reply = userPane.locator(".msg.out", { hasText: "echo: Hello <b>browser</b>" });
  await reply.waitFor();
  if (await reply.locator("b").count() < 1) throw new Error("bot HTML bold was not rendered");
  if (await userPane.locator(".msg.in b").count() !== 0) throw new Error("user text was rendered as HTML");
  step("echo", { bold: true });

  await reply.getByRole("button", { name: "Ping" }).click();
  await page.locator("#toast", { hasText: "pong" }).waitFor();
  step("button");

  await page.locator("#topics li", { hasText: "Case 1001" }).click();
  const staffPane = page.locator("#staff-messages");
  await staffPane.locator(".msg", { hasText: "Hello <b>browser</b>" }).waitFor();
  await page.fill("#staff-input", "Staff here, we can help");
  await page.press("#staff-input", "Enter");
  await userPane.locator(".msg.out", { hasText: "Staff here, we can help" }).waitFor();
  step("staff", { topics: await page.locator("#topics li").count() });
  await page.screenshot({ path: screenshot });
  step("screenshot", { path: screenshot });

  await reply.getByRole("button", { name: "Quick exit" }).click();
  await page.waitForFunction(() => document.querySelectorAll("#user-messages .msg").length === 0);
  step("wiped");
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
