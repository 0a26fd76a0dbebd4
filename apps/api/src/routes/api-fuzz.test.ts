import { afterAll, beforeAll, expect, test } from "vitest";
import type { Logger } from "../lib/logger";
import {
  FORGED_CURSORS,
  HOSTILE_DATES,
  HOSTILE_IDS,
  HOSTILE_STRINGS,
  type KnownIds,
  mutateAt,
  type Operation,
  operationsOf,
  type Parameter,
  prng,
  type Rng,
  SchemaWalker,
  type Target,
  targetsOf,
} from "../test/fuzz/generate";
import { createTestContext, type TestContext } from "../test/harness";
import { type Browser, referralWorld } from "../test/referral-world";

/**
 * A bounded fuzz of the whole API, driven by its own OpenAPI document: for every operation and
 * every kind of caller (anonymous, worker, admin and coordinator of the sending side, worker and
 * admin of the receiving side), valid-ish requests and requests with one hostile part — control
 * characters, huge text, wrong types, out-of-range numbers and dates, unknown and malformed ids,
 * forged cursors, arrays for objects, extra fields. Bad input is a 4xx problem+json, never a 5xx.
 * Deterministic: the seed (FUZZ_SEED to choose another) is in the failure message.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_903);
/** Random requests per operation and caller (the first valid-ish), besides the sweep of every field. */
const CASES = 5;
/** Operations that end the caller's session or remove the world's data go last. */
const LAST = ["eraseResident", "withdrawConsent", "logout"];

let t: TestContext;
let callers: Record<string, Browser | null>;
let emails: Record<string, string>;
let ids: KnownIds;
/** Each caller's own organization, picked more often than the others for organizationId. */
let home: Record<string, string>;
let document: Parameters<typeof operationsOf>[0];

/** The last error the app logged (a test's own logger): in the report, it says what a 500 was. */
let lastError = "";
const recordingLogger: Logger = {
  info: () => {},
  warn: () => {},
  error: (_msg, err) => {
    lastError = err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 300) : String(err);
  },
  child: () => recordingLogger,
};

beforeAll(async () => {
  t = await createTestContext({ logger: recordingLogger });
  const w = referralWorld(t);
  const n = await w.network();
  const { referral, resident, consent } = await w.refer(n);
  const coordinator = await t.make.member(n.sender.organization.id, "coordinator");
  // Members the admins may deactivate or change without signing the fuzz's own callers out.
  const spareSender = await t.make.member(n.sender.organization.id, "worker");
  const spareReceiver = await t.make.member(n.receiver.organization.id, "worker");
  const { data: notifications } = await n.receiver.worker.browser.client.GET("/notifications", {});
  const organizations = [n.sender.organization.id, n.receiver.organization.id, n.outsider.organization.id];
  ids = {
    organizationId: organizations,
    organization: organizations,
    receivingOrganizationId: [n.receiver.organization.id],
    serviceId: [n.service.id],
    service: [n.service.id],
    residentId: [resident.id],
    consentId: [consent.id],
    referralId: [referral.id],
    memberId: [spareSender.membership.id, spareReceiver.membership.id],
    notificationId: (notifications?.data ?? []).map((x) => x.id).slice(0, 1),
    id: [n.service.id, n.receiver.organization.id],
    assignedTo: [n.receiver.worker.user.id],
    actorUserId: [n.sender.worker.user.id],
  };
  home = {
    senderWorker: n.sender.organization.id,
    senderAdmin: n.sender.organization.id,
    coordinator: n.sender.organization.id,
    receiverWorker: n.receiver.organization.id,
    receiverAdmin: n.receiver.organization.id,
  };
  emails = {
    senderWorker: n.sender.worker.user.email,
    senderAdmin: n.sender.admin.user.email,
    coordinator: coordinator.user.email,
    receiverWorker: n.receiver.worker.user.email,
    receiverAdmin: n.receiver.admin.user.email,
  };
  callers = {
    anonymous: null,
    senderWorker: n.sender.worker.browser,
    senderAdmin: n.sender.admin.browser,
    coordinator: await t.signedIn(coordinator.user.email),
    receiverWorker: n.receiver.worker.browser,
    receiverAdmin: n.receiver.admin.browser,
  };
  const res = await t.app.fetch(new Request("http://schakel.test/api/v1/openapi.json"));
  document = await res.json();
});
afterAll(() => t.close());

type Failure = { operation: string; caller: string; status: number; request: string; why: string };

/** One generated request: where, and the body as text (undefined: none). */
type Generated = { url: string; headers: Record<string, string>; body?: string };

/** Which part of a request is hostile: none, one parameter, somewhere in the body, one body field, the raw body. */
type Hostile =
  | { kind: "none" | "body" | "raw" }
  | { kind: "param"; in: Parameter["in"]; name: string }
  | { kind: "field"; target: Target };

/** A random choice of what to make hostile in a request to `op`. */
function randomHostile(rng: Rng, op: Operation): Hostile {
  const kind = rng.pick(["param", "body", "body", "raw"] as const);
  if (kind === "param" || !op.body) {
    const params = op.parameters;
    if (params.length === 0) return { kind: op.body ? "body" : "none" };
    const p = rng.pick(params);
    return { kind: "param", in: p.in, name: p.name };
  }
  return { kind };
}

/** Every single-part hostility the sweep tries on `op`: each parameter, each body field to depth 2. */
function sweepOf(walker: SchemaWalker, op: Operation): Hostile[] {
  const params: Hostile[] = op.parameters.map((p) => ({ kind: "param", in: p.in, name: p.name }));
  const fields: Hostile[] = op.body ? targetsOf(walker, op.body).map((target) => ({ kind: "field", target })) : [];
  return [...params, ...fields];
}

