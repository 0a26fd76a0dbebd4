/**
 * `pnpm setup-network`'s work (setUpNetwork): a real installation's first organizations, their
 * first admins' one-time invitations through the outbox, and the first network admin. Runs on
 * both engines (each test its own slugs and addresses); the command itself is tested in
 * apps/api/src/setup-network-command.test.ts.
 */
import { randomUUID } from "node:crypto";
import { mailOutbox, memberships, organizations, users } from "@schakel/db";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { browserClient, createTestContext, type MemoryMailer, type TestContext } from "../../test/harness";
import { importHsds } from "../hsds/import-hsds";
import { type NetworkPlan, NetworkPlanSchema, setUpNetwork } from "./network-setup";

let t: TestContext;
let mailer: MemoryMailer;
beforeAll(async () => {
  t = await createTestContext();
  mailer = t.mailer as MemoryMailer;
});
afterAll(() => t.close());

const unique = () => randomUUID().slice(0, 8);

function planFor() {
  const id = unique();
  const gemeente = `gemeente-test-${id}`;
  const plan = NetworkPlanSchema.parse({
    organizations: [
      {
        slug: gemeente,
        name: `Gemeente Test ${id}`,
        kind: "gemeente",
        municipalityCodes: ["GM0202"],
        admin: { name: "Beheer Gemeente", email: `beheer-${id}@gemeente.example` },
      },
      {
        name: `Schuldhulp Test ${id}`,
        kind: "schuldhulpverlening",
        isNational: true,
        admin: { name: "Beheer Schuldhulp", email: `beheer-${id}@schuldhulp.example` },
      },
    ],
    networkAdmin: { name: "Regie Test", email: `regie-${id}@gemeente.example`, organization: gemeente },
  });
  return { plan, id };
}

const mailsTo = (email: string) => mailer.sent.filter((m) => m.to === email);
const tokenIn = (email: string) => /uitnodiging#token=([\w-]+)/.exec(mailsTo(email).at(-1)?.text ?? "")?.[1] ?? "";

async function accept(email: string) {
  const b = browserClient(t.app);
  const { response, data } = await b.client.POST("/invitation-acceptances", {
    body: { token: tokenIn(email), password: "een-lang-nieuw-wachtwoord" },
  });
  expect(response.status).toBe(201);
  return { browser: b, me: data };
}

