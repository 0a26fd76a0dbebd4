// End to end, in a real browser: the sender's overview on the start page (issue 8). A worker
// visits the start page; then one referral is completed, one declined with a suggested service,
// and one expires because nobody responded (a system move, as the ladder job makes it). On the
// next visit the start page says what changed, each item with its service, reference, resident
// and how it ended; one click on "Verwijs naar <dienst>" opens the refer wizard filled in from
// the declined referral, and the new referral links back to the old one.
import {
  applyMove,
  browserClient,
  hashPassword,
  MemoryMailer,
  silentLogger,
  systemContext,
  withTransaction,
} from "@schakel/api/testing";
import type { components } from "@schakel/api-client";
import { referrals } from "@schakel/db";
import { createTestDb, makeMember, makeOrganization } from "@schakel/db/testing";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import {
  ensureWebBuild,
  RUN_BROWSER_TESTS,
  signIn,
  snap,
  startBrowser,
  startServer,
  WEB_DIST,
  warnWithoutChromium,
} from "./support";

type Client = ReturnType<typeof browserClient>["client"];

const TIMEOUT = 180_000;
const PASSWORD = "demo-wachtwoord-e2e";
const DEBT_SERVICE = "Schuldhulp (overzicht)";
const COACHING = "Budgetcoaching (overzicht)";
const RESIDENTS = ["Anouk Afgerond", "Bram Afgewezen", "Cas Verlopen"];
const REQUEST = "Wil hulp bij zijn schulden; de post blijft liggen.";

warnWithoutChromium("the sender's overview browser test");

