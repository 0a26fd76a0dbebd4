/**
 * The escalation ladder (DESIGN.md "Late feedback"): what happens when nobody moves a referral.
 * The target counts in working days from the last move, so a referral that stalls later in its
 * life escalates too:
 *
 * 1. at the target, the receiver is reminded (the assigned worker, or the intake);
 * 2. at target + 5 working days, the sender is told and the referral is on the coordinator's
 *    "Te laat" list;
 * 3. at target + 15 working days, before contact with the resident, Schakel moves it to `expired`
 *    and asks the sender to refer elsewhere. Once the receiver is in contact, help is under way:
 *    a stalled referral is then reminded and told, never cut off.
 *
 * Urgent referrals have a 1-working-day target and a shorter ladder (1, 2, 5). A service may
 * change the ladder ({@link EscalationSettingsSchema}). Pure rules: the API's scheduler fires
 * the rungs, each once per referral and move.
 */
import { z } from "zod";
import type { Urgency } from "./contact";
import type { ReferralStatus } from "./referrals";
import { type ClosedDays, responseDueAt } from "./working-days";

export const escalationRungs = ["remind_receiver", "tell_sender", "expire"] as const;
export type EscalationRung = (typeof escalationRungs)[number];

/** What the timeline says of each rung, for both sides. */
export const escalationRungLabels: Record<EscalationRung, string> = {
  remind_receiver: "Herinnering gestuurd: er is nog niet gereageerd",
  tell_sender: "Te laat: de verwijzer is ingelicht",
  expire: "Verlopen: niet op tijd opgepakt",
};

/** The statuses the ladder runs in: every open one. Statuses a referral can expire in: before contact. */
export const escalatingStatuses = ["sent", "received", "accepted", "in_contact", "in_progress", "on_hold"] as const;
export type EscalatingStatus = (typeof escalatingStatuses)[number];
export const expiringStatuses: readonly EscalatingStatus[] = ["sent", "received", "accepted"];

/** Working days a referral may stay in a later status without a move, unless its service says otherwise. */
export const DEFAULT_STATUS_TARGET_DAYS = { accepted: 10, in_contact: 15, in_progress: 30, on_hold: 30 } as const;
export const DEFAULT_TELL_SENDER_AFTER_DAYS = 5;
export const DEFAULT_EXPIRE_AFTER_DAYS = 15;

/** The urgent ladder: a 1-working-day response target, then told after 1 more day, expired after 4 more. */
export const URGENT_LADDER = { targetDays: 1, acceptedTargetDays: 3, tellSenderAfterDays: 1, expireAfterDays: 4 } as const;

const days = (max: number) =>
  z
    .number({ error: "Vul een aantal werkdagen in." })
    .int("Vul een heel aantal werkdagen in.")
    .min(1, "Minstens 1 werkdag.")
    .max(max, `Hoogstens ${max} werkdagen.`);

/** A service's own ladder (services.escalation); what is left out takes the default. */
export const EscalationSettingsSchema = z
  .object({
    /** Working days after the target before the sender is told. */
    tellSenderAfterDays: days(30),
    /** Working days after the target before an untouched referral expires; null: it never expires. */
    expireAfterDays: days(60).nullable(),
    /** Targets for the later statuses (the first response has the service's own response target). */
    statusTargetDays: z
      .object({ accepted: days(60), in_contact: days(120), in_progress: days(250), on_hold: days(250) })
      .partial(),
  })
  .partial()
  .refine((s) => s.expireAfterDays == null || s.tellSenderAfterDays == null || s.expireAfterDays > s.tellSenderAfterDays, {
    path: ["expireAfterDays"],
    message: "Laat een verwijzing pas verlopen nadat de verwijzer is ingelicht.",
  });
export type EscalationSettings = z.infer<typeof EscalationSettingsSchema>;

export interface LadderInput {
  status: ReferralStatus;
  urgency: Urgency;
  /** The referral's response target (the service's, frozen when it was sent). */
  responseTargetDays: number;
  settings?: EscalationSettings | null;
}

/** The working days a referral may stay in its status before its receiver is reminded: the target of that status. */
export function statusTargetDays(input: LadderInput): number {
  const urgent = input.urgency === "urgent";
  switch (input.status) {
    case "sent":
    case "received":
      return urgent ? URGENT_LADDER.targetDays : input.responseTargetDays;
    case "accepted":
      return urgent
        ? URGENT_LADDER.acceptedTargetDays
        : (input.settings?.statusTargetDays?.accepted ?? DEFAULT_STATUS_TARGET_DAYS.accepted);
    case "in_contact":
    case "in_progress":
    case "on_hold":
      return input.settings?.statusTargetDays?.[input.status] ?? DEFAULT_STATUS_TARGET_DAYS[input.status];
    default:
      return input.responseTargetDays;
  }
}

/** The rungs of a referral in its current status, each with the working days after the last move it fires at. */
export function escalationLadder(input: LadderInput): { rung: EscalationRung; afterDays: number }[] {
  if (!(escalatingStatuses as readonly string[]).includes(input.status)) return [];
  const target = statusTargetDays(input);
  const urgent = input.urgency === "urgent";
  const tell = urgent
    ? URGENT_LADDER.tellSenderAfterDays
    : (input.settings?.tellSenderAfterDays ?? DEFAULT_TELL_SENDER_AFTER_DAYS);
  const expire = urgent
    ? URGENT_LADDER.expireAfterDays
    : input.settings?.expireAfterDays === undefined
      ? DEFAULT_EXPIRE_AFTER_DAYS
      : input.settings.expireAfterDays;
  const ladder: { rung: EscalationRung; afterDays: number }[] = [
    { rung: "remind_receiver", afterDays: target },
    { rung: "tell_sender", afterDays: target + tell },
  ];
  if (expire !== null && (expiringStatuses as readonly string[]).includes(input.status)) {
    ladder.push({ rung: "expire", afterDays: target + Math.max(expire, tell + 1) });
  }
  return ladder;
}

/**
 * The next rung to fire after `fired` (the last rung fired since the last move, or null), and
 * the instant it is due: the first instant after its deadline day in Amsterdam (core
 * `responseDueAt`), counting the receiver's closing days as non-working. Null when the ladder
 * is done (or the status does not escalate).
 */
export function nextEscalation(
  input: LadderInput & { lastMoveAt: Date; fired: EscalationRung | null; closed?: ClosedDays },
): { rung: EscalationRung; at: Date } | null {
  const ladder = escalationLadder(input);
  const from = input.fired ? ladder.findIndex((r) => r.rung === input.fired) + 1 : 0;
  const next = ladder[from];
  if (!next) return null;
  return { rung: next.rung, at: responseDueAt(input.lastMoveAt, next.afterDays, input.closed) };
}

/** Why Schakel moved a referral to expired. */
export const expiryReasons = ["no_response", "consent_expired"] as const;
export type ExpiryReason = (typeof expiryReasons)[number];

export const expiryReasonLabels: Record<ExpiryReason, string> = {
  no_response: "De ontvanger heeft niet op tijd gereageerd.",
  consent_expired: "De toestemming van de inwoner is verlopen.",
};
