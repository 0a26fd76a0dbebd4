import { randomUUID } from "node:crypto";
import { sessions, totpFactors } from "@schakel/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { totpCode } from "../auth/totp";
import { browserClient, createTestContext, TEST_PASSWORD, type TestContext } from "../test/harness";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ config: { requireSecondFactor: true } });
});
afterAll(() => t.close());

const STEP = 30_000;
const uniqueAddress = () => `2001:db8:2fa::${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}`;
const browser = () => browserClient(t.app, { address: uniqueAddress() });
type Browser = ReturnType<typeof browser>;

async function login(b: Browser, email: string, password = TEST_PASSWORD) {
  return b.client.POST("/auth/login", { body: { email, password } });
}

/** An admin (who must have a second factor) of a fresh organization, signed in with the password only. */
async function admin() {
  const organization = await t.make.organization();
  const { user } = await t.make.member(organization.id, "admin");
  const b = browser();
  expect((await login(b, user.email)).response.status).toBe(200);
  return { organization, user, b };
}

/** Sets up the authenticator app for the signed-in browser: the secret and the recovery codes. */
async function enrol(b: Browser) {
  const start = await b.client.POST("/me/totp-enrolments");
  expect(start.response.status).toBe(201);
  const secret = start.data?.secret ?? "";
  const confirm = await b.client.POST("/me/totp-confirmations", { body: { code: totpCode(secret, t.clock.now()) } });
  expect(confirm.response.status).toBe(201);
  t.clock.advance(STEP); // the confirming code's step is used up
  return { secret, recoveryCodes: confirm.data?.recoveryCodes ?? [] };
}

describe("enrolment", () => {
  test("an admin without a factor can do nothing but set one up; /me says so", async () => {
    const { organization, b } = await admin();
    const me = await b.client.GET("/me");
    expect(me.data?.secondFactor).toEqual({ enabled: false, required: true, recoveryCodesLeft: 0 });
    const members = await b.client.GET("/organizations/{organizationId}/members", {
      params: { path: { organizationId: organization.id } },
    });
    expect(members.response.status).toBe(403);
    expect(members.error).toMatchObject({ type: expect.stringMatching(/second-factor-required$/) });

    const { secret, recoveryCodes } = await enrol(b);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const after = await b.client.GET("/organizations/{organizationId}/members", {
      params: { path: { organizationId: organization.id } },
    });
    expect(after.response.status).toBe(200);
    expect((await b.client.GET("/me")).data?.secondFactor).toEqual({ enabled: true, required: true, recoveryCodesLeft: 10 });
  });

  test("the enrolment answer carries an otpauth URI for the QR code; the secret is never returned again", async () => {
    const { user, b } = await admin();
    const start = await b.client.POST("/me/totp-enrolments");
    const uri = new URL(start.data?.otpauthUri ?? "");
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(start.data?.secret);
    expect(uri.searchParams.get("issuer")).toBe("Schakel");
    expect(decodeURIComponent(uri.pathname)).toContain(user.email);
    const confirm = await b.client.POST("/me/totp-confirmations", {
      body: { code: totpCode(start.data?.secret ?? "", t.clock.now()) },
    });
    expect(JSON.stringify(confirm.data)).not.toContain(start.data?.secret);
    const again = await b.client.POST("/me/totp-enrolments");
    expect(again.response.status).toBe(409);
    expect(JSON.stringify(again.error)).not.toContain(start.data?.secret);
    expect(JSON.stringify((await b.client.GET("/me")).data)).not.toContain(start.data?.secret);
  });

  test("a wrong first code does not confirm the factor", async () => {
    const { b } = await admin();
    const start = await b.client.POST("/me/totp-enrolments");
    const wrong = (Number(totpCode(start.data?.secret ?? "", t.clock.now())) + 1) % 1_000_000;
    const confirm = await b.client.POST("/me/totp-confirmations", { body: { code: String(wrong).padStart(6, "0") } });
    expect(confirm.response.status).toBe(422);
    expect((await b.client.GET("/me")).data?.secondFactor.enabled).toBe(false);
    const bad = await b.client.POST("/me/totp-confirmations", { body: { code: "12ab56" } });
    expect(bad.response.status).toBe(400);
  });

  test("confirming the factor ends the user's other (password-only) sessions", async () => {
    const { user, b } = await admin();
    const other = browser();
    await login(other, user.email);
    expect((await other.client.GET("/me")).response.status).toBe(200);
    await enrol(b);
    expect((await other.client.GET("/me")).response.status).toBe(401);
    expect((await b.client.GET("/me")).response.status).toBe(200);
  });

  test("a worker needs no factor, unless the organisation requires it", async () => {
    const organization = await t.make.organization();
    const { user: adminUser } = await t.make.member(organization.id, "admin");
    const { user } = await t.make.member(organization.id, "worker");
    const w = browser();
    await login(w, user.email);
    expect((await w.client.GET("/me")).data?.secondFactor).toMatchObject({ enabled: false, required: false });
    expect((await w.client.GET("/notifications")).response.status).toBe(200);

    const a = browser();
    await login(a, adminUser.email);
    await enrol(a);
    const settings = await a.client.PATCH("/organizations/{organizationId}/settings", {
      params: { path: { organizationId: organization.id } },
      body: { intakeEmail: null, requireWorkerSecondFactor: true },
    });
    expect(settings.response.status).toBe(200);
    expect(settings.data?.requireWorkerSecondFactor).toBe(true);

    expect((await w.client.GET("/me")).data?.secondFactor).toMatchObject({ enabled: false, required: true });
    expect((await w.client.GET("/notifications")).response.status).toBe(403);
    await enrol(w);
    expect((await w.client.GET("/notifications")).response.status).toBe(200);
  });

  test("a worker may set up a factor without being required to, and then signs in with it", async () => {
    const organization = await t.make.organization();
    const { user } = await t.make.member(organization.id, "worker");
    const w = browser();
    await login(w, user.email);
    const { secret } = await enrol(w);
    const fresh = browser();
    expect((await login(fresh, user.email)).response.status).toBe(202);
    const code = await fresh.client.POST("/auth/second-factor-verifications", {
      body: { code: totpCode(secret, t.clock.now()) },
    });
    expect(code.response.status).toBe(200);
  });
});

