import { randomUUID } from "node:crypto";
import type { components } from "@schakel/api-client";
import { municipalities, services } from "@schakel/db";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type browserClient, createTestContext, type TestContext } from "../test/harness";

type ServiceCreate = components["schemas"]["ServiceCreate"];
type Browser = ReturnType<typeof browserClient>;

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

/** A made-up word no other test uses: keeps searches apart on a shared database. */
const word = (stem: string) =>
  `${stem}${randomUUID()
    .replace(/[^a-f]/g, "")
    .slice(0, 6)
    .padEnd(6, "q")}`;

function serviceBody(organizationId: string, overrides: Partial<ServiceCreate> = {}): ServiceCreate {
  return {
    organizationId,
    name: "Hulp bij geldzaken",
    description: "Een medewerker helpt met het overzicht van inkomsten en uitgaven.",
    lifeDomains: ["financien"],
    municipalityCodes: ["GM0202"],
    acceptsReferrals: true,
    ...overrides,
  } as ServiceCreate;
}

async function create(admin: Browser, body: ServiceCreate) {
  const { data, response, error } = await admin.client.POST("/services", { body });
  if (response.status !== 201 || !data) throw new Error(`create failed: ${response.status} ${JSON.stringify(error)}`);
  return data;
}

function search(query: Record<string, string | number | boolean | string[]>) {
  return t.anonymous().client.GET("/services", { params: { query: query as never } });
}

