import { randomInt, randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import type { components } from "@schakel/api-client";
import { municipalities, organizations, services } from "@schakel/db";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestContext, type TestContext } from "../../test/harness";
import { hsdsExample, hsdsValidators } from "../../test/hsds-schemas";
import { formatImportReport, type ImportReport, importHsds } from "./import-hsds";
import { taxonomyTermId } from "./taxonomy";

type Service = components["schemas"]["Service"];
type HsdsService = components["schemas"]["HsdsService"];
type ServiceCreate = components["schemas"]["ServiceCreate"];

let t: TestContext;
let expectValid: ReturnType<typeof hsdsValidators>;
beforeAll(async () => {
  t = await createTestContext();
  expectValid = hsdsValidators();
});
afterAll(() => t.close());

const importing = (dataset: unknown) => importHsds(t.db, dataset, { clock: t.clock });

/** A made-up word no other test uses: keeps searches apart on a shared database. */
const word = (stem: string) =>
  `${stem}${randomUUID()
    .replace(/[^a-f]/g, "")
    .slice(0, 6)
    .padEnd(6, "q")}`;

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

async function getService(id: string) {
  const { data, response } = await t.anonymous().client.GET("/services/{serviceId}", { params: { path: { serviceId: id } } });
  expect(response.status).toBe(200);
  return data as Service;
}

