// End to end, in a real browser: an admin invites a colleague, the invitation travels over real
// SMTP, the colleague sets a password through the link and signs in. The server is the real app
// (API + built web app) on a free local port, on PGlite or on DATABASE_URL's PostgreSQL.
import { randomUUID } from "node:crypto";
import { createSmtpMailer, hashPassword, MAX_MAIL_ATTEMPTS } from "@schakel/api/testing";
import { mailOutbox, memberships, seedDemoNetwork, users } from "@schakel/db";
import { createTestDb, makeMember, makeOrganization } from "@schakel/db/testing";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import {
  ensureWebBuild,
  RUN_BROWSER_TESTS,
  recipients,
  signIn,
  snap,
  startBrowser,
  startServer,
  startSmtpServer,
  warnWithoutChromium,
} from "./support";

const TIMEOUT = 60_000;
const ADMIN_PASSWORD = "demo-wachtwoord-e2e";
const NEW_PASSWORD = "een lang nieuw wachtwoord";
const NEW_NAME = "Nieuwe Collega";

warnWithoutChromium("the invitation browser test");

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

describe.runIf(RUN_BROWSER_TESTS)("inviting a colleague, in the browser", () => {
  let browser: Awaited<ReturnType<typeof startBrowser>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let mailer: ReturnType<typeof createSmtpMailer>;
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let server: Awaited<ReturnType<typeof startServer>>;
  let baseUrl: string;
  let admin: { email: string; domain: string };
  let newEmail: string;
  let secondOrganization: { name: string; adminEmail: string };
  let invitationLink: string;

  const newPage = (): Promise<Page> => browser.newPage();

  beforeAll(async () => {
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

    server = await startServer({ db: db.db, mailer });
    baseUrl = server.baseUrl;
    browser = await startBrowser();
  });

  afterEach(() => {
    expect(browser.cspViolations).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    mailer?.close();
    await smtp?.close();
    await db?.close();
  });

  test(
    "an admin signs in, opens Leden and invites a colleague; the invitation arrives by SMTP",
    async () => {
      const page = await newPage();
      // A visitor without an account lands on the sociale kaart; organisations sign in from the header.
      await page.goto(`${baseUrl}/`);
      await expect.poll(() => new URL(page.url()).pathname).toBe("/kaart");
      await page
        .getByRole("banner")
        .getByRole("link", { name: /^Inloggen/ })
        .click();
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
  test(
    "an invitation that could not be delivered is shown on Organisatie, and sent again from there",
    async () => {
      const [membership] = await db.db
        .select({ organizationId: memberships.organizationId })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(users.email, admin.email));
      const to = `onbereikbaar-${randomUUID().slice(0, 8)}@${admin.domain}`;
      // As the outbox leaves a mail after its last failed attempt.
      await db.db.insert(mailOutbox).values({
        to,
        organizationId: membership?.organizationId ?? null,
        kind: "invitation",
        subject: "Uitnodiging voor Schakel",
        text: "Je bent uitgenodigd voor Schakel.",
        createdAt: new Date(Date.now() - 2 * 86_400_000),
        attempts: MAX_MAIL_ATTEMPTS,
        nextAttemptAt: new Date(),
        lastError: "550 mailbox unavailable",
      });

      const page = await newPage();
      await page.goto(`${baseUrl}/organisatie`);
      await signIn(page, admin.email, ADMIN_PASSWORD);
      await page.getByRole("heading", { level: 2, name: "E-mails die niet aankwamen" }).waitFor();
      const item = page.getByRole("list", { name: "E-mails die niet aankwamen" }).getByRole("listitem").filter({ hasText: to });
      await item.waitFor();
      expect(await item.textContent()).toContain("Uitnodiging voor Schakel");
      // The mail server's own answer is never shown (the random address may hold the digits 550 itself).
      expect(await item.textContent()).not.toContain("mailbox unavailable");
      expect(await item.textContent()).not.toMatch(/\b550\b/);
      await item.getByRole("button", { name: /^Opnieuw versturen/ }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `De e-mail aan ${to} is verstuurd.` })
        .waitFor();
      await expect.poll(() => item.count()).toBe(0);
      expect(smtp.received.some((m) => recipients(m).includes(to))).toBe(true);
      await snap(page, "07-mail-opnieuw-verstuurd");
    },
    TIMEOUT,
  );
});
