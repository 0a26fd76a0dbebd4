// End to end, in a real browser: an admin subscribes the organisation's system to webhooks. The
// hub sends a signed test event to a local receiver this test starts; the secret the page shows
// once verifies it (with the official standardwebhooks package); the webhook is live, and its
// delivery log lists an event recorded afterwards.
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { hashPassword, MemoryMailer, recordWebhookEvent } from "@schakel/api/testing";
import { createTestDb, makeMember, makeOrganization } from "@schakel/db/testing";
import type { Page } from "playwright-core";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { ensureWebBuild, RUN_BROWSER_TESTS, signIn, snap, startBrowser, startServer, warnWithoutChromium } from "./support";

const TIMEOUT = 90_000;
const PASSWORD = "demo-wachtwoord-e2e";

warnWithoutChromium("the webhooks browser test");

describe.runIf(RUN_BROWSER_TESTS)("webhooks, in the browser", () => {
  let browser: Awaited<ReturnType<typeof startBrowser>>;
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let server: Awaited<ReturnType<typeof startServer>>;
  let receiver: http.Server;
  let receiverUrl: string;
  const received: { headers: Record<string, string>; body: string }[] = [];
  let organization: Awaited<ReturnType<typeof makeOrganization>>;
  let adminEmail: string;

  beforeAll(async () => {
    ensureWebBuild();
    db = await createTestDb();
    organization = await makeOrganization(db.db);
    const admin = await makeMember(db.db, {
      organizationId: organization.id,
      role: "admin",
      passwordHash: await hashPassword(PASSWORD),
      email: `admin@${organization.slug}.example`,
    });
    adminEmail = admin.user.email;
    receiver = http.createServer(async (req, res) => {
      let body = "";
      for await (const chunk of req) body += chunk;
      received.push({ headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body });
      res.writeHead(204).end();
    });
    receiver.listen(0, "127.0.0.1");
    await once(receiver, "listening");
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/schakel`;
    server = await startServer({ db: db.db, mailer: new MemoryMailer() });
    browser = await startBrowser();
  });

  afterEach(() => {
    expect(browser.cspViolations).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    receiver?.closeAllConnections();
    receiver?.close();
    await db?.close();
  });

  test(
    "an admin creates a webhook to a local receiver, sees the secret once, sees it live and opens its delivery log",
    async () => {
      const page: Page = await browser.newPage();
      await page.goto(`${server.baseUrl}/inloggen`);
      await signIn(page, adminEmail, PASSWORD);
      await page.getByRole("heading", { level: 1, name: /^Welkom/ }).waitFor();
      await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Organisatie" }).click();
      await page.getByRole("link", { name: /^Webhooks/ }).click();
      await page.getByRole("heading", { level: 1, name: `Webhooks van ${organization.name}` }).waitFor();
      await page.getByText("Er zijn nog geen webhooks. Maak hieronder de eerste.").waitFor();
      await snap(page, "webhooks-01-leeg");

      await page.getByLabel("Naam", { exact: true }).fill("Zaaksysteem");
      await page.getByLabel("Webadres van jullie systeem").fill(receiverUrl);
      await page.getByLabel("Een verwijzing kreeg een nieuwe status").check();
      await page.getByLabel("Een nieuwe verwijzing").check();
      await page.getByRole("button", { name: "Webhook opslaan en testen" }).click();

      await page.getByRole("heading", { name: "Bewaar de geheime sleutel nu" }).waitFor();
      const secret = await page.getByLabel("Geheime sleutel").inputValue();
      expect(secret).toMatch(/^whsec_/);
      await page.getByText(/Het testbericht is aangekomen \(HTTP 204\)/).waitFor();
      // The receiver got the signed test event, and the secret on the page verifies it.
      expect(received).toHaveLength(1);
      const [test] = received;
      expect(new Webhook(secret).verify(test?.body ?? "", test?.headers ?? {})).toMatchObject({
        type: "nl.schakel.webhook.test",
      });
      const item = page.getByRole("list", { name: "Webhooks" }).getByRole("listitem").filter({ hasText: "Zaaksysteem" });
      await expect.poll(() => item.textContent()).toContain("Actief");
      await snap(page, "webhooks-02-sleutel");

      // An event for the organisation, recorded after the webhook went live.
      const referralId = randomUUID();
      await recordWebhookEvent(db.db, {
        type: "nl.schakel.referral.status-changed",
        time: new Date(),
        resourcePath: `/api/v1/referrals/${referralId}`,
        orderingKey: referralId,
        organizationIds: [organization.id],
      });

      await item.getByRole("link", { name: "Zaaksysteem" }).click();
      await page.getByRole("heading", { level: 1, name: "Zaaksysteem" }).waitFor();
      await page.getByRole("heading", { name: /Status: Actief/ }).waitFor();
      const log = page.getByRole("list", { name: "Verzonden berichten" });
      await log.getByRole("listitem").filter({ hasText: "Een verwijzing kreeg een nieuwe status" }).waitFor();
      expect(await log.textContent()).toContain(`/api/v1/referrals/${referralId}`);
      await snap(page, "webhooks-03-log");

      // Shown once: back on the list, the secret is gone and is nowhere on the page.
      await page.getByRole("link", { name: "Terug naar alle webhooks" }).click();
      await page.getByRole("list", { name: "Webhooks" }).waitFor();
      expect(await page.getByLabel("Geheime sleutel").count()).toBe(0);
      expect(await page.content()).not.toContain(secret.slice(6));
    },
    TIMEOUT,
  );
});