async function getHsds<T>(path: string) {
  const res = await t.app.request(`/api/v1/hsds${path}`);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

type HsdsRecord = { id: string; name?: unknown; [field: string]: unknown };

const organization = (overrides: Record<string, unknown> = {}): HsdsRecord & { name: string } => ({
  id: randomUUID(),
  name: `Stichting ${word("geldhulp")}`,
  description: "Helpt inwoners met geldzaken.",
  ...overrides,
});

const service = (organizationId: string, overrides: Record<string, unknown> = {}): HsdsRecord => ({
  id: randomUUID(),
  organization_id: organizationId,
  name: "Budgetcoaching",
  description: "Een vrijwilliger helpt een jaar lang met de administratie.",
  status: "active",
  ...overrides,
});

const EXAMPLE_ORGANIZATION = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610";
const EXAMPLE_SERVICE = "ac148810-d857-441c-9679-408f346de14b";

describe("the official HSDS examples", () => {
  const withRecords = [
    "organization_full.json",
    "organization_list.json",
    "service_full.json",
    "service_list.json",
    "service_at_location_full.json",
    "service_at_location_list.json",
    "tabular.json",
  ];

  test("every example imports, none rejected; those without organizations or services are skipped with a reason", async () => {
    const files = readdirSync(new URL("../../../test-fixtures/hsds/examples/", import.meta.url)).sort();
    expect(files).toEqual(expect.arrayContaining(withRecords));
    for (const file of files) {
      const report = await importing(hsdsExample(file));
      expect(report.rejected, file).toEqual([]);
      const imported = (c: ImportReport["organizations"]) => c.created + c.updated;
      if (withRecords.includes(file)) {
        expect(imported(report.organizations), file).toBeGreaterThan(0);
        if (file !== "organization_list.json") expect(imported(report.services), file).toBe(1);
      } else {
        expect([imported(report.organizations), imported(report.services)], file).toEqual([0, 0]);
        expect(report.skipped.length, file).toBeGreaterThan(0);
      }
    }
    // Every example names the same organization and service: one row each, however often imported.
    expect(await t.db.select().from(organizations).where(eq(organizations.id, EXAMPLE_ORGANIZATION))).toHaveLength(1);
    expect(await t.db.select().from(services).where(eq(services.id, EXAMPLE_SERVICE))).toHaveLength(1);
  });

  test("the example service maps field by field and is served back as valid HSDS", async () => {
    await importing(hsdsExample("service_full.json"));
    const s = await getService(EXAMPLE_SERVICE);
    expect(s).toMatchObject({
      name: "Community Counselling",
      organization: { id: EXAMPLE_ORGANIZATION, name: "Example Organization Inc." },
      status: "active",
      ageMin: 12,
      ageMax: 100,
      languages: ["ur"],
      lifeDomains: ["financien"],
      isNational: false,
      municipalityCodes: [],
      acceptsReferrals: false,
      lastVerifiedAt: "2023-03-15T10:30:45.123Z",
      openingHours: "The service is available from 10 am to 6pm weekdays. The service is not available on public holidays.",
    });
    expect(s.cost).toMatch(/^Non-NHS patients are expected to pay/);
    expect(s.eligibility).toMatch(
      /^This service is intended for all people aged 12 and over.*\nWerkgebied: The service is available to all residents of the MyCity area/s,
    );
    expect(s.contactChannels).toEqual([
      {
        kind: "telefoon",
        value: "+44 1234 234567",
        note: expect.stringMatching(/^Our main reception phone number.*; toestel 100$/),
      },
      { kind: "email", value: "email@example.com" },
      { kind: "website", value: "http://example.com/counselling" },
      { kind: "adres", value: "1-30 Main Street MyVillage, ABC 1234 MyCity", note: "MyCity Civic Center" },
    ]);

    expectValid("service", await getHsds(`/services/${EXAMPLE_SERVICE}`));
    expectValid("organization", await getHsds(`/organizations/${EXAMPLE_ORGANIZATION}`));
    const { data } = await t.anonymous().client.GET("/services", { params: { query: { q: "counselling" } } });
    expect(data?.data.map((r) => r.id)).toContain(EXAMPLE_SERVICE);
  });
});

describe("importing again", () => {
  test("updates by id and never duplicates; what a record leaves out, and Schakel's own fields, stay", async () => {
    const org = organization();
    const full = service(org.id, {
      phones: [{ id: randomUUID(), number: "026-1234567" }],
      languages: [{ id: randomUUID(), code: "nld" }],
      minimum_age: 18,
    });
    const first = await importing({ organizations: [org], services: [full] });
    expect([first.organizations, first.services]).toEqual([
      { created: 1, updated: 0, rejected: 0 },
      { created: 1, updated: 0, rejected: 0 },
    ]);
    // An admin in Schakel opens it for referrals and adds a WhatsApp number HSDS cannot carry.
    const [before] = await t.db.select().from(services).where(eq(services.id, full.id));
    await t.db
      .update(services)
      .set({ acceptsReferrals: true, contactChannels: [...(before?.contactChannels ?? []), { kind: "whatsapp", value: "06-1" }] })
      .where(eq(services.id, full.id));

    // A thinner record (as in a list) with a new name and description.
    const { phones: _, languages: __, minimum_age: ___, ...thin } = full;
    const renamed = word("hernoemd");
    const second = await importing({
      organizations: [{ ...org, name: `${org.name} ${renamed}` }],
      services: [{ ...thin, name: "Budgetcoaching thuis" }],
    });
    expect([second.organizations, second.services]).toEqual([
      { created: 0, updated: 1, rejected: 0 },
      { created: 0, updated: 1, rejected: 0 },
    ]);
    expect(await t.db.select().from(services).where(eq(services.organizationId, org.id))).toHaveLength(1);
    const s = await getService(full.id);
    expect(s).toMatchObject({
      name: "Budgetcoaching thuis",
      organization: { name: `${org.name} ${renamed}` },
      ageMin: 18,
      languages: ["nl"],
      acceptsReferrals: true,
      contactChannels: [
        { kind: "telefoon", value: "026-1234567" },
        { kind: "whatsapp", value: "06-1" },
      ],
    });
    // The organization's new name is a search word of its service right away.
    const { data } = await t.anonymous().client.GET("/services", {
      params: { query: { q: renamed, organization: org.id } },
    });
    expect(data?.data.map((r) => r.id)).toEqual([full.id]);
  });

  test("what Schakel serves as HSDS imports back to the same service", async () => {
    const place = await ownMunicipality();
    const { organization: org, admin } = await t.organizationWithStaff();
    const { data: created } = await admin.browser.client.POST("/services", {
      body: {
        organizationId: org.id,
        name: "Schuldhulp rondreis",
        description: "Hulp bij het oplossen van schulden, van aanmelding tot regeling.",
        lifeDomains: ["schulden", "wonen"],
        ageMin: 18,
        ageMax: 65,
        eligibility: "Inwoners met problematische schulden.",
        isNational: true,
        municipalityCodes: [place.code],
        postcodeRanges: [{ from: 6811, to: 6846 }],
        languages: ["nl", "ar"],
        cost: "Gratis",
        openingHours: "Dinsdag 9–12",
        acceptsReferrals: true,
        contactChannels: [
          { kind: "telefoon", value: "026-1234567", note: "Op werkdagen" },
          { kind: "whatsapp", value: "06-12345678", note: "Alleen berichten" },
          { kind: "email", value: "hulp@example.org" },
          { kind: "email", value: "aanmelden@example.org", note: "Aanmeldingen" },
          { kind: "website", value: "https://example.org/schuldhulp" },
          { kind: "inloop", note: "Dinsdagochtend" },
        ],
      } as ServiceCreate,
    });
    if (!created) throw new Error("create failed");
    const exported = await getHsds<HsdsService>(`/services/${created.id}`);
    t.clock.advance(60_000);
    const report = await importing(exported);
    expect(report.rejected).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.services).toEqual({ created: 0, updated: 1, rejected: 0 });

    const after = await getService(created.id);
    const { contactChannels, lastVerifiedAt, ...rest } = after;
    const { contactChannels: channelsBefore, lastVerifiedAt: _, ...restBefore } = created;
    expect(rest).toEqual(restBefore);
    expect(contactChannels).toEqual(expect.arrayContaining(channelsBefore));
    expect(contactChannels).toHaveLength(channelsBefore.length);
    expect(lastVerifiedAt).toBe(created.lastVerifiedAt); // HSDS last_modified is kept
  });
});

