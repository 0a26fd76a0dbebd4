// Every page of the web app as people meet it: the server answers 404 for addresses the app does
// not have (and the app says so); and every address the app has (WEB_PATHS, the same list the
// server uses) reflows without sideways scrolling at 320 px wide and at 200 % zoom (WCAG 1.4.10),
// and passes axe, for the role that uses it.
import { browserClient, hashPassword, MemoryMailer } from "@schakel/api/testing";
import type { components } from "@schakel/api-client";
import { createTestDb, makeMember, makeOrganization } from "@schakel/db/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { WEB_PATHS } from "../../web/src/route-paths";
import { ensureWebBuild, RUN_BROWSER_TESTS, signIn, snap, startBrowser, startServer, warnWithoutChromium } from "./support";

const TIMEOUT = 120_000;
const PASSWORD = "wachtwoord-voor-de-paginatest";
const DAY = 86_400_000;

warnWithoutChromium("the pages browser test");

/** 320 CSS px wide (a phone, WCAG 1.4.10), and a 1280 px laptop at 200 % zoom. */
const VIEWPORTS = [
  { name: "320px", viewport: { width: 320, height: 720 } },
  { name: "zoom200", viewport: { width: 640, height: 400 } },
] as const;

type Who = "visitor" | "worker" | "admin" | "senderAdmin";

