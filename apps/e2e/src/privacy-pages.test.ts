// End to end, in a real browser: the privacy pages of an organisation's admin. The admin of a
// wijkteam opens Privacy, filters the access log (kind, period, one resident; the filters live in
// the address and wrong input gets a Dutch message), opens a resident's inzage, reads it on screen,
// downloads it as a JSON file named without the resident's name, and erases the resident after a
// confirmation that says what goes and what stays. A worker of the same organisation sees no
// Privacy link and is told at the pages' addresses that only admins may use them. Every page is
// checked with axe at desktop width and at 320 px. The server is the real app on PGlite or on
// DATABASE_URL's PostgreSQL.
import { readFile } from "node:fs/promises";
import { browserClient, hashPassword, MemoryMailer } from "@schakel/api/testing";
import type { components } from "@schakel/api-client";
import { createTestDb, makeMember, makeOrganization } from "@schakel/db/testing";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { ensureWebBuild, RUN_BROWSER_TESTS, signIn, snap, startBrowser, startServer, warnWithoutChromium } from "./support";

const TIMEOUT = 120_000;
const PASSWORD = "demo-wachtwoord-e2e";
const RESIDENT = "Fenna Zwartveld";
const OTHER_RESIDENT = "Jeroen Bakker";
const DAY = 86_400_000;

warnWithoutChromium("the privacy pages browser test");

/** Today in Amsterdam as the filter wants it: day-month-year. */
function todayInAmsterdam(): string {
  const [day, month, year] = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Amsterdam",
    day: "numeric",
    month: "numeric",
    year: "numeric",
  })
    .format(new Date())
    .split("/");
  return `${day}-${month}-${year}`;
}

const pathOf = (page: Page) => new URL(page.url()).pathname;
const REASON = "Inzageverzoek van de inwoner, per brief";

/** Gives the reason and makes the complete inzage on /privacy/inwoners/:id. */
async function makeInzage(page: Page) {
  await page.getByLabel("Reden").fill(REASON);
  await page.getByRole("button", { name: "Volledige inzage maken" }).click();
}
const searchOf = (page: Page) => new URL(page.url()).searchParams;

