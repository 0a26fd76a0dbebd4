// Shared setup for the browser tests: the built web app, the real app (API + web) on a free
// local port, Chromium through playwright-core, and the checks every page gets (axe-core for
// WCAG 2.2 AA, and a watch on the Content-Security-Policy).
import { execSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { createApp } from "@schakel/api";
import { listen, portOf } from "@schakel/api/server";
import { silentLogger } from "@schakel/api/testing";
import { type ParsedMail, simpleParser } from "mailparser";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { SMTPServer } from "smtp-server";
import { expect } from "vitest";
import { accessibilityViolations } from "./axe";

const WEB_DIR = resolve(import.meta.dirname, "../../web");
const REPO_ROOT = resolve(WEB_DIR, "../..");
export const WEB_DIST = join(WEB_DIR, "dist");
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);
export const IN_CI = Boolean(process.env.CI);
/** Run the browser tests here: with Chromium, or in CI (where a missing Chromium fails the test). */
export const RUN_BROWSER_TESTS = HAS_CHROMIUM || IN_CI;
/** Set to a folder to keep a screenshot of every step (to look at the pages). */
const SCREENSHOT_DIR = process.env.E2E_SCREENSHOT_DIR;

export function warnWithoutChromium(what: string) {
  if (RUN_BROWSER_TESTS && HAS_CHROMIUM) return;
  console.warn(
    `Skipping ${what}: no Chromium at ${CHROMIUM_PATH}. Install it with "apt-get install -y chromium" ` +
      "(Debian/Ubuntu), or point CHROMIUM_PATH at a Chromium or Chrome binary. With CI set, this test fails instead.",
  );
}

/** The newest modification time of a file under dir (node_modules and dist left out). */
function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the web app when dist is missing or older than its sources. */
export function ensureWebBuild() {
  const index = join(WEB_DIST, "index.html");
  if (existsSync(index) && statSync(index).mtimeMs >= newestChange(WEB_DIR)) return;
  // vitest sets NODE_ENV=test, which would give a development build of React.
  execSync("pnpm --filter @schakel/web build", {
    cwd: REPO_ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
}

type AppDeps = Parameters<typeof createApp>[0];
type AppConfig = AppDeps["config"];

/**
 * The real app (API and built web app) on a free local port. The suites written before the second
 * factor sign admins in with the password alone; `requireSecondFactor` turns the requirement on
 * (second-factor.test.ts), as it always is outside the tests (ADR 0023).
 */
export async function startServer(deps: Pick<AppDeps, "db" | "mailer">, options: { requireSecondFactor?: boolean } = {}) {
  const config: AppConfig = {
    production: false,
    trustProxy: false,
    devMailbox: false,
    webDist: WEB_DIST,
    requireSecondFactor: options.requireSecondFactor ?? false,
    // As WEBHOOK_ALLOW_LOCAL_URLS=1: the suites' webhook receivers listen on this machine, over http.
    webhookAllowLocalUrls: true,
  };
  const app = createApp({
    ...deps,
    config,
    clock: { now: () => new Date() },
    logger: silentLogger,
  });
  const server = await listen(app.fetch, { port: 0, hostname: "127.0.0.1" });
  const baseUrl = `http://127.0.0.1:${portOf(server)}`;
  // Mail links are built from the public address (PUBLIC_URL), known once the port is.
  config.publicUrl = baseUrl;
  return {
    app,
    baseUrl,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/**
 * Chromium, and fresh pages in their own contexts (own cookies). Everything the page's
 * Content-Security-Policy blocks (an inline script, say) lands in cspViolations, which must stay empty.
 */
export async function startBrowser() {
  if (!HAS_CHROMIUM) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: the browser test cannot run. Install it with "apt-get install -y chromium" ` +
        "or set CHROMIUM_PATH to a Chromium or Chrome binary.",
    );
  }
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const contexts: BrowserContext[] = [];
  const cspViolations: string[] = [];

  async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ locale: "nl-NL", viewport });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    const page = await context.newPage();
    page.on("console", (message) => {
      if (message.text().includes("Content Security Policy")) cspViolations.push(message.text());
    });
    return page;
  }

  async function close() {
    for (const context of contexts) await context.close().catch(() => {});
    await browser.close();
  }

  return { browser, newPage, cspViolations, close };
}

/** Keeps a screenshot (with E2E_SCREENSHOT_DIR) and checks the page with axe-core. */
export async function snap(page: Page, name: string) {
  if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  expect(await accessibilityViolations(page), `accessibility of ${name}`).toEqual([]);
}

export async function signIn(page: Page, email: string, password: string) {
  await expect.poll(() => page.title()).toBe("Inloggen - Schakel");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
}

/** A real SMTP server on a free local port that keeps every message it receives. */
export async function startSmtpServer() {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolveListen());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** The addresses a received mail went to. */
export function recipients(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((a) => a.value.map((v) => v.address ?? ""));
}
