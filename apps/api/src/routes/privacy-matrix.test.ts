import type { components, paths } from "@schakel/api-client";
import {
  accessLog,
  consents,
  contactAttempts,
  driegesprekken,
  notifications,
  referralEvents,
  referrals,
  residents,
} from "@schakel/db";
import { and, asc, count, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openApiDocument } from "../app";
import { createTestContext, TEST_ORIGIN, type TestContext } from "../test/harness";
import { type Browser, type ConsentCreate, type ReferralCreate, referralWorld } from "../test/referral-world";

/**
 * The privacy matrix (issue "Warm handover", item 7): every referral-related operation of the API,
 * as five actors — anonymous, a worker of an unrelated organization, the sender, the receiver, and
 * the receiver after the resident withdrew consent — with the status each must get, the personal
 * data each must (not) see, the access log each read must leave, and the data a refused write must
 * leave alone. The operations come from the OpenAPI document: a new one without a case fails here.
 */

let t: TestContext;
let world: ReturnType<typeof referralWorld>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const later = (ms: number) => new Date(t.clock.now().getTime() + ms).toISOString();

// ---- the resident's personal data, each piece with a marker no other text in Schakel contains ----

const RESIDENT = {
  name: "Fenna Zwartveld",
  phone: "06-87654321",
  postcode: "6824 KX",
  address: "Kastanjelaan 9",
  email: "f.zwartveld@example.org",
  birthYear: 1987,
};
const TEXT = {
  purpose: "Aanmelding bij de budgetcoach (doel-d1x)",
  request: "Huurachterstand; zij vreest ontruiming (hulpvraag-q7k)",
  finances: "Bijstand en vaste lasten rond 1130 euro (financien-f4m)",
  senderMessage: "Bel haar na vier uur (bericht-s2p)",
  receiverMessage: "Voicemail ingesproken (bericht-r8d)",
  attemptNote: "Niemand thuis (poging-a3w)",
  moveNote: "Intake gepland (stap-m5z)",
  place: "Thuis bij de inwoner Lindelaan 4 (plek-p6c)",
  withdrawalReason: "Wil het zelf regelen (reden-w9q)",
};

/** What to look for in a body, lower case: the whole value or its marker. */
const SECRETS = {
  name: ["zwartveld"],
  phone: ["87654321"],
  postcode: ["6824 kx", "6824kx"],
  address: ["kastanjelaan"],
  email: ["f.zwartveld@"],
  purpose: ["doel-d1x"],
  request: ["hulpvraag-q7k", "vreest ontruiming"],
  finances: ["financien-f4m"],
  senderMessage: ["bericht-s2p"],
  receiverMessage: ["bericht-r8d"],
  attemptNote: ["poging-a3w"],
  moveNote: ["stap-m5z"],
  place: ["plek-p6c", "lindelaan"],
  withdrawalReason: ["reden-w9q"],
} satisfies Record<string, string[]>;
type Secret = keyof typeof SECRETS;

const CONTACT: Secret[] = ["name", "phone", "postcode", "address", "email"];
const ACTIVITY: Secret[] = ["senderMessage", "receiverMessage", "attemptNote", "moveNote"];

/** An iCalendar file as plain text: lines unfolded, escapes undone. */
const unfoldCalendar = (text: string) => text.replace(/\r\n[ \t]/g, "").replace(/\\([,;\\])/g, "$1");

/** The secrets that occur anywhere in a body. */
function secretsIn(body: string): Secret[] {
  const text = unfoldCalendar(body).toLowerCase();
  return (Object.keys(SECRETS) as Secret[]).filter((s) => SECRETS[s].some((needle) => text.includes(needle)));
}

// ---- one network for the whole file ----

type Member = { user: { id: string; email: string }; browser: Browser };
type Side = { organization: { id: string; name: string }; worker: Member; admin: Member };

let sender: Side;
let receiver: Side;
let outsider: Side;
let service: { id: string };
/** A service of the receiver only the two shared fixtures are referred to, so a list filtered on it shows only them. */
let readService: { id: string };
/** Likewise for the referral whose consent expires. */
let expiryService: { id: string };

async function staff(organizationId: string): Promise<Pick<Side, "worker" | "admin">> {
  const worker = await t.make.member(organizationId, "worker");
  const admin = await t.make.member(organizationId, "admin");
  return {
    worker: { user: worker.user, browser: await t.signedIn(worker.user.email) },
    admin: { user: admin.user, browser: await t.signedIn(admin.user.email) },
  };
}

const addService = (name: string) =>
  world.addService(receiver.admin.browser, receiver.organization.id, name, 5, "Hulp bij geldzaken en schulden.");

// ---- fixtures: a referral minted up to the stage a case needs ----

type Stage =
  /** A resident with consent, no referral yet. */
  | "consented"
  | "sent"
  /** Opened by the receiver. */
  | "received"
  /** Accepted, with a note. */
  | "accepted"
  /** Accepted, a driegesprek proposed. */
  | "proposed"
  /** Accepted, a driegesprek confirmed at the resident's home. */
  | "confirmed"
  /** Confirmed, and its moment has come. */
  | "meeting-due"
  /** Accepted, messages both ways, a contact attempt, a confirmed driegesprek. */
  | "active";

interface Fixture {
  stage: Stage;
  serviceId: string;
  residentId: string;
  consentId: string;
  /** Empty for a resident not referred yet. */
  referralId: string;
  withdrawn: boolean;
}

