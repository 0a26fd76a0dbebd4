// End to end, in a real browser, the details people trip over on the sociale kaart: its pages and
// the service, member and sign-in pages reflow at 320 CSS pixels wide and at 200 % zoom on a
// 1280 px screen (640 CSS pixels) without scrolling sideways (WCAG 1.4.10), a long Dutch compound
// in a heading wraps, the members table becomes stacked rows; the municipality filter applies
// once a choice is confirmed (WCAG 3.2.2); signing in from a service comes back to it; a worker
// refers from a result card; a service is shared with the resident or printed. The server is the
// real app on PGlite or on DATABASE_URL's PostgreSQL, with an organisation and service of its own.
import { randomUUID } from "node:crypto";
import { browserClient, hashPassword, MemoryMailer } from "@schakel/api/testing";
import type { components } from "@schakel/api-client";
import { seedDemoNetwork, seedMunicipalities } from "@schakel/db";
import { createTestDb, makeMember, makeOrganization } from "@schakel/db/testing";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { ensureWebBuild, RUN_BROWSER_TESTS, signIn, snap, startBrowser, startServer, warnWithoutChromium } from "./support";

const TIMEOUT = 120_000;
const PASSWORD = "demo-wachtwoord-e2e";
/** One word, wider than a 320 px screen in a heading. */
const COMPOUND = "Schuldhulpverleningstrajectbegeleidingsspreekuur";

warnWithoutChromium("the sociale kaart details browser test");