describe("bad records", () => {
  test("good records are imported and every bad one is reported with its reason; nothing of a bad one is written", async () => {
    const good = organization();
    const nameless = organization({ name: "  " });
    const badId = organization({ id: "org-17" });
    const ok = service(good.id, { name: `Goede dienst ${word("x")}` });
    const nested = service(good.id, { name: "Via een dataset", description: "Kort" });
    const bad = {
      missingName: service(good.id, { name: undefined }),
      badId: service(good.id, { id: "12345" }),
      unknownOrganization: service(randomUUID()),
      rejectedOrganization: service(nameless.id),
      noOrganization: service(good.id, { organization_id: undefined }),
      inverted: service(good.id, { minimum_age: 30, maximum_age: 20 }),
      badStatus: service(good.id, { status: "open" }),
      shortName: service(good.id, { name: "X" }),
    };
    const report = await importing({
      organizations: [good, nameless, badId],
      services: [ok, nested, ...Object.values(bad)],
    });
    expect(report.organizations).toEqual({ created: 1, updated: 0, rejected: 2 });
    expect(report.services).toEqual({ created: 2, updated: 0, rejected: 8 });
    const reasons = Object.fromEntries(report.rejected.map((r) => [r.at, r.reason]));
    expect(reasons).toEqual({
      "$.organizations[1]": "name ontbreekt",
      "$.organizations[2]": 'id "org-17" is geen UUID',
      "$.services[2]": "name ontbreekt",
      "$.services[3]": 'id "12345" is geen UUID',
      "$.services[4]": expect.stringMatching(/^onbekende organisatie [0-9a-f-]{36} \(niet in deze dataset en niet in Schakel\)$/),
      "$.services[5]": `de organisatie ${nameless.id} is afgewezen (zie $.organizations[1])`,
      "$.services[6]": "hoort bij geen organisatie (organization_id ontbreekt)",
      "$.services[7]": "maximum_age: De maximumleeftijd moet gelijk aan of hoger dan de minimumleeftijd zijn.",
      "$.services[8]": 'status "open" is geen HSDS-status (active, inactive, defunct, temporarily closed)',
      "$.services[9]": "name: Geef de dienst een naam van minstens 3 tekens.",
    });
    const written = await t.db
      .select({ id: services.id })
      .from(services)
      .where(inArray(services.id, [ok.id, nested.id, bad.inverted.id, bad.badStatus.id, bad.shortName.id]));
    expect(written.map((w) => w.id).sort()).toEqual([ok.id, nested.id].sort());
    expect((await getService(nested.id)).description).toBe(`Dienst "Via een dataset" van ${good.name}: Kort`);

    const printed = formatImportReport(report);
    expect(printed).toContain("Diensten:     2 nieuw, 0 bijgewerkt, 8 afgewezen");
    expect(printed).toContain(`$.services[5]  ${bad.rejectedOrganization.id}  "Budgetcoaching"`);
  });

  test("values that are no HSDS record are reported, the rest imported", async () => {
    const org = organization();
    const report = await importing([42, org, { foo: "bar" }]);
    expect(report.organizations.created).toBe(1);
    expect(report.rejected.map((r) => [r.kind, r.at])).toEqual([
      ["record", "$[0]"],
      ["record", "$[2]"],
    ]);
  });
});

