// End to end, in a real browser: an organization's admin makes a koppeling (API token, ADR 0028),
// sees the token once, a partner system uses it with fetch against the real API, the admin
// revokes it and the next use is refused. The server is the real app on PGlite or on
// DATABASE_URL's PostgreSQL.
import { hashPassword, MemoryMailer } from "@schakel/api/testing";
import { createTestDb, makeMember, makeOrganization } from "@schakel/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { ensureWebBuild, RUN_BROWSER_TESTS, signIn, snap, startBrowser, startServer, warnWithoutChromium } from "./support";

const TIMEOUT = 60_000;
const PASSWORD = "koppeling-wachtwoord-e2e";

warnWithoutChromium("the API token browser test");

describe.runIf(RUN_BROWSER_TESTS)("a koppeling (API token), in the browser", () => {
  let browser: Awaited<ReturnType<typeof startBrowser>>;
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let server: Awaited<ReturnType<typeof startServer>>;
  let admin: { email: string };

  beforeAll(async () => {
    ensureWebBuild();
    db = await createTestDb();
    const passwordHash = await hashPassword(PASSWORD);
    const organization = await makeOrganization(db.db, { kind: "schuldhulpverlening", name: "Plangroep E2E" });
    const member = await makeMember(db.db, { organizationId: organization.id, role: "admin", passwordHash });
    admin = { email: member.user.email };
    server = await startServer({ db: db.db, mailer: new MemoryMailer() });
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

  const inbox = (token: string) =>
    fetch(`${server.baseUrl}/api/v1/referrals?box=inbox`, { headers: { Authorization: `Bearer ${token}` } });

  test(
    "the admin creates a token, sees it once, a system uses it, the admin revokes it and the next use is 401",
    async () => {
      const page = await browser.newPage();
      await page.goto(`${server.baseUrl}/inloggen`);
      await signIn(page, admin.email, PASSWORD);
      await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Organisatie" }).click();
      await page.getByRole("link", { name: /Koppelingen \(API-tokens\)/ }).click();
      await page.getByRole("heading", { level: 1, name: "Koppelingen van Plangroep E2E" }).waitFor();
      expect(await page.title()).toBe("Koppelingen - Schakel");
      await page.getByText("Er zijn nog geen koppelingen.", { exact: false }).waitFor();
      await snap(page, "koppelingen-leeg");

      await page.getByLabel("Naam van de koppeling").fill("Zaaksysteem Plangroep");
      await page.getByRole("checkbox", { name: /Verwijzingen lezen/ }).check();
      await page.getByRole("button", { name: "Koppeling maken" }).click();

      const field = page.getByRole("textbox", { name: "API-token" });
      await field.waitFor();
      await page.getByRole("heading", { level: 2, name: "Het API-token voor Zaaksysteem Plangroep" }).waitFor();
      const token = await field.inputValue();
      expect(token).toMatch(/^skl_/);
      await page.getByText("Je ziet het maar één keer.").waitFor();
      await snap(page, "koppelingen-token-eenmalig");

      // The partner system, with the token alone.
      const used = await inbox(token);
      expect(used.status).toBe(200);
      expect(((await used.json()) as { data: unknown[] }).data).toEqual([]);

      await page.getByRole("button", { name: "Ik heb het token bewaard" }).click();
      await expect.poll(() => page.getByRole("textbox", { name: "API-token" }).count()).toBe(0);
      // Reloaded, the page knows only the prefix.
      await page.reload();
      const item = page.getByRole("listitem", { name: /Zaaksysteem Plangroep/ });
      await item.waitFor();
      expect(await page.content()).not.toContain(token);
      await expect.poll(() => item.textContent()).toContain(token.slice(0, 12));

      await item.getByRole("button", { name: "Intrekken Zaaksysteem Plangroep" }).click();
      await item.getByRole("button", { name: "Bevestigen: Zaaksysteem Plangroep intrekken" }).click();
      await page.getByText("De koppeling Zaaksysteem Plangroep is ingetrokken. Het token werkt niet meer.").waitFor();
      await expect.poll(() => item.textContent()).toContain("(Ingetrokken)");
      await snap(page, "koppelingen-ingetrokken");

      const refused = await inbox(token);
      expect(refused.status).toBe(401);
      expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(refused.headers.get("content-type")).toBe("application/problem+json");
    },
    TIMEOUT,
  );
});