describe("happy path", () => {
  test("an admin adds a service; anyone can read it with its organization and contact routes", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const created = await create(
      admin.browser,
      serviceBody(organization.id, {
        contactChannels: [
          { kind: "telefoon", value: "06-12345678", note: "Op werkdagen" },
          { kind: "email", value: "hulp@example.org" },
        ],
        ageMin: 18,
        ageMax: 27,
        postcodeRanges: [{ from: 6811, to: 6846 }],
      }),
    );
    expect(created).toMatchObject({
      name: "Hulp bij geldzaken",
      responseTargetDays: 5,
      status: "active",
      ageMin: 18,
      ageMax: 27,
    });
    expect(created.lastVerifiedAt).toBe(t.clock.now().toISOString());
    expect(created.postcodeRanges).toEqual([{ from: 6811, to: 6846 }]);

    const { data, response } = await t
      .anonymous()
      .client.GET("/services/{serviceId}", { params: { path: { serviceId: created.id } } });
    expect(response.status).toBe(200);
    expect(data?.organization).toEqual({ id: organization.id, name: organization.name, slug: organization.slug });
    expect(data?.contactChannels).toEqual([
      { kind: "telefoon", value: "06-12345678", note: "Op werkdagen" },
      { kind: "email", value: "hulp@example.org" },
    ]);
  });

  test("search forgives typos, folds accents, stems and knows synonyms", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const unique = word("kwartelbudget");
    const own = { organization: organization.id };
    // Life domain "werk" and plain descriptions, so no listing matches another's words by synonym.
    const plain = { lifeDomains: ["werk"] as ServiceCreate["lifeDomains"] };
    const named = await create(
      admin.browser,
      serviceBody(organization.id, { ...plain, name: `Training ${unique}`, description: "Een training in kleine groepen." }),
    );
    const accented = await create(
      admin.browser,
      serviceBody(organization.id, { ...plain, name: "Spreekuur", description: "Vragen over financiën, zonder afspraak." }),
    );
    const young = await create(
      admin.browser,
      serviceBody(organization.id, {
        ...plain,
        name: "Steunpunt",
        description: "Voor jongeren tot 27 jaar die een opleiding zoeken.",
      }),
    );
    const debt = await create(
      admin.browser,
      serviceBody(organization.id, {
        ...plain,
        name: "Aanmeldpunt",
        description: "Wij doen de schulddienstverlening in deze gemeente.",
      }),
    );

    const typo = unique.slice(0, 5) + unique.slice(6); // one letter left out
    const ids = async (q: string) => (await search({ q, ...own })).data?.data.map((s) => s.id) ?? [];

    const typoResult = await search({ q: typo, ...own });
    expect(typoResult.data?.data.map((s) => s.id)).toContain(named.id);
    expect(typoResult.data?.meta.corrections).toContainEqual({ term: typo, suggestions: expect.arrayContaining([unique]) });
    expect(await ids("financien")).toEqual([accented.id]);
    expect(await ids("jongere")).toEqual([young.id]);
    expect(await ids("schuldhulp")).toEqual([debt.id]);
  });

  test("the demo-style query finds help: 'schuldhulp jongere arnhm'", async () => {
    const organization = await t.make.organization({ name: "Jongerenloket Arnhem" });
    const admin = await t.make.member(organization.id, "admin");
    const browser = await t.signedIn(admin.user.email);
    const found = await create(
      browser,
      serviceBody(organization.id, {
        name: "Schuldhulpverlening voor jongeren",
        description: "Jongere inwoners met schulden krijgen een vaste coach.",
        lifeDomains: ["schulden", "jongeren"],
      }),
    );
    const { data } = await search({ q: "schuldhulp jongere arnhm", organization: organization.id });
    expect(data?.data[0]?.id).toBe(found.id);
    expect(data?.data[0]?.highlights.name.some((s) => s.match)).toBe(true);
  });

  test("name matches rank above description matches, fresher listings first among equals", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const unique = word("zilverspreeuw");
    const inDescription = await create(
      admin.browser,
      serviceBody(organization.id, {
        name: "Algemeen spreekuur",
        description: `Ook voor vragen over ${unique} kunt u hier terecht.`,
      }),
    );
    const olderInName = await create(admin.browser, serviceBody(organization.id, { name: `${unique} hulp` }));
    t.clock.advance(60_000);
    const newerInName = await create(admin.browser, serviceBody(organization.id, { name: `${unique} hulp` }));
    const { data } = await search({ q: unique, organization: organization.id });
    expect(data?.data.map((s) => s.id)).toEqual([newerInName.id, olderInName.id, inDescription.id]);
    expect(data?.meta.total).toBe(3);
  });

  test("filters narrow: life domain, age, municipality, postcode, accepts referrals, status", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const own = { organization: organization.id };
    const young = await create(
      admin.browser,
      serviceBody(organization.id, { ageMin: 18, ageMax: 26, lifeDomains: ["jongeren"] }),
    );
    const national = await create(
      admin.browser,
      serviceBody(organization.id, {
        isNational: true,
        municipalityCodes: [],
        lifeDomains: ["schulden"],
        acceptsReferrals: false,
      }),
    );
    const postcodeArea = await create(
      admin.browser,
      serviceBody(organization.id, { municipalityCodes: [], postcodeRanges: [{ from: 9990, to: 9992 }], lifeDomains: ["wonen"] }),
    );
    const closed = await create(admin.browser, serviceBody(organization.id, { status: "temporarily_closed" }));
    const ids = async (query: Record<string, string | number | boolean | string[]>) =>
      ((await search({ ...own, ...query })).data?.data.map((s) => s.id) ?? []).sort();
    const sorted = (...xs: { id: string }[]) => xs.map((x) => x.id).sort();

    expect(await ids({})).toEqual(sorted(young, national, postcodeArea));
    expect(await ids({ category: ["jongeren", "wonen"] })).toEqual(sorted(young, postcodeArea));
    expect(await ids({ age: 30 })).toEqual(sorted(national, postcodeArea));
    expect(await ids({ municipality: "GM0202" })).toEqual(sorted(young, national));
    expect(await ids({ municipality: "GM0344" })).toEqual(sorted(national));
    expect(await ids({ postcode: "9991 AB" })).toEqual(sorted(national, postcodeArea));
    expect(await ids({ acceptsReferrals: "true" })).toEqual(sorted(young, postcodeArea));
    expect(await ids({ status: "temporarily_closed" })).toEqual(sorted(closed));
  });

  test("facets count per life domain for the query, ignoring the life-domain filter", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    await create(admin.browser, serviceBody(organization.id, { lifeDomains: ["schulden", "jongeren"] }));
    await create(admin.browser, serviceBody(organization.id, { lifeDomains: ["schulden"] }));
    await create(admin.browser, serviceBody(organization.id, { lifeDomains: ["voedsel"] }));
    const { data } = await search({ organization: organization.id, category: "jongeren" });
    expect(data?.meta.total).toBe(1);
    const counts = Object.fromEntries((data?.meta.facets ?? []).map((f) => [f.category, f.count]));
    expect(counts).toMatchObject({ schulden: 2, jongeren: 1, voedsel: 1, wonen: 0 });
    expect(data?.meta.facets.find((f) => f.category === "schulden")?.label).toBe("Schulden");
  });

  test("a query matching more than 2,000 services says it is truncated and stays bounded", async () => {
    const organization = await t.make.organization();
    await t.db.execute(sql`
      insert into services (organization_id, name, description, life_domains, municipality_codes)
      select ${organization.id}, 'Budgetcursus ' || n, 'Een cursus over rondkomen.', '{financien}', '{GM0202}'
      from generate_series(1, 2005) as n`);
    const { data } = await search({ q: "budgetcursus", organization: organization.id });
    expect(data?.meta).toMatchObject({ total: 2000, truncated: true });
    expect(data?.data).toHaveLength(20);
    const narrow = await search({ q: "budgetcursus 17", organization: organization.id });
    expect(narrow.data?.meta.truncated).toBe(false);
  });

  test("cursor pagination walks every result once", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const unique = word("parelduiker");
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push(await create(admin.browser, serviceBody(organization.id, { name: `${unique} ${i}` })));
      t.clock.advance(1000);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const { data } = await search({ q: unique, organization: organization.id, limit: 2, ...(cursor ? { cursor } : {}) });
      expect(data?.meta.total).toBe(5);
      seen.push(...(data?.data.map((s) => s.id) ?? []));
      cursor = data?.meta.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(made.map((m) => m.id).reverse());
  });

  test("an admin edits and deactivates a service; every change stamps lastVerifiedAt", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const unique = word("reigerloket");
    const created = await create(admin.browser, serviceBody(organization.id));
    t.clock.advance(3_600_000);
    const { data: edited, response } = await admin.browser.client.PATCH("/services/{serviceId}", {
      params: { path: { serviceId: created.id } },
      body: { name: `Loket ${unique}`, ageMin: 16 },
    });
    expect(response.status).toBe(200);
    expect(edited).toMatchObject({ name: `Loket ${unique}`, ageMin: 16, description: created.description });
    expect(edited?.lastVerifiedAt).toBe(t.clock.now().toISOString());
    expect((await search({ q: unique })).data?.data.map((s) => s.id)).toEqual([created.id]);

    await admin.browser.client.PATCH("/services/{serviceId}", {
      params: { path: { serviceId: created.id } },
      body: { status: "inactive" },
    });
    expect((await search({ q: unique })).data?.meta.total).toBe(0);
    expect((await search({ q: unique, status: "inactive" })).data?.data.map((s) => s.id)).toEqual([created.id]);
  });

  test("the municipalities are listed by name", async () => {
    await t.db.insert(municipalities).values({ code: "GM9001", name: "Testgemeente" }).onConflictDoNothing();
    const { data } = await t.anonymous().client.GET("/municipalities");
    expect(data?.data).toContainEqual({ code: "GM9001", name: "Testgemeente" });
    const names = data?.data.map((m) => m.name) ?? [];
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  test("the categories are the fourteen life domains with Dutch labels", async () => {
    const { data } = await t.anonymous().client.GET("/categories");
    expect(data?.data).toHaveLength(14);
    expect(data?.data).toContainEqual(expect.objectContaining({ id: "financien", label: "Geldzaken" }));
  });
});

