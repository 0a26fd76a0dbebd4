// Nothing typed is lost (issue 7, item 4), in a real browser: the Verwijzen wizard keeps its input
// over a reload (a draft in the tab, ADR 0015), asks before a link leaves it, and when the session
// ends under it, a sign-in dialog opens over the page and the page goes on where it was.
import { browserClient, hashPassword, MemoryMailer } from "@schakel/api/testing";
import type { components } from "@schakel/api-client";
import { sessions, users } from "@schakel/db";
import { createTestDb, makeMember, makeOrganization } from "@schakel/db/testing";
import { eq, inArray } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { ensureWebBuild, RUN_BROWSER_TESTS, signIn, snap, startBrowser, startServer, warnWithoutChromium } from "./support";

const TIMEOUT = 90_000;
const PASSWORD = "wachtwoord-voor-niets-kwijt";
const RESIDENT = "Noor Bakker";

warnWithoutChromium("the nothing-lost browser test");

describe.runIf(RUN_BROWSER_TESTS)("nothing typed is lost, in the browser", () => {
  let browser: Awaited<ReturnType<typeof startBrowser>>;
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let server: Awaited<ReturnType<typeof startServer>>;
  let workerEmail: string;
  let serviceId: string;

  beforeAll(async () => {
    ensureWebBuild();
    db = await createTestDb();
    server = await startServer({ db: db.db, mailer: new MemoryMailer() });
    const passwordHash = await hashPassword(PASSWORD);
    const receiver = await makeOrganization(db.db, { name: "Schuldhulp Niets Kwijt", kind: "schuldhulpverlening" });
    const sender = await makeOrganization(db.db, { name: "Wijkteam Niets Kwijt" });
    const admin = await makeMember(db.db, { organizationId: receiver.id, role: "admin", passwordHash });
    const worker = await makeMember(db.db, { organizationId: sender.id, role: "worker", passwordHash });
    workerEmail = worker.user.email;
    const adminApi = browserClient(server.app);
    await adminApi.client.POST("/auth/login", { body: { email: admin.user.email, password: PASSWORD } });
    const { data: service } = await adminApi.client.POST("/services", {
      body: {
        organizationId: receiver.id,
        name: "Schuldhulp zonder kwijtraken",
        description: "Hulp bij het oplossen van schulden.",
        lifeDomains: ["schulden"],
        municipalityCodes: ["GM0202"],
        acceptsReferrals: true,
        responseTargetDays: 5,
      } as components["schemas"]["ServiceCreate"],
    });
    if (!service) throw new Error("service not created");
    serviceId = service.id;
    browser = await startBrowser();
  }, 180_000);

  afterEach(() => {
    expect(browser.cspViolations).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  async function startWizard(): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/inloggen`);
    await signIn(page, workerEmail, PASSWORD);
    await page.getByRole("heading", { level: 1, name: /^Welkom/ }).waitFor();
    await page.goto(`${server.baseUrl}/kaart/diensten/${serviceId}/verwijzen`);
    await page.getByRole("heading", { level: 2, name: /^Stap 1 van \d: Inwoner/ }).waitFor();
    await page.getByLabel("Naam", { exact: true }).fill(RESIDENT);
    return page;
  }

  test(
    "a reload keeps what was typed; a link out of the wizard asks first, and Blijven stays",
    async () => {
      const page = await startWizard();
      // Saved shortly after typing (a draft in this tab's sessionStorage, never in the address).
      await page.waitForTimeout(800);
      expect(page.url()).not.toContain("Noor");
      await page.reload();
      await page.getByRole("heading", { level: 2, name: /^Stap 1 van \d: Inwoner/ }).waitFor();
      expect(await page.getByLabel("Naam", { exact: true }).inputValue()).toBe(RESIDENT);

      await page.getByRole("navigation").getByRole("link", { name: "Verwijzingen" }).click();
      const dialog = page.getByRole("dialog", { name: "Wil je deze pagina verlaten?" });
      await dialog.waitFor();
      await snap(page, "niets-kwijt-01-verlaten");
      await dialog.getByRole("button", { name: "Blijven" }).click();
      await dialog.waitFor({ state: "hidden" });
      expect(new URL(page.url()).pathname).toBe(`/kaart/diensten/${serviceId}/verwijzen`);
      expect(await page.getByLabel("Naam", { exact: true }).inputValue()).toBe(RESIDENT);

      await page.getByRole("navigation").getByRole("link", { name: "Verwijzingen" }).click();
      await dialog.getByRole("button", { name: "Pagina verlaten" }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe("/verwijzingen");
    },
    TIMEOUT,
  );

  test(
    "when the session ends under the wizard, a sign-in dialog opens over it and the wizard goes on with what was typed",
    async () => {
      const page = await startWizard();
      // The session ends on the server (as after 30 minutes idle, or an admin deactivating and
      // reactivating someone); the next request the page makes learns it.
      const [user] = await db.db.select({ id: users.id }).from(users).where(eq(users.email, workerEmail));
      await db.db.delete(sessions).where(inArray(sessions.userId, [user?.id ?? ""]));
      await page.getByRole("button", { name: "Meldingen" }).click();

      const dialog = page.getByRole("dialog", { name: "Je bent uitgelogd" });
      await dialog.waitFor();
      await snap(page, "niets-kwijt-02-opnieuw-inloggen");
      await dialog.getByLabel("Wachtwoord").fill("niet het wachtwoord");
      await dialog.getByRole("button", { name: "Inloggen", exact: true }).click();
      await dialog
        .getByText(/horen niet bij elkaar|klopt niet|onjuist/i)
        .first()
        .waitFor();
      await dialog.getByLabel("Wachtwoord").fill(PASSWORD);
      await dialog.getByRole("button", { name: "Inloggen", exact: true }).click();
      await dialog.waitFor({ state: "hidden" });

      expect(new URL(page.url()).pathname).toBe(`/kaart/diensten/${serviceId}/verwijzen`);
      expect(await page.getByLabel("Naam", { exact: true }).inputValue()).toBe(RESIDENT);
      // The page works again: the notifications load with the new session.
      await page.getByRole("heading", { name: "Meldingen" }).waitFor();
    },
    TIMEOUT,
  );
});
