// Every page of the web app as a visitor meets it: the server answers 404 for addresses the app
// does not have (and the app says so), and 200 for its own.
import { MemoryMailer } from "@schakel/api/testing";
import { createTestDb } from "@schakel/db/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ensureWebBuild, RUN_BROWSER_TESTS, snap, startBrowser, startServer, warnWithoutChromium } from "./support";

const TIMEOUT = 60_000;

warnWithoutChromium("the pages browser test");

describe.runIf(RUN_BROWSER_TESTS)("the web app's addresses, in the browser", () => {
  let browser: Awaited<ReturnType<typeof startBrowser>>;
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    ensureWebBuild();
    db = await createTestDb();
    server = await startServer({ db: db.db, mailer: new MemoryMailer() });
    browser = await startBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  test(
    "an unknown address answers 404 and the page says it does not exist",
    async () => {
      const page = await browser.newPage();
      const response = await page.goto(`${server.baseUrl}/kaart/bestaat-niet/echt-niet`);
      expect(response?.status()).toBe(404);
      await expect.poll(() => page.title()).toBe("Pagina niet gevonden - Schakel");
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Deze pagina bestaat niet");
      await snap(page, "niet-gevonden");
      expect(browser.cspViolations).toEqual([]);
    },
    TIMEOUT,
  );

  test(
    "the app's own addresses answer 200",
    async () => {
      for (const path of ["/kaart", "/inloggen"]) {
        const response = await fetch(`${server.baseUrl}${path}`);
        expect(response.status, path).toBe(200);
      }
    },
    TIMEOUT,
  );
});