const CONSENTED: ConsentCreate["dataCategories"] = ["contact", "request", "finances", "birthdate"];
const SHARED: ReferralCreate["dataCategories"] = ["contact", "request", "finances"];

async function must<T extends { response: Response; data?: unknown }>(what: string, request: Promise<T>) {
  const res = await request;
  if (res.response.status >= 300)
    throw new Error(`${what}: ${res.response.status} ${JSON.stringify((res as { error?: unknown }).error)}`);
  return res.data as NonNullable<T["data"]>;
}

const residentWithConsent = (consent: Partial<ConsentCreate> = {}) =>
  world.residentWithConsent(
    sender.worker.browser,
    sender.organization.id,
    receiver.organization.id,
    { purpose: TEXT.purpose, dataCategories: CONSENTED, validUntil: later(180 * DAY), ...consent },
    { ...RESIDENT, preferredChannel: "whatsapp" },
  );

const referralBody = (residentId: string, consentId: string, overrides: Partial<ReferralCreate> = {}) =>
  world.referralBody(residentId, service.id, consentId, {
    dataCategories: SHARED,
    request: TEXT.request,
    categoryNotes: { finances: TEXT.finances },
    ...overrides,
  });

async function versionOf(referralId: string) {
  const [row] = await t.db.select({ version: referrals.version }).from(referrals).where(eq(referrals.id, referralId));
  if (!row) throw new Error("no such referral");
  return row.version;
}

const ifMatch = (version: number) => ({ "if-match": `"${version}"` }) as never;

async function mint(stage: Stage, options: { withdrawn?: boolean; serviceId?: string } = {}): Promise<Fixture> {
  const sw = sender.worker.browser;
  const rw = receiver.worker.browser;
  const { resident, consent } = await residentWithConsent();
  const serviceId = options.serviceId ?? service.id;
  const fx: Fixture = { stage, serviceId, residentId: resident.id, consentId: consent.id, referralId: "", withdrawn: false };
  if (stage !== "consented") {
    const referral = await must(
      "referral",
      sw.client.POST("/referrals", { body: referralBody(resident.id, consent.id, { serviceId }) }),
    );
    fx.referralId = referral.id;
    const path = { params: { path: { referralId: referral.id } } };
    if (stage !== "sent") await must("open", rw.client.GET("/referrals/{referralId}", path));
    if (stage !== "sent" && stage !== "received") {
      await must(
        "accept",
        rw.client.POST("/referrals/{referralId}/transitions", {
          params: { path: { referralId: referral.id }, header: ifMatch(await versionOf(referral.id)) },
          body: { to: "accepted", note: TEXT.moveNote },
        }),
      );
    }
    if (stage === "active") {
      await must("message", sw.client.POST("/referrals/{referralId}/messages", { ...path, body: { text: TEXT.senderMessage } }));
      await must(
        "message",
        rw.client.POST("/referrals/{referralId}/messages", { ...path, body: { text: TEXT.receiverMessage } }),
      );
      await must(
        "attempt",
        rw.client.POST("/referrals/{referralId}/contact-attempts", {
          ...path,
          body: { channel: "home_visit", result: "no_answer", note: TEXT.attemptNote },
        }),
      );
    }
    if (stage === "proposed" || stage === "confirmed" || stage === "meeting-due" || stage === "active") {
      await must(
        "propose",
        sw.client.PUT("/referrals/{referralId}/driegesprek", { ...path, body: { moments: [later(2 * DAY)] } }),
      );
    }
    if (stage === "confirmed" || stage === "meeting-due" || stage === "active") {
      await must(
        "confirm",
        rw.client.POST("/referrals/{referralId}/driegesprek/confirmation", {
          ...path,
          body: { at: later(2 * DAY), place: TEXT.place },
        }),
      );
    }
    if (stage === "meeting-due") {
      // Its moment has come, without moving the clock that every session in the file runs on.
      await t.db
        .update(driegesprekken)
        .set({ confirmedAt: new Date(t.clock.now().getTime() - HOUR) })
        .where(eq(driegesprekken.referralId, referral.id));
    }
  }
  if (options.withdrawn) {
    await must(
      "withdraw consent",
      sw.client.POST("/consents/{consentId}/withdrawal", {
        params: { path: { consentId: consent.id } },
        body: { reason: TEXT.withdrawalReason },
      }),
    );
    fx.withdrawn = true;
  }
  return fx;
}

/** The two referrals every read case looks at: worked on, and the same after the resident withdrew consent. */
const shared = {} as { live: Fixture; withdrawn: Fixture };

beforeAll(async () => {
  t = await createTestContext();
  world = referralWorld(t);
  const senderOrg = await t.make.organization({ kind: "wijkteam", name: "Wijkteam Matrix" });
  const receiverOrg = await t.make.organization({ kind: "schuldhulpverlening", name: "Schuldhulp Matrix" });
  const outsiderOrg = await t.make.organization({ kind: "wijkteam", name: "Buurtteam Elders" });
  sender = { organization: senderOrg, ...(await staff(senderOrg.id)) };
  receiver = { organization: receiverOrg, ...(await staff(receiverOrg.id)) };
  outsider = { organization: outsiderOrg, ...(await staff(outsiderOrg.id)) };
  service = await addService("Schulddienstverlening Matrix");
  readService = await addService("Budgetcoaching Matrix");
  expiryService = await addService("Energiehulp Matrix");
  shared.live = await mint("active", { serviceId: readService.id });
  shared.withdrawn = await mint("active", { serviceId: readService.id, withdrawn: true });
});
afterAll(() => t?.close());