describe("errors", () => {
  test("invalid input lists every field error and saves nothing", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const { response, error } = await admin.browser.client.POST("/services", {
      body: serviceBody(organization.id, {
        name: "x",
        lifeDomains: [],
        ageMin: 30,
        ageMax: 20,
        municipalityCodes: ["Arnhem"],
        contactChannels: [{ kind: "telefoon" }],
      }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    const names = (error as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "body.name",
        "body.lifeDomains",
        "body.ageMax",
        "body.municipalityCodes.0",
        "body.contactChannels.0.value",
      ]),
    );
    const rows = await t.db.select({ id: services.id }).from(services).where(eq(services.organizationId, organization.id));
    expect(rows).toHaveLength(0);
  });

  test("an edit that breaks a rule is refused whole", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const created = await create(admin.browser, serviceBody(organization.id, { ageMin: 18, ageMax: 26 }));
    const { response, error } = await admin.browser.client.PATCH("/services/{serviceId}", {
      params: { path: { serviceId: created.id } },
      body: { name: "Nieuwe naam", ageMin: 40 },
    });
    expect(response.status).toBe(422);
    expect((error as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name)).toEqual(["body.ageMax"]);
    const { data } = await t.anonymous().client.GET("/services/{serviceId}", { params: { path: { serviceId: created.id } } });
    expect(data).toMatchObject({ name: created.name, ageMin: 18, lastVerifiedAt: created.lastVerifiedAt });
  });

  test("bad search parameters are a 400 naming each", async () => {
    const res = await t.app.request("/api/v1/services?age=oud&municipality=Arnhem&category=geluk&limit=0&q=schuld%00");
    expect(res.status).toBe(400);
    const body = (await res.json()) as { invalidParams: { name: string }[] };
    expect(body.invalidParams.map((p) => p.name).sort()).toEqual([
      "query.age",
      "query.category",
      "query.limit",
      "query.municipality",
      "query.q",
    ]);
    const cursor = await t.app.request("/api/v1/services?cursor=bm9wZQ");
    expect(cursor.status).toBe(400);
  });

  test("an unknown service is 404", async () => {
    const { response } = await t
      .anonymous()
      .client.GET("/services/{serviceId}", { params: { path: { serviceId: randomUUID() } } });
    expect(response.status).toBe(404);
  });
});