describe("happy path", () => {
  test("a plan adds the organizations, invites each first admin and the network admin through the outbox", async () => {
    const { plan, id } = planFor();
    const report = await setUpNetwork(t.serviceContext(), plan);
    expect(report).toMatchObject({ organizationsCreated: 2, invitationsSent: 3 });
    // The report names organizations, never people or addresses.
    expect(report.lines.join("\n")).not.toMatch(/@|Beheer|Regie/);

    const emails = [...plan.organizations.map((o) => o.admin.email), plan.networkAdmin.email];
    const queued = await t.db.select().from(mailOutbox).where(inArray(mailOutbox.to, emails));
    expect(queued).toHaveLength(3);
    expect(queued.every((m) => m.sentAt !== null)).toBe(true);
    for (const email of emails) expect(mailsTo(email)).toHaveLength(1);

    // The gemeente's admin accepts and is its admin; the network admin accepts and is one.
    const gemeenteAdmin = await accept(plan.organizations[0]?.admin.email ?? "");
    expect(gemeenteAdmin.me?.memberships.map((m) => m.role)).toEqual(["admin"]);
    expect(gemeenteAdmin.me?.networkAdmin).toBe(false);
    const regie = await accept(plan.networkAdmin.email);
    expect(regie.me?.memberships.map((m) => [m.organizationName, m.role])).toEqual([[`Gemeente Test ${id}`, "coordinator"]]);
    expect(regie.me?.networkAdmin).toBe(true);

    // And can add an organization later, through the API.
    const later = await regie.browser.client.POST("/organizations", {
      body: {
        name: `Later ${unique()}`,
        kind: "fonds",
        municipalityCodes: [],
        isNational: true,
        admin: { name: "Eerste Beheerder", email: `later-${unique()}@test.example` },
      },
    });
    expect(later.response.status).toBe(201);
  });

  test("running the plan again adds nothing twice: fresh links only for whoever has not accepted", async () => {
    const { plan } = planFor();
    await setUpNetwork(t.serviceContext(), plan);
    const first = plan.organizations[0]?.admin.email ?? "";
    const oldToken = tokenIn(first);
    await accept(plan.organizations[1]?.admin.email ?? "");

    const again = await setUpNetwork(t.serviceContext(), plan);
    expect(again).toMatchObject({ organizationsCreated: 0, invitationsSent: 2 });
    expect(again.lines.some((l) => l.includes("al actief"))).toBe(true);
    const slugs = await t.db
      .select({ slug: organizations.slug })
      .from(organizations)
      .where(
        inArray(
          organizations.name,
          plan.organizations.map((o) => ("name" in o ? o.name : "")),
        ),
      );
    expect(slugs).toHaveLength(2);
    // The old link is void, the new one works.
    expect(tokenIn(first)).not.toBe(oldToken);
    const stale = await browserClient(t.app).client.POST("/invitation-acceptances", {
      body: { token: oldToken, password: "een-lang-nieuw-wachtwoord" },
    });
    expect(stale.response.status).toBe(409);
    await accept(first);
  });

  test("the network admin may be an organization's first admin: one invitation, as admin", async () => {
    const { plan } = planFor();
    const same = { ...plan, networkAdmin: { ...plan.networkAdmin, email: plan.organizations[0]?.admin.email ?? "" } };
    const report = await setUpNetwork(t.serviceContext(), same);
    expect(report.invitationsSent).toBe(2);
    expect(mailsTo(same.networkAdmin.email)).toHaveLength(1);
    const { me } = await accept(same.networkAdmin.email);
    expect(me?.memberships.map((m) => m.role)).toEqual(["admin"]);
    expect(me?.networkAdmin).toBe(true);
  });

  test("organizations may come from an HSDS file; the plan names their first admins by HSDS id", async () => {
    const hsdsId = randomUUID();
    const name = `Stichting Uit HSDS ${unique()}`;
    await importHsds(
      t.db,
      { organizations: [{ id: hsdsId, name, description: "Helpt inwoners met geldzaken." }] },
      { clock: t.clock },
    );
    const id = unique();
    const plan = NetworkPlanSchema.parse({
      organizations: [{ hsdsId, kind: "fonds", admin: { name: "Beheer Fonds", email: `fonds-${id}@test.example` } }],
      networkAdmin: { name: "Regie", email: `regie-${id}@test.example`, organization: hsdsId },
    });
    const report = await setUpNetwork(t.serviceContext(), plan);
    expect(report).toMatchObject({ organizationsCreated: 0, invitationsSent: 2 });
    const [org] = await t.db.select().from(organizations).where(eq(organizations.id, hsdsId));
    expect(org?.kind).toBe("fonds");
    expect(mailsTo(`fonds-${id}@test.example`)[0]?.text).toContain(`${name} nodigt je uit`);
  });
});

describe("errors", () => {
  test("a plan that cannot be carried out changes nothing and sends nothing", async () => {
    const { plan } = planFor();
    const broken: NetworkPlan = { ...plan, networkAdmin: { ...plan.networkAdmin, organization: "bestaat-niet" } };
    await expect(setUpNetwork(t.serviceContext(), broken)).rejects.toThrow(/bestaat-niet/);
    const emails = plan.organizations.map((o) => o.admin.email);
    expect(await t.db.select().from(users).where(inArray(users.email, emails))).toEqual([]);
    expect(await t.db.select().from(mailOutbox).where(inArray(mailOutbox.to, emails))).toEqual([]);
    for (const email of emails) expect(mailsTo(email)).toEqual([]);
  });

  test("the plan's names follow the same rules as the API's", () => {
    const { plan } = planFor();
    const bad = NetworkPlanSchema.safeParse({
      ...plan,
      networkAdmin: { ...plan.networkAdmin, name: "Regie\nKlik op https://evil.example" },
    });
    expect(bad.error?.issues.map((i) => i.path.join("."))).toContain("networkAdmin.name");
    expect(NetworkPlanSchema.safeParse({ ...plan, organizations: [] }).success).toBe(false);
  });

  test("no network admin row is left for a plan that failed", async () => {
    const { plan } = planFor();
    await expect(
      setUpNetwork(t.serviceContext(), { ...plan, networkAdmin: { ...plan.networkAdmin, organization: "weg" } }),
    ).rejects.toThrow();
    const regie = await t.db.select().from(users).where(eq(users.email, plan.networkAdmin.email));
    expect(regie).toEqual([]);
    expect(
      await t.db
        .select()
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(users.email, plan.networkAdmin.email)),
    ).toEqual([]);
  });
});
