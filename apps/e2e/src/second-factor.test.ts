// End to end, in a real browser: an admin must set up a second factor before anything else, does
// so with the secret the page shows, keeps the recovery codes, signs in again in two steps, and
// resets a forgotten password through the link that arrives over real SMTP.
import { createSmtpMailer, hashPassword, totpCode } from "@schakel/api/testing";
import { createTestDb, makeMember, makeOrganization } from "@schakel/db/testing";
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

const TIMEOUT = 120_000;
const PASSWORD = "demo-wachtwoord-e2e";
const NEW_PASSWORD = "fiets lamp wolk koffie";

warnWithoutChromium("the second-factor browser test");

/** Waits until the next 30-second TOTP step has begun (a code is accepted once per step). */
async function nextStep() {
  const ms = 30_000 - (Date.now() % 30_000) + 250;
  await new Promise((resolve) => setTimeout(resolve, ms));
}

describe.runIf(RUN_BROWSER_TESTS)("the second factor and a password reset, in the browser", () => {
  let browser: Awaited<ReturnType<typeof startBrowser>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let mailer: ReturnType<typeof createSmtpMailer>;
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let server: Awaited<ReturnType<typeof startServer>>;
  let email: string;

  beforeAll(async () => {
    ensureWebBuild();
    smtp = await startSmtpServer();
    mailer = createSmtpMailer(smtp.url, "Schakel <noreply@schakel.test>");
    db = await createTestDb();
    const organization = await makeOrganization(db.db);
    const { user } = await makeMember(db.db, {
      organizationId: organization.id,
      role: "admin",
      passwordHash: await hashPassword(PASSWORD),
      email: `beheer-2fa@${organization.slug}.example`,
    });
    email = user.email;
    server = await startServer({ db: db.db, mailer }, { requireSecondFactor: true });
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
    "an admin sets up the authenticator app first, then signs in with password and code",
    async () => {
      const page = await browser.newPage();
      await page.goto(`${server.baseUrl}/inloggen`);
      await signIn(page, email, PASSWORD);
      // Nothing else opens before the second factor is set up.
      await expect.poll(() => new URL(page.url()).pathname).toBe("/tweede-stap");
      await page.getByText("Voor jouw account is een tweede stap verplicht.").waitFor();
      await page.goto(`${server.baseUrl}/leden`);
      await expect.poll(() => new URL(page.url()).pathname).toBe("/tweede-stap");
      await snap(page, "2fa-01-verplicht");

      await page.getByRole("button", { name: "Begin met instellen" }).click();
      await page.getByRole("img", { name: /QR-code/ }).waitFor();
      const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      await snap(page, "2fa-02-qr");
      await page.getByLabel("Code uit je authenticator-app").fill("000000");
      await page.getByRole("button", { name: "Tweede stap aanzetten" }).click();
      await page
        .getByText(/Deze code klopt niet/)
        .first()
        .waitFor();
      await page.getByLabel("Code uit je authenticator-app").fill(totpCode(secret, new Date()));
      await page.getByRole("button", { name: "Tweede stap aanzetten" }).click();
      const codes = page.getByRole("list", { name: "Herstelcodes" }).getByRole("listitem");
      await expect.poll(() => codes.count()).toBe(10);
      const recoveryCode = ((await codes.first().textContent()) ?? "").trim();
      await snap(page, "2fa-03-herstelcodes");
      await page.getByRole("link", { name: "Ik heb de codes bewaard, ga verder" }).click();
      await page.getByRole("heading", { level: 1, name: /^Welkom/ }).waitFor();

      // A new browser signs in in two steps; the same code twice is refused.
      await nextStep();
      const second = await browser.newPage();
      await second.goto(`${server.baseUrl}/inloggen`);
      await signIn(second, email, PASSWORD);
      await second.getByLabel("Code uit je authenticator-app").waitFor();
      await snap(second, "2fa-04-code");
      const code = totpCode(secret, new Date());
      await second.getByLabel("Code uit je authenticator-app").fill(code);
      await second.getByRole("button", { name: "Verder" }).click();
      await second.getByRole("heading", { level: 1, name: /^Welkom/ }).waitFor();

      const third = await browser.newPage();
      await third.goto(`${server.baseUrl}/inloggen`);
      await signIn(third, email, PASSWORD);
      await third.getByLabel("Code uit je authenticator-app").fill(code);
      await third.getByRole("button", { name: "Verder" }).click();
      await third
        .getByText(/al gebruikt/)
        .first()
        .waitFor();
      // The phone is lost: a recovery code gets in.
      await third.getByRole("button", { name: "Telefoon kwijt? Gebruik een herstelcode" }).click();
      await third.getByLabel("Herstelcode").fill(recoveryCode);
      await third.getByRole("button", { name: "Verder" }).click();
      await third.getByRole("heading", { level: 1, name: /^Welkom/ }).waitFor();
    },
    TIMEOUT,
  );

  test(
    "a forgotten password: the link arrives by SMTP, a weak password is refused in Dutch, and every session ends",
    async () => {
      const signedInPage = await browser.newPage();
      await signedInPage.goto(`${server.baseUrl}/inloggen`);
      await signIn(signedInPage, email, PASSWORD);
      await signedInPage.getByLabel("Code uit je authenticator-app").waitFor();

      const page = await browser.newPage();
      await page.goto(`${server.baseUrl}/inloggen`);
      await page.getByRole("link", { name: "Wachtwoord vergeten?" }).click();
      await page.getByLabel("E-mailadres").fill(email);
      await page.getByRole("button", { name: "Stuur de link" }).click();
      await page.getByText("Als dit adres bij een account hoort").waitFor();
      await snap(page, "reset-01-verstuurd");

      await expect.poll(() => smtp.received.some((m) => recipients(m).includes(email)), { timeout: 10_000 }).toBe(true);
      const mail = smtp.received.find((m) => recipients(m).includes(email));
      const link = /(http:\/\/\S+\/wachtwoord-herstellen#token=[A-Za-z0-9_-]+)/.exec(mail?.text ?? "")?.[1];
      expect(link?.startsWith(server.baseUrl)).toBe(true);

      await page.goto(link ?? "");
      await page.getByLabel("Nieuw wachtwoord", { exact: true }).fill("aaaaaaaaaaaa");
      await page.getByLabel("Herhaal het nieuwe wachtwoord").fill("aaaaaaaaaaaa");
      await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
      await page
        .getByText(/Herhalende letters zoals "aaa" zijn makkelijk te raden/)
        .first()
        .waitFor();
      await snap(page, "reset-02-zwak");
      await page.getByLabel("Nieuw wachtwoord", { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel("Herhaal het nieuwe wachtwoord").fill(NEW_PASSWORD);
      await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
      await page.getByText("Je nieuwe wachtwoord is ingesteld.").waitFor();

      // The half-session of before the reset is gone too, and the old password no longer works.
      await signedInPage.reload();
      await expect.poll(() => signedInPage.title()).toBe("Inloggen - Schakel");
      await signIn(signedInPage, email, PASSWORD);
      await signedInPage.getByText("Het e-mailadres of het wachtwoord klopt niet.").first().waitFor();
    },
    TIMEOUT,
  );
});