describe("two-step sign-in", () => {
  test("with a factor, the password gives only a half-session; the code makes it full, under a new token", async () => {
    const { organization, user, b } = await admin();
    const { secret } = await enrol(b);
    const fresh = browser();
    const first = await login(fresh, user.email);
    expect(first.response.status).toBe(202);
    expect(first.data).toEqual({ secondFactorRequired: true });
    const halfToken = fresh.jar.get("schakel_session");
    expect(halfToken).toBeTruthy();
    // The half-session is nobody: no /me, no members, no session status.
    expect((await fresh.client.GET("/me")).response.status).toBe(401);
    expect((await fresh.client.GET("/auth/session")).response.status).toBe(401);
    expect(
      (
        await fresh.client.GET("/organizations/{organizationId}/members", {
          params: { path: { organizationId: organization.id } },
        })
      ).response.status,
    ).toBe(401);
    expect((await fresh.client.POST("/me/totp-enrolments")).response.status).toBe(401);

    const done = await fresh.client.POST("/auth/second-factor-verifications", {
      body: { code: totpCode(secret, t.clock.now()) },
    });
    expect(done.response.status).toBe(200);
    expect(done.data?.user.email).toBe(user.email);
    expect(fresh.jar.get("schakel_session")).not.toBe(halfToken);
    const stale = browser();
    stale.jar.set("schakel_session", halfToken ?? "");
    expect((await stale.client.GET("/me")).response.status).toBe(401);
    expect((await fresh.client.GET("/me")).response.status).toBe(200);
  });

  test("a code is accepted once: the same code again (a replay) is refused, the next one works", async () => {
    const { user, b } = await admin();
    const { secret } = await enrol(b);
    const code = totpCode(secret, t.clock.now());
    const one = browser();
    await login(one, user.email);
    expect((await one.client.POST("/auth/second-factor-verifications", { body: { code } })).response.status).toBe(200);
    const two = browser();
    await login(two, user.email);
    const replay = await two.client.POST("/auth/second-factor-verifications", { body: { code } });
    expect(replay.response.status).toBe(401);
    expect(replay.error).toMatchObject({ type: expect.stringMatching(/invalid-second-factor$/) });
    // Nor an older one from the window before.
    const older = await two.client.POST("/auth/second-factor-verifications", {
      body: { code: totpCode(secret, new Date(t.clock.now().getTime() - STEP)) },
    });
    expect(older.response.status).toBe(401);
    t.clock.advance(STEP);
    const next = await two.client.POST("/auth/second-factor-verifications", { body: { code: totpCode(secret, t.clock.now()) } });
    expect(next.response.status).toBe(200);
  });

  test("two requests with the same code at once: only one gets in", async () => {
    const { user, b } = await admin();
    const { secret } = await enrol(b);
    const code = totpCode(secret, t.clock.now());
    const browsers = [browser(), browser(), browser()];
    for (const x of browsers) await login(x, user.email);
    const answers = await Promise.all(
      browsers.map((x) => x.client.POST("/auth/second-factor-verifications", { body: { code } })),
    );
    expect(answers.map((a) => a.response.status).sort()).toEqual([200, 401, 401]);
  });

  test("wrong codes are throttled; after that even the right code waits", async () => {
    const { user, b } = await admin();
    const { secret } = await enrol(b);
    const x = browser();
    await login(x, user.email);
    const right = totpCode(secret, t.clock.now());
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, "0");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await x.client.POST("/auth/second-factor-verifications", { body: { code: wrong } })).response.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    expect((await x.client.POST("/auth/second-factor-verifications", { body: { code: right } })).response.status).toBe(429);
  });

  test("the half-session ends after 5 minutes", async () => {
    const { user, b } = await admin();
    const { secret } = await enrol(b);
    const x = browser();
    await login(x, user.email);
    t.clock.advance(5 * 60_000 + 1);
    const late = await x.client.POST("/auth/second-factor-verifications", { body: { code: totpCode(secret, t.clock.now()) } });
    expect(late.response.status).toBe(401);
  });

  test("a code without a half-session is 401, and a sign-in with a wrong password gives none", async () => {
    const { user, b } = await admin();
    await enrol(b);
    const x = browser();
    expect((await login(x, user.email, "verkeerd-wachtwoord")).response.status).toBe(401);
    expect(x.jar.size).toBe(0);
    expect((await x.client.POST("/auth/second-factor-verifications", { body: { code: "123456" } })).response.status).toBe(401);
    const both = await x.client.POST("/auth/second-factor-verifications", {
      body: { code: "123456", recoveryCode: "abcd-efgh-jkmn" },
    });
    expect(both.response.status).toBe(400);
  });
});