// ---- actors ----

const ACTORS = ["anonymous", "unrelated", "sender", "receiver", "withdrawn"] as const;
type Actor = (typeof ACTORS)[number];
type Role = "worker" | "admin";

/** Who acts: the browser, and the user whose access-log rows to count (none for anonymous). */
function actorOf(actor: Actor, role: Role): { browser: Browser; userId: string | null } {
  if (actor === "anonymous") return { browser: t.anonymous(), userId: null };
  const side = actor === "unrelated" ? outsider : actor === "sender" ? sender : receiver;
  return { browser: side[role].browser, userId: side[role].user.id };
}

/** The organization whose data the actor asks for: their own side's, or (unrelated) the receiver's. */
const organizationFor = (actor: Actor) => (actor === "sender" ? sender : receiver).organization.id;

// ---- cases ----

interface Reply {
  status: number;
  body: string;
  contentType: string;
}

interface Call {
  b: Browser;
  actor: Actor;
  fx: Fixture;
}

interface Case {
  operationId: string;
  title: string;
  /** Which member of the actor's organization acts (default: a worker). */
  role?: Role;
  /** `shared`: the shared fixtures (reads only); otherwise a fresh referral per actor, minted to this stage. */
  stage: Stage | "shared";
  status: Record<Actor, number>;
  /** Personal data this side must see (before withdrawal). */
  reveals?: Partial<Record<"sender" | "receiver", Secret[]>>;
  run(c: Call): Promise<Reply>;
  /** One representative piece of the data a write touches (read straight from the database). */
  probe?(c: Call): Promise<unknown>;
  /** A successful write by the actor changes the probe. */
  changes?: boolean;
  check?(c: Call, reply: Reply): Promise<void> | void;
}

type ClientResult = { data?: unknown; error?: unknown; response: Response };

async function viaClient(request: Promise<ClientResult>): Promise<Reply> {
  const { data, error, response } = await request;
  return {
    status: response.status,
    body: JSON.stringify(data ?? error ?? null),
    contentType: response.headers.get("content-type") ?? "",
  };
}

async function viaFetch(request: Promise<Response>): Promise<Reply> {
  const response = await request;
  return { status: response.status, body: await response.text(), contentType: response.headers.get("content-type") ?? "" };
}

const referralPath = (fx: Fixture) => ({ params: { path: { referralId: fx.referralId } } });

/**
 * The box the actor's side works from, narrowed to the fixture's service (and, after withdrawal, to
 * withdrawn referrals): every fixture is the same resident, so the list holds this one only.
 */
const listQuery = (actor: Actor, fx: Fixture): paths["/referrals"]["get"]["parameters"]["query"] => ({
  box: actor === "sender" ? "outbox" : "inbox",
  service: fx.serviceId,
  ...(fx.withdrawn ? { status: "withdrawn" as const } : {}),
});

/** anonymous 401, unrelated 404, and these for the parties. */
const parties = (senderStatus: number, receiverStatus: number, withdrawnStatus: number): Record<Actor, number> => ({
  anonymous: 401,
  unrelated: 404,
  sender: senderStatus,
  receiver: receiverStatus,
  withdrawn: withdrawnStatus,
});

async function referralRow(fx: Fixture) {
  const [row] = await t.db.select().from(referrals).where(eq(referrals.id, fx.referralId));
  return row;
}

async function driegesprekRow(fx: Fixture) {
  const [row] = await t.db
    .select({ state: driegesprekken.state, place: driegesprekken.place, confirmedAt: driegesprekken.confirmedAt })
    .from(driegesprekken)
    .where(eq(driegesprekken.referralId, fx.referralId));
  return row ?? null;
}

async function countOf(table: typeof referralEvents | typeof contactAttempts, fx: Fixture) {
  const [row] = await t.db.select({ n: count() }).from(table).where(eq(table.referralId, fx.referralId));
  return row?.n ?? 0;
}

/** The newest notification of a user about the fixture's referral. */
async function notificationOf(userId: string, fx: Fixture) {
  const [row] = await t.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.referralId, fx.referralId)))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(1);
  if (!row) throw new Error("no notification for this referral");
  return row;
}

async function readAtOnReferral(fx: Fixture) {
  const rows = await t.db
    .select({ userId: notifications.userId, readAt: notifications.readAt })
    .from(notifications)
    .where(eq(notifications.referralId, fx.referralId))
    .orderBy(asc(notifications.id));
  return rows.map((r) => [r.userId, r.readAt?.toISOString() ?? null]);
}

