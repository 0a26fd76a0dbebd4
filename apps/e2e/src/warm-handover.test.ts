// End to end, in a real browser: the warm handover. An Opr€cht worker in Arnhem refers a young
// resident with debts to Plangroep's debt service through the wizard (consent, hulpvraag,
// driegesprek); Plangroep opens it, accepts, logs a failed call, messages the worker, plans the
// driegesprek, starts and completes the help. The referring worker sees every step and gets the
// e-mails over real SMTP — none of them names the resident. Then the resident withdraws consent
// and Plangroep no longer sees the name. The server is the real app on PGlite or on
// DATABASE_URL's PostgreSQL.
import { browserClient, createSmtpMailer, hashPassword } from "@schakel/api/testing";
import type { components } from "@schakel/api-client";
import { seedDemoNetwork } from "@schakel/db";
import { createTestDb, makeMember, makeOrganization } from "@schakel/db/testing";
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

type ServiceCreate = components["schemas"]["ServiceCreate"];

const TIMEOUT = 120_000;
const PASSWORD = "demo-wachtwoord-e2e";
const SERVICE = "Schulddienstverlening en schuldregeling";
const RESIDENT = "Daan Verhoef";
const BIRTH_YEAR = String(new Date().getFullYear() - 23);
const DEBTS = "Ongeveer € 2.500 bij de zorgverzekeraar";
const MESSAGE = "We bereiken hem niet. Lukt het jou?";

warnWithoutChromium("the warm handover browser test");

/** A day some days ahead, as the day, month and year a person types. */
function daysAhead(days: number) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return { day: String(d.getDate()), month: String(d.getMonth() + 1), year: String(d.getFullYear()) };
}

/** Types a moment in the Dag, Maand, Jaar and Tijd fields of its group, at 10:00. */
async function fillMoment(page: Page, name: string, days: number) {
  const group = page.getByRole("group", { name });
  const { day, month, year } = daysAhead(days);
  await group.getByLabel("Dag").fill(day);
  await group.getByLabel("Maand").fill(month);
  await group.getByLabel("Jaar").fill(year);
  await group.getByLabel("Tijd").fill("10:00");
}

