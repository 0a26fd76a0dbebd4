import { randomInt, randomUUID } from "node:crypto";
import type { components } from "@schakel/api-client";
import { municipalities, organizations } from "@schakel/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { schakelTaxonomy, taxonomyTermId } from "../services/hsds/taxonomy";
import { createTestContext, type TestContext } from "../test/harness";
import { hsdsValidators } from "../test/hsds-schemas";

type ServiceCreate = components["schemas"]["ServiceCreate"];
type HsdsService = components["schemas"]["HsdsService"];
type HsdsOrganization = components["schemas"]["HsdsOrganization"];
type Page<T> = { total_items: number; total_pages: number; page_number: number; size: number } & {
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
};
type ServiceSummary = components["schemas"]["HsdsServiceSummary"];

let t: TestContext;
let expectValid: ReturnType<typeof hsdsValidators>;
beforeAll(async () => {
  t = await createTestContext();
  expectValid = hsdsValidators();
});
afterAll(() => t.close());

/** A made-up word no other test uses: keeps searches apart on a shared database. */
const word = (stem: string) =>
  `${stem}${randomUUID()
    .replace(/[^a-f]/g, "")
    .slice(0, 6)
    .padEnd(6, "q")}`;

/** A municipality of our own (GM9000–GM9999 are not real ones), with a name no other test uses. */
async function ownMunicipality() {
  const code = `GM${randomInt(9000, 10000)}`;
  await t.db
    .insert(municipalities)
    .values({ code, name: `Schakeldorp ${randomUUID().slice(0, 6)}` })
    .onConflictDoNothing();
  const [row] = await t.db.select().from(municipalities).where(eq(municipalities.code, code));
  if (!row) throw new Error("municipality missing");
  return row;
}