describe("recovery codes", () => {
  test("each recovery code signs in once, stored only as a hash", async () => {
    const { user, b } = await admin();
    const { recoveryCodes } = await enrol(b);
    const [first = "", second = ""] = recoveryCodes;
    const x = browser();
    await login(x, user.email);
    // Typed in capitals with spaces, as a person might.
    const typed = ` ${first.toUpperCase().replace(/-/g, " ")} `;
    expect((await x.client.POST("/auth/second-factor-verifications", { body: { recoveryCode: typed } })).response.status).toBe(
      200,
    );
    expect((await x.client.GET("/me")).data?.secondFactor.recoveryCodesLeft).toBe(9);
    const y = browser();
    await login(y, user.email);
    expect((await y.client.POST("/auth/second-factor-verifications", { body: { recoveryCode: first } })).response.status).toBe(
      401,
    );
    expect((await y.client.POST("/auth/second-factor-verifications", { body: { recoveryCode: second } })).response.status).toBe(
      200,
    );
    const stored = JSON.stringify(await t.db.query.recoveryCodes.findMany());
    for (const code of recoveryCodes) expect(stored).not.toContain(code);
  });

  test("regenerating needs a current code and voids the old recovery codes", async () => {
    const { user, b } = await admin();
    const { secret, recoveryCodes } = await enrol(b);
    expect((await b.client.POST("/me/recovery-codes", { body: { code: "000000" } })).response.status).toBe(422);
    const fresh = await b.client.POST("/me/recovery-codes", { body: { code: totpCode(secret, t.clock.now()) } });
    expect(fresh.response.status).toBe(201);
    expect(fresh.data?.recoveryCodes).toHaveLength(10);
    const x = browser();
    await login(x, user.email);
    expect(
      (await x.client.POST("/auth/second-factor-verifications", { body: { recoveryCode: recoveryCodes[0] ?? "" } })).response
        .status,
    ).toBe(401);
    expect(
      (await x.client.POST("/auth/second-factor-verifications", { body: { recoveryCode: fresh.data?.recoveryCodes[0] ?? "" } }))
        .response.status,
    ).toBe(200);
  });
});

describe("storage", () => {
  test("the half-session is marked in the database and the secret stays server-side", async () => {
    const { user, b } = await admin();
    const { secret } = await enrol(b);
    const x = browser();
    await login(x, user.email);
    const rows = await t.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows.filter((r) => r.awaitingSecondFactor)).toHaveLength(1);
    const [factor] = await t.db.select().from(totpFactors).where(eq(totpFactors.userId, user.id));
    expect(factor?.secret).toBe(secret);
  });
});
