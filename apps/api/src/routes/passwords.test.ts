import { randomUUID } from "node:crypto";
import { mailOutbox, passwordResets } from "@schakel/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  browserClient,
  createTestContext,
  type MemoryMailer,
  TEST_ORIGIN,
  TEST_PASSWORD,
  type TestContext,
} from "../test/harness";

let t: TestContext;
let mailer: MemoryMailer;
beforeAll(async () => {
  t = await createTestContext();
  mailer = t.mailer as MemoryMailer;
});
afterAll(() => t.close());

const NEW_PASSWORD = "fiets-lamp-wolk-koffie";
const uniqueAddress = () => `2001:db8:4e5::${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}`;
const browser = () => browserClient(t.app, { address: uniqueAddress() });
type Browser = ReturnType<typeof browser>;

async function login(email: string, password = TEST_PASSWORD) {
  const b = browser();
  const { response } = await b.client.POST("/auth/login", { body: { email, password } });
  return { status: response.status, b };
}

async function worker() {
  const organization = await t.make.organization();
  const { user } = await t.make.member(organization.id, "worker");
  return user;
}

const signedIn = async (b: Browser) => (await b.client.GET("/me")).response.status === 200;

describe("changing one's password", () => {
  test("with the current password: the new one works, the old does not, other sessions end and this one stays", async () => {
    const user = await worker();
    const { b: here } = await login(user.email);
    const { b: elsewhere } = await login(user.email);
    const { response } = await here.client.POST("/me/password-changes", {
      body: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(response.status).toBe(204);
    expect(await signedIn(here)).toBe(true);
    expect(await signedIn(elsewhere)).toBe(false);
    expect((await login(user.email)).status).toBe(401);
    expect((await login(user.email, NEW_PASSWORD)).status).toBe(200);
  });

  test("a wrong current password is 422 on body.currentPassword and changes nothing", async () => {
    const user = await worker();
    const { b } = await login(user.email);
    const { response, error } = await b.client.POST("/me/password-changes", {
      body: { currentPassword: "niet-mijn-wachtwoord", newPassword: NEW_PASSWORD },
    });
    expect(response.status).toBe(422);
    expect(error?.invalidParams?.map((p) => p.name)).toEqual(["body.currentPassword"]);
    expect((await login(user.email)).status).toBe(200);
  });

  test("wrong current passwords are throttled like sign-ins", async () => {
    const user = await worker();
    const { b } = await login(user.email);
    t.clock.advance(1000); // failures count from the last successful sign-in on
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const { response } = await b.client.POST("/me/password-changes", {
        body: { currentPassword: `fout-${i}`, newPassword: NEW_PASSWORD },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([422, 422, 422, 422, 422, 429]);
  });

  test("an easy-to-guess new password is 400 saying why, and the old one stays", async () => {
    const user = await worker();
    const { b } = await login(user.email);
    for (const weak of ["aaaaaaaaaaaa", "wachtwoord123", user.email]) {
      const { response, error } = await b.client.POST("/me/password-changes", {
        body: { currentPassword: TEST_PASSWORD, newPassword: weak },
      });
      expect(response.status).toBe(400);
      expect(error?.invalidParams?.[0]).toMatchObject({ name: "body.newPassword", reason: expect.stringMatching(/raden/) });
    }
    expect((await login(user.email)).status).toBe(200);
  });

  test("signed out it is 401", async () => {
    const { response } = await browser().client.POST("/me/password-changes", {
      body: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(response.status).toBe(401);
  });
});

describe("reset by mail link", () => {
  const mailsTo = (email: string) => mailer.sent.filter((m) => m.to === email);
  const tokenIn = (text: string) => /\/wachtwoord-herstellen#token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? "";
  const request = (email: string) => browser().client.POST("/auth/password-reset-requests", { body: { email } });
  const reset = (token: string, password = NEW_PASSWORD) =>
    browser().client.POST("/auth/password-resets", { body: { token, password } });

  test("the same 202 whether or not the address has an account; a mail only for the account, through the outbox", async () => {
    const user = await worker();
    const unknown = `niemand-${randomUUID()}@test.example`;
    const a = await request(user.email.toUpperCase());
    const b = await request(unknown);
    expect(a.response.status).toBe(202);
    expect(b.response.status).toBe(202);
    expect(await a.response.text()).toBe(await b.response.text());
    expect(mailsTo(unknown)).toHaveLength(0);
    const [mail] = mailsTo(user.email);
    expect(mail?.text).toContain(`${TEST_ORIGIN}/wachtwoord-herstellen#token=`);
    expect(mail?.text).not.toContain(user.name);
    const outbox = await t.db.select().from(mailOutbox).where(eq(mailOutbox.to, user.email));
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.sentAt).not.toBeNull();
    // Only the hash of the token is stored.
    const token = tokenIn(mail?.text ?? "");
    const stored = JSON.stringify(await t.db.select().from(passwordResets).where(eq(passwordResets.userId, user.id)));
    expect(stored).not.toContain(token);
  });

  test("the link sets a new password once and ends every session", async () => {
    const user = await worker();
    const { b: session } = await login(user.email);
    await request(user.email);
    const token = tokenIn(mailsTo(user.email).at(-1)?.text ?? "");
    expect((await reset(token)).response.status).toBe(204);
    expect(await signedIn(session)).toBe(false);
    expect((await login(user.email)).status).toBe(401);
    expect((await login(user.email, NEW_PASSWORD)).status).toBe(200);
    const again = await reset(token, "nog-een-ander-wachtwoord-789");
    expect(again.response.status).toBe(422);
    expect(again.error).toMatchObject({ type: expect.stringMatching(/reset-link-invalid$/) });
  });

  test("the link expires after 30 minutes", async () => {
    const user = await worker();
    await request(user.email);
    const token = tokenIn(mailsTo(user.email).at(-1)?.text ?? "");
    t.clock.advance(30 * 60_000 + 1);
    expect((await reset(token)).response.status).toBe(422);
    expect((await login(user.email)).status).toBe(200);
  });

  test("only the newest link works, and a weak password is refused without using the link up", async () => {
    const user = await worker();
    await request(user.email);
    const first = tokenIn(mailsTo(user.email).at(-1)?.text ?? "");
    await request(user.email);
    const second = tokenIn(mailsTo(user.email).at(-1)?.text ?? "");
    expect((await reset(first)).response.status).toBe(422);
    const weak = await reset(second, "aaaaaaaaaaaa");
    expect(weak.response.status).toBe(400);
    expect(weak.error?.invalidParams?.[0]?.name).toBe("body.password");
    expect((await reset(second)).response.status).toBe(204);
  });

  test("at most three mails an hour per account, still answered 202", async () => {
    const user = await worker();
    for (let i = 0; i < 5; i++) expect((await request(user.email)).response.status).toBe(202);
    expect(mailsTo(user.email)).toHaveLength(3);
  });

  test("a forged token is 422, a malformed one 400", async () => {
    expect((await reset("dit-is-geen-echte-token-hoor")).response.status).toBe(422);
    expect((await reset("kort")).response.status).toBe(400);
  });
});
