// End to end, in a real browser: the public sociale kaart (search as you type, typo correction,
// highlights, filters in the address bar, detail pages with working contact links) and the
// management of an organisation's own services by its admin. The server is the real app on
// PGlite or on DATABASE_URL's PostgreSQL; the test makes its own organisation and services, with
// a made-up word in them, so its searches never depend on what other test files put there.
import { randomUUID } from "node:crypto";
import { browserClient, hashPassword, MemoryMailer } from "@schakel/api/testing";
import type { components } from "@schakel/api-client";
import { seedDemoNetwork, seedMunicipalities } from "@schakel/db";
import { createTestDb, makeMember, makeOrganization } from "@schakel/db/testing";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { ensureWebBuild, RUN_BROWSER_TESTS, signIn, snap, startBrowser, startServer, warnWithoutChromium } from "./support";

type ServiceCreate = components["schemas"]["ServiceCreate"];

const TIMEOUT = 90_000;
const PASSWORD = "demo-wachtwoord-e2e";
/** The demo network's listing of De VoorzieningenWijzer (packages/db/seed/network-demo.json). */
const DEMO_SERVICE = "Persoonlijk gesprek over toeslagen en regelingen";
const DEMO_ORGANIZATION = "De VoorzieningenWijzer";

/** A made-up word no other test uses (letters only, so the Dutch stemmer leaves it whole). */
const word = (stem: string) =>
  `${stem}${randomUUID()
    .replace(/[^a-f]/g, "")
    .slice(0, 6)
    .padEnd(6, "q")}`;

const UNIQUE = word("kaartwoord");
const RENAMED = word("formulierwoord");
const ADDED = word("inloopwoord");
/** In the names of enough services for a second page. */
const PAGED = word("paginawoord");
const PAGED_COUNT = 23;

warnWithoutChromium("the sociale kaart browser test");

/** A regular expression that matches the text literally. */
const literally = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