describe.runIf(RUN_BROWSER_TESTS)("the web app's addresses, in the browser", () => {
  let browser: Awaited<ReturnType<typeof startBrowser>>;
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let server: Awaited<ReturnType<typeof startServer>>;
  let people: Record<Exclude<Who, "visitor">, string>;
  let params: Record<string, string>;

  beforeAll(async () => {
    ensureWebBuild();
    db = await createTestDb();
    server = await startServer({ db: db.db, mailer: new MemoryMailer() });
    const passwordHash = await hashPassword(PASSWORD);

    // A receiver with a service (its admin manages it), and a sender whose worker referred a resident.
    const receiver = await makeOrganization(db.db, {
      name: "Schuldhulpverleningsorganisatie Rijnstad",
      kind: "schuldhulpverlening",
    });
    const sender = await makeOrganization(db.db, { name: "Wijkteam Oost" });
    const admin = await makeMember(db.db, { organizationId: receiver.id, role: "admin", passwordHash });
    const worker = await makeMember(db.db, { organizationId: sender.id, role: "worker", passwordHash });
    const senderAdmin = await makeMember(db.db, { organizationId: sender.id, role: "admin", passwordHash });
    people = { admin: admin.user.email, worker: worker.user.email, senderAdmin: senderAdmin.user.email };

    const signedIn = async (email: string) => {
      const b = browserClient(server.app);
      await b.client.POST("/auth/login", { body: { email, password: PASSWORD } });
      return b;
    };
    const adminApi = await signedIn(admin.user.email);
    const { data: service } = await adminApi.client.POST("/services", {
      body: {
        organizationId: receiver.id,
        name: "Schulddienstverleningsintakegesprek voor huishoudens met betalingsachterstanden",
        description: "Hulp bij het oplossen van schulden, met een intakegesprek bij u thuis of op kantoor.",
        lifeDomains: ["schulden"],
        municipalityCodes: ["GM0202"],
        acceptsReferrals: true,
        responseTargetDays: 5,
      } as components["schemas"]["ServiceCreate"],
    });
    if (!service) throw new Error("service not created");
    const workerApi = await signedIn(worker.user.email);
    const { data: resident, error: residentError } = await workerApi.client.POST("/residents", {
      body: {
        organizationId: sender.id,
        name: "Sam Jansen",
        phone: "06-12345678",
        birthYear: 2003,
        preferredChannel: "telefoon",
      } as never,
    });
    if (!resident) throw new Error(`resident not created: ${JSON.stringify(residentError)}`);
    const { data: consent } = await workerApi.client.POST("/residents/{residentId}/consents", {
      params: { path: { residentId: resident.id } },
      body: {
        receivingOrganizationId: receiver.id,
        purpose: "Aanmelding voor schuldhulp",
        dataCategories: ["contact", "request", "debts"],
        method: "mondeling",
        feedbackLevel: "outcome",
        validUntil: new Date(Date.now() + 180 * DAY).toISOString(),
      },
    });
    if (!consent) throw new Error("consent not created");
    const { data: referral } = await workerApi.client.POST("/referrals", {
      body: {
        residentId: resident.id,
        serviceId: service.id,
        lawfulBasis: "consent",
        consentId: consent.id,
        dataCategories: ["contact", "request", "debts"],
        request: "Sam wil hulp bij zijn betalingsachterstanden bij de zorgverzekeraar en de woningcorporatie.",
        categoryNotes: { debts: "Ongeveer € 2.500" },
      } as components["schemas"]["ReferralCreate"],
    });
    if (!referral) throw new Error("referral not created");
    // A webhook of the receiver (its address answers nobody: it is kept, not yet verified).
    const { data: webhook } = await adminApi.client.POST("/webhook-subscriptions", {
      body: {
        organizationId: receiver.id,
        description: "Zaaksysteem Rijnstad",
        url: "http://127.0.0.1:9/schakel",
        eventTypes: ["nl.schakel.referral.created"],
      },
    });
    if (!webhook) throw new Error("webhook not created");
    params = {
      serviceId: service.id,
      referralId: referral.id,
      residentId: resident.id,
      subscriptionId: webhook.subscription.id,
    };
    browser = await startBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  /**
   * Who uses each page: visitors the public ones, the sender's worker the referral pages, the
   * sender's admin the privacy pages of its resident, the receiver's admin the rest.
   */
  const visitorPaths = new Set(["/kaart", "/kaart/diensten/:serviceId", "/inloggen", "/uitnodiging"]);
  const workerPaths = new Set(["/", "/verwijzingen", "/verwijzingen/:referralId", "/kaart/diensten/:serviceId/verwijzen"]);
  const whoFor = (path: string): Who =>
    visitorPaths.has(path) ? "visitor" : workerPaths.has(path) ? "worker" : path.startsWith("/privacy") ? "senderAdmin" : "admin";
  const concrete = (path: string) => path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? `:${name}`);

  /** How far the page scrolls sideways, in CSS pixels (0 when it reflows). */
  const sidewaysScroll = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  for (const { name, viewport } of VIEWPORTS) {
    test(
      `every page reflows without sideways scrolling (${name})`,
      async () => {
        const pages: Record<Who, Page> = {
          visitor: await browser.newPage(viewport),
          worker: await browser.newPage(viewport),
          admin: await browser.newPage(viewport),
          senderAdmin: await browser.newPage(viewport),
        };
        for (const who of ["worker", "admin", "senderAdmin"] as const) {
          await pages[who].goto(`${server.baseUrl}/inloggen`);
          await signIn(pages[who], people[who], PASSWORD);
        }
        const overflowing: string[] = [];
        for (const path of WEB_PATHS) {
          const page = pages[whoFor(path)];
          await page.goto(`${server.baseUrl}${concrete(path)}`);
          await page.getByRole("heading", { level: 1 }).waitFor();
          await page.waitForLoadState("networkidle");
          const overflow = await sidewaysScroll(page);
          if (overflow > 0) overflowing.push(`${path} (${whoFor(path)}): ${overflow}px`);
          await snap(page, `reflow-${name}${path.replaceAll(/[/:]+/g, "-")}`);
        }
        expect(overflowing, "pages that scroll sideways").toEqual([]);
        expect(browser.cspViolations).toEqual([]);
      },
      TIMEOUT,
    );
  }

  test(
    "an unknown address answers 404 and the page says it does not exist",
    async () => {
      const page = await browser.newPage();
      const response = await page.goto(`${server.baseUrl}/kaart/bestaat-niet/echt-niet`);
      expect(response?.status()).toBe(404);
      await expect.poll(() => page.title()).toBe("Pagina niet gevonden - Schakel");
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Deze pagina bestaat niet");
      await snap(page, "niet-gevonden");
    },
    TIMEOUT,
  );

  test(
    "the app's own addresses answer 200",
    async () => {
      for (const path of WEB_PATHS) {
        const response = await fetch(`${server.baseUrl}${concrete(path)}`);
        expect(response.status, path).toBe(200);
      }
    },
    TIMEOUT,
  );
});