describe.runIf(RUN_BROWSER_TESTS)("the sociale kaart's details, in the browser", () => {
  let browser: Awaited<ReturnType<typeof startBrowser>>;
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let server: Awaited<ReturnType<typeof startServer>>;
  let baseUrl: string;
  let adminEmail: string;
  let workerEmail: string;
  let serviceId: string;

  beforeAll(async () => {
    ensureWebBuild();
    db = await createTestDb();
    const passwordHash = await hashPassword(PASSWORD);
    // On a new database this loads the demo network (with the municipalities); elsewhere it is there already.
    await seedDemoNetwork(db.db, passwordHash);
    // On a database shared with other test files the demo seed may have been skipped: the kaart needs its municipalities.
    await seedMunicipalities(db.db);
    const org = await makeOrganization(db.db, { name: `Stichting Geldzorgenondersteuningsnetwerk ${randomUUID().slice(0, 6)}` });
    adminEmail = `beheerder.met.een.lang.adres@${org.slug}.example`;
    await makeMember(db.db, { organizationId: org.id, role: "admin", passwordHash, email: adminEmail, name: "Beheerder" });
    workerEmail = `medewerker@${org.slug}.example`;
    await makeMember(db.db, { organizationId: org.id, role: "worker", passwordHash, email: workerEmail, name: "Medewerker" });
    server = await startServer({ db: db.db, mailer: new MemoryMailer() });
    baseUrl = server.baseUrl;

    const admin = browserClient(server.app);
    await admin.client.POST("/auth/login", { body: { email: adminEmail, password: PASSWORD } });
    const { data } = await admin.client.POST("/services", {
      body: {
        organizationId: org.id,
        name: COMPOUND,
        description: "Een spreekuur over schulden, met hulp bij de schuldhulpverleningsaanvraag en de betalingsregelingen.",
        lifeDomains: ["schulden"],
        municipalityCodes: ["GM0202"],
        acceptsReferrals: true,
        contactChannels: [
          { kind: "website", value: "https://www.een-heel-lange-domeinnaam-voor-de-schuldhulpverlening.example/spreekuur" },
        ],
      } as components["schemas"]["ServiceCreate"],
    });
    if (!data) throw new Error("adding the service failed");
    serviceId = data.id;
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

  /** The page is no wider than the screen: nothing to scroll sideways. */
  async function fits(page: Page, width: number, name: string) {
    await page.getByRole("heading", { level: 1 }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow, `${name} at ${width} px`).toBeLessThanOrEqual(width);
    await snap(page, `reflow-${width}-${name}`);
  }

  for (const width of [320, 640]) {
    test(
      `the public pages fit ${width} px`,
      async () => {
        const page = await browser.newPage({ width, height: 720 });
        await page.goto(`${baseUrl}/kaart?q=schuldhulpverleningstrajectbegeleidingsspreekuur`);
        await page.getByRole("list", { name: "Resultaten" }).getByRole("link", { name: COMPOUND }).waitFor();
        await fits(page, width, "kaart");

        await page.goto(`${baseUrl}/kaart/diensten/${serviceId}`);
        const heading = page.getByRole("heading", { level: 1, name: COMPOUND });
        await heading.waitFor();
        // The compound wraps: the heading is more than one line high.
        const box = await heading.boundingBox();
        const lineHeight = await heading.evaluate((h) => Number.parseFloat(getComputedStyle(h).lineHeight));
        if (width === 320) expect(box?.height ?? 0).toBeGreaterThan(lineHeight * 1.5);
        await fits(page, width, "dienst");

        await page.goto(`${baseUrl}/inloggen`);
        await fits(page, width, "inloggen");
        await page.goto(`${baseUrl}/een-adres-dat-er-niet-is/met/een/lang/pad/erachter/schuldhulpverleningstraject`);
        await page.getByRole("heading", { level: 1, name: "Deze pagina bestaat niet" }).waitFor();
        await fits(page, width, "niet-gevonden");
      },
      TIMEOUT,
    );

    test(
      `the pages for signed-in admins fit ${width} px; the members table becomes stacked rows`,
      async () => {
        const page = await browser.newPage({ width, height: 720 });
        await page.goto(`${baseUrl}/inloggen`);
        await signIn(page, adminEmail, PASSWORD);
        await page.getByRole("heading", { level: 1, name: /^Welkom/ }).waitFor();
        await fits(page, width, "start");

        await page.goto(`${baseUrl}/leden`);
        const table = page.getByRole("table", { name: "Leden" });
        await table.getByRole("rowheader", { name: /Medewerker/ }).waitFor();
        await fits(page, width, "leden");
        if (width === 320) {
          // Stacked: a member's e-mail sits below their name, with its column's name.
          const name = await table.getByRole("rowheader", { name: /Beheerder/ }).boundingBox();
          const email = await table.getByRole("cell", { name: adminEmail }).boundingBox();
          expect(email?.y ?? 0).toBeGreaterThan((name?.y ?? 0) + (name?.height ?? 0) - 1);
        }

        await page.goto(`${baseUrl}/diensten`);
        await page.getByRole("link", { name: COMPOUND, exact: true }).waitFor();
        await fits(page, width, "diensten");
        await page.goto(`${baseUrl}/diensten/${serviceId}/bewerken`);
        await page.getByLabel("Naam", { exact: true }).waitFor();
        await fits(page, width, "dienst-bewerken");
        await page.goto(`${baseUrl}/diensten/nieuw`);
        await page.getByLabel("Naam", { exact: true }).waitFor();
        await fits(page, width, "dienst-nieuw");
      },
      TIMEOUT,
    );
  }

  test(
    "the municipality filter applies once a choice is confirmed, not at every arrow key",
    async () => {
      const page = await browser.newPage();
      await page.goto(`${baseUrl}/kaart?q=${encodeURIComponent(COMPOUND.toLowerCase())}`);
      await page.getByRole("list", { name: "Resultaten" }).getByRole("link", { name: COMPOUND }).waitFor();
      const select = page.getByLabel("Gemeente", { exact: true });
      await expect.poll(() => select.locator("option").count()).toBeGreaterThan(2);
      await select.focus();
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      await page.waitForTimeout(600); // longer than the search waits after typing
      expect(new URL(page.url()).searchParams.get("gemeente")).toBeNull();
      const chosen = await select.inputValue();
      expect(chosen).toMatch(/^GM\d{4}$/);
      await page.keyboard.press("Tab");
      await expect.poll(() => new URL(page.url()).searchParams.get("gemeente")).toBe(chosen);
    },
    TIMEOUT,
  );

  test(
    "signing in from a service comes back to it; a worker refers from a result card",
    async () => {
      const page = await browser.newPage();
      await page.goto(`${baseUrl}/kaart/diensten/${serviceId}`);
      await page.getByRole("heading", { level: 1, name: COMPOUND }).waitFor();
      await page
        .getByRole("banner")
        .getByRole("link", { name: /^Inloggen/ })
        .click();
      await signIn(page, workerEmail, PASSWORD);
      await page.getByRole("heading", { level: 1, name: COMPOUND }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/kaart/diensten/${serviceId}`);

      await page.goto(`${baseUrl}/kaart?q=${encodeURIComponent(COMPOUND.toLowerCase())}`);
      const card = page
        .getByRole("list", { name: "Resultaten" })
        .getByRole("listitem")
        .filter({ has: page.getByRole("link", { name: COMPOUND, exact: true }) });
      const refer = card.getByRole("link", { name: `Verwijzen naar ${COMPOUND}` });
      expect(await refer.getAttribute("href")).toBe(`/kaart/diensten/${serviceId}/verwijzen`);
      await snap(page, "kaart-details-verwijzen");
      await refer.click();
      await expect.poll(() => new URL(page.url()).pathname).toBe(`/kaart/diensten/${serviceId}/verwijzen`);

      // A visitor without an account sees no such button.
      const visitor = await browser.newPage();
      await visitor.goto(`${baseUrl}/kaart?q=${encodeURIComponent(COMPOUND.toLowerCase())}`);
      await visitor.getByRole("list", { name: "Resultaten" }).getByRole("link", { name: COMPOUND }).waitFor();
      expect(await visitor.getByRole("link", { name: /^Verwijzen/ }).count()).toBe(0);
    },
    TIMEOUT,
  );

  test(
    "a service is shared with the resident without personal data, or printed without the page around it",
    async () => {
      const page = await browser.newPage();
      await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
      await page.goto(`${baseUrl}/kaart/diensten/${serviceId}`);
      const share = page.getByRole("region", { name: "Delen met de inwoner" });
      await share.waitFor();
      const address = `${baseUrl}/kaart/diensten/${serviceId}`;

      const mailto = new URL((await share.getByRole("link", { name: "Mailen" }).getAttribute("href")) ?? "");
      expect(mailto.protocol).toBe("mailto:");
      expect(mailto.pathname).toBe(""); // no address filled in
      expect(mailto.searchParams.get("subject")).toBe(`Hulp bij geldzorgen: ${COMPOUND}`);
      expect(mailto.searchParams.get("body")).toContain(address);

      await share.getByRole("button", { name: "Link kopiëren" }).click();
      await page.getByRole("status").filter({ hasText: "De link is gekopieerd." }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(address);
      await snap(page, "kaart-details-delen");

      await page.emulateMedia({ media: "print" });
      expect(await page.getByRole("banner").isVisible()).toBe(false);
      expect(await page.getByRole("navigation", { name: "Hoofdmenu" }).isVisible()).toBe(false);
      expect(await share.isVisible()).toBe(false);
      expect(await page.getByText(`Deze pagina op de sociale kaart: ${address}`).isVisible()).toBe(true);
      expect(await page.getByRole("heading", { level: 1, name: COMPOUND }).isVisible()).toBe(true);
    },
    TIMEOUT,
  );
});