describe("authorisation", () => {
  test("only the organization's admins add or edit its services", async () => {
    const a = await t.organizationWithStaff();
    const b = await t.organizationWithStaff();
    const created = await create(a.admin.browser, serviceBody(a.organization.id));

    const anonymous = await t.anonymous().client.POST("/services", { body: serviceBody(a.organization.id) });
    expect(anonymous.response.status).toBe(401);
    const worker = await a.worker.browser.client.POST("/services", { body: serviceBody(a.organization.id) });
    expect(worker.response.status).toBe(403);
    const otherAdmin = await b.admin.browser.client.POST("/services", { body: serviceBody(a.organization.id) });
    expect(otherAdmin.response.status).toBe(404);

    const edit = await b.admin.browser.client.PATCH("/services/{serviceId}", {
      params: { path: { serviceId: created.id } },
      body: { name: "Overgenomen" },
    });
    expect(edit.response.status).toBe(404);
    const workerEdit = await a.worker.browser.client.PATCH("/services/{serviceId}", {
      params: { path: { serviceId: created.id } },
      body: { name: "Overgenomen" },
    });
    expect(workerEdit.response.status).toBe(403);
    const { data } = await t.anonymous().client.GET("/services/{serviceId}", { params: { path: { serviceId: created.id } } });
    expect(data?.name).toBe(created.name);
  });
});
