import { mailOutbox } from "@schakel/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { deliverPendingMail, enqueueMail, MAX_MAIL_ATTEMPTS } from "../mail/outbox";
import { createTestContext, type TestContext } from "../test/harness";
import { FlakyMailer } from "../test/referral-world";

const mailer = new FlakyMailer();
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ mailer });
});
afterAll(() => t.close());

/** Runs the outbox at each of the mail's due times while SMTP is down, for `hours`; returns its row. */
async function outage(id: string, hours: number) {
  mailer.failing = true;
  const start = t.clock.now().getTime();
  for (;;) {
    const [row] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    if (!row || row.attempts >= MAX_MAIL_ATTEMPTS || row.nextAttemptAt.getTime() - start > hours * 3_600_000) return row;
    await deliverPendingMail(t.db, mailer, row.nextAttemptAt, { ids: [id] });
  }
}

const letter = (organizationId: string, to = `${crypto.randomUUID().slice(0, 8)}@test.example`) =>
  enqueueMail(t.db, {
    to,
    subject: "Nieuwe verwijzing (V-1)",
    text: "Bekijk de verwijzing: https://schakel.test/verwijzingen/geheim-link",
    kind: "referral-notice",
    organizationId,
    at: t.clock.now(),
  });

describe("happy path", () => {
  test("an SMTP outage of a night and a working day (30 hours) loses no mail: it goes out once SMTP is back", async () => {
    const { organization } = await t.organizationWithStaff();
    const id = await letter(organization.id);
    const row = await outage(id, 30);
    expect(row?.attempts).toBeLessThan(MAX_MAIL_ATTEMPTS);
    mailer.failing = false;
    expect(await deliverPendingMail(t.db, mailer, row?.nextAttemptAt ?? t.clock.now(), { ids: [id] })).toEqual({
      sent: 1,
      failed: 0,
    });
  });

  test("a mail given up on is listed for its organization's admins, without its text, and can be tried again", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const to = `opgegeven-${crypto.randomUUID().slice(0, 8)}@test.example`;
    const id = await letter(organization.id, to);
    const row = await outage(id, 24 * 14);
    expect(row?.attempts).toBe(MAX_MAIL_ATTEMPTS);
    // The retries spanned more than a day.
    expect((row?.nextAttemptAt.getTime() ?? 0) - t.clock.now().getTime()).toBeGreaterThan(36 * 3_600_000);

    const params = { path: { organizationId: organization.id } };
    const listed = await admin.browser.client.GET("/organizations/{organizationId}/failed-mails", { params });
    expect(listed.response.status).toBe(200);
    expect(listed.data?.data).toEqual([
      { id, to, kind: "referral-notice", createdAt: t.clock.now().toISOString(), attempts: MAX_MAIL_ATTEMPTS },
    ]);
    expect(JSON.stringify(listed.data)).not.toMatch(/geheim-link|Nieuwe verwijzing|SMTP/);

    const retryParams = { path: { organizationId: organization.id, mailId: id } };
    const again = await admin.browser.client.POST("/organizations/{organizationId}/failed-mails/{mailId}/retries", {
      params: retryParams,
    });
    expect(again.data).toEqual({ sent: false });
    expect((await admin.browser.client.GET("/organizations/{organizationId}/failed-mails", { params })).data?.data).toHaveLength(
      1,
    );

    mailer.failing = false;
    const sent = await admin.browser.client.POST("/organizations/{organizationId}/failed-mails/{mailId}/retries", {
      params: retryParams,
    });
    expect(sent.data).toEqual({ sent: true });
    expect(mailer.sent.some((m) => m.to === to)).toBe(true);
    expect((await admin.browser.client.GET("/organizations/{organizationId}/failed-mails", { params })).data?.data).toEqual([]);
    // Sent now, so not "given up" any more: a second retry is 404.
    const twice = await admin.browser.client.POST("/organizations/{organizationId}/failed-mails/{mailId}/retries", {
      params: retryParams,
    });
    expect(twice.response.status).toBe(404);
  });
});

describe("what is listed", () => {
  test("an invitation that cannot be delivered is listed for the inviting organization as an invitation", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const to = `uitgenodigd-${crypto.randomUUID().slice(0, 8)}@test.example`;
    mailer.failing = true;
    const invited = await admin.browser.client.POST("/organizations/{organizationId}/members", {
      params: { path: { organizationId: organization.id } },
      body: { name: "Nieuwe Collega", role: "worker", email: to },
    });
    expect(invited.response.status).toBe(201);
    const [row] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.to, to));
    expect(row).toMatchObject({ kind: "invitation", organizationId: organization.id });
    await outage(row?.id ?? "", 24 * 14);
    const listed = await admin.browser.client.GET("/organizations/{organizationId}/failed-mails", {
      params: { path: { organizationId: organization.id } },
    });
    expect(listed.data?.data).toEqual([expect.objectContaining({ to, kind: "invitation" })]);
    mailer.failing = false;
  });
});

describe("authorisation", () => {
  test("a worker gets 403, another organization's admin 404, and neither sees the mail", async () => {
    const { organization, worker } = await t.organizationWithStaff();
    const other = await t.organizationWithStaff();
    const id = await letter(organization.id);
    await outage(id, 24 * 14);

    const params = { path: { organizationId: organization.id } };
    const asWorker = await worker.browser.client.GET("/organizations/{organizationId}/failed-mails", { params });
    expect(asWorker.response.status).toBe(403);
    const asOutsider = await other.admin.browser.client.GET("/organizations/{organizationId}/failed-mails", { params });
    expect(asOutsider.response.status).toBe(404);
    const own = await other.admin.browser.client.GET("/organizations/{organizationId}/failed-mails", {
      params: { path: { organizationId: other.organization.id } },
    });
    expect(own.data?.data).toEqual([]);
    // Retrying another organization's mail through one's own organization is 404 too.
    const forged = await other.admin.browser.client.POST("/organizations/{organizationId}/failed-mails/{mailId}/retries", {
      params: { path: { organizationId: other.organization.id, mailId: id } },
    });
    expect(forged.response.status).toBe(404);
  });
});
