// Drives the playground in headless Debian Chromium via playwright-core.
// Usage: node devtools/playground/e2e/playground.mjs <playground-url> <screenshot.png> [desk|echo]
// desk (default): the REAL bot started by run_playground (`python -m bot` without a token).
//   The user writes an urgent message, an URGENT case topic appears in the staff pane,
//   Staff A takes it and replies, and the user sees the reply signed "Консультант".
// echo: the tiny echo bot of tests/emulator/test_playground_browser.py (page mechanics).
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [url, screenshot, mode = "desk"] = process.argv.slice(2);
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const step = (name, extra = {}) => console.log(JSON.stringify({ step: name, ...extra }));

async function desk(page) {
  const userPane = page.locator("#user-messages");
  const staffPane = page.locator("#staff-messages");
  await page.fill("#user-input", "муж бьёт меня прямо сейчас, помогите");
  await page.press("#user-input", "Enter");
  await userPane.locator(".msg.out", { hasText: "102" }).first().waitFor();
  step("emergency reply");

  const topic = page.locator("#topics li", { hasText: "URGENT" });
  await topic.waitFor();
  await topic.click();
  const card = staffPane.locator(".msg", { hasText: "#K-" }).last();
  await card.waitFor();
  step("urgent topic", { name: (await topic.innerText()).trim() });

  await page.selectOption("#staff-member", { label: "Staff A" }).catch(() => {});
  await card.getByRole("button", { name: "Взять" }).click();
  await userPane.locator(".msg.out", { hasText: "на связи консультант" }).waitFor();
  step("taken");

  await page.fill("#staff-input", "Здравствуйте. Вы сейчас в безопасности?");
  await page.press("#staff-input", "Enter");
  const reply = userPane.locator(".msg.out", { hasText: "Вы сейчас в безопасности?" });
  await reply.waitFor();
  const shown = await reply.innerText();
  if (!shown.includes("Консультант")) throw new Error("reply is not signed Consultant");
  if (shown.includes("Staff A")) throw new Error("the user saw a staff name");
  step("consultant reply");

  await page.fill("#user-input", "Спасибо, сейчас могу писать");
  await page.press("#user-input", "Enter");
  await staffPane.locator(".msg", { hasText: "сейчас могу писать" }).waitFor();
  step("user reply in topic");
  await page.screenshot({ path: screenshot });
  step("screenshot", { path: screenshot });
}

async function echo(page) {
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
}

const profile = mkdtempSync(join(tmpdir(), "qorgau-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  headless: true, args: ["--headless", ...FLAGS], viewport: { width: 1400, height: 800 },
});
try {
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(20000);
  await page.goto(url);
  await page.waitForSelector("body[data-ready='1']");
  step("loaded", { mode });
  await (mode === "echo" ? echo(page) : desk(page));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
