import type { components, paths } from "@schakel/api-client";
import { consents, contactAttempts, partnerLinks, referralEvents, referrals, residents } from "@schakel/db";
import { and, count, eq } from "drizzle-orm";
import { expect } from "vitest";
import { TEST_ORIGIN } from "../harness";
import type { Browser } from "../referral-world";
import {
  type Actor,
  accessLogOf,
  allNotifications,
  DAY,
  type Fixture,
  ifMatch,
  type MatrixWorld,
  type Role,
  SHARED,
  type Stage,
} from "./fixtures";
import { ACTIVITY, CONTACT, RESIDENT, type Secret, secretsIn, TEXT } from "./secrets";

/**
 * The privacy matrix's cases: every referral-related operation of the API, with the status each of
 * the five actors must get, the personal data the parties must see, the probe a write must (not)
 * change, and the checks beyond that. The runner (`runner.ts`) plays each case as each actor.
 */

export interface Reply {
  status: number;
  body: string;
  contentType: string;
}

export interface Call {
  b: Browser;
  actor: Actor;
  fx: Fixture;
}

export interface Case {
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

export async function viaClient(request: Promise<ClientResult>): Promise<Reply> {
  const { data, error, response } = await request;
  return {
    status: response.status,
    body: JSON.stringify(data ?? error ?? null),
    contentType: response.headers.get("content-type") ?? "",
  };
}

export async function viaFetch(request: Promise<Response>): Promise<Reply> {
  const response = await request;
  return { status: response.status, body: await response.text(), contentType: response.headers.get("content-type") ?? "" };
}

export const referralPath = (fx: Fixture) => ({ params: { path: { referralId: fx.referralId } } });

/**
 * The box the actor's side works from, narrowed to the fixture's service (and, after withdrawal, to
 * withdrawn referrals): every fixture is the same resident, so the list holds this one only.
 */
export const listQuery = (actor: Actor, fx: Fixture): paths["/referrals"]["get"]["parameters"]["query"] => ({
  box: actor === "sender" ? "outbox" : "inbox",
  service: fx.serviceId,
  ...(fx.withdrawn ? { status: "withdrawn" as const } : {}),
});

/** anonymous 401, unrelated 404, and these for the parties. */
export const parties = (senderStatus: number, receiverStatus: number, withdrawnStatus: number): Record<Actor, number> => ({
  anonymous: 401,
  unrelated: 404,
  sender: senderStatus,
  receiver: receiverStatus,
  withdrawn: withdrawnStatus,
});

export function matrixCases(m: MatrixWorld): Case[] {
  return [
    // ---- residents and consents: only the organization that recorded the resident ----
    {
      operationId: "createResident",
      title: "record a resident in the sending organization",
      stage: "consented",
      status: parties(201, 404, 404),
      run: ({ b }) =>
        viaClient(
          b.client.POST("/residents", {
            body: { organizationId: m.sender.organization.id, name: "Nieuwe Inwoner Matrix" } as never,
          }),
        ),
      probe: async () => {
        const [row] = await m.t.db
          .select({ n: count() })
          .from(residents)
          .where(and(eq(residents.organizationId, m.sender.organization.id), eq(residents.name, "Nieuwe Inwoner Matrix")));
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
              receivingOrganizationId: m.receiver.organization.id,
              purpose: "Tweede aanmelding",
              dataCategories: ["contact"],
              method: "schriftelijk",
              feedbackLevel: "status",
              validUntil: m.later(30 * DAY),
            },
          }),
        ),
      probe: async ({ fx }) => {
        const [row] = await m.t.db.select({ n: count() }).from(consents).where(eq(consents.residentId, fx.residentId));
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
        const [row] = await m.t.db
          .select({ withdrawnAt: consents.withdrawnAt, reason: consents.withdrawalReason })
          .from(consents)
          .where(eq(consents.id, fx.consentId));
        const [referral] = await m.t.db
          .select({ status: referrals.status })
          .from(referrals)
          .where(eq(referrals.id, fx.referralId));
        return { ...row, referral: referral?.status };
      },
      changes: true,
      check: async ({ actor, fx }, reply) => {
        if (actor === "sender") expect((await m.referralRow(fx))?.status, "open referrals on it are withdrawn").toBe("withdrawn");
        if (actor === "sender") expect(JSON.parse(reply.body)).toMatchObject({ valid: false });
      },
    },
    {
      operationId: "exportResident",
      title: "download what the own side holds about the resident",
      stage: "shared",
      // The receiver's export is its side of the referral: within the consent, nothing after withdrawal.
      status: parties(200, 200, 200),
      reveals: {
        sender: [...CONTACT, "purpose", "request", "finances", ...ACTIVITY, "place"],
        receiver: [...CONTACT, "request", "finances"],
      },
      run: ({ b, fx }) =>
        viaClient(b.client.GET("/residents/{residentId}/export", { params: { path: { residentId: fx.residentId } } })),
    },
    {
      operationId: "createCompleteResidentExport",
      title: "download everything about the resident (inzage, AVG art. 15), as a worker",
      stage: "shared",
      status: parties(403, 404, 404),
      run: ({ b, fx }) =>
        viaClient(
          b.client.POST("/residents/{residentId}/complete-exports", {
            params: { path: { residentId: fx.residentId } },
            body: { reason: "Inzageverzoek van de inwoner" },
          }),
        ),
    },
    {
      operationId: "createCompleteResidentExport",
      title: "download everything about the resident (inzage, AVG art. 15), as an admin",
      role: "admin",
      stage: "shared",
      status: parties(200, 404, 404),
      reveals: { sender: [...CONTACT, "purpose", "request", "finances", ...ACTIVITY, "place"] },
      run: ({ b, fx }) =>
        viaClient(
          b.client.POST("/residents/{residentId}/complete-exports", {
            params: { path: { residentId: fx.residentId } },
            body: { reason: "Inzageverzoek van de inwoner" },
          }),
        ),
    },
    {
      operationId: "eraseResident",
      title: "erase the resident, as a worker",
      stage: "sent",
      status: parties(403, 404, 404),
      run: ({ b, fx }) =>
        viaClient(b.client.POST("/residents/{residentId}/erasure", { params: { path: { residentId: fx.residentId } } })),
      probe: async ({ fx }) => {
        const [row] = await m.t.db
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
        const [row] = await m.t.db.select({ name: residents.name }).from(residents).where(eq(residents.id, fx.residentId));
        return row;
      },
    },

    // ---- the referral itself ----
    {
      operationId: "createReferral",
      title: "refer the resident",
      stage: "consented",
      status: parties(201, 404, 404),
      run: ({ b, fx }) => viaClient(b.client.POST("/referrals", { body: m.referralBody(fx.residentId, fx.consentId) })),
      probe: async ({ fx }) => {
        const [row] = await m.t.db.select({ n: count() }).from(referrals).where(eq(referrals.residentId, fx.residentId));
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
          b.client.GET("/referrals", {
            params: { query: { ...listQuery(actor, fx), organizationId: m.organizationFor(actor) } },
          }),
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
      operationId: "getReferralFhir",
      title: "read the referral as FHIR",
      stage: "shared",
      status: parties(200, 200, 200),
      // The same view as the referral itself (the notes per category are no FHIR element).
      reveals: { sender: ["name", "request"], receiver: ["name", "request"] },
      run: ({ b, fx }) => viaClient(b.client.GET("/referrals/{referralId}/fhir", referralPath(fx))),
      check: ({ actor }, reply) => {
        if (actor === "unrelated" || actor === "anonymous") return;
        expect(reply.contentType).toMatch(/^application\/fhir\+json/);
        const bundle = JSON.parse(reply.body) as { entry: { resource: { resourceType: string; status?: string } }[] };
        const consent = bundle.entry.find((e) => e.resource.resourceType === "Consent")?.resource;
        expect(consent?.status).toBe(actor === "withdrawn" ? "inactive" : "active");
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
            params: { path: { referralId: fx.referralId }, header: ifMatch(await m.versionOf(fx.referralId)) },
            body: { assignedUserId: m.receiver.admin.user.id },
          }),
        ),
      probe: async ({ fx }) => {
        const row = await m.referralRow(fx);
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
            params: { path: { referralId: fx.referralId }, header: ifMatch(await m.versionOf(fx.referralId)) },
            body: { to: "accepted", note: "Matrix: we nemen haar op" },
          }),
        ),
      probe: async ({ fx }) => {
        const row = await m.referralRow(fx);
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
            params: { path: { referralId: fx.referralId }, header: ifMatch(await m.versionOf(fx.referralId)) },
            body: { to: "withdrawn", note: "Matrix: dubbel verwezen" },
          }),
        ),
      probe: async ({ fx }) => {
        const row = await m.referralRow(fx);
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
      probe: ({ fx }) => m.countOf(referralEvents, fx),
      changes: true,
    },
    {
      operationId: "createPartnerLink",
      title: "send the receiver a fresh mail link (partner-light only)",
      stage: "accepted",
      // Only the sender asks (the receiver, also after the withdrawal: 403); this receiver works with
      // an account, so there is no link to send (422).
      status: parties(422, 403, 403),
      run: ({ b, fx }) => viaClient(b.client.POST("/referrals/{referralId}/partner-links", referralPath(fx))),
      probe: ({ fx }) => m.countOf(partnerLinks, fx),
      changes: false,
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
      probe: ({ fx }) => m.countOf(contactAttempts, fx),
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
          b.client.PUT("/referrals/{referralId}/driegesprek", { ...referralPath(fx), body: { moments: [m.later(3 * DAY)] } }),
        ),
      probe: ({ fx }) => m.driegesprekRow(fx),
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
            body: { at: m.later(2 * DAY), place: "Wijkcentrum De Linde" },
          }),
        ),
      probe: ({ fx }) => m.driegesprekRow(fx),
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
      probe: ({ fx }) => m.driegesprekRow(fx),
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
        const owner = actor === "sender" ? m.sender.worker.user.id : m.receiver.worker.user.id;
        const target = await m.notificationOf(owner, fx);
        return viaClient(
          b.client.POST("/notifications/{notificationId}/read", { params: { path: { notificationId: target.id } } }),
        );
      },
      probe: async ({ actor, fx }) =>
        (await m.notificationOf(actor === "sender" ? m.sender.worker.user.id : m.receiver.worker.user.id, fx)).readAt,
      changes: true,
    },
    {
      operationId: "markAllNotificationsRead",
      title: "mark all your notifications read",
      stage: "received",
      status: { anonymous: 401, unrelated: 200, sender: 200, receiver: 200, withdrawn: 200 },
      run: ({ b }) => viaClient(b.client.POST("/notifications/read-all")),
      probe: ({ fx }) => m.readAtOnReferral(fx),
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
        viaClient(b.client.GET("/access-log", { params: { query: { organizationId: m.organizationFor(actor), limit: 100 } } })),
      check: async ({ b, actor, fx }) => {
        if (actor !== "receiver" && actor !== "withdrawn") return;
        const reads = await accessLogOf(b, m.receiver.organization.id, "referral.read");
        expect(secretsIn(JSON.stringify(reads)), "the log holds no personal data").toEqual([]);
        expect(
          reads.some((e) => e.subjectId === fx.residentId && e.actor.user?.id === m.receiver.worker.user.id),
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
        viaClient(b.client.GET("/access-log", { params: { query: { organizationId: m.organizationFor(actor) } } })),
    },
  ];
}