describe.runIf(RUN_BROWSER_TESTS)("the warm handover, in the browser", () => {
  let browser: Awaited<ReturnType<typeof startBrowser>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let mailer: ReturnType<typeof createSmtpMailer>;
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let server: Awaited<ReturnType<typeof startServer>>;
  let baseUrl: string;
  let senderEmail: string;
  let receiverEmail: string;
  let serviceId: string;
  let referralId: string;
  let sender: Page;
  let receiver: Page;

  /**
   * The demo network (Opr€cht, Plangroep and its debt service) on a fresh database. A shared
   * PostgreSQL that other test files seeded first gets equivalent organisations, users and service.
   */
  async function network(passwordHash: string) {
    const logins = await seedDemoNetwork(db.db, passwordHash);
    if (logins) {
      senderEmail = "worker@opr-echt.example";
      receiverEmail = "worker@plangroep.example";
      const client = browserClient(server.app);
      const { data } = await client.client.GET("/services", {
        params: { query: { q: SERVICE, acceptsReferrals: "true", limit: 20 } },
      });
      const found = data?.data.find((s) => s.name === SERVICE && s.organization.slug === "plangroep");
      if (!found) throw new Error("the demo service of Plangroep is missing");
      serviceId = found.id;
      return;
    }
    const opr = await makeOrganization(db.db, { name: "Opr€cht (test)", kind: "welzijn", municipalityCodes: ["GM0202"] });
    const plan = await makeOrganization(db.db, {
      name: "Plangroep (test)",
      kind: "schuldhulpverlening",
      municipalityCodes: ["GM0202"],
    });
    senderEmail = `worker@${opr.slug}.example`;
    receiverEmail = `worker@${plan.slug}.example`;
    await makeMember(db.db, {
      organizationId: opr.id,
      role: "worker",
      passwordHash,
      email: senderEmail,
      name: "Medewerker Opr€cht",
    });
    await makeMember(db.db, {
      organizationId: plan.id,
      role: "worker",
      passwordHash,
      email: receiverEmail,
      name: "Medewerker Plangroep",
    });
    const adminEmail = `admin@${plan.slug}.example`;
    await makeMember(db.db, { organizationId: plan.id, role: "admin", passwordHash, email: adminEmail });
    const admin = browserClient(server.app);
    await admin.client.POST("/auth/login", { body: { email: adminEmail, password: PASSWORD } });
    const { data, error } = await admin.client.POST("/services", {
      body: {
        organizationId: plan.id,
        name: SERVICE,
        description: "Intake, plan van aanpak en een schuldregeling.",
        lifeDomains: ["schulden", "financien"],
        municipalityCodes: ["GM0202"],
        acceptsReferrals: true,
        responseTargetDays: 3,
      } as ServiceCreate,
    });
    if (!data) throw new Error(`adding the service failed: ${JSON.stringify(error)}`);
    serviceId = data.id;
  }

  const status = (page: Page) => page.locator(".schakel-status").first().textContent();

  beforeAll(async () => {
    ensureWebBuild();
    smtp = await startSmtpServer();
    mailer = createSmtpMailer(smtp.url, "Schakel <noreply@schakel.test>");
    db = await createTestDb();
    server = await startServer({ db: db.db, mailer });
    baseUrl = server.baseUrl;
    await network(await hashPassword(PASSWORD));
    // The referring worker chose a mail per event (the default is one digest a working day).
    const referrer = browserClient(server.app);
    await referrer.client.POST("/auth/login", { body: { email: senderEmail, password: PASSWORD } });
    const chosen = await referrer.client.PUT("/me/notification-settings", { body: { mailMode: "each", allReferrals: false } });
    if (chosen.response.status !== 200) throw new Error(`choosing a mail per event failed: ${chosen.response.status}`);
    browser = await startBrowser();
    sender = await browser.newPage();
    receiver = await browser.newPage();
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
    "the Opr€cht worker refers a resident with consent and a driegesprek through the wizard",
    async () => {
      const page = sender;
      await page.goto(`${baseUrl}/inloggen`);
      await signIn(page, senderEmail, PASSWORD);
      await page.getByRole("heading", { level: 1, name: /^Welkom/ }).waitFor();

      await page.goto(`${baseUrl}/kaart/diensten/${serviceId}`);
      await page.getByRole("link", { name: "Verwijzen naar deze dienst" }).click();
      await page.getByRole("heading", { level: 1, name: `Verwijzen naar ${SERVICE}` }).waitFor();
      await page.getByRole("heading", { level: 2, name: "Stap 1 van 5: Inwoner" }).waitFor();
      await snap(page, "wh-01-wizard-inwoner");

      // Nothing filled in: the errors are shown at the fields and in the summary (a name, and a way to reach the resident).
      await page.getByRole("button", { name: "Volgende stap" }).click();
      await page.getByText("Er zijn 2 dingen om te verbeteren").waitFor();
      const name = page.getByLabel("Naam", { exact: true });
      await expect.poll(() => name.getAttribute("aria-invalid")).toBe("true");
      await snap(page, "wh-02-wizard-fout");

      await name.fill(RESIDENT);
      await page.getByLabel("Geboortejaar (niet verplicht)").fill(BIRTH_YEAR);
      await page.getByLabel("Telefoonnummer (niet verplicht)").fill("06-12345678");
      await page.getByLabel("Liefst contact via").selectOption({ label: "WhatsApp" });
      await page.getByRole("button", { name: "Volgende stap" }).click();

      await page.getByRole("heading", { level: 2, name: "Stap 2 van 5: Toestemming" }).waitFor();
      // Health data never goes to a debt service: it is not offered.
      expect(await page.getByRole("checkbox", { name: "Gezondheid" }).count()).toBe(0);
      expect(await page.getByRole("checkbox", { name: "Schulden" }).isChecked()).toBe(true);
      await page.getByRole("radio", { name: "De status en de uitkomst" }).check();
      await snap(page, "wh-03-wizard-toestemming");
      await page.getByRole("button", { name: "Volgende stap" }).click();

      await page.getByRole("heading", { level: 2, name: "Stap 3 van 5: Hulpvraag en urgentie" }).waitFor();
      await page.getByLabel("Wat is de hulpvraag?").fill("Wil hulp bij zijn schulden; post blijft liggen.");
      await page.getByLabel("Schulden (niet verplicht)").fill(DEBTS);
      await page.getByRole("button", { name: "Volgende stap" }).click();

      await page.getByRole("heading", { level: 2, name: "Stap 4 van 5: Driegesprek" }).waitFor();
      expect(await page.getByRole("checkbox", { name: "Ik wil een driegesprek" }).isChecked()).toBe(true);
      await fillMoment(page, "Moment 1", 3);
      await fillMoment(page, "Moment 2", 4);
      await page.getByRole("button", { name: "Volgende stap" }).click();

      await page.getByRole("heading", { level: 2, name: "Stap 5 van 5: Controleren en versturen" }).waitFor();
      expect(await page.locator("main").textContent()).toContain(DEBTS);
      await snap(page, "wh-04-wizard-controleren");
      // The step is in the address: the browser's Back and Forward move between steps.
      expect(new URL(page.url()).searchParams.get("stap")).toBe("controleren");
      await page.goBack();
      await page.getByRole("heading", { level: 2, name: "Stap 4 van 5: Driegesprek" }).waitFor();
      expect(await page.getByRole("group", { name: "Moment 1" }).getByLabel("Dag").inputValue()).toBe(daysAhead(3).day);
      await page.goForward();
      await page.getByRole("heading", { level: 2, name: "Stap 5 van 5: Controleren en versturen" }).waitFor();
      // Back keeps what was typed.
      await page.getByRole("button", { name: "Vorige stap" }).click();
      await page.getByRole("button", { name: "Vorige stap" }).click();
      expect(await page.getByLabel("Schulden (niet verplicht)").inputValue()).toBe(DEBTS);
      await page.getByRole("button", { name: "Volgende stap" }).click();
      await page.getByRole("button", { name: "Volgende stap" }).click();
      await page.getByRole("button", { name: "Verwijzing versturen" }).click();

      await page.getByRole("heading", { level: 1, name: `Verwijzing naar ${SERVICE}` }).waitFor();
      await page.getByRole("status").filter({ hasText: "De verwijzing is verstuurd." }).waitFor();
      // Said where the page starts, and focused, so it is seen and read out (not focus on the body).
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ""))
        .toContain("De verwijzing is verstuurd.");
      referralId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
      expect(referralId).toMatch(/^[0-9a-f-]{36}$/);
      expect(await status(page)).toContain("Verstuurd");
      expect(await page.locator("main").textContent()).toContain(RESIDENT);
      await snap(page, "wh-05-verwijzing-verzender");
    },
    TIMEOUT,
  );

  test(
    "Plangroep opens it from the inbox; the sender then sees Ontvangen",
    async () => {
      const page = receiver;
      await page.goto(`${baseUrl}/verwijzingen?box=inbox`);
      await signIn(page, receiverEmail, PASSWORD);
      await page.getByRole("heading", { level: 1, name: "Ontvangen verwijzingen" }).waitFor();
      const row = page.getByRole("row", { name: new RegExp(RESIDENT) });
      await row.waitFor();
      // The receiver's words: a referral nobody answered yet is "Nieuw" in the inbox, not "Verstuurd".
      expect(await row.textContent()).toContain("Nieuw");
      expect(await row.textContent()).not.toContain("Verstuurd");
      await snap(page, "wh-06-inbox");

      await row.getByRole("link", { name: RESIDENT }).click();
      await page.getByRole("heading", { level: 1, name: `Verwijzing naar ${SERVICE}` }).waitFor();
      await expect.poll(() => status(page)).toContain("Ontvangen");
      expect(await page.locator("main").textContent()).toContain(DEBTS);
      // A working day on a laptop: the status, what to do now and the key facts are in the first screen.
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.evaluate(() => window.scrollTo(0, 0));
      for (const inFirstScreen of [
        page.locator(".schakel-status").first(),
        page.getByRole("button", { name: "Accepteren", exact: true }),
        page.getByText("Reactie verwacht", { exact: true }),
      ]) {
        const box = await inFirstScreen.boundingBox();
        expect(box ? box.y + box.height : Number.POSITIVE_INFINITY).toBeLessThanOrEqual(768);
      }
      await snap(page, "wh-07-verwijzing-ontvanger");
      await page.setViewportSize({ width: 1280, height: 900 });

      await sender.reload();
      await expect.poll(() => status(sender)).toContain("Ontvangen");
    },
    TIMEOUT,
  );

  test(
    "Plangroep accepts, logs a failed call, messages the worker, plans the driegesprek, starts and completes the help",
    async () => {
      const page = receiver;
      const move = async (button: string, confirm: string, expected: string) => {
        await page.getByRole("button", { name: button, exact: true }).click();
        await page.getByRole("button", { name: confirm }).click();
        await expect.poll(() => status(page)).toContain(expected);
      };
      // Niet bereikt is not offered before a contact attempt.
      await move("Accepteren", "Bevestigen: accepteren", "Geaccepteerd");
      expect(await page.getByRole("button", { name: "Niet bereikt", exact: true }).count()).toBe(0);

      await page.getByRole("button", { name: "Ik pak deze verwijzing op" }).click();
      await page.getByText("Jij bent nu de behandelaar.").waitFor();

      await page.getByLabel("Hoe").selectOption({ label: "Gebeld" });
      await page.getByLabel("Resultaat").selectOption({ label: "Geen reactie" });
      await page.getByRole("button", { name: "Contactpoging vastleggen" }).click();
      await page.getByText("De contactpoging is vastgelegd.").waitFor();
      await page.getByRole("button", { name: "Niet bereikt", exact: true }).waitFor();

      await page.getByRole("textbox", { name: /^Bericht aan / }).fill(MESSAGE);
      await page.getByRole("button", { name: "Bericht versturen" }).click();
      await page.getByText(/Je bericht is verstuurd naar/).waitFor();

      // The planning form opens only when asked.
      expect(await page.getByRole("group", { name: "Welk moment?" }).count()).toBe(0);
      await page.getByRole("button", { name: "Driegesprek plannen", exact: true }).click();
      const when = page.getByRole("group", { name: "Welk moment?" });
      await when.getByRole("radio").first().check();
      await page.getByLabel("Plaats").fill("Wijkcentrum De Linde, zaal 2");
      await page.getByRole("button", { name: "Bevestigen: driegesprek plannen" }).click();
      await page.getByText("Het driegesprek is gepland.").waitFor();
      const ics = page.getByRole("link", { name: "Zet in je agenda (.ics)" });
      await ics.waitFor();
      expect(await ics.getAttribute("href")).toContain(`/referrals/${referralId}/driegesprek.ics`);
      await snap(page, "wh-08-driegesprek");

      await move("Contact gelegd", "Bevestigen: contact gelegd", "In contact");
      await move("Hulp gestart", "Bevestigen: hulp gestart", "Hulp gestart");
      await page.getByRole("button", { name: "Afronden", exact: true }).click();
      // An outcome is required.
      await page.getByRole("button", { name: "Bevestigen: afronden" }).click();
      // An outcome is required (core's rule), said in the error summary and at the field before anything is sent.
      await page.getByRole("link", { name: "Uitkomst: Kies de uitkomst: geholpen of niet geholpen." }).waitFor();
      await page.getByRole("radio", { name: "Geholpen", exact: true }).check();
      await page.getByLabel("Financieel resultaat in euro's (niet verplicht)").fill("1.250");
      await page.getByRole("button", { name: "Bevestigen: afronden" }).click();
      await expect.poll(() => status(page)).toContain("Afgerond");
      await snap(page, "wh-09-afgerond");
    },
    TIMEOUT,
  );

  test(
    "the Opr€cht worker sees every step, got the e-mails without the resident's name, and is notified",
    async () => {
      const page = sender;
      await page.reload();
      await expect.poll(() => status(page)).toContain("Afgerond");
      const timeline = page.getByRole("region", { name: "Verloop" });
      // The timeline is its own query: wait until it has loaded, not only the referral.
      await expect.poll(async () => (await timeline.textContent()) ?? "").toContain("Status: Afgerond");
      const text = (await timeline.textContent()) ?? "";
      for (const step of [
        "Status: Ontvangen",
        "Status: Geaccepteerd",
        "Contactpoging: Gebeld, geen reactie",
        "Driegesprek gepland",
        "Status: In contact",
        "Status: Hulp gestart",
        "Status: Afgerond",
      ]) {
        expect(text).toContain(step);
      }
      await expect
        .poll(async () => (await page.getByRole("region", { name: "Berichten" }).textContent()) ?? "")
        .toContain(MESSAGE);
      expect(await page.locator("main").textContent()).toMatch(/€\s1\.250/);
      await snap(page, "wh-10-verzender-verloop");

      // E-mail over real SMTP for the moves, each with a link and without the resident's name.
      await expect.poll(() => smtp.received.filter((m) => recipients(m).includes(senderEmail)).length).toBeGreaterThanOrEqual(5);
      const mails = smtp.received.filter((m) => recipients(m).includes(senderEmail));
      const bodies = mails.map((m) => `${m.subject ?? ""}\n${m.text ?? ""}`).join("\n----\n");
      for (const sentence of ["ontvangen", "geaccepteerd", "contact gelegd", "met de hulp begonnen", "afgerond"]) {
        expect(bodies).toContain(sentence);
      }
      expect(bodies).toContain(`/verwijzingen/${referralId}`);
      for (const mail of smtp.received) {
        expect(`${mail.subject ?? ""} ${mail.text ?? ""} ${mail.html || ""}`).not.toContain(RESIDENT);
        expect(`${mail.subject ?? ""} ${mail.text ?? ""} ${mail.html || ""}`).not.toContain("Verhoef");
      }

      // The header counts the unread notifications; the panel links to the referral.
      const bell = page.getByRole("button", { name: /^Meldingen \d+ ongelezen$/ });
      await bell.waitFor();
      await bell.click();
      const panel = page.getByRole("region", { name: "Meldingen" });
      await panel.getByRole("link").first().waitFor();
      await snap(page, "wh-11-meldingen");
      await panel.getByRole("button", { name: "Alles gelezen" }).click();
      await page.getByRole("button", { name: "Meldingen", exact: true }).waitFor();
    },
    TIMEOUT,
  );

  test(
    "the resident withdraws consent (the sender records it) and Plangroep no longer sees the name",
    async () => {
      const page = sender;
      await page.keyboard.press("Escape");
      await page.getByRole("button", { name: "Toestemming intrekken" }).click();
      await page.getByLabel("Reden (niet verplicht)").fill("Wil het zelf regelen");
      await page.getByRole("button", { name: "Bevestigen: toestemming intrekken" }).click();
      await page.getByText(/De toestemming is ingetrokken\./).waitFor();
      await page.getByText(/^Ingetrokken op /).waitFor();

      await receiver.reload();
      await receiver.getByText("De inwoner heeft de toestemming ingetrokken; je ziet alleen nog het verloop.").waitFor();
      expect(await receiver.locator("body").textContent()).not.toContain(RESIDENT);
      // The history stays.
      await expect
        .poll(async () => (await receiver.getByRole("region", { name: "Verloop" }).textContent()) ?? "")
        .toContain("Status: Afgerond");
      await snap(receiver, "wh-12-ingetrokken");

      await receiver.goto(`${baseUrl}/verwijzingen?box=inbox&status=completed`);
      await receiver.getByRole("heading", { level: 1, name: "Ontvangen verwijzingen" }).waitFor();
      await receiver.getByRole("row", { name: /Inwoner \(naam niet zichtbaar\)/ }).waitFor();
      expect(await receiver.locator("body").textContent()).not.toContain(RESIDENT);
    },
    TIMEOUT,
  );
});
