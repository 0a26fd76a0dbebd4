import { randomUUID } from "node:crypto";
import { accessLog } from "@schakel/db";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestContext, type MemoryMailer, type TestContext } from "../test/harness";
import { recordAccess } from "./access-log";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const logOf = (organizationId: string) =>
  t.db.select().from(accessLog).where(eq(accessLog.organizationId, organizationId)).orderBy(asc(accessLog.id));

class Rollback extends Error {}

/**
 * Runs a statement in a transaction that is always rolled back, and returns its error (if any).
 * Should the append-only guard ever be missing, the statement still changes nothing, so other
 * test files sharing the PostgreSQL database keep their rows.
 */
async function attempt(statement: ReturnType<typeof sql>): Promise<unknown> {
  let error: unknown;
  try {
    await t.db.transaction(async (tx) => {
      try {
        await tx.execute(statement);
      } catch (err) {
        error = err;
      }
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) error ??= err;
  }
  return error;
}

describe("happy path", () => {
  test("listing, inviting and updating members each write a row naming actor, action and subject", async () => {
    const { organization, admin, worker } = await t.organizationWithStaff();
    const email = `gelogd-${randomUUID().slice(0, 8)}@test.example`;

    const listed = await admin.browser.client.GET("/organizations/{organizationId}/members", {
      params: { path: { organizationId: organization.id } },
    });
    expect(listed.response.status).toBe(200);
    const invited = await admin.browser.client.POST("/organizations/{organizationId}/members", {
      params: { path: { organizationId: organization.id } },
      body: { email, name: "Gelogd Lid", role: "worker" },
    });
    expect(invited.response.status).toBe(201);
    const updated = await admin.browser.client.PATCH("/organizations/{organizationId}/members/{memberId}", {
      params: { path: { organizationId: organization.id, memberId: worker.membership.id } },
      body: { role: "coordinator" },
    });
    expect(updated.response.status).toBe(200);

    const rows = await logOf(organization.id);
    expect(rows.map((r) => r.action)).toEqual(["member.list", "member.invite", "member.update"]);
    for (const row of rows) {
      expect(row.actorUserId).toBe(admin.user.id);
      expect(row.actorOrganizationId).toBe(organization.id);
      expect(row.at.getTime()).toBe(t.clock.now().getTime());
    }
    expect(rows[0]).toMatchObject({ subjectType: "organization", subjectId: organization.id });
    expect(rows[1]).toMatchObject({ subjectType: "member", subjectId: invited.data?.id });
    expect(rows[2]).toMatchObject({
      subjectType: "member",
      subjectId: worker.membership.id,
      details: { role: { from: "worker", to: "coordinator" }, status: { from: "active", to: "active" } },
    });
  });

  test("re-inviting and accepting are logged too", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const email = `gelogd-${randomUUID().slice(0, 8)}@test.example`;
    const body = { email, name: "Twee Keer", role: "worker" as const };
    const path = { params: { path: { organizationId: organization.id } }, body };
    await admin.browser.client.POST("/organizations/{organizationId}/members", path);
    await admin.browser.client.POST("/organizations/{organizationId}/members", path);
    const mail = (t.mailer as MemoryMailer).sent.filter((m) => m.to === email).at(-1);
    const token = /#token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? "")?.[1] ?? "";
    const accepted = await t
      .anonymous()
      .client.POST("/invitation-acceptances", { body: { token, password: "een-lang-wachtwoord" } });
    expect(accepted.response.status).toBe(201);

    const rows = await logOf(organization.id);
    expect(rows.map((r) => r.action)).toEqual(["member.invite", "member.reinvite", "invitation.accept"]);
    expect(rows[2]?.actorUserId).toBe(accepted.data?.user.id);
  });

  test("refused requests write nothing", async () => {
    const { organization, worker } = await t.organizationWithStaff();
    const other = await t.organizationWithStaff();
    await worker.browser.client.GET("/organizations/{organizationId}/members", {
      params: { path: { organizationId: organization.id } },
    });
    await other.admin.browser.client.GET("/organizations/{organizationId}/members", {
      params: { path: { organizationId: organization.id } },
    });
    expect(await logOf(organization.id)).toEqual([]);
  });
});

describe("errors", () => {
  async function organizationWithLog() {
    const organization = await t.make.organization();
    const { user } = await t.make.member(organization.id, "admin");
    await recordAccess(t.db, {
      at: new Date(),
      actorUserId: user.id,
      action: "member.list",
      subjectType: "organization",
      subjectId: organization.id,
      organizationId: organization.id,
    });
    expect(await logOf(organization.id)).toHaveLength(1);
    return organization;
  }

  test("UPDATE on access_log is refused by the database", async () => {
    const organization = await organizationWithLog();
    const error = await attempt(sql`update access_log set action = 'x' where organization_id = ${organization.id}`);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error & { cause?: unknown }).cause ?? error)).toMatch(/append-only/);
    expect((await logOf(organization.id))[0]?.action).toBe("member.list");
  });

  test("UPDATE of the whole table is refused too", async () => {
    await organizationWithLog();
    expect(await attempt(sql`update access_log set action = 'x'`)).toBeInstanceOf(Error);
  });

  test("DELETE on access_log is refused by the database", async () => {
    const organization = await organizationWithLog();
    expect(await attempt(sql`delete from access_log where organization_id = ${organization.id}`)).toBeInstanceOf(Error);
    expect(await attempt(sql`delete from access_log`)).toBeInstanceOf(Error);
    expect(await logOf(organization.id)).toHaveLength(1);
  });

  test("TRUNCATE on access_log is refused by the database", async () => {
    const organization = await organizationWithLog();
    expect(await attempt(sql`truncate access_log`)).toBeInstanceOf(Error);
    expect(await logOf(organization.id)).toHaveLength(1);
  });

  test("the guard is in the database itself, not in the app: drizzle's own update and delete fail as well", async () => {
    const organization = await organizationWithLog();
    let updateError: unknown;
    let deleteError: unknown;
    try {
      await t.db.transaction(async (tx) => {
        await tx.update(accessLog).set({ reason: "weg" }).where(eq(accessLog.organizationId, organization.id));
      });
    } catch (err) {
      updateError = err;
    }
    try {
      await t.db.transaction(async (tx) => {
        await tx.delete(accessLog).where(eq(accessLog.organizationId, organization.id));
      });
    } catch (err) {
      deleteError = err;
    }
    expect(updateError).toBeInstanceOf(Error);
    expect(deleteError).toBeInstanceOf(Error);
    expect(await logOf(organization.id)).toHaveLength(1);
  });
});

describe("authorisation", () => {
  test("inserting is allowed: the log is append-only, not read-only", async () => {
    const organization = await t.make.organization();
    await recordAccess(t.db, [
      { at: new Date(), actorUserId: null, action: "a", subjectType: "organization", organizationId: organization.id },
      { at: new Date(), actorUserId: null, action: "b", subjectType: "organization", organizationId: organization.id },
    ]);
    expect((await logOf(organization.id)).map((r) => r.action)).toEqual(["a", "b"]);
  });
});
