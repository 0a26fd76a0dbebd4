// End to end, in a real browser: an admin invites a colleague, the invitation travels over real
// SMTP, the colleague sets a password through the link and signs in. The server is the real app
// (API + built web app) on a free local port, on PGlite or on DATABASE_URL's PostgreSQL.
import { execSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "@schakel/api";
import { createSmtpMailer, hashPassword, silentLogger } from "@schakel/api/testing";
import { seedDemoNetwork } from "@schakel/db";
import { createTestDb, makeMember, makeOrganization } from "@schakel/db/testing";
import { type ParsedMail, simpleParser } from "mailparser";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { accessibilityViolations } from "./axe";

const WEB_DIR = resolve(import.meta.dirname, "..");
const REPO_ROOT = resolve(WEB_DIR, "../..");
const WEB_DIST = join(WEB_DIR, "dist");
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);
const IN_CI = Boolean(process.env.CI);
/** Set to a folder to keep a screenshot of every step (to look at the pages). */
const SCREENSHOT_DIR = process.env.E2E_SCREENSHOT_DIR;

const TIMEOUT = 60_000;
const ADMIN_PASSWORD = "demo-wachtwoord-e2e";
const NEW_PASSWORD = "een lang nieuw wachtwoord";
const NEW_NAME = "Nieuwe Collega";

if (!HAS_CHROMIUM && !IN_CI) {
  console.warn(
    `Skipping the browser test: no Chromium at ${CHROMIUM_PATH}. Install it with "apt-get install -y chromium" ` +
      "(Debian/Ubuntu), or point CHROMIUM_PATH at a Chromium or Chrome binary. With CI set, this test fails instead.",
  );
}