/** Every notification of the browser's user, all pages. */
async function allNotifications(b: Browser) {
  const all: components["schemas"]["Notification"][] = [];
  let cursor: string | undefined;
  do {
    const { data } = await b.client.GET("/notifications", { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } });
    if (!data) throw new Error("notifications not readable");
    all.push(...data.data);
    cursor = data.meta.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** Every entry with this action in an organization's access log, all pages. */
async function accessLogOf(b: Browser, organizationId: string, action: string) {
  const all: components["schemas"]["AccessLogEntry"][] = [];
  let cursor: string | undefined;
  do {
    const { data } = await b.client.GET("/access-log", {
      params: { query: { organizationId, action, limit: 100, ...(cursor ? { cursor } : {}) } },
    });
    if (!data) throw new Error("access log not readable");
    all.push(...data.data);
    cursor = data.meta.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

const CASES: Case[] = [
  // ---- residents and consents: only the organization that recorded the resident ----
  {
    operationId: "createResident",
    title: "record a resident in the sending organization",
    stage: "consented",
    status: parties(201, 404, 404),
    run: ({ b }) =>
      viaClient(
        b.client.POST("/residents", {
          body: { organizationId: sender.organization.id, name: "Nieuwe Inwoner Matrix" } as never,
        }),
      ),
    probe: async () => {
      const [row] = await t.db
        .select({ n: count() })
        .from(residents)
        .where(and(eq(residents.organizationId, sender.organization.id), eq(residents.name, "Nieuwe Inwoner Matrix")));
      return row?.n;
    },
    changes: true,
  },
  {
    operationId: "getResident",
    title: "read the resident",
    stage: "shared",
    status: parties(200, 404, 404),
    reveals: { sender: CONTACT },
    run: ({ b, fx }) => viaClient(b.client.GET("/residents/{residentId}", { params: { path: { residentId: fx.residentId } } })),
  },
  {
    operationId: "listConsents",
    title: "read the resident's consents",
    stage: "shared",
    status: parties(200, 404, 404),
    reveals: { sender: ["purpose"] },
    run: ({ b, fx }) =>
      viaClient(b.client.GET("/residents/{residentId}/consents", { params: { path: { residentId: fx.residentId } } })),
  },
  {
    operationId: "recordConsent",
    title: "record another consent",
    stage: "consented",
    status: parties(201, 404, 404),
    run: ({ b, fx }) =>
      viaClient(
        b.client.POST("/residents/{residentId}/consents", {
          params: { path: { residentId: fx.residentId } },
          body: {
            receivingOrganizationId: receiver.organization.id,
            purpose: "Tweede aanmelding",
            dataCategories: ["contact"],
            method: "schriftelijk",
            feedbackLevel: "status",
            validUntil: later(30 * DAY),
          },
        }),
      ),
    probe: async ({ fx }) => {
      const [row] = await t.db.select({ n: count() }).from(consents).where(eq(consents.residentId, fx.residentId));
      return row?.n;
    },
    changes: true,
  },
  {
    operationId: "withdrawConsent",
    title: "the resident withdraws consent",
    stage: "sent",
    status: parties(200, 404, 404),
    run: ({ b, fx }) =>
      viaClient(
        b.client.POST("/consents/{consentId}/withdrawal", {
          params: { path: { consentId: fx.consentId } },
          body: { reason: "Matrix: ingetrokken" },
        }),
      ),
    probe: async ({ fx }) => {
      const [row] = await t.db
        .select({ withdrawnAt: consents.withdrawnAt, reason: consents.withdrawalReason })
        .from(consents)
        .where(eq(consents.id, fx.consentId));
      const [referral] = await t.db.select({ status: referrals.status }).from(referrals).where(eq(referrals.id, fx.referralId));
      return { ...row, referral: referral?.status };
    },
    changes: true,
    check: async ({ actor, fx }, reply) => {
      if (actor === "sender") expect((await referralRow(fx))?.status, "open referrals on it are withdrawn").toBe("withdrawn");
      if (actor === "sender") expect(JSON.parse(reply.body)).toMatchObject({ valid: false });
    },
  },
  {
    operationId: "exportResident",
    title: "download everything about the resident (inzage)",
    stage: "shared",
    status: parties(200, 404, 404),
    reveals: { sender: [...CONTACT, "purpose", "request", "finances", ...ACTIVITY, "place"] },
    run: ({ b, fx }) =>
      viaClient(b.client.GET("/residents/{residentId}/export", { params: { path: { residentId: fx.residentId } } })),
  },
  {
    operationId: "eraseResident",
    title: "erase the resident, as a worker",
    stage: "sent",
    status: parties(403, 404, 404),
    run: ({ b, fx }) =>
      viaClient(b.client.POST("/residents/{residentId}/erasure", { params: { path: { residentId: fx.residentId } } })),
    probe: async ({ fx }) => {
      const [row] = await t.db
        .select({ name: residents.name, anonymizedAt: residents.anonymizedAt })
        .from(residents)
        .where(eq(residents.id, fx.residentId));
      return row;
    },
  },
  {
    operationId: "eraseResident",
    title: "erase the resident, as an admin, while a referral is open",
    role: "admin",
    stage: "sent",
    status: parties(409, 404, 404),
    run: ({ b, fx }) =>
      viaClient(b.client.POST("/residents/{residentId}/erasure", { params: { path: { residentId: fx.residentId } } })),
    probe: async ({ fx }) => {
      const [row] = await t.db.select({ name: residents.name }).from(residents).where(eq(residents.id, fx.residentId));
      return row;
    },
  },

  // ---- the referral itself ----
  {
    operationId: "createReferral",
    title: "refer the resident",
    stage: "consented",
    status: parties(201, 404, 404),
    run: ({ b, fx }) => viaClient(b.client.POST("/referrals", { body: referralBody(fx.residentId, fx.consentId) })),
    probe: async ({ fx }) => {
      const [row] = await t.db.select({ n: count() }).from(referrals).where(eq(referrals.residentId, fx.residentId));
      return row?.n;
    },
    changes: true,
  },
  {
    operationId: "listReferrals",
    title: "inbox (receiver) or outbox (sender), filtered on the fixture's service",
    stage: "shared",
    // An outsider's own inbox: there, but without the referral.
    status: { anonymous: 401, unrelated: 200, sender: 200, receiver: 200, withdrawn: 200 },
    reveals: { sender: ["name"], receiver: ["name"] },
    run: ({ b, actor, fx }) => viaClient(b.client.GET("/referrals", { params: { query: listQuery(actor, fx) } })),
    check: ({ actor, fx }, reply) => {
      const ids = (JSON.parse(reply.body) as { data?: { id: string }[] }).data?.map((r) => r.id) ?? [];
      if (actor === "unrelated") expect(ids, "an outsider's inbox holds none of it").toEqual([]);
      else if (actor !== "anonymous") expect(ids, "the referral is on the list").toContain(fx.referralId);
    },
  },
  {
    operationId: "listReferrals",
    title: "the same, naming the organization (an outsider names the receiver's)",
    stage: "shared",
    status: parties(200, 200, 200),
    reveals: { sender: ["name"], receiver: ["name"] },
    run: ({ b, actor, fx }) =>
      viaClient(
        b.client.GET("/referrals", { params: { query: { ...listQuery(actor, fx), organizationId: organizationFor(actor) } } }),
      ),
  },
  {
    operationId: "getReferral",
    title: "read the referral",
    stage: "shared",
    status: parties(200, 200, 200),
    reveals: { sender: [...CONTACT, "request", "finances"], receiver: [...CONTACT, "request", "finances"] },
    run: ({ b, fx }) => viaClient(b.client.GET("/referrals/{referralId}", referralPath(fx))),
    check: ({ actor }, reply) => {
      const view = JSON.parse(reply.body) as components["schemas"]["Referral"];
      if (actor === "receiver") {
        expect(view).toMatchObject({
          residentAccess: "consented",
          dataCategories: SHARED,
          categoryNotes: { finances: TEXT.finances },
        });
        // Birth date was consented but not shared with this referral.
        expect(view.resident).toMatchObject({ name: RESIDENT.name, birthYear: null, birthDate: null });
      }
      if (actor === "withdrawn") {
        expect(view).toMatchObject({
          status: "withdrawn",
          residentAccess: "none",
          resident: null,
          request: null,
          categoryNotes: {},
        });
      }
    },
  },
  {
    operationId: "updateReferral",
    title: "assign the receiver's admin",
    stage: "received",
    status: parties(403, 200, 409),
    run: async ({ b, fx }) =>
      viaClient(
        b.client.PATCH("/referrals/{referralId}", {
          params: { path: { referralId: fx.referralId }, header: ifMatch(await versionOf(fx.referralId)) },
          body: { assignedUserId: receiver.admin.user.id },
        }),
      ),
    probe: async ({ fx }) => {
      const row = await referralRow(fx);
      return { assigned: row?.assignedUserId, version: row?.version };
    },
    changes: true,
  },
  {
    operationId: "transitionReferral",
    title: "accept (the receiver's move)",
    stage: "received",
    status: parties(403, 200, 409),
    run: async ({ b, fx }) =>
      viaClient(
        b.client.POST("/referrals/{referralId}/transitions", {
          params: { path: { referralId: fx.referralId }, header: ifMatch(await versionOf(fx.referralId)) },
          body: { to: "accepted", note: "Matrix: we nemen haar op" },
        }),
      ),
    probe: async ({ fx }) => {
      const row = await referralRow(fx);
      return { status: row?.status, version: row?.version };
    },
    changes: true,
  },
  {
    operationId: "transitionReferral",
    title: "withdraw (the sender's move)",
    stage: "sent",
    status: parties(200, 403, 403),
    run: async ({ b, fx }) =>
      viaClient(
        b.client.POST("/referrals/{referralId}/transitions", {
          params: { path: { referralId: fx.referralId }, header: ifMatch(await versionOf(fx.referralId)) },
          body: { to: "withdrawn", note: "Matrix: dubbel verwezen" },
        }),
      ),
    probe: async ({ fx }) => {
      const row = await referralRow(fx);
      return { status: row?.status, version: row?.version };
    },
    changes: true,
  },

  // ---- what happens on a referral ----
  {
    operationId: "listReferralEvents",
    title: "the timeline",
    stage: "shared",
    status: parties(200, 200, 200),
    reveals: { sender: ACTIVITY, receiver: ACTIVITY },
    run: ({ b, fx }) => viaClient(b.client.GET("/referrals/{referralId}/events", referralPath(fx))),
    check: ({ actor }, reply) => {
      if (actor !== "withdrawn") return;
      const events = (JSON.parse(reply.body) as components["schemas"]["ReferralEventList"]).data;
      // The status history stays; the people's text on it does not.
      expect(events.filter((e) => e.type === "status_changed").map((e) => e.toStatus)).toEqual([
        "sent",
        "received",
        "accepted",
        "withdrawn",
      ]);
      expect(events.filter((e) => e.type === "message")).toHaveLength(2);
      for (const e of events) if (e.actor.side !== "system") expect(e.note, `${e.type} ${e.toStatus ?? ""}`).toBeNull();
      expect(events.at(-1)).toMatchObject({ actor: { side: "system" }, note: expect.stringMatching(/toestemming/) });
    },
  },
  {
    operationId: "listReferralMessages",
    title: "the messages",
    stage: "shared",
    status: parties(200, 200, 200),
    reveals: { sender: ["senderMessage", "receiverMessage"], receiver: ["senderMessage", "receiverMessage"] },
    run: ({ b, fx }) => viaClient(b.client.GET("/referrals/{referralId}/messages", referralPath(fx))),
    check: ({ actor }, reply) => {
      if (actor !== "withdrawn") return;
      const messages = (JSON.parse(reply.body) as components["schemas"]["ReferralMessageList"]).data;
      expect(messages.map((m) => [m.text, m.textHidden])).toEqual([
        [null, "consent_withdrawn"],
        [null, "consent_withdrawn"],
      ]);
    },
  },
  {
    operationId: "createReferralMessage",
    title: "send the other side a message",
    stage: "accepted",
    status: parties(201, 201, 409),
    run: ({ b, fx }) =>
      viaClient(
        b.client.POST("/referrals/{referralId}/messages", { ...referralPath(fx), body: { text: "Matrix: even afstemmen" } }),
      ),
    probe: ({ fx }) => countOf(referralEvents, fx),
    changes: true,
  },
  {
    operationId: "listContactAttempts",
    title: "the contact attempts",
    stage: "shared",
    status: parties(200, 200, 200),
    reveals: { sender: ["attemptNote"], receiver: ["attemptNote"] },
    run: ({ b, fx }) => viaClient(b.client.GET("/referrals/{referralId}/contact-attempts", referralPath(fx))),
    check: ({ actor }, reply) => {
      if (actor !== "withdrawn") return;
      const attempts = (JSON.parse(reply.body) as components["schemas"]["ContactAttemptList"]).data;
      expect(attempts).toMatchObject([
        { channel: "home_visit", result: "no_answer", note: null, noteHidden: "consent_withdrawn" },
      ]);
    },
  },
  {
    operationId: "createContactAttempt",
    title: "log a contact attempt",
    stage: "accepted",
    status: parties(403, 201, 409),
    run: ({ b, fx }) =>
      viaClient(
        b.client.POST("/referrals/{referralId}/contact-attempts", {
          ...referralPath(fx),
          body: { channel: "phone", result: "no_answer", note: "Matrix: geen gehoor" },
        }),
      ),
    probe: ({ fx }) => countOf(contactAttempts, fx),
    changes: true,
  },
  {
    operationId: "getDriegesprek",
    title: "the driegesprek",
    stage: "shared",
    status: parties(200, 200, 200),
    reveals: { sender: ["place"], receiver: ["place"] },
    run: ({ b, fx }) => viaClient(b.client.GET("/referrals/{referralId}/driegesprek", referralPath(fx))),
    check: ({ actor }, reply) => {
      if (actor === "withdrawn")
        expect(JSON.parse(reply.body)).toMatchObject({ state: "confirmed", place: null, calendarUrl: null });
    },
  },
  {
    operationId: "proposeDriegesprek",
    title: "propose moments for a driegesprek",
    stage: "accepted",
    status: parties(200, 200, 409),
    run: ({ b, fx }) =>
      viaClient(
        b.client.PUT("/referrals/{referralId}/driegesprek", { ...referralPath(fx), body: { moments: [later(3 * DAY)] } }),
      ),
    probe: ({ fx }) => driegesprekRow(fx),
    changes: true,
  },
  {
    operationId: "confirmDriegesprek",
    title: "confirm the driegesprek",
    stage: "proposed",
    status: parties(200, 200, 409),
    run: ({ b, fx }) =>
      viaClient(
        b.client.POST("/referrals/{referralId}/driegesprek/confirmation", {
          ...referralPath(fx),
          body: { at: later(2 * DAY), place: "Wijkcentrum De Linde" },
        }),
      ),
    probe: ({ fx }) => driegesprekRow(fx),
    changes: true,
  },
  {
    operationId: "recordDriegesprekOutcome",
    title: "record that the driegesprek was held",
    stage: "meeting-due",
    status: parties(200, 200, 409),
    reveals: { sender: ["place"], receiver: ["place"] },
    run: ({ b, fx }) =>
      viaClient(b.client.POST("/referrals/{referralId}/driegesprek/outcome", { ...referralPath(fx), body: { held: true } })),
    probe: ({ fx }) => driegesprekRow(fx),
    changes: true,
  },
  {
    operationId: "getDriegesprekCalendar",
    title: "the driegesprek as .ics (none for a closed referral)",
    stage: "shared",
    status: parties(200, 200, 404),
    reveals: { sender: ["place"], receiver: ["place"] },
    run: ({ b, fx }) => viaFetch(b.fetch(new Request(`${TEST_ORIGIN}/api/v1/referrals/${fx.referralId}/driegesprek.ics`))),
    check: ({ actor }, reply) => {
      if (actor === "sender" || actor === "receiver") expect(reply.contentType).toMatch(/^text\/calendar/);
    },
  },

  // ---- notifications: each person's own, never naming the resident ----
  {
    operationId: "listNotifications",
    title: "your notifications",
    stage: "shared",
    status: { anonymous: 401, unrelated: 200, sender: 200, receiver: 200, withdrawn: 200 },
    run: ({ b }) => viaClient(b.client.GET("/notifications", { params: { query: { limit: 100 } } })),
    check: async ({ b, actor, fx }) => {
      if (actor === "anonymous") return;
      const all = await allNotifications(b);
      expect(secretsIn(JSON.stringify(all)), "no notification names the resident").toEqual([]);
      const onIt = all.filter((n) => n.referralId === fx.referralId);
      if (actor === "unrelated") expect(onIt).toEqual([]);
      else expect(onIt.length, "the parties hear about the referral").toBeGreaterThan(0);
    },
  },
  {
    operationId: "markNotificationRead",
    title: "mark a notification about the referral read (the receiver's, for outsiders)",
    stage: "received",
    status: parties(200, 200, 200),
    run: async ({ b, actor, fx }) => {
      const owner = actor === "sender" ? sender.worker.user.id : receiver.worker.user.id;
      const target = await notificationOf(owner, fx);
      return viaClient(
        b.client.POST("/notifications/{notificationId}/read", { params: { path: { notificationId: target.id } } }),
      );
    },
    probe: async ({ actor, fx }) =>
      (await notificationOf(actor === "sender" ? sender.worker.user.id : receiver.worker.user.id, fx)).readAt,
    changes: true,
  },
  {
    operationId: "markAllNotificationsRead",
    title: "mark all your notifications read",
    stage: "received",
    status: { anonymous: 401, unrelated: 200, sender: 200, receiver: 200, withdrawn: 200 },
    run: ({ b }) => viaClient(b.client.POST("/notifications/read-all")),
    probe: ({ fx }) => readAtOnReferral(fx),
    changes: true,
  },

  // ---- the access log: an organization's admins see who read what ----
  {
    operationId: "listAccessLog",
    title: "the organization's access log, as its admin",
    role: "admin",
    stage: "shared",
    status: parties(200, 200, 200),
    run: ({ b, actor }) =>
      viaClient(b.client.GET("/access-log", { params: { query: { organizationId: organizationFor(actor), limit: 100 } } })),
    check: async ({ b, actor, fx }) => {
      if (actor !== "receiver" && actor !== "withdrawn") return;
      const reads = await accessLogOf(b, receiver.organization.id, "referral.read");
      expect(secretsIn(JSON.stringify(reads)), "the log holds no personal data").toEqual([]);
      expect(
        reads.some((e) => e.subjectId === fx.residentId && e.actor.user?.id === receiver.worker.user.id),
        "the receiver's reads of the referral are in its log",
      ).toBe(true);
    },
  },
  {
    operationId: "listAccessLog",
    title: "the organization's access log, as a worker",
    stage: "shared",
    status: parties(403, 403, 403),
    run: ({ b, actor }) =>
      viaClient(b.client.GET("/access-log", { params: { query: { organizationId: organizationFor(actor) } } })),
  },
];

// ---- the runner ----

const ok = (status: number) => status >= 200 && status < 300;

async function logRows(userId: string) {
  const [row] = await t.db.select({ n: count() }).from(accessLog).where(eq(accessLog.actorUserId, userId));
  return row?.n ?? 0;
}

async function runCell(c: Case, actor: Actor) {
  const fx =
    c.stage === "shared"
      ? actor === "withdrawn"
        ? shared.withdrawn
        : shared.live
      : await mint(c.stage, { withdrawn: actor === "withdrawn" });
  const { browser, userId } = actorOf(actor, c.role ?? "worker");
  const call: Call = { b: browser, actor, fx };
  const before = c.probe ? await c.probe(call) : undefined;
  const logBefore = userId ? await logRows(userId) : 0;

  const reply = await c.run(call);

  const where = `${c.operationId} (${c.title}) as ${actor}`;
  expect(reply.status, `${where}: ${reply.body.slice(0, 300)}`).toBe(c.status[actor]);
  if (!ok(reply.status)) expect(reply.contentType, where).toMatch(/^application\/problem\+json/);

  const seen = secretsIn(reply.body);
  if (!ok(reply.status) || actor === "anonymous" || actor === "unrelated") {
    expect(seen, `${where}: a refusal shows no personal data`).toEqual([]);
  }
  if (actor === "withdrawn") expect(seen, `${where}: after withdrawal no personal data`).toEqual([]);
  if (actor === "sender" || actor === "receiver") {
    const missing = (c.reveals?.[actor] ?? []).filter((s) => !seen.includes(s));
    expect(missing, `${where}: the consented data it should show`).toEqual([]);
  }
  if (seen.length > 0 && userId) {
    expect(await logRows(userId), `${where}: showed ${seen.join(", ")} without an access-log row`).toBeGreaterThan(logBefore);
  }

  if (c.probe) {
    const after = await c.probe(call);
    if (!ok(reply.status) || actor === "anonymous" || actor === "unrelated") {
      expect(after, `${where}: a refused write changes nothing`).toEqual(before);
    } else if (c.changes) {
      expect(after, `${where}: the write took effect`).not.toEqual(before);
    }
  }
  await c.check?.(call, reply);
}

describe("the privacy matrix", () => {
  for (const c of CASES) {
    describe(`${c.operationId}: ${c.title}`, () => {
      for (const actor of ACTORS) {
        test(`${actor} → ${c.status[actor]}`, () => runCell(c, actor));
      }
    });
  }
});

// ---- completeness: every referral-related operation has a case ----

const IN_SCOPE = /^\/(referrals|residents|consents|notifications|access-log)(\/|$)/;
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"] as const;

function referralOperations() {
  const paths = (openApiDocument().paths ?? {}) as Record<string, Partial<Record<string, { operationId?: string }>>>;
  return Object.entries(paths)
    .filter(([path]) => IN_SCOPE.test(path))
    .flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => ({
        operationId: item[m]?.operationId ?? "",
        label: `${m.toUpperCase()} ${path}`,
      })),
    );
}

describe("completeness", () => {
  test("every referral-related operation in the OpenAPI document has a row in the matrix", () => {
    const operations = referralOperations();
    expect(operations.length).toBeGreaterThan(20);
    const covered = new Set(CASES.map((c) => c.operationId));
    const missing = operations
      .filter((o) => !o.operationId || !covered.has(o.operationId))
      .map((o) => `${o.label} (${o.operationId})`);
    expect(missing, "add a case for these operations to privacy-matrix.test.ts").toEqual([]);
    const known = new Set(operations.map((o) => o.operationId));
    expect(
      CASES.filter((c) => !known.has(c.operationId)).map((c) => c.operationId),
      "cases for operations that no longer exist",
    ).toEqual([]);
  });
});

// ---- data categories: the receiver sees only what was consented and shared ----

describe("data categories", () => {
  test("consent covers contact and request: a debts note is refused at creation and nothing is stored", async () => {
    const sw = sender.worker.browser;
    const { resident, consent } = await residentWithConsent({ dataCategories: ["contact", "request"] });
    const debts = { debts: "Schuld bij de energieleverancier (schuld-x5v)" };

    const unshared = await sw.client.POST("/referrals", {
      body: referralBody(resident.id, consent.id, { dataCategories: ["contact", "request"], categoryNotes: debts }),
    });
    expect(unshared.response.status).toBe(400);
    expect((unshared.error as components["schemas"]["Problem"]).invalidParams?.map((p) => p.name)).toEqual([
      "body.categoryNotes.debts",
    ]);
    const unconsented = await sw.client.POST("/referrals", {
      body: referralBody(resident.id, consent.id, { dataCategories: ["contact", "request", "debts"], categoryNotes: debts }),
    });
    expect(unconsented.response.status).toBe(422);
    expect((unconsented.error as components["schemas"]["Problem"]).detail).toMatch(/toestemming/i);
    const [stored] = await t.db.select({ n: count() }).from(referrals).where(eq(referrals.residentId, resident.id));
    expect(stored?.n).toBe(0);

    // Within the consent it goes, and the receiver sees contact and request — no notes, no birth year.
    const sent = await must(
      "referral",
      sw.client.POST("/referrals", {
        body: referralBody(resident.id, consent.id, { dataCategories: ["contact", "request"], categoryNotes: {} }),
      }),
    );
    const { data } = await receiver.worker.browser.client.GET("/referrals/{referralId}", {
      params: { path: { referralId: sent.id } },
    });
    expect(data).toMatchObject({ dataCategories: ["contact", "request"], categoryNotes: {}, request: TEXT.request });
    expect(data?.resident).toMatchObject({ name: RESIDENT.name, birthYear: null });
    expect(JSON.stringify(data)).not.toMatch(/schuld-x5v|financien-f4m/);
  });

  test("a referral that shares less than the consent shows the receiver only what it shares", async () => {
    const sw = sender.worker.browser;
    const rw = receiver.worker.browser;
    const { resident, consent } = await residentWithConsent();
    const sent = await must(
      "referral",
      sw.client.POST("/referrals", {
        body: referralBody(resident.id, consent.id, { dataCategories: ["request"], categoryNotes: {} }),
      }),
    );
    const view = await rw.client.GET("/referrals/{referralId}", { params: { path: { referralId: sent.id } } });
    expect(view.data).toMatchObject({
      residentAccess: "consented",
      resident: null,
      request: TEXT.request,
      preferredChannel: null,
    });
    const inbox = await rw.client.GET("/referrals", { params: { query: { box: "inbox", status: "received", limit: 100 } } });
    const item = inbox.data?.data.find((r) => r.id === sent.id);
    expect(item).toMatchObject({ residentName: null });
    for (const body of [JSON.stringify(view.data), JSON.stringify(item)]) {
      expect(secretsIn(body).filter((s) => CONTACT.includes(s))).toEqual([]);
    }
  });

  test("a withdrawn consent carries no new referral", async () => {
    const fx = await mint("consented", { withdrawn: true });
    const { response, error } = await sender.worker.browser.client.POST("/referrals", {
      body: referralBody(fx.residentId, fx.consentId),
    });
    expect(response.status).toBe(422);
    expect((error as components["schemas"]["Problem"]).detail).toMatch(/toestemming/i);
  });
});

// ---- expiry works like withdrawal, also for a referral that stays open ----

describe("expired consent", () => {
  test("the receiver of an open referral whose consent expired reads its history, none of the resident", async () => {
    const fx = await mint("active", { serviceId: expiryService.id });
    await t.db
      .update(consents)
      .set({ validUntil: new Date(t.clock.now().getTime() - 1000) })
      .where(eq(consents.id, fx.consentId));
    const b = receiver.worker.browser;
    const reads = CASES.filter((c) => c.stage === "shared" && (c.role ?? "worker") === "worker");
    for (const c of reads) {
      const reply = await c.run({ b, actor: "receiver", fx });
      const where = `${c.operationId} (${c.title})`;
      // The referral is still open: the calendar file is still there, without the place.
      expect(reply.status, where).toBe(
        c.status.withdrawn === 404 && c.operationId === "getDriegesprekCalendar" ? 200 : c.status.withdrawn,
      );
      expect(secretsIn(reply.body), where).toEqual([]);
    }
  });
});
