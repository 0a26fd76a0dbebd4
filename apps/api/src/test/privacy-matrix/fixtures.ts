import type { components } from "@schakel/api-client";
import {
  accessLog,
  type contactAttempts,
  driegesprekken,
  notifications,
  type partnerLinks,
  type referralEvents,
  referrals,
} from "@schakel/db";
import { and, asc, count, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import { createTestContext, type TestContext } from "../harness";
import { type Browser, type ConsentCreate, type ReferralCreate, referralWorld } from "../referral-world";
import { RESIDENT, TEXT } from "./secrets";

/**
 * The privacy matrix's network: a sender, a receiver with three services and an outsider, each with
 * a worker and an admin signed in, and referrals minted up to the stage a case needs.
 */

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

type Member = { user: { id: string; email: string }; browser: Browser };
export type Side = { organization: { id: string; name: string }; worker: Member; admin: Member };

export type Stage =
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

export interface Fixture {
  stage: Stage;
  serviceId: string;
  residentId: string;
  consentId: string;
  /** Empty for a resident not referred yet. */
  referralId: string;
  withdrawn: boolean;
}

export const ACTORS = ["anonymous", "unrelated", "sender", "receiver", "withdrawn"] as const;
export type Actor = (typeof ACTORS)[number];
export type Role = "worker" | "admin";

export const CONSENTED: ConsentCreate["dataCategories"] = ["contact", "request", "finances", "birthdate"];
export const SHARED: ReferralCreate["dataCategories"] = ["contact", "request", "finances"];

export async function must<T extends { response: Response; data?: unknown }>(what: string, request: Promise<T>) {
  const res = await request;
  if (res.response.status >= 300)
    throw new Error(`${what}: ${res.response.status} ${JSON.stringify((res as { error?: unknown }).error)}`);
  return res.data as NonNullable<T["data"]>;
}

export const ifMatch = (version: number) => ({ "if-match": `"${version}"` }) as never;

async function staff(t: TestContext, organizationId: string): Promise<Pick<Side, "worker" | "admin">> {
  const worker = await t.make.member(organizationId, "worker");
  const admin = await t.make.member(organizationId, "admin");
  return {
    worker: { user: worker.user, browser: await t.signedIn(worker.user.email) },
    admin: { user: admin.user, browser: await t.signedIn(admin.user.email) },
  };
}

/** One network per test file; its fields are set in `setUp` (see `useMatrixWorld`). */
export class MatrixWorld {
  t!: TestContext;
  world!: ReturnType<typeof referralWorld>;
  sender!: Side;
  receiver!: Side;
  outsider!: Side;
  service!: { id: string };
  /** A service of the receiver only the two shared fixtures are referred to, so a list filtered on it shows only them. */
  readService!: { id: string };
  /** Likewise for the referral whose consent expires. */
  expiryService!: { id: string };
  /** The two referrals every read case looks at: worked on, and the same after the resident withdrew consent. */
  shared!: { live: Fixture; withdrawn: Fixture };

  async setUp(options: { shared: boolean }) {
    const t = await createTestContext();
    this.t = t;
    this.world = referralWorld(t);
    const senderOrg = await t.make.organization({ kind: "wijkteam", name: "Wijkteam Matrix" });
    const receiverOrg = await t.make.organization({ kind: "schuldhulpverlening", name: "Schuldhulp Matrix" });
    const outsiderOrg = await t.make.organization({ kind: "wijkteam", name: "Buurtteam Elders" });
    this.sender = { organization: senderOrg, ...(await staff(t, senderOrg.id)) };
    this.receiver = { organization: receiverOrg, ...(await staff(t, receiverOrg.id)) };
    this.outsider = { organization: outsiderOrg, ...(await staff(t, outsiderOrg.id)) };
    this.service = await this.addService("Schulddienstverlening Matrix");
    this.readService = await this.addService("Budgetcoaching Matrix");
    this.expiryService = await this.addService("Energiehulp Matrix");
    if (options.shared) {
      this.shared = {
        live: await this.mint("active", { serviceId: this.readService.id }),
        withdrawn: await this.mint("active", { serviceId: this.readService.id, withdrawn: true }),
      };
    }
  }

  private addService(name: string) {
    return this.world.addService(
      this.receiver.admin.browser,
      this.receiver.organization.id,
      name,
      5,
      "Hulp bij geldzaken en schulden.",
    );
  }

  later(ms: number) {
    return new Date(this.t.clock.now().getTime() + ms).toISOString();
  }

  residentWithConsent(consent: Partial<ConsentCreate> = {}) {
    return this.world.residentWithConsent(
      this.sender.worker.browser,
      this.sender.organization.id,
      this.receiver.organization.id,
      { purpose: TEXT.purpose, dataCategories: CONSENTED, validUntil: this.later(180 * DAY), ...consent },
      { ...RESIDENT, preferredChannel: "whatsapp" },
    );
  }

  referralBody(residentId: string, consentId: string, overrides: Partial<ReferralCreate> = {}) {
    return this.world.referralBody(residentId, this.service.id, consentId, {
      dataCategories: SHARED,
      request: TEXT.request,
      categoryNotes: { finances: TEXT.finances },
      ...overrides,
    });
  }

  async versionOf(referralId: string) {
    const [row] = await this.t.db.select({ version: referrals.version }).from(referrals).where(eq(referrals.id, referralId));
    if (!row) throw new Error("no such referral");
    return row.version;
  }

  async mint(stage: Stage, options: { withdrawn?: boolean; serviceId?: string } = {}): Promise<Fixture> {
    const sw = this.sender.worker.browser;
    const rw = this.receiver.worker.browser;
    const { resident, consent } = await this.residentWithConsent();
    const serviceId = options.serviceId ?? this.service.id;
    const fx: Fixture = { stage, serviceId, residentId: resident.id, consentId: consent.id, referralId: "", withdrawn: false };
    if (stage !== "consented") {
      const referral = await must(
        "referral",
        sw.client.POST("/referrals", { body: this.referralBody(resident.id, consent.id, { serviceId }) }),
      );
      fx.referralId = referral.id;
      const path = { params: { path: { referralId: referral.id } } };
      if (stage !== "sent") await must("open", rw.client.GET("/referrals/{referralId}", path));
      if (stage !== "sent" && stage !== "received") {
        await must(
          "accept",
          rw.client.POST("/referrals/{referralId}/transitions", {
            params: { path: { referralId: referral.id }, header: ifMatch(await this.versionOf(referral.id)) },
            body: { to: "accepted", note: TEXT.moveNote },
          }),
        );
      }
      if (stage === "active") {
        await must(
          "message",
          sw.client.POST("/referrals/{referralId}/messages", { ...path, body: { text: TEXT.senderMessage } }),
        );
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
          sw.client.PUT("/referrals/{referralId}/driegesprek", { ...path, body: { moments: [this.later(2 * DAY)] } }),
        );
      }
      if (stage === "confirmed" || stage === "meeting-due" || stage === "active") {
        await must(
          "confirm",
          rw.client.POST("/referrals/{referralId}/driegesprek/confirmation", {
            ...path,
            body: { at: this.later(2 * DAY), place: TEXT.place },
          }),
        );
      }
      if (stage === "meeting-due") {
        // Its moment has come, without moving the clock that every session in the file runs on.
        await this.t.db
          .update(driegesprekken)
          .set({ confirmedAt: new Date(this.t.clock.now().getTime() - HOUR) })
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

  /** Who acts: the browser, and the user whose access-log rows to count (none for anonymous). */
  actorOf(actor: Actor, role: Role): { browser: Browser; userId: string | null } {
    if (actor === "anonymous") return { browser: this.t.anonymous(), userId: null };
    const side = actor === "unrelated" ? this.outsider : actor === "sender" ? this.sender : this.receiver;
    return { browser: side[role].browser, userId: side[role].user.id };
  }

  /** The organization whose data the actor asks for: their own side's, or (unrelated) the receiver's. */
  organizationFor(actor: Actor) {
    return (actor === "sender" ? this.sender : this.receiver).organization.id;
  }

  // ---- probes: the data a write touches, read straight from the database ----

  async referralRow(fx: Fixture) {
    const [row] = await this.t.db.select().from(referrals).where(eq(referrals.id, fx.referralId));
    return row;
  }

  async driegesprekRow(fx: Fixture) {
    const [row] = await this.t.db
      .select({ state: driegesprekken.state, place: driegesprekken.place, confirmedAt: driegesprekken.confirmedAt })
      .from(driegesprekken)
      .where(eq(driegesprekken.referralId, fx.referralId));
    return row ?? null;
  }

  async countOf(table: typeof referralEvents | typeof contactAttempts | typeof partnerLinks, fx: Fixture) {
    const [row] = await this.t.db.select({ n: count() }).from(table).where(eq(table.referralId, fx.referralId));
    return row?.n ?? 0;
  }

  /** The newest notification of a user about the fixture's referral. */
  async notificationOf(userId: string, fx: Fixture) {
    const [row] = await this.t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.referralId, fx.referralId)))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(1);
    if (!row) throw new Error("no notification for this referral");
    return row;
  }

  async readAtOnReferral(fx: Fixture) {
    const rows = await this.t.db
      .select({ userId: notifications.userId, readAt: notifications.readAt })
      .from(notifications)
      .where(eq(notifications.referralId, fx.referralId))
      .orderBy(asc(notifications.id));
    return rows.map((r) => [r.userId, r.readAt?.toISOString() ?? null]);
  }

  /** How many access-log rows a user has left. */
  async logRows(userId: string) {
    const [row] = await this.t.db.select({ n: count() }).from(accessLog).where(eq(accessLog.actorUserId, userId));
    return row?.n ?? 0;
  }
}

/** Every notification of the browser's user, all pages. */
export async function allNotifications(b: Browser) {
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
export async function accessLogOf(b: Browser, organizationId: string, action: string) {
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

/**
 * The network for this test file, built before its tests and closed after them. `shared: false`
 * skips minting the two shared read fixtures (for files that mint their own).
 */
export function useMatrixWorld(options: { shared: boolean } = { shared: true }): MatrixWorld {
  const m = new MatrixWorld();
  beforeAll(() => m.setUp(options));
  afterAll(() => m.t?.close());
  return m;
}
