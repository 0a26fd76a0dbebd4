/**
 * The network admin (ADR 0019): adds an organization to the network and invites its first
 * admin. Tried from the outside: only a network admin may; everyone else is 401 or 403.
 */
import { randomUUID } from "node:crypto";
import { mailOutbox, networkAdmins, organizations, seedMunicipalities } from "@schakel/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { browserClient, createTestContext, type MemoryMailer, TEST_ORIGIN, type TestContext } from "../test/harness";

let t: TestContext;
let mailer: MemoryMailer;
beforeAll(async () => {
  t = await createTestContext();
  mailer = t.mailer as MemoryMailer;
  await seedMunicipalities(t.db);
});
afterAll(() => t.close());

const unique = () => randomUUID().slice(0, 8);
const newOrganization = (overrides: Record<string, unknown> = {}) => ({
  name: `Stichting Geldzorg ${unique()}`,
  kind: "schuldhulpverlening" as const,
  municipalityCodes: ["GM0202"],
  isNational: false,
  admin: { name: "Sanne de Vries", email: `eerste-beheerder-${unique()}@test.example` },
  ...overrides,
});

/** A signed-in network admin: a coordinator at the gemeente with the network-admin capability. */
async function networkAdmin() {
  const gemeente = await t.make.organization({ kind: "gemeente" });
  const regie = await t.make.member(gemeente.id, "coordinator");
  await t.db.insert(networkAdmins).values({ userId: regie.user.id });
  return { ...regie, browser: await t.signedIn(regie.user.email) };
}

type Browser = ReturnType<typeof browserClient>;
const create = (b: Browser, body: ReturnType<typeof newOrganization>) => b.client.POST("/organizations", { body });

describe("happy path", () => {
  test("a network admin adds an organization; its first admin gets a one-time link, accepts, and manages it", async () => {
    const regie = await networkAdmin();
    const body = newOrganization();
    const { data, response } = await create(regie.browser, body);
    expect(response.status).toBe(201);
    expect(data?.organization).toMatchObject({ name: body.name, kind: "schuldhulpverlening", municipalityCodes: ["GM0202"] });
    expect(data?.admin).toMatchObject({ email: body.admin.email, name: "Sanne de Vries", role: "admin", status: "invited" });

    // Through the outbox.
    const [queued] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.to, body.admin.email));
    expect(queued?.sentAt).not.toBeNull();
    const mail = mailer.sent.find((m) => m.to === body.admin.email);
    expect(mail?.text).toContain(`${body.name} nodigt je uit voor Schakel, als beheerder.`);
    const token = /uitnodiging#token=([\w-]+)/.exec(mail?.text ?? "")?.[1] ?? "";

    const admin = browserClient(t.app);
    const accepted = await admin.client.POST("/invitation-acceptances", {
      body: { token, password: "een-lang-nieuw-wachtwoord" },
    });
    expect(accepted.response.status).toBe(201);
    expect(accepted.data?.memberships).toEqual([
      { organizationId: data?.organization.id, organizationName: body.name, role: "admin" },
    ]);
    expect(accepted.data?.networkAdmin).toBe(false);
    const members = await admin.client.GET("/organizations/{organizationId}/members", {
      params: { path: { organizationId: data?.organization.id ?? "" } },
    });
    expect(members.response.status).toBe(200);

    // On the public list of the network.
    const shown = await t.anonymous().client.GET("/organizations/{organizationId}", {
      params: { path: { organizationId: data?.organization.id ?? "" } },
    });
    expect(shown.data?.name).toBe(body.name);
  });

  test("/me tells a network admin they are one", async () => {
    const regie = await networkAdmin();
    expect((await regie.browser.client.GET("/me")).data?.networkAdmin).toBe(true);
  });

  test("a national organization needs no municipality", async () => {
    const regie = await networkAdmin();
    const { response } = await create(regie.browser, newOrganization({ municipalityCodes: [], isNational: true }));
    expect(response.status).toBe(201);
  });
});

describe("errors", () => {
  test("a name already taken is 409 naming body.name, and no invitation goes out", async () => {
    const regie = await networkAdmin();
    const first = newOrganization();
    await create(regie.browser, first);
    const again = newOrganization({ name: first.name });
    const { response, error } = await create(regie.browser, again);
    expect(response.status).toBe(409);
    expect(error?.invalidParams?.map((p) => p.name)).toEqual(["body.name"]);
    expect(mailer.sent.some((m) => m.to === again.admin.email)).toBe(false);
  });

  test("an unknown municipality is 422 naming body.municipalityCodes", async () => {
    const regie = await networkAdmin();
    const { response, error } = await create(regie.browser, newOrganization({ municipalityCodes: ["GM9999"] }));
    expect(response.status).toBe(422);
    expect(error?.invalidParams?.map((p) => p.name)).toEqual(["body.municipalityCodes"]);
  });

  test("a bad body lists every bad field in one 400 problem+json", async () => {
    const regie = await networkAdmin();
    const res = await regie.browser.fetch(
      new Request(`${TEST_ORIGIN}/api/v1/organizations`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          name: "Arnhem\nKlik hier",
          kind: "bank",
          municipalityCodes: [],
          isNational: false,
          admin: { name: "Sanne https://evil.example", email: "geen-adres" },
        }),
      }),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as { invalidParams: { name: string }[] };
    expect([...new Set(body.invalidParams.map((p) => p.name))].sort()).toEqual([
      "body.admin.email",
      "body.admin.name",
      "body.kind",
      "body.name",
    ]);
  });
});

describe("authorisation", () => {
  test("anonymous is 401; an organization's admin, worker and coordinator are 403 problem+json; nothing is made", async () => {
    const { organization, admin, worker } = await t.organizationWithStaff();
    const coordinator = await t.make.member(organization.id, "coordinator");
    const cases: [string, Browser, number][] = [
      ["anonymous", t.anonymous(), 401],
      ["admin", admin.browser, 403],
      ["worker", worker.browser, 403],
      ["coordinator", await t.signedIn(coordinator.user.email), 403],
    ];
    for (const [who, b, status] of cases) {
      const body = newOrganization();
      const { response, error } = await create(b, body);
      expect(response.status, who).toBe(status);
      expect(response.headers.get("content-type"), who).toMatch(/^application\/problem\+json/);
      expect(error?.status, who).toBe(status);
      expect(
        mailer.sent.some((m) => m.to === body.admin.email),
        who,
      ).toBe(false);
      expect(await t.db.select().from(organizations).where(eq(organizations.name, body.name)), who).toEqual([]);
    }
  });

  test("taking the capability away ends the right at once, in the same session", async () => {
    const regie = await networkAdmin();
    await t.db.delete(networkAdmins).where(eq(networkAdmins.userId, regie.user.id));
    const { response } = await create(regie.browser, newOrganization());
    expect(response.status).toBe(403);
  });
});
