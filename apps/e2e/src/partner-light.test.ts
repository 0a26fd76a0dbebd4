// End to end, in a real browser: partner-light (issue 10, part 8; ADR 0029). A volunteer food
// bank works without an account. A wijkteam worker refers a resident to it; the food bank's
// intake address gets a mail with a link; opened in the browser, the partner confirms receipt,
// takes the referral up, reports contact and completes it — never seeing the resident — and
// the referring worker sees the outcome in Schakel. An old link then reads as a Dutch page.
import { browserClient, hashPassword, MemoryMailer } from "@schakel/api/testing";
import type { components } from "@schakel/api-client";
import { networkAdmins } from "@schakel/db";
import { createTestDb, makeMember, makeOrganization } from "@schakel/db/testing";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { ensureWebBuild, RUN_BROWSER_TESTS, signIn, snap, startBrowser, startServer, warnWithoutChromium } from "./support";

type ServiceCreate = components["schemas"]["ServiceCreate"];

const TIMEOUT = 120_000;
const PASSWORD = "demo-wachtwoord-e2e";
const RESIDENT = "Mila Bakker";
const PHONE = "06-87654321";
const REQUEST = "Mila heeft deze week geen geld voor boodschappen.";
const SERVICE = "Voedselpakket";

warnWithoutChromium("the partner-light browser test");