describe.runIf(RUN_BROWSER_TESTS)("the sender's overview, in the browser", () => {
  let browser: Awaited<ReturnType<typeof startBrowser>>;
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let server: Awaited<ReturnType<typeof startServer>>;
  const mailer = new MemoryMailer();
  let baseUrl: string;
  let senderEmail: string;
  let senderApi: Client;
  let receiverApi: Client;
  let debtServiceId: string;
  let coachingId: string;
  const made: { id: string; reference: number }[] = [];
  let page: Page;

  async function signedInClient(email: string): Promise<Client> {
    const b = browserClient(server.app);
    const { response } = await b.client.POST("/auth/login", { body: { email, password: PASSWORD } });
    if (response.status !== 200) throw new Error(`sign-in as ${email} failed: ${response.status}`);
    return b.client;
  }

  async function refer(name: string) {
    const { data: resident } = await senderApi.POST("/residents", {
      body: { organizationId: senderOrg, name, phone: "06-12345678", preferredChannel: "whatsapp", language: "nl" } as never,
    });
    if (!resident) throw new Error("resident not created");
    const { data: consent } = await senderApi.POST("/residents/{residentId}/consents", {
      params: { path: { residentId: resident.id } },
      body: {
        receivingOrganizationId: receiverOrg,
        purpose: "Aanmelding voor schuldhulp",
        dataCategories: ["contact", "request", "debts"],
        method: "mondeling",
        feedbackLevel: "outcome",
        validUntil: new Date(Date.now() + 180 * 86_400_000).toISOString(),
      },
    });
    if (!consent) throw new Error("consent not created");
    const { data: referral, error } = await senderApi.POST("/referrals", {
      body: {
        residentId: resident.id,
        serviceId: debtServiceId,
        lawfulBasis: "consent",
        consentId: consent.id,
        dataCategories: ["contact", "request", "debts"],
        request: REQUEST,
        categoryNotes: { debts: "Ongeveer € 2.500" },
      } as components["schemas"]["ReferralCreate"],
    });
    if (!referral) throw new Error(`referral not created: ${JSON.stringify(error)}`);
    return referral;
  }

  async function walk(referralId: string, steps: components["schemas"]["ReferralTransition"][]) {
    const { data: first } = await receiverApi.GET("/referrals/{referralId}", { params: { path: { referralId } } });
    let version = first?.version ?? 0;
    for (const body of steps) {
      const { data, error } = await receiverApi.POST("/referrals/{referralId}/transitions", {
        params: { path: { referralId }, header: { "if-match": `"${version}"` } },
        body,
      });
      if (!data) throw new Error(`move to ${body.to} failed: ${JSON.stringify(error)}`);
      version = data.version;
    }
  }

  /** Expired by Schakel itself — no actor, reason no_response — as the ladder's last rung does it. */
  async function expire(referralId: string) {
    const ctx = systemContext({
      db: db.db,
      config: { production: false, trustProxy: false, devMailbox: false, webDist: WEB_DIST },
      clock: { now: () => new Date() },
      mailer,
      logger: silentLogger,
      fallbackBaseUrl: baseUrl,
    });
    await withTransaction(ctx, async (tx, txCtx) => {
      const [row] = await tx.select().from(referrals).where(eq(referrals.id, referralId)).for("update");
      if (!row) throw new Error("referral gone");
      await applyMove(txCtx, row, {
        to: "expired",
        at: new Date(),
        actorUserId: null,
        actorOrganizationId: null,
        expiryReason: "no_response",
      });
    });
  }

  let senderOrg: string;
  let receiverOrg: string;

  beforeAll(async () => {
    ensureWebBuild();
    db = await createTestDb();
    server = await startServer({ db: db.db, mailer });
    baseUrl = server.baseUrl;
    const passwordHash = await hashPassword(PASSWORD);
    const sender = await makeOrganization(db.db, {
      name: "Wijkteam (overzicht)",
      kind: "welzijn",
      municipalityCodes: ["GM0202"],
    });
    const receiver = await makeOrganization(db.db, {
      name: "Schuldhulp Oost (overzicht)",
      kind: "schuldhulpverlening",
      municipalityCodes: ["GM0202"],
    });
    senderOrg = sender.id;
    receiverOrg = receiver.id;
    senderEmail = `worker@${sender.slug}.example`;
    const receiverEmail = `worker@${receiver.slug}.example`;
    const adminEmail = `admin@${receiver.slug}.example`;
    await makeMember(db.db, { organizationId: sender.id, role: "worker", passwordHash, email: senderEmail, name: "Wendy Wijk" });
    await makeMember(db.db, { organizationId: receiver.id, role: "worker", passwordHash, email: receiverEmail });
    await makeMember(db.db, { organizationId: receiver.id, role: "admin", passwordHash, email: adminEmail });
    const admin = await signedInClient(adminEmail);
    for (const name of [DEBT_SERVICE, COACHING]) {
      const { data } = await admin.POST("/services", {
        body: {
          organizationId: receiver.id,
          name,
          description: "Hulp bij geld en schulden, voor inwoners van Arnhem.",
          lifeDomains: ["schulden"],
          municipalityCodes: ["GM0202"],
          acceptsReferrals: true,
          responseTargetDays: 5,
        } as components["schemas"]["ServiceCreate"],
      });
      if (!data) throw new Error(`service ${name} not created`);
      if (name === DEBT_SERVICE) debtServiceId = data.id;
      else coachingId = data.id;
    }
    senderApi = await signedInClient(senderEmail);
    receiverApi = await signedInClient(receiverEmail);
    for (const name of RESIDENTS) made.push(await refer(name));
    browser = await startBrowser();
    page = await browser.newPage();
  });

  afterEach(() => {
    expect(browser.cspViolations).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  test(
    "after a completed, a declined-with-suggestion and an expired referral the start page says what changed",
    async () => {
      await page.goto(`${baseUrl}/inloggen`);
      await signIn(page, senderEmail, PASSWORD);
      await page.getByRole("heading", { level: 2, name: "Jullie verstuurde verwijzingen" }).waitFor();
      await page.getByRole("link", { name: "Open (3)" }).waitFor();
      // The first visit is recorded once the counts are in.
      await expect
        .poll(async () => (await senderApi.GET("/me/overview", { params: { query: {} } })).data?.lastVisitAt ?? null)
        .not.toBeNull();

      const [done, declined, expired] = made as [(typeof made)[0], (typeof made)[0], (typeof made)[0]];
      await walk(done.id, [{ to: "accepted" }, { to: "in_contact" }, { to: "completed", outcome: "helped" }]);
      await walk(declined.id, [{ to: "declined", reason: "Past beter bij budgetcoaching", suggestedServiceId: coachingId }]);
      await expire(expired.id);

      await page.goto(`${baseUrl}/`);
      await page.getByText(/hebben 3 verwijzingen een nieuwe status/).waitFor();
      const changed = page.getByRole("list", { name: "Nieuw sinds je vorige bezoek" });
      await changed.waitFor();
      await expect.poll(() => changed.getByRole("listitem").count()).toBe(3);
      const item = (reference: number) => changed.getByRole("listitem").filter({ hasText: `V-${reference}` });
      await expect.poll(() => item(done.reference).textContent()).toContain("Uitkomst: geholpen.");
      expect(await item(done.reference).textContent()).toContain(RESIDENTS[0]);
      expect(await item(done.reference).textContent()).toContain(DEBT_SERVICE);
      expect(await item(expired.reference).textContent()).toContain("De ontvanger heeft niet op tijd gereageerd.");
      expect(await item(expired.reference).textContent()).toContain("Verlopen");
      expect(await item(declined.reference).textContent()).toContain(`De ontvanger stelt ${COACHING} voor.`);
      await snap(page, "so-01-overzicht-gewijzigd");

      // The closed ones, all three, under "Afgesloten"; nothing is late.
      await page.getByRole("link", { name: "Afgesloten (3)" }).click();
      await expect.poll(() => page.getByRole("list", { name: "Afgesloten" }).getByRole("listitem").count()).toBe(3);
      await page.getByRole("link", { name: "Te laat (0)" }).click();
      await page.getByText("Hier staan nu geen verwijzingen.").waitFor();

      // One click from the declined one to the wizard, filled in from it.
      await page.getByRole("link", { name: "Afgewezen met een voorstel (1)" }).click();
      await page.getByRole("link", { name: `Verwijs naar ${COACHING}` }).click();
      await page.getByRole("heading", { level: 1, name: `Verwijzen naar ${COACHING}` }).waitFor();
      await page.getByText(`Dit is een vervolg op verwijzing V-${declined.reference}`).waitFor();
      await page.getByText(/De toestemming van de inwoner geldt ook voor/).waitFor();
      expect(await page.getByLabel("Naam", { exact: true }).inputValue()).toBe(RESIDENTS[1]);
      await snap(page, "so-02-vervolg-wizard");
      for (let step = 0; step < 3; step++) await page.getByRole("button", { name: "Volgende stap" }).click();
      await page.getByRole("heading", { level: 2, name: "Stap 4 van 5: Driegesprek" }).waitFor();
      const wish = page.getByRole("checkbox", { name: "Ik wil een driegesprek" });
      if (await wish.isChecked()) await wish.uncheck();
      await page.getByRole("button", { name: "Volgende stap" }).click();
      await page.getByText(REQUEST).first().waitFor();
      await page.getByRole("button", { name: "Verwijzing versturen" }).click();
      await page.getByText("De verwijzing is verstuurd.").waitFor();
      await page.getByRole("link", { name: "De eerdere verwijzing" }).click();
      await page.getByRole("link", { name: "Bekijk de nieuwe verwijzing" }).waitFor();

      // Reused, not copied: the same resident and consent; no second of either.
      const { data: residents } = await senderApi.GET("/referrals", {
        params: { query: { box: "outbox", status: ["sent"], limit: 10 } },
      });
      expect(residents?.data.map((r) => [r.service.name, r.residentName])).toEqual([[COACHING, RESIDENTS[1]]]);
    },
    TIMEOUT,
  );
});