describe.runIf(RUN_BROWSER_TESTS)("the privacy pages, in the browser", () => {
  let browser: Awaited<ReturnType<typeof startBrowser>>;
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let server: Awaited<ReturnType<typeof startServer>>;
  let baseUrl: string;
  let adminEmail: string;
  let workerEmail: string;
  let organizationName: string;
  let residentId: string;
  /** A resident whose referral is still open. */
  let openResidentId: string;

  /** A wijkteam (admin and worker) refers two residents to a debt service; the first referral is withdrawn again. */
  async function network(passwordHash: string) {
    const wijkteam = await makeOrganization(db.db, { name: "Wijkteam Privacy (test)", kind: "wijkteam" });
    const schuldhulp = await makeOrganization(db.db, { name: "Schuldhulp Privacy (test)", kind: "schuldhulpverlening" });
    organizationName = wijkteam.name;
    adminEmail = `admin@${wijkteam.slug}.example`;
    workerEmail = `worker@${wijkteam.slug}.example`;
    const receiverAdminEmail = `admin@${schuldhulp.slug}.example`;
    await makeMember(db.db, {
      organizationId: wijkteam.id,
      role: "admin",
      passwordHash,
      email: adminEmail,
      name: "Beheerder Wijkteam",
    });
    await makeMember(db.db, {
      organizationId: wijkteam.id,
      role: "worker",
      passwordHash,
      email: workerEmail,
      name: "Medewerker Wijkteam",
    });
    await makeMember(db.db, { organizationId: schuldhulp.id, role: "admin", passwordHash, email: receiverAdminEmail });

    const receiverAdmin = browserClient(server.app);
    await receiverAdmin.client.POST("/auth/login", { body: { email: receiverAdminEmail, password: PASSWORD } });
    const { data: service, error: serviceError } = await receiverAdmin.client.POST("/services", {
      body: {
        organizationId: schuldhulp.id,
        name: "Schuldhulp voor iedereen",
        description: "Intake, plan van aanpak en een schuldregeling.",
        lifeDomains: ["schulden"],
        municipalityCodes: ["GM0202"],
        acceptsReferrals: true,
        responseTargetDays: 3,
      } as components["schemas"]["ServiceCreate"],
    });
    if (!service) throw new Error(`adding the service failed: ${JSON.stringify(serviceError)}`);

    const worker = browserClient(server.app);
    await worker.client.POST("/auth/login", { body: { email: workerEmail, password: PASSWORD } });
    async function refer(name: string) {
      const { data: resident } = await worker.client.POST("/residents", {
        body: { organizationId: wijkteam.id, name, phone: "06-87654321", preferredChannel: "telefoon" } as never,
      });
      if (!resident) throw new Error("resident not created");
      const { data: consent } = await worker.client.POST("/residents/{residentId}/consents", {
        params: { path: { residentId: resident.id } },
        body: {
          receivingOrganizationId: schuldhulp.id,
          purpose: "Aanmelding voor schuldhulp",
          dataCategories: ["contact", "request"],
          method: "mondeling",
          feedbackLevel: "status",
          validUntil: new Date(Date.now() + 180 * DAY).toISOString(),
        },
      });
      if (!consent) throw new Error("consent not recorded");
      const { data: referral, error } = await worker.client.POST("/referrals", {
        body: {
          residentId: resident.id,
          serviceId: service?.id,
          lawfulBasis: "consent",
          consentId: consent.id,
          dataCategories: ["contact", "request"],
          request: "Hulp bij een huurachterstand.",
          categoryNotes: {},
        } as components["schemas"]["ReferralCreate"],
      });
      if (!referral) throw new Error(`referral not created: ${JSON.stringify(error)}`);
      return { resident, referral };
    }
    const first = await refer(RESIDENT);
    residentId = first.resident.id;
    const withdrawn = await worker.client.POST("/referrals/{referralId}/transitions", {
      params: { path: { referralId: first.referral.id }, header: { "if-match": `"${first.referral.version}"` } as never },
      body: { to: "withdrawn", note: "Dubbel aangemeld." },
    });
    if (withdrawn.response.status !== 200) throw new Error(`withdrawing failed: ${JSON.stringify(withdrawn.error)}`);
    openResidentId = (await refer(OTHER_RESIDENT)).resident.id;
  }

  beforeAll(async () => {
    ensureWebBuild();
    db = await createTestDb();
    server = await startServer({ db: db.db, mailer: new MemoryMailer() });
    baseUrl = server.baseUrl;
    await network(await hashPassword(PASSWORD));
    browser = await startBrowser();
  });

  afterEach(() => {
    expect(browser.cspViolations).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  /** Checks the page with axe at desktop width, then at 320 px (without sideways scrolling), and back. */
  async function snapBothWidths(page: Page, name: string) {
    await snap(page, name);
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at 320 px`).toBeLessThanOrEqual(320);
    await snap(page, `${name}-320`);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  test(
    "an admin filters the access log, opens a resident's inzage, downloads it and erases the resident",
    async () => {
      const page = await browser.newPage();
      await page.goto(`${baseUrl}/inloggen`);
      await signIn(page, adminEmail, PASSWORD);
      await page.getByRole("heading", { level: 1, name: /^Welkom/ }).waitFor();

      await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Privacy" }).click();
      await page.getByRole("heading", { level: 1, name: `Toegangslogboek van ${organizationName}` }).waitFor();
      expect(await page.title()).toBe("Toegangslogboek - Schakel");
      const entries = page.locator(".schakel-timeline__item");
      await entries.first().waitFor();
      const log = (await page.getByRole("region", { name: "Regels" }).textContent()) ?? "";
      expect(log).toContain("Inwoner vastgelegd");
      expect(log, "the lawful basis in words").toContain("Reden: Toestemming van de inwoner");
      await snapBothWidths(page, "privacy-01-logboek");

      // The filters are folded away while none applies, so the log is in the first screen.
      expect(await page.getByLabel("Soort toegang").isVisible()).toBe(false);
      await page.locator("summary", { hasText: "Filteren" }).click();

      // The kind of access: in the address, and only those entries.
      await page.getByLabel("Soort toegang").selectOption({ label: "Inwoner vastgelegd" });
      await page.getByRole("button", { name: "Filter toepassen" }).click();
      await expect.poll(() => searchOf(page).get("soort")).toBe("resident.create");
      await expect.poll(() => entries.count()).toBe(2);
      for (const text of await entries.allTextContents()) expect(text).toContain("Inwoner vastgelegd");
      expect(await entries.allTextContents()).toEqual(
        expect.arrayContaining([expect.stringContaining("Medewerker Wijkteam (Wijkteam Privacy (test))")]),
      );

      // A date that does not exist: a Dutch message on the field, the input kept, the address unchanged.
      await page.getByLabel("Van", { exact: true }).fill("31-2-2026");
      await page.getByRole("button", { name: "Filter toepassen" }).click();
      await page.getByRole("heading", { name: /te verbeteren/ }).waitFor();
      expect(await page.getByText("Vul een datum in als 1-11-2026 (dag-maand-jaar).").count()).toBeGreaterThan(0);
      expect(await page.getByLabel("Van", { exact: true }).inputValue()).toBe("31-2-2026");
      expect(searchOf(page).get("van")).toBeNull();
      await snap(page, "privacy-02-filter-fout");

      // Today as the period, then one resident: both in the address.
      const today = todayInAmsterdam();
      await page.getByLabel("Van", { exact: true }).fill(today);
      await page.getByLabel("Tot en met").fill(today);
      await page.getByRole("button", { name: "Filter toepassen" }).click();
      await expect.poll(() => searchOf(page).get("van")).toBe(today);
      expect(searchOf(page).get("tot")).toBe(today);
      await expect.poll(() => entries.count()).toBe(2);

      const short = residentId.slice(0, 8);
      await page.getByRole("link", { name: `Alleen deze inwoner (${short})` }).click();
      await expect.poll(() => searchOf(page).get("inwoner")).toBe(residentId);
      await expect.poll(() => entries.count()).toBe(1);
      // The API filtered: the count is of this resident's entries, with no note about loaded rows.
      expect(await page.getByText("1 regel.", { exact: true }).count()).toBe(1);
      expect(await page.getByText(/geladen regels/).count()).toBe(0);
      // All kinds for this resident: creating, consent, referring and the withdrawal.
      await page.getByLabel("Soort toegang").selectOption({ label: "Alle soorten" });
      await page.getByRole("button", { name: "Filter toepassen" }).click();
      await expect.poll(() => searchOf(page).get("soort")).toBeNull();
      await expect.poll(() => entries.count()).toBeGreaterThanOrEqual(3);
      expect(searchOf(page).get("inwoner")).toBe(residentId);
      const kinds = await entries.allTextContents();
      expect(kinds.some((k) => k.includes("Verwijzing verstuurd"))).toBe(true);
      expect(kinds.join(" "), "the log names no resident").not.toContain("Zwartveld");
      await snapBothWidths(page, "privacy-03-een-inwoner");

      // Back undoes the last filter.
      await page.goBack();
      await expect.poll(() => searchOf(page).get("soort")).toBe("resident.create");
      await expect.poll(() => page.getByLabel("Soort toegang").inputValue()).toBe("resident.create");
      await page.goForward();
      await expect.poll(() => searchOf(page).get("soort")).toBeNull();

      // The inzage: on screen per kind of data.
      await entries
        .first()
        .getByRole("link", { name: `Inzage en wissen voor inwoner ${short}` })
        .click();
      await page.getByRole("heading", { level: 1, name: `Inzage en wissen: inwoner ${short}` }).waitFor();
      expect(pathOf(page)).toBe(`/privacy/inwoners/${residentId}`);
      // The complete inzage is made for a reason, which the log keeps; without one the page says what is missing.
      await page.getByRole("button", { name: "Volledige inzage maken" }).click();
      await page.getByText("Schrijf waarom je de volledige inzage maakt", { exact: false }).first().waitFor();
      await page.getByLabel("Reden").fill(REASON);
      await page.getByRole("button", { name: "Volledige inzage maken" }).click();
      await page.getByRole("heading", { level: 2, name: "Gegevens van de inwoner" }).waitFor();
      for (const heading of ["Toestemmingen", "Verwijzingen", "Wie de gegevens bekeek of wijzigde", "Niet in deze inzage"]) {
        await page.getByRole("heading", { level: 2, name: heading }).waitFor();
      }
      const residentSection = page.getByRole("region", { name: "Gegevens van de inwoner" });
      expect(await residentSection.textContent()).toContain(RESIDENT);
      expect(await page.getByRole("region", { name: "Verwijzingen" }).textContent()).toContain("Ingetrokken");
      const seen = (await page.getByRole("region", { name: "Wie de gegevens bekeek of wijzigde" }).textContent()) ?? "";
      expect(seen).toContain("Volledige inzage-export gemaakt (AVG art. 15)");
      expect(seen).toContain(`Reden: ${REASON}`);
      await snapBothWidths(page, "privacy-04-inzage");

      // The download: the export as a JSON file, named by number only.
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Inzage downloaden (JSON-bestand)" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`inzage-volledig-${residentId}.json`);
      const file = JSON.parse(await readFile(await download.path(), "utf8")) as components["schemas"]["ResidentExport"];
      expect(file).toMatchObject({
        residentId,
        scope: "complete",
        resident: { name: RESIDENT },
        holder: { name: organizationName },
      });
      expect(file.records.referrals).toHaveLength(1);
      await page
        .getByRole("status")
        .filter({ hasText: `Het bestand inzage-volledig-${residentId}.json is gedownload.` })
        .waitFor();

      // Erasure: first a confirmation that says what goes and what stays; cancelling changes nothing.
      await page.getByRole("button", { name: "Gegevens wissen…" }).click();
      const confirmation = page.getByRole("region", { name: "Weet je zeker dat je de gegevens van deze inwoner wilt wissen?" });
      await confirmation.waitFor();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toBe("Weet je zeker dat je de gegevens van deze inwoner wilt wissen?");
      const explained = (await confirmation.textContent()) ?? "";
      expect(explained).toContain("Dit wordt gewist:");
      expect(explained).toContain("Dit blijft:");
      expect(explained).toContain("het toegangslogboek");
      await snapBothWidths(page, "privacy-05-wissen-bevestigen");
      await confirmation.getByRole("button", { name: "Annuleren" }).click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Gegevens wissen…");

      await page.getByRole("button", { name: "Gegevens wissen…" }).click();
      await confirmation.getByRole("button", { name: "Ja, gegevens wissen" }).click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ""))
        .toContain("De persoonsgegevens van deze inwoner zijn gewist");
      expect(await page.evaluate(() => document.activeElement?.textContent ?? "")).toMatch(
        /Leeggemaakt: 1 inwoner, 1 toestemming/,
      );
      // The inzage is made again and shows the anonymous record.
      await expect.poll(() => residentSection.textContent()).toContain("Geanonimiseerd");
      expect(await residentSection.textContent()).not.toContain(RESIDENT);
      await snapBothWidths(page, "privacy-06-gewist");

      // Back in the log, the erasure and the inzage are there — without the name.
      await page.getByRole("link", { name: "Terug naar het toegangslogboek" }).click();
      await page.getByRole("heading", { level: 1, name: `Toegangslogboek van ${organizationName}` }).waitFor();
      await page.locator("summary", { hasText: "Filteren" }).click();
      await page.getByLabel("Soort toegang").selectOption({ label: "Gegevens van een inwoner gewist" });
      await page.getByRole("button", { name: "Filter toepassen" }).click();
      await expect.poll(() => entries.count()).toBe(1);
      expect(await entries.first().textContent()).toContain("Beheerder Wijkteam");
    },
    TIMEOUT,
  );

  test(
    "while a referral is open the page says so, and erasure is refused with the API's reason",
    async () => {
      const page = await browser.newPage();
      await page.goto(`${baseUrl}/inloggen`);
      await signIn(page, adminEmail, PASSWORD);
      await page.getByRole("heading", { level: 1, name: /^Welkom/ }).waitFor();
      await page.goto(`${baseUrl}/privacy/inwoners/${openResidentId}`);
      await makeInzage(page);
      await page.getByRole("heading", { level: 2, name: "Gegevens van de inwoner" }).waitFor();
      await page.getByText("Er loopt nog 1 verwijzing van deze inwoner.", { exact: false }).waitFor();

      await page.getByRole("button", { name: "Gegevens wissen…" }).click();
      await page.getByRole("button", { name: "Ja, gegevens wissen" }).click();
      const refusal = page.getByRole("alert").filter({ hasText: "Wissen is niet gelukt." });
      await refusal.waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? "")).toContain("Wissen is niet gelukt.");
      await snapBothWidths(page, "privacy-08-wissen-geweigerd");
      expect(await page.getByRole("region", { name: "Gegevens van de inwoner" }).textContent()).toContain(OTHER_RESIDENT);

      // An address that is no resident's number, and a resident of another organisation: a plain message.
      await page.goto(`${baseUrl}/privacy/inwoners/niet-een-nummer`);
      await page.getByText("Dit adres verwijst niet naar een inwoner.", { exact: false }).waitFor();
      await page.goto(`${baseUrl}/privacy/inwoners/00000000-0000-4000-8000-000000000000`);
      await makeInzage(page);
      await page.getByText("Deze inwoner is niet gevonden, of is niet door", { exact: false }).waitFor();
      await snap(page, "privacy-09-niet-gevonden");
    },
    TIMEOUT,
  );

  test(
    "a worker sees no Privacy link and is told that only admins may use the pages",
    async () => {
      const page = await browser.newPage();
      await page.goto(`${baseUrl}/inloggen`);
      await signIn(page, workerEmail, PASSWORD);
      await page.getByRole("heading", { level: 1, name: /^Welkom/ }).waitFor();
      expect(await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Privacy" }).count()).toBe(0);

      for (const path of ["/privacy", `/privacy/inwoners/${residentId}`]) {
        await page.goto(`${baseUrl}${path}`);
        await page.getByText(/^Alleen beheerders kunnen het toegangslogboek bekijken/).waitFor();
        expect(await page.getByText(`Je bent medewerker bij ${organizationName}.`, { exact: false }).count()).toBe(1);
        expect(await page.locator(".schakel-timeline__item").count()).toBe(0);
      }
      await snapBothWidths(page, "privacy-07-medewerker");

      // The API refuses the worker too (the page does not even ask).
      const worker = browserClient(server.app);
      await worker.client.POST("/auth/login", { body: { email: workerEmail, password: PASSWORD } });
      const refused = await worker.client.POST("/residents/{residentId}/erasure", { params: { path: { residentId } } });
      expect(refused.response.status).toBe(403);
    },
    TIMEOUT,
  );
});