describe("mapping to Schakel", () => {
  test("Dutch areas, life domains and languages are recognised; the service is found by text and by place", async () => {
    const place = await ownMunicipality();
    const unique = word("stadsbudget");
    const org = organization();
    const svc = service(org.id, {
      name: `Thuisadministratie ${unique}`,
      status: "temporarily closed",
      service_areas: [
        { id: randomUUID(), name: `Gemeente ${place.name.toUpperCase()}` },
        { id: randomUUID(), name: "Postcodes 6811-6846" },
        { id: randomUUID(), name: "Heel de regio" },
      ],
      attributes: [
        { id: randomUUID(), taxonomy_term: { id: randomUUID(), name: "schulden", description: "x" } },
        { id: randomUUID(), taxonomy_term_id: taxonomyTermId("wonen") },
        { id: randomUUID(), taxonomy_term: { id: randomUUID(), code: "inkomen-en-zo", name: "Inkomen en toeslagen" } },
        { id: randomUUID(), taxonomy_term: { id: randomUUID(), name: "Counselling" } },
      ],
      languages: [
        { id: randomUUID(), code: "NLD" },
        { id: randomUUID(), code: "ara" },
        { id: randomUUID(), name: "Klingon" },
      ],
      schedules: [{ id: randomUUID(), byday: "MO,TU", opens_at: "09:00", closes_at: "17:00" }],
      cost_options: [{ id: randomUUID(), amount: 0, currency: "eur", amount_description: "per gesprek" }],
      minimum_age: 17.5,
      maximum_age: 999,
    });
    const report = await importing({ organizations: [org], services: [svc] });
    expect(report.rejected).toEqual([]);
    expect(report.warnings.map((w) => w.message)).toEqual([
      "maximum_age 999 gelezen als: geen maximumleeftijd",
      'werkgebied "Heel de regio" niet herkend als Nederland, gemeente of postcodegebied; als tekst bij eligibility gezet',
      "1 taal/talen zonder bruikbare ISO 639-code overgeslagen",
    ]);
    const s = await getService(svc.id);
    expect(s).toMatchObject({
      status: "temporarily_closed",
      isNational: false,
      municipalityCodes: [place.code],
      postcodeRanges: [{ from: 6811, to: 6846 }],
      lifeDomains: ["schulden", "wonen", "inkomen"],
      languages: ["nl", "ar"],
      openingHours: "MO,TU 09:00–17:00",
      cost: "EUR 0 per gesprek",
      ageMin: 18,
      ageMax: null,
      eligibility: "Werkgebied: Heel de regio",
    });
    const search = (query: Record<string, string>) =>
      t.anonymous().client.GET("/services", { params: { query: { status: "temporarily_closed", ...query } } });
    expect((await search({ q: unique })).data?.data.map((r) => r.id)).toEqual([svc.id]);
    expect((await search({ q: "thuisadministratie", municipality: place.code, organization: org.id })).data?.data).toHaveLength(
      1,
    );
    expect((await search({ q: place.name, organization: org.id })).data?.data).toHaveLength(1);

    const served = await getHsds<HsdsService>(`/services/${svc.id}`);
    expectValid("service", served);
    expect(served.status).toBe("temporarily closed");
  });
});
