// End to end, in a real browser: the network admin (the gemeente's regie, ADR 0019) adds an
// organization to the network; its first admin's invitation travels over real SMTP and works.
// The server is the real app on PGlite or on DATABASE_URL's PostgreSQL.
import { randomUUID } from "node:crypto";
import { createSmtpMailer, hashPassword } from "@schakel/api/testing";
import { networkAdmins, seedMunicipalities } from "@schakel/db";
import { createTestDb, makeMember, makeOrganization } from "@schakel/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { accessibilityViolations } from "./axe";
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
const PASSWORD = "regie-wachtwoord-e2e";

warnWithoutChromium("the network admin browser test");

describe.runIf(RUN_BROWSER_TESTS)("adding an organization to the network, in the browser", () => {
  let browser: Awaited<ReturnType<typeof startBrowser>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let mailer: ReturnType<typeof createSmtpMailer>;
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let server: Awaited<ReturnType<typeof startServer>>;
  let regie: { email: string };
  let worker: { email: string };

  beforeAll(async () => {
    ensureWebBuild();
    smtp = await startSmtpServer();
    mailer = createSmtpMailer(smtp.url, "Schakel <noreply@schakel.test>");
    db = await createTestDb();
    await seedMunicipalities(db.db);
    const passwordHash = await hashPassword(PASSWORD);
    const gemeente = await makeOrganization(db.db, { kind: "gemeente" });
    const coordinator = await makeMember(db.db, { organizationId: gemeente.id, role: "coordinator", passwordHash });
    await db.db.insert(networkAdmins).values({ userId: coordinator.user.id });
    regie = { email: coordinator.user.email };
    const plain = await makeMember(db.db, { organizationId: gemeente.id, role: "admin", passwordHash });
    worker = { email: plain.user.email };
    server = await startServer({ db: db.db, mailer });
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
    "the network admin opens Netwerk, is told what is missing, adds an organization, and its first admin is invited",
    async () => {
      // Early in the alphabet: on a database shared with other test files the list's first page is full of theirs.
      const name = `Aandacht voor Geld ${randomUUID().slice(0, 6)}`;
      const adminEmail = `eerste-beheerder-${randomUUID().slice(0, 8)}@test.example`;
      const page = await browser.newPage();
      await page.goto(`${server.baseUrl}/inloggen`);
      await signIn(page, regie.email, PASSWORD);
      await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Netwerk" }).click();
      await page.getByRole("heading", { level: 1, name: "Organisaties in het netwerk" }).waitFor();
      expect(await page.title()).toBe("Netwerk - Schakel");
      await page.getByRole("checkbox", { name: "Arnhem" }).waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);

      // Sent empty: core's rules, in Dutch, at the fields, before anything is sent.
      await page.getByRole("button", { name: "Organisatie toevoegen" }).click();
      await page.getByText("Vul de naam van de organisatie in.").waitFor();
      await snap(page, "netwerk-01-fouten");

      await page.getByLabel("Naam van de organisatie").fill(name);
      await page.getByLabel("Soort organisatie").selectOption({ label: "Schuldhulpverlening" });
      await page.getByLabel("Naam", { exact: true }).fill("Sanne, zie https://evil.example");
      await page.getByLabel("E-mailadres", { exact: true }).fill(adminEmail);
      await page.getByRole("button", { name: "Organisatie toevoegen" }).click();
      await page.getByText("Gebruik in een naam alleen letters, cijfers, spaties en . , ' - ( ).").waitFor();
      await page.getByLabel("Naam", { exact: true }).fill("Sanne de Vries");
      await page.getByRole("button", { name: "Organisatie toevoegen" }).click();
      await page.getByText("Kies minstens één gemeente, of geef aan dat de organisatie landelijk werkt.").waitFor();
      await page.getByRole("checkbox", { name: "Arnhem" }).check();
      await page.getByRole("button", { name: "Organisatie toevoegen" }).click();

      await page
        .getByRole("status")
        .filter({ hasText: `${name} is toegevoegd. We hebben een uitnodiging gestuurd naar Sanne de Vries` })
        .waitFor();
      await page.getByRole("listitem").filter({ hasText: name }).waitFor();
      await snap(page, "netwerk-02-toegevoegd");

      const mail = smtp.received.find((m) => recipients(m).includes(adminEmail));
      expect(mail?.subject).toBe(`Uitnodiging voor Schakel van ${name}`);
      const link = mail?.text?.match(/https?:\/\/\S+\/uitnodiging#token=\S+/)?.[0] ?? "";
      const invitee = await browser.newPage();
      await invitee.goto(link);
      await invitee.getByLabel("Wachtwoord", { exact: true }).fill("een lang nieuw wachtwoord");
      await invitee.getByLabel("Herhaal wachtwoord").fill("een lang nieuw wachtwoord");
      await invitee.getByRole("button", { name: "Wachtwoord opslaan en inloggen" }).click();
      await invitee.getByRole("heading", { level: 1, name: "Welkom, Sanne de Vries" }).waitFor();
      expect(await invitee.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Leden" }).count()).toBe(1);
      expect(await invitee.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Netwerk" }).count()).toBe(0);
    },
    TIMEOUT,
  );

  test(
    "a failed sign-in lands in the security log, which the network admin reads and filters under Netwerk",
    async () => {
      const refused = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: worker.email, password: "dit-is-niet-het-wachtwoord" }),
      });
      expect(refused.status).toBe(401);
      const requestId = refused.headers.get("X-Request-Id") ?? "";

      const page = await browser.newPage();
      await page.goto(`${server.baseUrl}/inloggen`);
      await signIn(page, regie.email, PASSWORD);
      await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Netwerk" }).click();
      await page.getByRole("link", { name: "Bekijk het beveiligingslog" }).click();
      await page.getByRole("heading", { level: 1, name: "Beveiligingslog van het netwerk" }).waitFor();
      expect(await page.title()).toBe("Beveiligingslog - Schakel");
      await page.getByText("Filteren").click();
      await page.getByLabel("Soort").selectOption({ label: "Inloggen mislukt" });
      await page.getByRole("button", { name: "Filter toepassen" }).click();
      const item = page.getByRole("listitem").filter({ hasText: requestId });
      await item.waitFor();
      expect(await item.textContent()).toContain("POST /api/v1/auth/login");
      expect(await item.textContent()).not.toContain(worker.email);
      expect(new URL(page.url()).search).toBe("?soort=sign-in-failed");
      expect(await accessibilityViolations(page)).toEqual([]);
      await snap(page, "netwerk-03-beveiligingslog");
    },
    TIMEOUT,
  );

  test(
    "an organization's admin sees no Netwerk in the menu, and a clear message at the address",
    async () => {
      const page = await browser.newPage();
      await page.goto(`${server.baseUrl}/netwerk`);
      await signIn(page, worker.email, PASSWORD);
      await page.getByRole("heading", { level: 1, name: "Netwerk" }).waitFor();
      await page.getByText("Alleen netwerkbeheerders kunnen organisaties aan het netwerk toevoegen.").waitFor();
      expect(await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Netwerk" }).count()).toBe(0);
    },
    TIMEOUT,
  );
});
