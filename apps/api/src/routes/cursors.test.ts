import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestContext, type TestContext } from "../test/harness";
import { type Browser, referralWorld } from "../test/referral-world";

/**
 * Every list endpoint with a keyset cursor, fed cursors that are not ours: garbage, base64 of
 * something that is not JSON, base64 of the wrong JSON, the right shape with the wrong types, and
 * impossible dates. Each is a 400 problem naming query.cursor — never a 500, never a page.
 */

let t: TestContext;
let w: ReturnType<typeof referralWorld>;
let sender: Browser;
let receiverAdmin: Browser;
let referralId: string;
let receiverOrganizationId: string;

beforeAll(async () => {
  t = await createTestContext();
  w = referralWorld(t);
  const n = await w.network();
  const { referral } = await w.refer(n);
  sender = n.sender.worker.browser;
  receiverAdmin = n.receiver.admin.browser;
  referralId = referral.id;
  receiverOrganizationId = n.receiver.organization.id;
});
afterAll(() => t.close());

const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

const ISO = "2026-03-01T10:15:00.000Z";
const UUID = "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b";
type Kind = "instant" | "timestamptz" | "uuid" | "serial" | "flag" | "score" | "text";
const goodValue: Record<Kind, unknown> = {
  instant: ISO,
  timestamptz: "2026-03-01T10:15:00.123456+00:00",
  uuid: UUID,
  serial: 7,
  flag: 1,
  score: 0.25,
  text: "Jansen",
};
/** Values of the wrong type (or out of range) for a part of this kind. */
const wrongValues: Record<Kind, unknown[]> = {
  instant: [1_700_000_000_000, "gisteren", null],
  timestamptz: [1_700_000_000_000, "gisteren", null],
  uuid: [7, "'; drop table referrals; --", "5e4d3c2b1a0f4e9d8c7b6a5f4e3d2c1b0000"],
  serial: ["7", 1.5, -1, 2 ** 60],
  flag: ["1", 2, true],
  score: ["0.25", null, { rank: 1 }],
  text: [42, null, ["Jansen"]],
};
// PostgreSQL has no year 0000; a year past 2999 is no cursor of ours either.
const impossibleDates = [
  "2026-02-30T10:15:00.000Z",
  "2026-13-01T10:15:00.000Z",
  "2026-06-31T24:61:00.000Z",
  "0000-01-01T00:00:00.000Z",
  "9999-12-31T23:59:59.000Z",
];

/** Every forgery of a cursor made of these parts, with a name for the test report. */
function forgeries(kinds: Kind[]): [string, string][] {
  const shape = kinds.map((k) => goodValue[k]);
  const out: [string, string][] = [
    ["garbage", "kapot!*"],
    ["not base64url", "eyJhIjo+PzE/fQ=="],
    ["base64 of text that is not JSON", b64("not json at all")],
    ["base64 of a JSON object", b64({ at: ISO, id: UUID })],
    ["base64 of an empty array", b64([])],
    ["base64 of a JSON string", b64(JSON.stringify("abc"))],
    ["one part too few", b64(shape.slice(0, -1))],
    ["one part too many", b64([...shape, UUID])],
  ];
  kinds.forEach((kind, i) => {
    for (const wrong of wrongValues[kind]) {
      out.push([`part ${i} (${kind}) is ${JSON.stringify(wrong)}`, b64(shape.map((v, j) => (j === i ? wrong : v)))]);
    }
    if (kind === "instant" || kind === "timestamptz") {
      for (const date of impossibleDates) {
        out.push([`part ${i} is the impossible date ${date}`, b64(shape.map((v, j) => (j === i ? date : v)))]);
      }
    }
  });
  return out;
}

interface Endpoint {
  name: string;
  as: () => Browser;
  url: (cursor: string) => string;
  parts: Kind[];
}

const q = (cursor: string) => `cursor=${encodeURIComponent(cursor)}`;
const endpoints: Endpoint[] = [
  {
    name: "listReferrals",
    as: () => sender,
    url: (c) => `/referrals?box=outbox&${q(c)}`,
    parts: ["instant", "flag", "flag", "instant", "uuid"],
  },
  {
    name: "listReferralEvents",
    as: () => sender,
    url: (c) => `/referrals/${referralId}/events?${q(c)}`,
    parts: ["instant", "serial"],
  },
  {
    name: "listReferralMessages",
    as: () => sender,
    url: (c) => `/referrals/${referralId}/messages?${q(c)}`,
    parts: ["instant", "serial"],
  },
  {
    name: "listContactAttempts",
    as: () => sender,
    url: (c) => `/referrals/${referralId}/contact-attempts?${q(c)}`,
    parts: ["instant", "uuid"],
  },
  { name: "listNotifications", as: () => receiverAdmin, url: (c) => `/notifications?${q(c)}`, parts: ["instant", "uuid"] },
  {
    name: "listMembers",
    as: () => receiverAdmin,
    url: (c) => `/organizations/${receiverOrganizationId}/members?${q(c)}`,
    parts: ["text", "uuid"],
  },
  { name: "listOrganizations", as: () => sender, url: (c) => `/organizations?${q(c)}`, parts: ["text", "uuid"] },
  {
    name: "listAccessLog",
    as: () => receiverAdmin,
    url: (c) => `/access-log?organizationId=${receiverOrganizationId}&${q(c)}`,
    parts: ["instant", "serial"],
  },
  {
    name: "searchServices",
    as: () => sender,
    url: (c) => `/services?q=schulden&${q(c)}`,
    parts: ["flag", "score", "timestamptz", "uuid"],
  },
];

const get = (endpoint: Endpoint, cursor: string) =>
  endpoint.as().fetch(new Request(`http://schakel.test/api/v1${endpoint.url(cursor)}`));

describe.each(endpoints)("$name", (endpoint) => {
  test("a cursor of the right shape is accepted (the forgeries below fail for what they are)", async () => {
    const res = await get(endpoint, b64(endpoint.parts.map((k) => goodValue[k])));
    expect(res.status).toBe(200);
  });

  test.each(forgeries(endpoint.parts))("a cursor that is %s is a 400 naming query.cursor", async (_what, cursor) => {
    const res = await get(endpoint, cursor);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { type: string; invalidParams?: { name: string; code: string }[] };
    expect(problem.type).toBe("https://schakel.example/problems/invalid-request");
    expect(problem.invalidParams).toEqual([expect.objectContaining({ name: "query.cursor", code: "invalid_cursor" })]);
  });
});