function generate(walker: SchemaWalker, rng: Rng, op: Operation, hostile: Hostile): Generated {
  const isHostile = (p: Parameter) => hostile.kind === "param" && hostile.in === p.in && hostile.name === p.name;
  const value = (p: Parameter) => {
    if (!isHostile(p)) return String(walker.valid(p.schema, p.name));
    if (p.name === "cursor") return rng.pick(FORGED_CURSORS);
    if (p.in === "path") return rng.pick(p.schema.format === "date" ? HOSTILE_DATES : [...HOSTILE_IDS, "x".repeat(300)]);
    if (p.in === "header") return rng.pick(['"abc"', '"2147483648"', '"-1"', 'W/"1"', "x".repeat(300), ""]);
    const v = rng.chance(0.5) ? walker.hostile(p.schema) : rng.pick(HOSTILE_STRINGS);
    return typeof v === "string" ? v : JSON.stringify(v);
  };
  const byKind = (kind: Parameter["in"]) => op.parameters.filter((p) => p.in === kind);

  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const p = op.parameters.find((x) => x.in === "path" && x.name === name) as Parameter;
    return encodeURIComponent(value(p));
  });
  const query = new URLSearchParams();
  for (const p of byKind("query")) {
    if (isHostile(p) || p.required || rng.chance(0.3)) query.set(p.name, value(p));
  }
  const headers: Record<string, string> = {};
  for (const p of byKind("header")) {
    if (isHostile(p)) headers[p.name] = value(p);
    else if (p.name === "if-match") headers[p.name] = `"${rng.int(0, 3)}"`;
    else if (p.required || rng.chance(0.5)) headers[p.name] = `fuzz-${rng.int(0, 1e9)}`;
  }

  const search = query.size > 0 ? `?${query}` : "";
  const generated: Generated = { url: `http://schakel.test/api/v1${path}${search}`, headers };
  if (op.body) {
    const valid = walker.valid(op.body);
    if (hostile.kind === "raw") {
      generated.body = rng.pick(["null", "[]", '"tekst"', "42", "{", "", JSON.stringify([valid]), '{"a":'.repeat(500)]);
    } else if (hostile.kind === "field") {
      generated.body = JSON.stringify(mutateAt(walker, op.body, valid, hostile.target));
    } else {
      generated.body = JSON.stringify(hostile.kind === "body" ? walker.mutate(op.body, valid) : valid);
    }
    generated.headers["content-type"] = "application/json";
  }
  return generated;
}

/** What is wrong with this response, or null when it is a proper answer. */
async function judge(res: Response): Promise<string | null> {
  const text = await res.text();
  if (res.status >= 500) return `server error: ${text.slice(0, 300)}`;
  if (res.status < 400) return null;
  const type = res.headers.get("content-type") ?? "";
  if (!type.startsWith("application/problem+json")) return `content-type ${type}: ${text.slice(0, 200)}`;
  let status: unknown;
  try {
    status = (JSON.parse(text) as { status?: unknown }).status;
  } catch {
    return `not JSON: ${text.slice(0, 200)}`;
  }
  return status === res.status ? null : `problem status ${String(status)} on a ${res.status}`;
}

test("every generated request is answered without a 5xx, and every 4xx is problem+json with its status", async () => {
  const rng = prng(SEED);
  const walker = new SchemaWalker(document, rng, ids, t.clock.now());
  const operations = operationsOf(document).sort((a, b) => LAST.indexOf(a.operationId) - LAST.indexOf(b.operationId));
  const failures: Failure[] = [];
  let requests = 0;
  for (const op of operations) {
    for (const [caller, browser] of Object.entries(callers)) {
      // A caller whose session an earlier request ended (a deactivation, a logout) signs in again.
      if (browser && (await browser.client.GET("/me", {})).response.status === 401) {
        callers[caller] = await t.signedIn(emails[caller] as string);
      }
      const own = home[caller];
      walker.ids = own ? { ...ids, organizationId: [own, own, own, ...(ids.organizationId ?? [])] } : ids;
      const fetcher = callers[caller]?.fetch ?? ((r: Request) => t.anonymous().fetch(r));
      const hostilities: Hostile[] = [{ kind: "none" }];
      for (let i = 1; i < CASES; i++) hostilities.push(randomHostile(rng, op));
      // Signed-in callers also try each parameter and body field once with a hostile value.
      if (browser) hostilities.push(...sweepOf(walker, op));
      for (const hostile of hostilities) {
        const g = generate(walker, rng, op, hostile);
        requests++;
        const request = new Request(g.url, { method: op.method, headers: g.headers, body: g.body });
        let why: string | null;
        lastError = "";
        let status = 0;
        try {
          const res = await fetcher(request);
          status = res.status;
          why = await judge(res);
          if (why && lastError) why = `${why} — logged: ${lastError}`;
        } catch (error) {
          why = `threw ${String(error)}`;
        }
        if (why) {
          const shown = `${op.method} ${g.url.slice(0, 300)} ${JSON.stringify(g.headers)} ${(g.body ?? "").slice(0, 1500)}`;
          failures.push({ operation: op.operationId, caller, status, request: shown, why });
        }
      }
    }
  }
  const report = failures.map((f) => `${f.operation} as ${f.caller} → ${f.status} (${f.why})\n    ${f.request}`);
  expect(requests).toBeGreaterThan(3000);
  expect(report, `seed ${SEED}: ${failures.length} of ${requests} requests failed`).toEqual([]);
}, 180_000);