/** The newest modification time of a file under dir (node_modules and dist left out). */
function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist" || entry.name === "e2e") continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the web app when dist is missing or older than its sources. */
function ensureWebBuild() {
  const index = join(WEB_DIST, "index.html");
  if (existsSync(index) && statSync(index).mtimeMs >= newestChange(WEB_DIR)) return;
  // vitest sets NODE_ENV=test, which would give a development build of React.
  execSync("pnpm --filter @schakel/web build", {
    cwd: REPO_ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
}

/** A real SMTP server on a free local port that keeps every message it receives. */
async function startSmtpServer() {
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

/**
 * The organisation whose admin invites: the demo network's Opr€cht on a new database. A
 * database that already holds organisations (PostgreSQL shared with other test files, or a
 * second run) is not seeded again, so there the test mints an organisation and admin of its own.
 */
async function adminAccount(db: Parameters<typeof seedDemoNetwork>[0], passwordHash: string) {
  const logins = await seedDemoNetwork(db, passwordHash);
  const demoAdmin = logins?.find((l) => l.email === "admin@opr-echt.example");
  if (demoAdmin) return { email: demoAdmin.email, domain: "opr-echt.example" };
  const organization = await makeOrganization(db);
  const domain = `${organization.slug}.example`;
  const { user } = await makeMember(db, {
    organizationId: organization.id,
    role: "admin",
    passwordHash,
    email: `admin@${domain}`,
  });
  return { email: user.email, domain };
}

function recipients(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((a) => a.value.map((v) => v.address ?? ""));
}

/** Keeps a screenshot (with E2E_SCREENSHOT_DIR) and checks the page with axe-core. */
async function snap(page: Page, name: string) {
  if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  expect(await accessibilityViolations(page), `accessibility of ${name}`).toEqual([]);
}

async function signIn(page: Page, email: string, password: string) {
  await expect.poll(() => page.title()).toBe("Inloggen - Schakel");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
}

describe.skipIf(!HAS_CHROMIUM && !IN_CI)("inviting a colleague, in the browser", () => {
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let mailer: ReturnType<typeof createSmtpMailer>;
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let server: ReturnType<typeof serve>;
  let baseUrl: string;
  let admin: { email: string; domain: string };
  let newEmail: string;
  let secondOrganization: { name: string; adminEmail: string };
  let invitationLink: string;
  const contexts: BrowserContext[] = [];
  /** Anything the page's Content-Security-Policy blocked (say, an inline script): must stay empty. */
  const cspViolations: string[] = [];

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ locale: "nl-NL", viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    const page = await context.newPage();
    page.on("console", (message) => {
      if (message.text().includes("Content Security Policy")) cspViolations.push(message.text());
    });
    return page;
  }

  beforeAll(async () => {
    if (!HAS_CHROMIUM) {
      throw new Error(
        `No Chromium at ${CHROMIUM_PATH}: the browser test cannot run. Install it with "apt-get install -y chromium" ` +
          "or set CHROMIUM_PATH to a Chromium or Chrome binary.",
      );
    }
    ensureWebBuild();
    smtp = await startSmtpServer();
    mailer = createSmtpMailer(smtp.url, "Schakel <noreply@schakel.test>");
    db = await createTestDb();
    admin = await adminAccount(db.db, await hashPassword(ADMIN_PASSWORD));
    newEmail = `nieuw@${admin.domain}`;
    const other = await makeOrganization(db.db);
    const otherAdmin = await makeMember(db.db, {
      organizationId: other.id,
      role: "admin",
      passwordHash: await hashPassword(ADMIN_PASSWORD),
      email: `admin@${other.slug}.example`,
    });
    secondOrganization = { name: other.name, adminEmail: otherAdmin.user.email };

    const app = createApp({
      db: db.db,
      config: { production: false, trustProxy: false, devMailbox: false, webDist: WEB_DIST },
      clock: { now: () => new Date() },
      mailer,
      logger: silentLogger,
    });
    server = await new Promise<ReturnType<typeof serve>>((resolveServe) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolveServe(s));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
  });

  afterEach(() => {
    expect(cspViolations).toEqual([]);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    if (server) await new Promise<void>((done) => server.close(() => done()));
    mailer?.close();
    await smtp?.close();
    await db?.close();
  });

  test(
    "an admin signs in, opens Leden and invites a colleague; the invitation arrives by SMTP",
    async () => {
      const page = await newPage();
      await page.goto(`${baseUrl}/`);
      await expect.poll(() => new URL(page.url()).pathname).toBe("/inloggen");
      await snap(page, "01-inloggen");
      await signIn(page, admin.email, ADMIN_PASSWORD);

      await page.getByRole("heading", { level: 1, name: /^Welkom/ }).waitFor();
      await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Leden" }).click();
      await page.getByRole("heading", { level: 1, name: /^Leden van / }).waitFor();
      expect(await page.title()).toBe("Leden - Schakel");
      await page.getByRole("row", { name: new RegExp(admin.email.replace(/[.]/g, "\\.")) }).waitFor();

      await page.getByLabel("Naam", { exact: true }).fill(NEW_NAME);
      await page.getByLabel("E-mailadres", { exact: true }).fill(newEmail);
      await page.getByLabel("Rol", { exact: true }).selectOption({ label: "Medewerker" });
      await page.getByRole("button", { name: "Uitnodiging versturen" }).click();

      await page
        .getByRole("status")
        .filter({ hasText: `We hebben een uitnodiging gestuurd naar ${NEW_NAME}` })
        .waitFor();
      const row = page.getByRole("row", { name: new RegExp(NEW_NAME) });
      await expect.poll(() => row.textContent()).toContain("Uitgenodigd");
      expect(await row.textContent()).toContain(newEmail);
      await snap(page, "02-leden");

      // Deactivating asks first; cancelling changes nothing and puts focus back on the button.
      await row.getByRole("button", { name: `Deactiveren ${NEW_NAME}` }).click();
      const confirm = row.getByRole("group", { name: new RegExp(`wilt deactiveren\\? ${NEW_NAME} kan dan niet meer inloggen`) });
      await confirm.waitFor();
      await snap(page, "02b-bevestigen");
      await confirm.getByRole("button", { name: "Annuleren" }).click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(`Deactiveren ${NEW_NAME}`);
      expect(await row.textContent()).toContain("Uitgenodigd");

      // The API answers 201 only after the SMTP server accepted the message.
      const mail = smtp.received.find((m) => recipients(m).includes(newEmail));
      expect(mail, `no mail to ${newEmail} arrived`).toBeDefined();
      expect(mail?.subject).toMatch(/^Uitnodiging voor Schakel van /);
      const link = mail?.text?.match(/https?:\/\/\S+\/uitnodiging#token=\S+/)?.[0];
      expect(link, "the mail has no /uitnodiging#token= link").toBeDefined();
      invitationLink = link ?? "";
      expect(new URL(invitationLink).origin).toBe(baseUrl);
    },
    TIMEOUT,
  );

  test(
    "the colleague opens the link, chooses a password and is signed in",
    async () => {
      const page = await newPage();
      await page.goto(invitationLink);
      await page.getByRole("heading", { level: 1, name: "Kies je wachtwoord" }).waitFor();
      expect(await page.title()).toBe("Kies je wachtwoord - Schakel");

      // Too short: the rule from @schakel/core, checked before anything is sent.
      await page.getByLabel("Wachtwoord", { exact: true }).fill("kort");
      await page.getByRole("button", { name: "Wachtwoord opslaan en inloggen" }).click();
      const password = page.getByLabel("Wachtwoord", { exact: true });
      await expect.poll(() => password.getAttribute("aria-invalid")).toBe("true");
      const describedBy = (await password.getAttribute("aria-describedby")) ?? "";
      expect(await page.locator(`[id="${describedBy.split(" ")[0]}"]`).textContent()).toBe(
        "Kies een wachtwoord van minstens 12 tekens.",
      );
      await snap(page, "03-uitnodiging-fout");

      await password.fill(NEW_PASSWORD);
      await page.getByLabel("Herhaal wachtwoord").fill(NEW_PASSWORD);
      await page.getByRole("button", { name: "Wachtwoord opslaan en inloggen" }).click();

      await page.getByRole("heading", { level: 1, name: `Welkom, ${NEW_NAME}` }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/");
      await expect.poll(() => page.getByRole("banner").textContent()).toContain(NEW_NAME);
      // A worker sees no member management in the menu, and a clear message at the address.
      expect(await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Leden" }).count()).toBe(0);
      await snap(page, "04-ingelogd");

      await page.getByRole("button", { name: "Uitloggen" }).click();
      await page.getByRole("heading", { level: 1, name: "Inloggen" }).waitFor();
      await page.getByText("Je bent uitgelogd.").waitFor();
    },
    TIMEOUT,
  );

  test(
    "a link that was used already gives a clear message",
    async () => {
      const page = await newPage();
      await page.goto(invitationLink);
      await page.getByLabel("Wachtwoord", { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel("Herhaal wachtwoord").fill(NEW_PASSWORD);
      await page.getByRole("button", { name: "Wachtwoord opslaan en inloggen" }).click();
      await page.getByRole("heading", { level: 1, name: "Deze uitnodiging werkt niet" }).waitFor();
      expect(await page.getByRole("alert").textContent()).toContain("al gebruikt");
    },
    TIMEOUT,
  );

  test(
    "a wrong password gives a Dutch error; the new password signs the colleague in",
    async () => {
      const page = await newPage();
      await page.goto(`${baseUrl}/leden`);
      await signIn(page, newEmail, "niet-het-goede-wachtwoord");
      const alert = page.getByRole("alert");
      await alert.waitFor();
      expect(await alert.textContent()).toContain("Het e-mailadres of het wachtwoord klopt niet.");
      await snap(page, "05-inloggen-fout");

      await page.getByLabel("Wachtwoord").fill(NEW_PASSWORD);
      await page.getByRole("button", { name: "Inloggen" }).click();
      // Back where the colleague wanted to go; as a worker they get a clear message there.
      await page.getByRole("heading", { level: 1, name: "Leden" }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/leden");
      await page.getByText("Alleen beheerders kunnen leden beheren.").waitFor();
      await expect.poll(() => page.getByRole("banner").textContent()).toContain(NEW_NAME);
    },
    TIMEOUT,
  );

  test(
    "someone with an account accepts a second organisation's invitation with their password, then switches organisation",
    async () => {
      const adminPage = await newPage();
      await adminPage.goto(`${baseUrl}/leden`);
      await signIn(adminPage, secondOrganization.adminEmail, ADMIN_PASSWORD);
      await adminPage.getByRole("heading", { level: 1, name: `Leden van ${secondOrganization.name}` }).waitFor();
      await adminPage.getByLabel("Naam", { exact: true }).fill(NEW_NAME);
      await adminPage.getByLabel("E-mailadres", { exact: true }).fill(newEmail);
      await adminPage.getByRole("button", { name: "Uitnodiging versturen" }).click();
      await adminPage.getByRole("status").filter({ hasText: "We hebben een uitnodiging gestuurd" }).waitFor();

      const mail = smtp.received.findLast((m) => recipients(m).includes(newEmail));
      const link = mail?.text?.match(/https?:\/\/\S+\/uitnodiging#token=\S+/)?.[0];
      expect(link).toBeDefined();
      expect(link).not.toBe(invitationLink);

      const page = await newPage();
      await page.goto(link ?? "");
      await page.getByLabel("Wachtwoord", { exact: true }).fill("een ander lang wachtwoord");
      await page.getByLabel("Herhaal wachtwoord").fill("een ander lang wachtwoord");
      await page.getByRole("button", { name: "Wachtwoord opslaan en inloggen" }).click();
      // The account exists: the page now asks for its current password instead.
      await page.getByRole("heading", { level: 1, name: "Uitnodiging accepteren" }).waitFor();
      await page.getByText("Je hebt al een account bij Schakel.").waitFor();
      await page.getByLabel("Je wachtwoord").fill(NEW_PASSWORD);
      await page.getByRole("button", { name: "Uitnodiging accepteren" }).click();
      await page.getByRole("heading", { level: 1, name: `Welkom, ${NEW_NAME}` }).waitFor();

      const switcher = page.getByLabel("Organisatie");
      await switcher.selectOption({ label: `${secondOrganization.name} (medewerker)` });
      await page.getByText(`Je werkt nu voor ${secondOrganization.name} als medewerker.`).waitFor();
      await snap(page, "06-twee-organisaties");
      // The choice is remembered on this device.
      await page.reload();
      await page.getByText(`Je werkt nu voor ${secondOrganization.name} als medewerker.`).waitFor();
    },
    TIMEOUT,
  );
});
