import type { AddressInfo } from "node:net";
import { mailOutbox, organizations } from "@schakel/db";
import { eq } from "drizzle-orm";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { silentLogger } from "../lib/logger";
import { browserClient, createTestContext, TEST_ORIGIN, type TestContext } from "../test/harness";
import { RESIDENT, referralWorld } from "../test/referral-world";
import { createSmtpMailer, DevMailbox } from "./mailer";
import { deliverPendingMail } from "./outbox";

const FROM = "Schakel <noreply@schakel.test>";

interface Received {
  envelope: { from: string; to: string[] };
  mail: ParsedMail;
}

/** A real SMTP server on a free local port that keeps what it receives; can be told to refuse. */
async function startSmtpServer() {
  const received: Received[] = [];
  const state = { refuse: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (state.refuse) callback(new Error("mailbox unavailable"));
      else callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            mail,
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let mailer: ReturnType<typeof createSmtpMailer>;
let t: TestContext;

beforeAll(async () => {
  smtp = await startSmtpServer();
  mailer = createSmtpMailer(smtp.url, FROM);
  t = await createTestContext({ mailer });
});
afterAll(async () => {
  mailer.close();
  await t.close();
  await smtp.close();
});

describe("happy path", () => {
  test("createSmtpMailer delivers to a real SMTP server with our sender, subject and text", async () => {
    const before = smtp.received.length;
    await mailer.send({
      to: "ontvanger@test.example",
      subject: "Proef — één bericht",
      text: "Hallo,\n\nDit is een proef: € 12,50.",
    });
    expect(smtp.received.length - before).toBe(1);
    const got = smtp.received.at(-1);
    expect(got?.envelope).toEqual({ from: "noreply@schakel.test", to: ["ontvanger@test.example"] });
    expect(got?.mail.subject).toBe("Proef — één bericht");
    expect(got?.mail.from?.value).toEqual([{ address: "noreply@schakel.test", name: "Schakel" }]);
    const to = Array.isArray(got?.mail.to) ? got?.mail.to[0] : got?.mail.to;
    expect(to?.value.map((a) => a.address)).toEqual(["ontvanger@test.example"]);
    expect(got?.mail.text?.trim()).toBe("Hallo,\n\nDit is een proef: € 12,50.");
    expect(got?.mail.html).toBe(false);
  });

  test("an invitation goes out over SMTP and its link signs the invitee in", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const email = `smtp-${crypto.randomUUID().slice(0, 8)}@test.example`;
    const invited = await admin.browser.client.POST("/organizations/{organizationId}/members", {
      params: { path: { organizationId: organization.id } },
      body: { email, name: "Per Post", role: "worker" },
    });
    expect(invited.response.status).toBe(201);

    const got = smtp.received.find((r) => r.envelope.to.includes(email));
    expect(got).toBeDefined();
    expect(got?.mail.subject).toContain(organization.name);
    expect(got?.mail.text).toContain("Hallo Per Post");
    const token = new RegExp(`${TEST_ORIGIN}/uitnodiging#token=([A-Za-z0-9_-]+)`).exec(got?.mail.text ?? "")?.[1];
    expect(token).toBeTruthy();

    const invitee = browserClient(t.app);
    const accepted = await invitee.client.POST("/invitation-acceptances", {
      body: { token: token ?? "", password: "per-post-ontvangen-wachtwoord" },
    });
    expect(accepted.response.status).toBe(201);
    const me = await invitee.client.GET("/me");
    expect(me.data?.memberships.map((m) => m.organizationId)).toEqual([organization.id]);
  });

  test("a new referral reaches the receiving organization's intake address over SMTP, naming no resident", async () => {
    const w = referralWorld(t);
    const n = await w.network();
    const intake = `intake-${crypto.randomUUID().slice(0, 8)}@test.example`;
    await t.db.update(organizations).set({ intakeEmail: intake }).where(eq(organizations.id, n.receiver.organization.id));
    const { referral } = await w.refer(n);
    const got = smtp.received.filter((r) => r.envelope.to.includes(intake));
    expect(got).toHaveLength(1);
    expect(got[0]?.mail.subject).toMatch(/^Nieuwe verwijzing voor Schulddienstverlening \(V-\d+\)$/);
    expect(got[0]?.mail.text).toContain(`${TEST_ORIGIN}/verwijzingen/${referral.id}`);
    for (const secret of [RESIDENT.name, RESIDENT.phone, RESIDENT.postcode, "zorgverzekeraar"]) {
      expect(`${got[0]?.mail.subject}\n${got[0]?.mail.text}`).not.toContain(secret);
    }
  });

  test("the development mailbox keeps mails in memory, newest first, and never more than its limit", async () => {
    const box = new DevMailbox(FROM, silentLogger, 2);
    await box.send({ to: "a@test.example", subject: "1", text: "een" });
    await box.send({ to: "b@test.example", subject: "2", text: "twee" });
    await box.send({ to: "c@test.example", subject: "3", text: "drie" });
    expect(box.mails.map((m) => m.subject)).toEqual(["3", "2"]);
    expect(box.mails[0]).toMatchObject({ from: FROM, to: "c@test.example" });
  });
});

describe("errors", () => {
  test("a refused delivery rejects; an invitation is still made, and its mail stays in the outbox until the retry delivers it", async () => {
    smtp.state.refuse = true;
    const email = `weigering-${crypto.randomUUID().slice(0, 8)}@test.example`;
    try {
      await expect(mailer.send({ to: "weg@test.example", subject: "x", text: "x" })).rejects.toThrow();

      const { organization, admin } = await t.organizationWithStaff();
      const { response } = await admin.browser.client.POST("/organizations/{organizationId}/members", {
        params: { path: { organizationId: organization.id } },
        body: { email, name: "Niet Bezorgd", role: "worker" },
      });
      expect(response.status).toBe(201);
      const [queued] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.to, email));
      expect(queued).toMatchObject({ sentAt: null, attempts: 1 });
      expect(smtp.received.some((r) => r.envelope.to.includes(email))).toBe(false);
    } finally {
      smtp.state.refuse = false;
    }
    // The outbox's retry (what the mail-outbox job runs), once the backoff has passed, delivers it.
    t.clock.advance(3 * 3_600_000);
    const [row] = await t.db.select({ id: mailOutbox.id }).from(mailOutbox).where(eq(mailOutbox.to, email));
    await deliverPendingMail(t.db, mailer, t.clock.now(), { ids: [row?.id ?? ""] });
    const [sent] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.to, email));
    expect(sent?.sentAt).not.toBeNull();
    expect(smtp.received.some((r) => r.envelope.to.includes(email))).toBe(true);
  });

  test("an unreachable server rejects instead of hanging", async () => {
    const closed = await startSmtpServer();
    await closed.close();
    const dead = createSmtpMailer(closed.url, FROM);
    try {
      await expect(dead.send({ to: "a@test.example", subject: "x", text: "x" })).rejects.toThrow();
    } finally {
      dead.close();
    }
  });
});

describe("authorisation", () => {
  test("/dev/mail is not served unless the development mailbox is switched on", async () => {
    const res = await t.app.request("/dev/mail.json");
    expect(res.status).toBe(404);
  });
});