async function get<T>(path: string) {
  const res = await t.app.request(`/api/v1${path}`);
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

async function staffWithServices(bodies: Partial<ServiceCreate>[]) {
  const { organization, admin } = await t.organizationWithStaff();
  const created = [];
  for (const body of bodies) {
    const { data, response, error } = await admin.browser.client.POST("/services", {
      body: {
        organizationId: organization.id,
        name: "Hulp bij geldzaken",
        description: "Een medewerker helpt met het overzicht van inkomsten en uitgaven.",
        lifeDomains: ["financien"],
        isNational: true,
        ...body,
      } as ServiceCreate,
    });
    if (response.status !== 201 || !data) throw new Error(`create failed: ${response.status} ${JSON.stringify(error)}`);
    created.push(data);
  }
  return { organization, admin, services: created };
}

describe("happy path", () => {
  test("the root says which HSDS this is and where the OpenAPI document lives", async () => {
    const { status, headers, body } = await get("/hsds");
    expect(status).toBe(200);
    expect(headers.get("API-Version")).toBe("1.0.0");
    expect(body).toEqual({
      version: "3.0",
      profile: "https://openreferral.org/specification/3.0",
      openapi_url: "http://schakel.test/api/v1/openapi.json",
    });
  });

  test("every service and organization served validates against the official HSDS 3.0 schemas", async () => {
    const place = await ownMunicipality();
    const { organization, admin, services } = await staffWithServices([
      {
        name: "Schuldhulp volledig",
        lifeDomains: ["schulden", "werk"],
        ageMin: 18,
        ageMax: 27,
        eligibility: "Jongeren met betalingsachterstanden.",
        isNational: false,
        municipalityCodes: [place.code],
        postcodeRanges: [{ from: 6811, to: 6846 }],
        languages: ["nl", "tr"],
        cost: "Gratis",
        openingHours: "Maandag tot en met vrijdag 9.00–17.00",
        warmHandover: "Na aanmelding volgt een driegesprek.",
        contactChannels: [
          { kind: "telefoon", value: "026-1234567", note: "Op werkdagen" },
          { kind: "whatsapp", value: "06-12345678" },
          { kind: "email", value: "hulp@example.org" },
          { kind: "email", value: "aanmelden@example.org", note: "Voor aanmeldingen" },
          { kind: "email", value: "geen adres" },
          { kind: "website", value: "www.example.org/schuldhulp" },
          { kind: "huisbezoek", note: "Ook 's avonds" },
          { kind: "adres", value: "Markt 1, Arnhem" },
        ],
      },
      { name: "Kale dienst" },
    ]);
    const [full, bare] = services as [(typeof services)[0], (typeof services)[0]];
    await admin.browser.client.PATCH("/services/{serviceId}", {
      params: { path: { serviceId: bare.id } },
      body: { status: "temporarily_closed" },
    });
    // Free text the API once accepted must not break the HSDS output.
    await t.db
      .update(organizations)
      .set({ email: "info@example.org", website: "niet een adres", phone: "026-7654321", description: "Wij helpen." })
      .where(eq(organizations.id, organization.id));

    const list = await get<Page<ServiceSummary>>(`/hsds/services?organization_id=${organization.id}`);
    expect(list.status).toBe(200);
    expect(list.body.contents.map((s) => s.name)).toEqual(["Kale dienst", "Schuldhulp volledig"]);
    for (const item of list.body.contents) expectValid("service_list", item);

    const one = await get<HsdsService>(`/hsds/services/${full.id}`);
    expect(one.status).toBe(200);
    expect(one.headers.get("API-Version")).toBe("1.0.0");
    expectValid("service", one.body);
    expect(one.body).toMatchObject({
      id: full.id,
      organization_id: organization.id,
      status: "active",
      minimum_age: 18,
      maximum_age: 27,
      eligibility_description: "Jongeren met betalingsachterstanden.",
      fees_description: "Gratis",
      email: "hulp@example.org",
      url: "https://www.example.org/schuldhulp",
      last_modified: full.lastVerifiedAt,
      organization: { id: organization.id, description: "Wij helpen.", email: "info@example.org" },
      schedules: [{ description: "Maandag tot en met vrijdag 9.00–17.00" }],
      contacts: [{ email: "aanmelden@example.org", title: "Voor aanmeldingen" }],
    });
    expect(one.body.organization.website).toBeUndefined();
    expect(one.body.application_process).toBe(
      "Warme overdracht: Na aanmelding volgt een driegesprek.\nHuisbezoek: Ook 's avonds\nAdres: Markt 1, Arnhem",
    );
    expect(one.body.phones.map((p) => [p.number, p.type, p.description])).toEqual([
      ["026-1234567", "voice", "Op werkdagen"],
      ["06-12345678", "text", "WhatsApp"],
    ]);
    expect(one.body.service_areas.map((a) => [a.name, a.uri])).toEqual([
      [place.name, `https://identifier.overheid.nl/tooi/id/gemeente/${place.code.toLowerCase()}`],
      ["Postcodes 6811–6846", undefined],
    ]);
    expect(one.body.languages.map((l) => [l.code, l.name])).toEqual([
      ["nl", "Nederlands"],
      ["tr", "Turks"],
    ]);
    expect(one.body.attributes.map((a) => [a.taxonomy_term_id, a.taxonomy_term.code, a.link_entity, a.link_id])).toEqual([
      [taxonomyTermId("schulden"), "schulden", "service", full.id],
      [taxonomyTermId("werk"), "werk", "service", full.id],
    ]);
    // Derived ids are stable: the same service gives the same nested ids every time.
    const again = await get<HsdsService>(`/hsds/services/${full.id}`);
    expect(again.body.phones.map((p) => p.id)).toEqual(one.body.phones.map((p) => p.id));

    const closed = await get<HsdsService>(`/hsds/services/${bare.id}`);
    expectValid("service", closed.body);
    expect(closed.body).toMatchObject({ status: "temporarily closed", languages: [{ code: "nl" }], contacts: [] });
    expect(closed.body.service_areas).toEqual([
      expect.objectContaining({ name: "Nederland", description: "Landelijk: in heel Nederland", extent_type: "text" }),
    ]);

    const org = await get<HsdsOrganization>(`/hsds/organizations/${organization.id}`);
    expect(org.status).toBe(200);
    expectValid("organization", org.body);
    expect(org.body.services.map((s) => [s.name, s.status])).toEqual([
      ["Kale dienst", "temporarily closed"],
      ["Schuldhulp volledig", "active"],
    ]);
    expect(org.body.phones).toEqual([expect.objectContaining({ number: "026-7654321", organization_id: organization.id })]);

    const orgs = await get<Page<HsdsOrganization>>("/hsds/organizations?per_page=200");
    expect(orgs.status).toBe(200);
    expect(orgs.body.contents.length).toBeGreaterThan(0);
    for (const item of orgs.body.contents) expectValid("organization_list", item);
  });

  test("the life domains are one taxonomy with a term each, at the documented and the HSDS path", async () => {
    const taxonomies = await get<Page<{ id: string; name: string }>>("/hsds/taxonomies");
    expect(taxonomies.body).toMatchObject({
      total_items: 1,
      contents: [{ id: schakelTaxonomy.id, name: "Schakel leefgebieden" }],
    });
    expect((await get(`/hsds/taxonomies/${schakelTaxonomy.id}`)).body).toEqual(schakelTaxonomy);

    const { data, response } = await t.anonymous().client.GET("/hsds/taxonomy-terms", { params: { query: {} } });
    expect(response.status).toBe(200);
    expect(data?.total_items).toBe(14);
    expect(data?.contents[0]).toEqual({
      id: taxonomyTermId("schulden"),
      code: "schulden",
      name: "Schulden",
      description: "Hulp bij schulden en betalingsachterstanden",
      taxonomy: "Schakel leefgebieden",
      taxonomy_id: schakelTaxonomy.id,
      taxonomy_detail: schakelTaxonomy,
      language: "nl",
    });
    const hsdsPath = await get<Page<{ id: string }>>("/hsds/taxonomy_terms");
    expect(hsdsPath.body).toEqual(data);
    const byId = await get<{ code: string }>(`/hsds/taxonomy_terms/${taxonomyTermId("wonen")}`);
    expect(byId.body.code).toBe("wonen");

    const searched = await get<Page<{ code: string }>>("/hsds/taxonomy-terms?search=toeslag");
    expect(searched.body.contents.map((c) => c.code)).toEqual(["inkomen"]);
    const otherTaxonomy = await get<Page<unknown>>(`/hsds/taxonomy_terms?taxonomy_id=${randomUUID()}`);
    expect(otherTaxonomy.body).toMatchObject({ total_items: 0, empty: true, contents: [] });
  });
});

describe("paging and filters", () => {
  test("pages follow HSDS: 1-based, per_page, totals and first/last/empty flags", async () => {
    const { organization, services } = await staffWithServices(["A", "B", "C", "D", "E"].map((l) => ({ name: `Dienst ${l}` })));
    const pages = [];
    for (let page = 1; page <= 4; page++) {
      const { status, body } = await get<Page<ServiceSummary>>(
        `/hsds/services?organization_id=${organization.id}&per_page=2&page=${page}`,
      );
      expect(status).toBe(200);
      pages.push(body);
    }
    expect(pages.map((p) => [p.page_number, p.size, p.first_page, p.last_page, p.empty])).toEqual([
      [1, 2, true, false, false],
      [2, 2, false, false, false],
      [3, 1, false, true, false],
      [4, 0, false, true, true],
    ]);
    for (const p of pages) expect([p.total_items, p.total_pages]).toEqual([5, 3]);
    expect(pages.flatMap((p) => p.contents.map((s) => s.id))).toEqual(services.map((s) => s.id));

    // The documented camelCase names work as well, through the typed client.
    const { data } = await t.anonymous().client.GET("/hsds/services", {
      params: { query: { organizationId: organization.id, perPage: 4, page: 2 } },
    });
    expect(data?.contents.map((s) => s.name)).toEqual(["Dienst E"]);
  });

  test("search, organization, taxonomy term, taxonomy and modified_after narrow the list", async () => {
    const unique = word("kwartelgeld");
    const { organization, admin } = await t.organizationWithStaff();
    const make = async (body: Partial<ServiceCreate>) => {
      const { data } = await admin.browser.client.POST("/services", {
        body: {
          organizationId: organization.id,
          name: "Dienst",
          description: "Een dienst van de sociale kaart.",
          lifeDomains: ["schulden"],
          isNational: true,
          ...body,
        } as ServiceCreate,
      });
      if (!data) throw new Error("create failed");
      return data;
    };
    const named = await make({ name: `Training ${unique}` });
    const work = await make({ name: "Werkplaats", lifeDomains: ["werk"] });
    t.clock.advance(60_000);
    const cutoff = t.clock.now().toISOString();
    const later = await make({ name: "Nieuwe dienst", lifeDomains: ["werk", "schulden"] });
    const other = await staffWithServices([{ name: `Elders ${unique}`, lifeDomains: ["werk"] }]);

    const ids = async (query: string) =>
      (await get<Page<ServiceSummary>>(`/hsds/services?${query}`)).body.contents.map((s) => s.id).sort();
    const own = `organization_id=${organization.id}`;

    expect(await ids(`search=${unique}`)).toEqual([named.id, other.services[0]?.id].sort());
    expect(await ids(`search=${unique.slice(0, 8)}&${own}`)).toEqual([named.id]);
    expect(await ids(own)).toEqual([named.id, work.id, later.id].sort());
    expect(await ids(`${own}&taxonomy_term_id=${taxonomyTermId("werk")}`)).toEqual([work.id, later.id].sort());
    expect(await ids(`${own}&taxonomy_term_id=${randomUUID()}`)).toEqual([]);
    expect(await ids(`${own}&taxonomy_id=${schakelTaxonomy.id}`)).toHaveLength(3);
    expect(await ids(`${own}&taxonomy_id=${randomUUID()}`)).toEqual([]);
    expect(await ids(`${own}&modified_after=${encodeURIComponent(cutoff)}`)).toEqual([later.id]);
    expect(await ids(`${own}&modifiedAfter=${encodeURIComponent(cutoff)}`)).toEqual([later.id]);
    expect(await ids(`${own}&modified_after=2000-01-01`)).toHaveLength(3);

    const orgs = await get<Page<{ id: string }>>(`/hsds/organizations?search=${encodeURIComponent(organization.name)}`);
    expect(orgs.body.contents.map((o) => o.id)).toEqual([organization.id]);
  });
});

describe("errors", () => {
  test("unknown ids are 404 problem+json", async () => {
    for (const path of ["services", "organizations", "taxonomies", "taxonomy-terms", "taxonomy_terms"]) {
      const res = await t.app.request(`/api/v1/hsds/${path}/${randomUUID()}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    }
  });

  test("bad parameters are one 400 naming each", async () => {
    const res = await t.app.request(
      "/api/v1/hsds/services?page=0&per_page=500&organization_id=abc&taxonomy_term_id=x&modified_after=gisteren",
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as { invalidParams: { name: string }[] };
    expect(body.invalidParams.map((p) => p.name).sort()).toEqual([
      "query.modifiedAfter",
      "query.organizationId",
      "query.page",
      "query.perPage",
      "query.taxonomyTermId",
    ]);
    for (const path of [
      "/hsds/services/nope",
      "/hsds/organizations/nope",
      "/hsds/taxonomy-terms?per_page=0",
      // A NUL byte PostgreSQL cannot take, and a year it does not have.
      "/hsds/organizations?search=%00",
      "/hsds/services?search=schulden%00",
      "/hsds/services?modified_after=0000-01-01",
    ]) {
      expect((await t.app.request(`/api/v1${path}`)).status, path).toBe(400);
    }
  });
});