describe.runIf(RUN_BROWSER_TESTS)("partner-light: a referral worked from a mailed link, in the browser", () => {
  let browser: Awaited<ReturnType<typeof startBrowser>>;
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let server: Awaited<ReturnType<typeof startServer>>;
  const mailer = new MemoryMailer();
  let intakeEmail: string;
  let senderEmail: string;
  let referralId: string;
  let firstLink: string;

  /** The link in the newest mail to the food bank's intake address. */
  function latestLink(): string {
    const mail = mailer.sent.filter((m) => m.to === intakeEmail).at(-1);
    const link = mail?.text.match(/https?:\/\/\S+\/partner#t=[A-Za-z0-9_-]+/)?.[0];
    if (!link) throw new Error("no partner link in the intake mailbox");
    return link;
  }

  beforeAll(async () => {
    ensureWebBuild();
    db = await createTestDb();
    server = await startServer({ db: db.db, mailer });
    const passwordHash = await hashPassword(PASSWORD);
    const wijkteam = await makeOrganization(db.db, {
      name: "Wijkteam Oost (test)",
      kind: "welzijn",
      municipalityCodes: ["GM0202"],
      phone: "026-1234567",
      email: "info@wijkteam-oost.example",
    });
    const foodBank = await makeOrganization(db.db, {
      name: "Voedselbank (test)",
      kind: "welzijn",
      municipalityCodes: ["GM0202"],
    });
    intakeEmail = `intake@${foodBank.slug}.example`;
    senderEmail = `worker@${wijkteam.slug}.example`;
    await makeMember(db.db, { organizationId: wijkteam.id, role: "worker", passwordHash, email: senderEmail, name: "Fatima" });
    // The food bank's listing was added once by a helper from the gemeente; nobody there signs in.
    const helperEmail = `admin@${foodBank.slug}.example`;
    await makeMember(db.db, { organizationId: foodBank.id, role: "admin", passwordHash, email: helperEmail });
    const helper = browserClient(server.app);
    await helper.client.POST("/auth/login", { body: { email: helperEmail, password: PASSWORD } });
    const settings = await helper.client.PATCH("/organizations/{organizationId}/settings", {
      params: { path: { organizationId: foodBank.id } },
      body: { intakeEmail, requireWorkerSecondFactor: false },
    });
    if (settings.response.status !== 200) throw new Error(`intake address not set: ${settings.response.status}`);
    const { data: service } = await helper.client.POST("/services", {
      body: {
        organizationId: foodBank.id,
        name: SERVICE,
        description: "Een pakket met boodschappen voor wie even niet rond kan komen.",
        lifeDomains: ["financien"],
        municipalityCodes: ["GM0202"],
        acceptsReferrals: true,
        responseTargetDays: 3,
      } as ServiceCreate,
    });
    if (!service) throw new Error("service not added");
    // The gemeente's regie (a network admin) lets the food bank work without an account.
    const regie = await makeOrganization(db.db, { name: "Gemeente (test)", kind: "gemeente", municipalityCodes: ["GM0202"] });
    const regieAdmin = await makeMember(db.db, { organizationId: regie.id, role: "admin", passwordHash });
    await db.db.insert(networkAdmins).values({ userId: regieAdmin.user.id });
    const network = browserClient(server.app);
    await network.client.POST("/auth/login", { body: { email: regieAdmin.user.email, password: PASSWORD } });
    const light = await network.client.PUT("/organizations/{organizationId}/partner-light", {
      params: { path: { organizationId: foodBank.id } },
      body: { partnerLight: true },
    });
    if (light.response.status !== 200) throw new Error(`partner-light not set: ${light.response.status}`);

    // The worker refers a resident (the wizard itself is the warm handover's browser test).
    const worker = browserClient(server.app);
    await worker.client.POST("/auth/login", { body: { email: senderEmail, password: PASSWORD } });
    const { data: resident, error: residentError } = await worker.client.POST("/residents", {
      body: { organizationId: wijkteam.id, name: RESIDENT, phone: PHONE, preferredChannel: "telefoon" } as never,
    });
    if (!resident) throw new Error(`resident not created: ${JSON.stringify(residentError)}`);
    const { data: consent } = await worker.client.POST("/residents/{residentId}/consents", {
      params: { path: { residentId: resident.id } },
      body: {
        receivingOrganizationId: foodBank.id,
        purpose: "Aanmelding voor een voedselpakket",
        dataCategories: ["contact", "request"],
        method: "mondeling",
        feedbackLevel: "outcome",
        validUntil: new Date(Date.now() + 90 * 86_400_000).toISOString(),
      },
    });
    if (!consent) throw new Error("consent not recorded");
    const { data: referral, response } = await worker.client.POST("/referrals", {
      body: {
        residentId: resident.id,
        serviceId: service.id,
        lawfulBasis: "consent",
        consentId: consent.id,
        dataCategories: ["contact", "request"],
        request: REQUEST,
        categoryNotes: {},
      } as never,
    });
    if (!referral) throw new Error(`referral not sent: ${response.status}`);
    referralId = referral.id;
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

  /** Opens the newest link and takes one step; returns the page after the confirmation. */
  async function step(page: Page, button: string, fill?: (page: Page) => Promise<void>) {
    await page.goto(latestLink());
    await page.getByRole("heading", { level: 1, name: "Verwijzing bijwerken" }).waitFor();
    await page.getByRole("button", { name: button }).click();
    await fill?.(page);
    await page.getByRole("button", { name: `Bevestigen: ${button.toLowerCase()}` }).click();
    await page.getByText("Gelukt.").waitFor();
  }

  test(
    "the partner opens the link, sees no resident, and confirms, accepts, reports contact and completes",
    async () => {
      const mail = mailer.sent.find((m) => m.to === intakeEmail);
      expect(mail?.text).not.toContain(RESIDENT);
      expect(mail?.text).not.toContain(PHONE);
      firstLink = latestLink();
      expect(new URL(firstLink).pathname).toBe("/partner");

      const page = await browser.newPage();
      await page.goto(firstLink);
      await page.getByRole("heading", { level: 1, name: "Verwijzing bijwerken" }).waitFor();
      await page.getByText(SERVICE).first().waitFor();
      await page.getByRole("link", { name: "026-1234567" }).waitFor();
      const text = (await page.locator("main").textContent()) ?? "";
      for (const secret of [RESIDENT, "Mila", PHONE, "boodschappen"]) expect(text).not.toContain(secret);
      await snap(page, "pl-01-partner-page");

      // Only the keyboard: Tab to the button, Enter, Tab on to confirm.
      await page.getByRole("button", { name: "Ontvangst bevestigen" }).focus();
      await page.keyboard.press("Enter");
      await page.getByRole("button", { name: "Bevestigen: ontvangst bevestigen" }).focus();
      await page.keyboard.press("Enter");
      await page.getByText("Gelukt.").waitFor();
      await page.getByText(intakeEmail, { exact: false }).waitFor();
      await snap(page, "pl-02-confirmed");

      await step(page, "Oppakken");
      await step(page, "Contact gelegd met de inwoner", (p) => p.getByRole("radio", { name: "Gebeld" }).check());
      await step(page, "Afronden", async (p) => {
        await p.getByRole("radio", { name: "Geholpen", exact: true }).check();
      });
      await page.getByText("Je hebt de verwijzing afgerond.", { exact: false }).waitFor();
      await page.getByText("Je hoeft niets meer te doen.", { exact: false }).waitFor();
    },
    TIMEOUT,
  );

  test(
    "an old link reads as a Dutch page that points to the newest mail",
    async () => {
      const page = await browser.newPage();
      await page.goto(firstLink);
      await page.getByText("Deze link werkt niet meer, omdat", { exact: false }).waitFor();
      await snap(page, "pl-03-old-link");
    },
    TIMEOUT,
  );

  test(
    "the referring worker sees the outcome in Schakel",
    async () => {
      const page = await browser.newPage();
      await page.goto(`${server.baseUrl}/inloggen`);
      await signIn(page, senderEmail, PASSWORD);
      await page.getByRole("heading", { level: 1, name: /^Welkom/ }).waitFor();
      await page.goto(`${server.baseUrl}/verwijzingen/${referralId}`);
      await expect.poll(() => page.locator(".schakel-status").first().textContent()).toContain("Afgerond");
      await page.getByText("Geholpen", { exact: false }).first().waitFor();
    },
    TIMEOUT,
  );
});