describe.runIf(RUN_BROWSER_TESTS)("the sociale kaart, in the browser", () => {
  let browser: Awaited<ReturnType<typeof startBrowser>>;
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let server: Awaited<ReturnType<typeof startServer>>;
  let baseUrl: string;
  let organization: { id: string; name: string };
  let adminEmail: string;
  let workerEmail: string;
  const ids: Record<"youth" | "coach" | "forms" | "old", string> = { youth: "", coach: "", forms: "", old: "" };

  /** Our organisation's services, added through the API as its admin. */
  async function addServices() {
    const admin = browserClient(server.app);
    const login = await admin.client.POST("/auth/login", { body: { email: adminEmail, password: PASSWORD } });
    expect(login.response.status).toBe(200);
    const add = async (body: Omit<ServiceCreate, "organizationId">) => {
      const { data, response, error } = await admin.client.POST("/services", {
        body: { organizationId: organization.id, ...body } as ServiceCreate,
      });
      if (response.status !== 201 || !data) throw new Error(`adding ${body.name} failed: ${JSON.stringify(error)}`);
      return data.id;
    };
    ids.youth = await add({
      name: "Schuldhulp voor jongeren",
      description: `Een coach helpt jongeren met een overzicht van wat ze moeten betalen. Code ${UNIQUE}.`,
      lifeDomains: ["schulden", "jongeren"],
      ageMin: 18,
      ageMax: 27,
      municipalityCodes: ["GM0202"],
      acceptsReferrals: true,
      responseTargetDays: 3,
      contactChannels: [
        { kind: "telefoon", value: "026 123 45 67", note: "Op werkdagen van 9 tot 17 uur" },
        { kind: "email", value: "jongeren@geldpunt.example" },
        { kind: "whatsapp", value: "06-12345678" },
        { kind: "website", value: "www.geldpunt.example/jongeren" },
      ],
      languages: ["nl", "en"],
      cost: "Gratis",
      warmHandover: "Na de aanmelding volgt een driegesprek met de verwijzer.",
    } as Omit<ServiceCreate, "organizationId">);
    ids.coach = await add({
      name: "Budgetcoach aan huis",
      description: `Een vrijwilliger komt thuis en kijkt mee naar het huishoudboekje. Code ${UNIQUE}.`,
      lifeDomains: ["financien"],
      municipalityCodes: ["GM0153"],
      acceptsReferrals: false,
    } as Omit<ServiceCreate, "organizationId">);
    ids.forms = await add({
      name: "Formulierenhulp",
      description: `Hulp bij het invullen van formulieren en brieven van instanties. Code ${UNIQUE}.`,
      lifeDomains: ["administratie", "financien"],
      ageMin: 18,
      municipalityCodes: ["GM0202"],
      acceptsReferrals: true,
    } as Omit<ServiceCreate, "organizationId">);
    for (let i = 1; i <= PAGED_COUNT; i++) {
      await add({
        name: `Spreekuur ${PAGED} ${i}`,
        description: "Een spreekuur over geld, voor iedereen in de buurt.",
        lifeDomains: ["financien"],
        isNational: true,
      } as Omit<ServiceCreate, "organizationId">);
    }
    ids.old = await add({
      name: "Oude inloop",
      description: `Een inloopspreekuur dat niet meer bestaat. Code ${UNIQUE}.`,
      lifeDomains: ["financien"],
      municipalityCodes: ["GM0202"],
      status: "inactive",
    } as Omit<ServiceCreate, "organizationId">);
  }

  /**
   * The demo network's listing of De VoorzieningenWijzer. A shared database that was not seeded
   * by this file (other test files made organisations first) gets an organisation and listing
   * like the demo's, so the search below finds the same thing either way.
   */
  async function ensureDemoService(passwordHash: string) {
    const anonymous = browserClient(server.app);
    const { data } = await anonymous.client.GET("/services", { params: { query: { q: DEMO_SERVICE, municipality: "GM1952" } } });
    if (data?.data.some((s) => s.name === DEMO_SERVICE && s.organization.name === DEMO_ORGANIZATION)) return;
    const org = await makeOrganization(db.db, {
      name: DEMO_ORGANIZATION,
      slug: `de-voorzieningenwijzer-${randomUUID().slice(0, 8)}`,
    });
    const { user } = await makeMember(db.db, { organizationId: org.id, role: "admin", passwordHash });
    const admin = browserClient(server.app);
    await admin.client.POST("/auth/login", { body: { email: user.email, password: PASSWORD } });
    const { response } = await admin.client.POST("/services", {
      body: {
        organizationId: org.id,
        name: DEMO_SERVICE,
        description:
          "Een medewerker komt thuis en kijkt met een app op maat op welke toeslagen en gemeentelijke regelingen de inwoner recht heeft. Samen worden de aanvragen gedaan, bijvoorbeeld voor huurtoeslag.",
        lifeDomains: ["inkomen", "wonen", "financien"],
        municipalityCodes: ["GM1952"],
        acceptsReferrals: true,
        contactChannels: [
          { kind: "huisbezoek", note: "Een medewerker komt bij de inwoner thuis." },
          { kind: "email", value: "de-voorzieningenwijzer@example.org" },
          { kind: "website", value: "https://example.org/de-voorzieningenwijzer" },
        ],
      } as ServiceCreate,
    });
    expect(response.status).toBe(201);
  }

  beforeAll(async () => {
    ensureWebBuild();
    db = await createTestDb();
    const passwordHash = await hashPassword(PASSWORD);
    // On a new database this loads the demo network; elsewhere it is there already, or not at all.
    await seedDemoNetwork(db.db, passwordHash);
    // On a database shared with other test files the demo seed may have been skipped: the kaart needs its municipalities.
    await seedMunicipalities(db.db);
    // Its own made-up word: an organisation's name is part of what its services are found by.
    const org = await makeOrganization(db.db, { name: `Geldpunt ${word("geldpunt")}` });
    organization = { id: org.id, name: org.name };
    adminEmail = `admin@${org.slug}.example`;
    workerEmail = `medewerker@${org.slug}.example`;
    await makeMember(db.db, {
      organizationId: org.id,
      role: "admin",
      passwordHash,
      email: adminEmail,
      name: "Beheerder Geldpunt",
    });
    await makeMember(db.db, {
      organizationId: org.id,
      role: "worker",
      passwordHash,
      email: workerEmail,
      name: "Medewerker Geldpunt",
    });

    server = await startServer({ db: db.db, mailer: new MemoryMailer() });
    baseUrl = server.baseUrl;
    await addServices();
    await ensureDemoService(passwordHash);
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

  const searchBox = (page: Page) => page.getByRole("searchbox", { name: "Zoek hulp" });
  const results = (page: Page) => page.getByRole("list", { name: "Resultaten" });
  /** The polite line that says how many services were found (once the search is done). */
  const resultCount = async (page: Page, text: string | RegExp) => {
    await page
      .getByRole("status")
      .filter({ hasText: typeof text === "string" ? literally(text) : text })
      .waitFor();
  };

  test(
    "a visitor without an account searches with a typo, sees the match highlighted and opens a service with its contact routes",
    async () => {
      const page = await browser.newPage();
      // The start page for visitors without an account is the sociale kaart.
      await page.goto(`${baseUrl}/`);
      await expect.poll(() => new URL(page.url()).pathname).toBe("/kaart");
      await page.getByRole("heading", { level: 1, name: "Sociale kaart" }).waitFor();
      expect(await page.title()).toBe("Sociale kaart - Schakel");
      // The header offers organisations a way to sign in.
      await page.getByRole("banner").getByRole("link", { name: "Inloggen voor organisaties" }).waitFor();
      await resultCount(page, /diensten gevonden/);
      // On a wide screen the results sit beside the filters: no button to go to them.
      expect(await page.getByRole("button", { name: /^Toon / }).isVisible()).toBe(false);
      await snap(page, "kaart-01-start");

      // A typo in the organisation's name: the kaart searches for the word it knows, and says so.
      await searchBox(page).pressSequentially("voorzieningwijzer", { delay: 20 });
      await page.getByText(/Gezocht naar: .*voorzieningenwijzer.* \(in plaats van voorzieningwijzer\)\./).waitFor();
      expect(new URL(page.url()).searchParams.get("q")).toBe("voorzieningwijzer");
      const demo = results(page).getByRole("link", { name: DEMO_SERVICE }).first();
      await demo.waitFor();
      await demo.click();

      await page.getByRole("heading", { level: 1, name: DEMO_SERVICE }).waitFor();
      expect(await page.title()).toBe(`${DEMO_SERVICE} - Schakel`);
      expect(await page.getByRole("main").textContent()).toContain(`Organisatie: ${DEMO_ORGANIZATION}`);
      // The service's own address (the page also offers a mailto: to share it, without an address).
      const mail = page.getByRole("region", { name: "Contact" }).locator('a[href^="mailto:"]');
      expect(await mail.getAttribute("href")).toMatch(/^mailto:[^@\s]+@[^@\s]+$/);
      expect(await page.locator('main a[href^="https://"]').count()).toBeGreaterThan(0);
      await page.getByText("Huisbezoek", { exact: true }).waitFor();
      await snap(page, "kaart-02-demo-dienst");

      // Back: the search is still there, from the address bar.
      await page.goBack();
      await page.getByRole("heading", { level: 1, name: "Sociale kaart" }).waitFor();
      await expect.poll(() => searchBox(page).inputValue()).toBe("voorzieningwijzer");
      await results(page).getByRole("link", { name: DEMO_SERVICE }).first().waitFor();

      // A typo in a common word, together with our own word: our service, with the match marked.
      await searchBox(page).fill(`schuldhlp ${UNIQUE}`);
      await resultCount(page, `1 dienst gevonden voor ‘schuldhlp ${UNIQUE}’.`);
      await page.getByText(/Gezocht naar: .*schuldhulp.*\(in plaats van schuldhlp\)/).waitFor();
      const youth = results(page).getByRole("link", { name: "Schuldhulp voor jongeren" });
      expect(await youth.locator("mark").first().textContent()).toMatch(/^schuldhulp$/i);
      const item = results(page)
        .getByRole("listitem")
        .filter({ has: page.getByRole("link", { name: "Schuldhulp voor jongeren" }) });
      expect(await item.textContent()).toContain(organization.name);
      expect(await item.textContent()).toContain("18 tot en met 27 jaar");
      expect(await item.textContent()).toContain("Arnhem");
      expect(await item.getByRole("list", { name: "Leefgebieden en verwijzen" }).textContent()).toContain(
        "Neemt verwijzingen aan",
      );
      await snap(page, "kaart-03-zoeken-met-tikfout");

      await youth.click();
      await page.getByRole("heading", { level: 1, name: "Schuldhulp voor jongeren" }).waitFor();
      const contact = page.getByRole("region", { name: "Contact" });
      expect(await contact.getByRole("link", { name: "026 123 45 67" }).getAttribute("href")).toBe("tel:0261234567");
      expect(await contact.getByRole("link", { name: "jongeren@geldpunt.example" }).getAttribute("href")).toBe(
        "mailto:jongeren@geldpunt.example",
      );
      expect(await contact.getByRole("link", { name: "App naar 06-12345678" }).getAttribute("href")).toBe(
        "https://wa.me/31612345678",
      );
      expect(await contact.getByRole("link", { name: "www.geldpunt.example/jongeren" }).getAttribute("href")).toBe(
        "https://www.geldpunt.example/jongeren",
      );
      await contact.getByText("Op werkdagen van 9 tot 17 uur").waitFor();
      const main = (await page.getByRole("main").textContent()) ?? "";
      expect(main).toContain("reageert binnen 3 werkdagen");
      expect(main).toContain("Na de aanmelding volgt een driegesprek met de verwijzer.");
      expect(main).toContain("Nederlands en Engels");
      expect(main).toContain("Gratis");
      expect(main).toMatch(/Laatst gecontroleerd: \d{1,2} [a-z]+ \d{4}/);
      await snap(page, "kaart-04-dienst");

      // The link back returns to the same search.
      await page.getByRole("link", { name: "Terug naar de zoekresultaten" }).click();
      await resultCount(page, `1 dienst gevonden voor ‘schuldhlp ${UNIQUE}’.`);
      expect(await searchBox(page).inputValue()).toBe(`schuldhlp ${UNIQUE}`);

      // An unknown service gets a clear page of its own.
      await page.goto(`${baseUrl}/kaart/diensten/${randomUUID()}`);
      await page.getByRole("heading", { level: 1, name: "Deze dienst bestaat niet" }).waitFor();
      await snap(page, "kaart-05-onbekende-dienst");
    },
    TIMEOUT,
  );

  test(
    "filters narrow the results, live in the address bar, and clearing them brings everything back",
    async () => {
      const page = await browser.newPage();
      await page.goto(`${baseUrl}/kaart`);
      await searchBox(page).fill(UNIQUE);
      await resultCount(page, `3 diensten gevonden voor ‘${UNIQUE}’.`);
      // The inactive service is not on the public kaart.
      expect(await results(page).getByRole("link").allTextContents()).toEqual(
        expect.arrayContaining(["Schuldhulp voor jongeren", "Budgetcoach aan huis", "Formulierenhulp"]),
      );
      expect(await results(page).getByRole("link", { name: "Oude inloop" }).count()).toBe(0);
      // Counts per life domain for this search.
      await page.getByRole("checkbox", { name: "Schulden (1)" }).waitFor();
      await page.getByRole("checkbox", { name: "Geldzaken (2)" }).waitFor();

      await page.getByRole("checkbox", { name: /^Schulden/ }).check();
      await resultCount(page, `1 dienst gevonden voor ‘${UNIQUE}’.`);
      expect(new URL(page.url()).searchParams.getAll("leefgebied")).toEqual(["schulden"]);
      expect(await results(page).getByRole("link").allTextContents()).toEqual(["Schuldhulp voor jongeren"]);
      await page.getByRole("checkbox", { name: /^Schulden/ }).uncheck();
      await resultCount(page, `3 diensten gevonden voor ‘${UNIQUE}’.`);

      await page.getByLabel("Gemeente", { exact: true }).selectOption({ label: "Arnhem" });
      await resultCount(page, `2 diensten gevonden voor ‘${UNIQUE}’.`);
      await page.getByLabel("Leeftijd van de inwoner").fill("30");
      await resultCount(page, `1 dienst gevonden voor ‘${UNIQUE}’.`);
      expect(await results(page).getByRole("link").allTextContents()).toEqual(["Formulierenhulp"]);
      const url = new URL(page.url());
      expect(url.searchParams.get("gemeente")).toBe("GM0202");
      expect(url.searchParams.get("leeftijd")).toBe("30");
      await snap(page, "kaart-06-filters");

      // The address can be shared: opened anew, it shows the same search.
      const shared = await browser.newPage();
      await shared.goto(page.url());
      await resultCount(shared, `1 dienst gevonden voor ‘${UNIQUE}’.`);
      expect(await shared.getByLabel("Leeftijd van de inwoner").inputValue()).toBe("30");
      expect(await shared.getByLabel("Gemeente", { exact: true }).inputValue()).toBe("GM0202");

      await page.getByRole("button", { name: "Alle filters wissen" }).click();
      await resultCount(page, `3 diensten gevonden voor ‘${UNIQUE}’.`);
      expect(await page.getByLabel("Leeftijd van de inwoner").inputValue()).toBe("");
      expect(await searchBox(page).inputValue()).toBe(UNIQUE);
      // Back brings the filters back, in the fields too.
      await page.goBack();
      await resultCount(page, `1 dienst gevonden voor ‘${UNIQUE}’.`);
      await expect.poll(() => page.getByLabel("Leeftijd van de inwoner").inputValue()).toBe("30");
      expect(await page.getByLabel("Gemeente", { exact: true }).inputValue()).toBe("GM0202");

      // Nothing found: say so, and offer ways out.
      await searchBox(page).fill("xqzwvkjx");
      await resultCount(page, "Geen hulp gevonden — probeer een ander woord, minder filters, of zoek in heel Nederland.");
      expect(await results(page).count()).toBe(0);
      await snap(page, "kaart-07-niets-gevonden");
      await page.getByRole("button", { name: "Zoek in heel Nederland" }).click();
      await resultCount(page, "Geen hulp gevonden");
      expect(await page.getByLabel("Gemeente", { exact: true }).inputValue()).toBe("");
      await page.getByRole("button", { name: "Opnieuw beginnen" }).click();
      await resultCount(page, /diensten gevonden\.$/);
      expect(await searchBox(page).inputValue()).toBe("");
      expect(new URL(page.url()).search).toBe("");
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("kaart-zoeken");
    },
    TIMEOUT,
  );

  test(
    "while typing the previous results stay, and a late answer never replaces a newer one",
    async () => {
      const page = await browser.newPage();
      await page.goto(`${baseUrl}/kaart?q=${UNIQUE}`);
      await resultCount(page, `3 diensten gevonden voor ‘${UNIQUE}’.`);

      const slowQuery = `${UNIQUE} budgetcoach`;
      let releaseSlow: () => void = () => {};
      const slowReleased = new Promise<void>((done) => {
        releaseSlow = done;
      });
      await page.route(/\/api\/v1\/services\?/, async (route) => {
        if (new URL(route.request().url()).searchParams.get("q") === slowQuery) await slowReleased;
        await route.continue().catch(() => {}); // the page may have cancelled it meanwhile
      });

      const slowRequest = page.waitForRequest((r) => new URL(r.url()).searchParams.get("q") === slowQuery);
      await searchBox(page).fill(slowQuery);
      await slowRequest;
      // Searching: the old results stay visible, marked busy.
      await page.getByRole("status").filter({ hasText: "Zoeken…" }).waitFor();
      expect(await page.locator("ol.schakel-results[aria-busy=true]").count()).toBe(1);
      expect(await results(page).getByRole("link").count()).toBe(3);

      await searchBox(page).fill(`schuldhlp ${UNIQUE}`);
      await resultCount(page, `1 dienst gevonden voor ‘schuldhlp ${UNIQUE}’.`);
      releaseSlow();
      await page.waitForTimeout(500);
      await resultCount(page, `1 dienst gevonden voor ‘schuldhlp ${UNIQUE}’.`);
      expect(await results(page).getByRole("link").allTextContents()).toEqual(["Schuldhulp voor jongeren"]);
      await page.unroute(/\/api\/v1\/services\?/);
    },
    TIMEOUT,
  );

  test(
    "Meer laden adds the next page and puts focus on the first new result",
    async () => {
      const page = await browser.newPage();
      await page.goto(`${baseUrl}/kaart?q=${PAGED}`);
      await resultCount(page, `${PAGED_COUNT} diensten gevonden voor ‘${PAGED}’.`);
      expect(
        await results(page)
          .getByRole("listitem")
          .filter({ has: page.getByRole("heading") })
          .count(),
      ).toBe(20);
      await page.getByText(`20 van ${PAGED_COUNT} getoond`).waitFor();
      await page.getByRole("button", { name: "Meer laden" }).click();
      await expect
        .poll(() =>
          results(page)
            .getByRole("listitem")
            .filter({ has: page.getByRole("heading") })
            .count(),
        )
        .toBe(PAGED_COUNT);
      const focused = await page.evaluate(() => document.activeElement?.textContent ?? "");
      expect(focused).toMatch(new RegExp(`^Spreekuur ${PAGED} \\d+$`));
      expect(await results(page).getByRole("link").nth(20).textContent()).toBe(focused);
      expect(await page.getByRole("button", { name: "Meer laden" }).count()).toBe(0);
      const names = await results(page).getByRole("link").allTextContents();
      expect(new Set(names).size).toBe(PAGED_COUNT);
    },
    TIMEOUT,
  );

  test(
    "honest notes: partial matches, more than 2,000 matches, a wrong postcode, and a search that fails",
    async () => {
      const page = await browser.newPage();
      // No service has both words: results with some of them, and the kaart says so.
      await page.goto(`${baseUrl}/kaart?q=${encodeURIComponent(`${UNIQUE} xqzwvkjx`)}`);
      await resultCount(page, `3 diensten gevonden voor ‘${UNIQUE} xqzwvkjx’.`);
      await page.getByText("Geen hulp gevonden met alle woorden; dit zijn resultaten met een deel van de woorden.").waitFor();

      // Over 2,000 matches the API counts no further: say so, and show no counts that would be wrong.
      await page.route(/\/api\/v1\/services\?/, async (route) => {
        const response = await route.fetch();
        const body = await response.json();
        body.meta = { ...body.meta, total: 2000, truncated: true, nextCursor: body.meta.nextCursor };
        await route.fulfill({ response, json: body });
      });
      await searchBox(page).fill(UNIQUE);
      await resultCount(page, `Meer dan 2.000 diensten gevonden voor ‘${UNIQUE}’.`);
      await page.getByText("Meer dan 2.000 resultaten — kies een gemeente of leefgebied om te verfijnen.").waitFor();
      expect(await page.getByRole("checkbox", { name: "Schulden", exact: true }).count()).toBe(1);
      await snap(page, "kaart-09-meer-dan-2000");
      await page.unroute(/\/api\/v1\/services\?/);

      // A postcode that is not one: said at the field once the visitor leaves it; the search goes on without it.
      const postcode = page.getByLabel("Of postcode");
      await postcode.fill("68");
      await postcode.blur();
      await expect.poll(() => postcode.getAttribute("aria-invalid")).toBe("true");
      await page.getByText("Vul een postcode in zoals 6811 of 6811 AB.").waitFor();
      expect(new URL(page.url()).searchParams.get("postcode")).toBeNull();
      await postcode.fill("");

      // The search fails: a Dutch message and a way to try again.
      await page.route(/\/api\/v1\/services\?/, (route) => route.abort());
      await searchBox(page).fill(`${UNIQUE} jongeren`);
      const alert = page.getByRole("alert");
      await alert.waitFor();
      expect(await alert.textContent()).toContain("Zoeken lukt nu niet. Schakel is nu niet bereikbaar.");
      await snap(page, "kaart-10-fout");
      await page.unroute(/\/api\/v1\/services\?/);
      await page.getByRole("button", { name: "Opnieuw proberen" }).click();
      await resultCount(page, `1 dienst gevonden voor ‘${UNIQUE} jongeren’.`);
    },
    TIMEOUT,
  );

  test(
    "on a phone the kaart fits the screen, with the filters folded away",
    async () => {
      const page = await browser.newPage({ width: 375, height: 800 });
      await page.goto(`${baseUrl}/kaart?q=${UNIQUE}`);
      await resultCount(page, `3 diensten gevonden voor ‘${UNIQUE}’.`);
      expect(await page.getByRole("checkbox", { name: /^Schulden/ }).isVisible()).toBe(false);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await snap(page, "kaart-08-telefoon");
      await page.getByText("Filters", { exact: true }).click();
      await page.getByRole("checkbox", { name: /^Schulden/ }).check();
      await resultCount(page, `1 dienst gevonden voor ‘${UNIQUE}’.`);
      // The open filters push the results down: one button folds them and goes to the results.
      await page.getByRole("button", { name: "Toon 1 resultaat" }).click();
      expect(await page.getByRole("checkbox", { name: /^Schulden/ }).isVisible()).toBe(false);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("kaart-resultaten-titel");
      const results = await page.locator(".schakel-kaart__results").boundingBox();
      expect(results?.y).toBeLessThan(800);
      // The filter still applies after folding.
      await resultCount(page, `1 dienst gevonden voor ‘${UNIQUE}’.`);
    },
    TIMEOUT,
  );

  test(
    "an admin edits a service; a rule the API checks shows at its field and nothing typed is lost; the kaart shows the change",
    async () => {
      const page = await browser.newPage();
      await page.goto(`${baseUrl}/diensten`);
      await signIn(page, adminEmail, PASSWORD);
      await page.getByRole("heading", { level: 1, name: `Diensten van ${organization.name}` }).waitFor();
      expect(await page.title()).toBe("Onze diensten - Schakel");
      const menu = page.getByRole("navigation", { name: "Hoofdmenu" });
      expect(await menu.getByRole("link", { name: "Onze diensten" }).getAttribute("aria-current")).toBe("page");
      // Every status is listed, with a badge.
      const old = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Oude inloop" }) });
      expect(await old.textContent()).toContain("Niet actief");
      await snap(page, "diensten-01-lijst");

      await page.getByRole("link", { name: "Bewerken Formulierenhulp" }).click();
      await page.getByRole("heading", { level: 1, name: "Dienst bewerken" }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/diensten/${ids.forms}/bewerken`);
      expect(await page.getByLabel("Naam", { exact: true }).inputValue()).toBe("Formulierenhulp");
      expect(await page.getByLabel("Vanaf leeftijd (jaar)").inputValue()).toBe("18");
      expect(await page.getByRole("checkbox", { name: "Administratie" }).isChecked()).toBe(true);
      expect(await page.getByRole("checkbox", { name: "Arnhem" }).isChecked()).toBe(true);
      await snap(page, "diensten-02-bewerken");

      // A check in the browser: a name that is too short.
      const name = page.getByLabel("Naam", { exact: true });
      await name.fill("F");
      await page.getByRole("button", { name: "Opslaan" }).click();
      await expect.poll(() => name.getAttribute("aria-invalid")).toBe("true");
      const nameError = (await name.getAttribute("aria-describedby"))?.split(" ")[0] ?? "";
      expect(await page.locator(`[id="${nameError}"]`).textContent()).toBe("Geef de dienst een naam van minstens 3 tekens.");
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-labelledby")))
        .toBe("foutenoverzicht-titel");

      // A rule the API checks (the maximum age below the minimum): its message shows at the field.
      await name.fill(`Formulierenhulp ${RENAMED}`);
      const description = page.getByLabel("Beschrijving", { exact: true });
      await description.fill(`Hulp bij formulieren, brieven en de post van instanties. Code ${UNIQUE}.`);
      await page.getByLabel("Vanaf leeftijd (jaar)").fill("30");
      const ageMax = page.getByLabel("Tot en met leeftijd (jaar)");
      await ageMax.fill("20");
      await page.getByRole("button", { name: "Opslaan" }).click();
      await expect.poll(() => ageMax.getAttribute("aria-invalid")).toBe("true");
      const ageError = (await ageMax.getAttribute("aria-describedby"))?.split(" ")[0] ?? "";
      expect(await page.locator(`[id="${ageError}"]`).textContent()).toBe(
        "De maximumleeftijd moet gelijk aan of hoger dan de minimumleeftijd zijn.",
      );
      const summary = page.getByRole("region", { name: /verbeteren/ });
      expect(await summary.getByRole("link").allTextContents()).toEqual([
        "Tot en met leeftijd: De maximumleeftijd moet gelijk aan of hoger dan de minimumleeftijd zijn.",
      ]);
      // Nothing typed is lost.
      expect(await name.inputValue()).toBe(`Formulierenhulp ${RENAMED}`);
      expect(await description.inputValue()).toContain("de post van instanties");
      expect(await page.getByLabel("Vanaf leeftijd (jaar)").inputValue()).toBe("30");
      expect(await ageMax.inputValue()).toBe("20");
      expect(new URL(page.url()).pathname).toBe(`/diensten/${ids.forms}/bewerken`);
      await snap(page, "diensten-03-fout-van-de-api");
      // The link in the summary takes you to the field.
      await summary.getByRole("link").click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("dienst-ageMax");

      await ageMax.fill("40");
      await page.getByRole("button", { name: "Opslaan" }).click();
      await page.getByText(`De wijzigingen in ‘Formulierenhulp ${RENAMED}’ zijn opgeslagen.`).waitFor();
      expect(new URL(page.url()).pathname).toBe("/diensten");

      // The public kaart finds the new name at once, anonymously.
      const visitor = await browser.newPage();
      await visitor.goto(`${baseUrl}/kaart`);
      await searchBox(visitor).fill(RENAMED);
      await resultCount(visitor, `1 dienst gevonden voor ‘${RENAMED}’.`);
      const renamed = results(visitor).getByRole("link", { name: `Formulierenhulp ${RENAMED}` });
      expect(await renamed.locator("mark").textContent()).toBe(RENAMED);
      await renamed.click();
      await visitor.getByRole("heading", { level: 1, name: `Formulierenhulp ${RENAMED}` }).waitFor();
      expect(await visitor.getByRole("main").textContent()).toContain("30 tot en met 40 jaar");
    },
    TIMEOUT,
  );

  test(
    "an admin adds a service and takes it off the kaart again; a worker cannot manage services",
    async () => {
      const page = await browser.newPage();
      await page.goto(`${baseUrl}/inloggen`);
      await signIn(page, adminEmail, PASSWORD);
      await page.getByRole("heading", { level: 1, name: /^Welkom/ }).waitFor();
      await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Onze diensten" }).click();
      await page.getByRole("link", { name: "Dienst toevoegen" }).click();
      await page.getByRole("heading", { level: 1, name: "Dienst toevoegen" }).waitFor();

      // Saving an empty form lists what is missing, each at its field.
      await page.getByRole("button", { name: "Opslaan" }).click();
      const summary = page.getByRole("region", { name: /verbeteren/ });
      await summary.waitFor();
      const problems = await summary.getByRole("link").allTextContents();
      expect(problems).toEqual(
        expect.arrayContaining([
          "Naam: Geef de dienst een naam van minstens 3 tekens.",
          "Leefgebieden: Kies minstens één leefgebied.",
          "Waar: Geef aan waar de dienst werkt: landelijk, gemeenten of postcodegebieden.",
          "Contactmogelijkheid 1: Vul het telefoonnummer in.",
        ]),
      );
      await snap(page, "diensten-04-nieuw-fouten");

      await page.getByLabel("Naam", { exact: true }).fill(`Inloopspreekuur ${ADDED}`);
      await page
        .getByLabel("Beschrijving", { exact: true })
        .fill("Elke dinsdag kun je zonder afspraak langskomen met vragen over geld en post.");
      await page.getByRole("checkbox", { name: "Geldzaken" }).check();
      await page.getByRole("checkbox", { name: "Haarlem" }).check();
      await page.getByLabel("Telefoonnummer").fill("023 123 45 67");
      await page.getByRole("button", { name: "Contactmogelijkheid toevoegen" }).click();
      // The new row gets focus; choose its kind and fill it in.
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("dienst-contactChannels-1-kind");
      await page.getByLabel("Soort").nth(1).selectOption({ label: "Inloopspreekuur" });
      await page.getByLabel("Adres van het inloopspreekuur").fill("Grote Markt 1, Haarlem");
      await page.getByRole("button", { name: "Opslaan" }).click();
      await page.getByText(`De dienst ‘Inloopspreekuur ${ADDED}’ staat op de sociale kaart.`).waitFor();
      const added = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: `Inloopspreekuur ${ADDED}` }) });
      expect(await added.textContent()).toContain("Actief");

      const visitor = await browser.newPage();
      await visitor.goto(`${baseUrl}/kaart?q=${ADDED}&gemeente=GM0392`);
      await resultCount(visitor, `1 dienst gevonden voor ‘${ADDED}’.`);
      await results(visitor)
        .getByRole("link", { name: `Inloopspreekuur ${ADDED}` })
        .click();
      await visitor.getByText("Grote Markt 1, Haarlem").waitFor();

      // Off the kaart: status "Niet actief".
      await added.getByRole("link", { name: /^Bewerken/ }).click();
      await page.getByLabel("Status op de sociale kaart").selectOption({ label: "Niet actief" });
      await page.getByRole("button", { name: "Opslaan" }).click();
      await page.getByText(`De wijzigingen in ‘Inloopspreekuur ${ADDED}’ zijn opgeslagen.`).waitFor();
      expect(await added.textContent()).toContain("Niet actief");
      await visitor.goto(`${baseUrl}/kaart?q=${ADDED}`);
      await resultCount(visitor, "Geen hulp gevonden");

      // A worker of the same organisation sees no menu item, and a clear message at the address.
      const worker = await browser.newPage();
      await worker.goto(`${baseUrl}/diensten/${ids.forms}/bewerken`);
      await signIn(worker, workerEmail, PASSWORD);
      await worker.getByRole("heading", { level: 1, name: "Dienst bewerken" }).waitFor();
      await worker.getByText("Alleen beheerders kunnen de diensten van een organisatie op de sociale kaart beheren.").waitFor();
      expect(
        await worker.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Onze diensten" }).count(),
      ).toBe(0);
      await snap(worker, "diensten-05-geen-beheerder");
    },
    TIMEOUT,
  );
});
