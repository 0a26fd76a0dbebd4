/**
 * The referral lifecycle (DESIGN.md, aligned with HL7 FHIR Task.status): one pure state machine
 * that the API enforces and the web app asks which buttons to show.
 */
import { z } from "zod";
import { textUpTo, UuidSchema } from "./fields";

export const referralStatuses = [
  "sent",
  "received",
  "accepted",
  "declined",
  "in_contact",
  "in_progress",
  "on_hold",
  "completed",
  "not_reached",
  "withdrawn",
  "expired",
] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

export const finalStatuses = [
  "declined",
  "completed",
  "not_reached",
  "withdrawn",
  "expired",
] as const satisfies readonly ReferralStatus[];
export type FinalStatus = (typeof finalStatuses)[number];

export const referralStatusLabels: Record<ReferralStatus, string> = {
  sent: "Verstuurd",
  received: "Ontvangen",
  accepted: "Geaccepteerd",
  declined: "Afgewezen",
  in_contact: "In contact",
  in_progress: "Hulp gestart",
  on_hold: "Gepauzeerd",
  completed: "Afgerond",
  not_reached: "Niet bereikt",
  withdrawn: "Ingetrokken",
  expired: "Verlopen",
};

/** FHIR Task.status for exports. */
export const fhirTaskStatus: Record<ReferralStatus, string> = {
  sent: "requested",
  received: "received",
  accepted: "accepted",
  declined: "rejected",
  in_contact: "ready",
  in_progress: "in-progress",
  on_hold: "on-hold",
  completed: "completed",
  not_reached: "failed",
  withdrawn: "cancelled",
  expired: "cancelled",
};

/** Who moves a referral: the sending organization, the receiving one, or Schakel itself. */
export type ReferralSide = "sender" | "receiver" | "system";

export function isFinal(status: ReferralStatus): status is FinalStatus {
  return (finalStatuses as readonly ReferralStatus[]).includes(status);
}

export const openStatuses = referralStatuses.filter((s) => !isFinal(s));

type Move = { to: ReferralStatus; by: ReferralSide };

/** Every allowed move, by the side that may make it. */
const moves: Record<ReferralStatus, readonly Move[]> = {
  sent: [{ to: "received", by: "system" }],
  received: [
    { to: "accepted", by: "receiver" },
    { to: "declined", by: "receiver" },
  ],
  accepted: [
    { to: "in_contact", by: "receiver" },
    { to: "on_hold", by: "receiver" },
    { to: "not_reached", by: "receiver" },
  ],
  in_contact: [
    { to: "in_progress", by: "receiver" },
    { to: "on_hold", by: "receiver" },
    { to: "completed", by: "receiver" },
    { to: "not_reached", by: "receiver" },
  ],
  in_progress: [
    { to: "on_hold", by: "receiver" },
    { to: "completed", by: "receiver" },
  ],
  on_hold: [],
  declined: [],
  completed: [],
  not_reached: [],
  withdrawn: [],
  expired: [],
};

/**
 * The moves a side may make now. `resumeTo` is where an on_hold referral goes back to: the
 * status it was paused from.
 */
export function allowedMoves(status: ReferralStatus, side: ReferralSide, resumeTo?: ReferralStatus): ReferralStatus[] {
  if (isFinal(status)) return [];
  const out = moves[status].filter((m) => m.by === side).map((m) => m.to);
  if (status === "on_hold" && side === "receiver" && resumeTo && ["accepted", "in_contact", "in_progress"].includes(resumeTo)) {
    out.push(resumeTo);
  }
  // Any open referral may be called off by its sender, or by Schakel when consent is withdrawn;
  // and only Schakel expires one nobody moved past the escalation ladder.
  if (side === "sender" || side === "system") out.push("withdrawn");
  if (side === "system") out.push("expired");
  return out;
}

export function canMove(from: ReferralStatus, to: ReferralStatus, side: ReferralSide, resumeTo?: ReferralStatus): boolean {
  return allowedMoves(from, side, resumeTo).includes(to);
}

export const outcomes = ["helped", "not_helped"] as const;
export type Outcome = (typeof outcomes)[number];

export const outcomeLabels: Record<Outcome, string> = { helped: "Geholpen", not_helped: "Niet geholpen" };

export interface TransitionInput {
  to: ReferralStatus;
  note?: string;
  reason?: string;
  suggestedServiceId?: string;
  outcome?: Outcome;
  moneyOutcomeCents?: number;
  plannedAt?: string;
}

/**
 * What a move needs in its own input, as Dutch messages by field; empty when complete. These
 * are the rules {@link TransitionSchema} checks: a form can show them before anything is sent.
 */
export function transitionFieldProblems(input: TransitionInput): Record<string, string> {
  const problems: Record<string, string> = {};
  if ((input.to === "declined" || input.to === "on_hold") && !input.reason?.trim()) {
    problems.reason =
      input.to === "declined" ? "Geef een reden waarom jullie deze verwijzing niet oppakken." : "Geef een reden voor de pauze.";
  }
  if (input.to === "completed" && !input.outcome) problems.outcome = "Kies de uitkomst: geholpen of niet geholpen.";
  if (input.to !== "completed" && input.outcome) problems.outcome = "Een uitkomst hoort alleen bij afronden.";
  if (input.suggestedServiceId && input.to !== "declined")
    problems.suggestedServiceId = "Een andere dienst voorstellen kan alleen bij afwijzen.";
  return problems;
}

/**
 * What a move needs besides being allowed, as Dutch messages by field; empty when complete.
 * Besides {@link transitionFieldProblems} this knows the referral: 'not reached' needs a
 * recorded contact attempt first (reported on `to`).
 */
export function transitionProblems(input: TransitionInput, context: { contactAttempts: number }): Record<string, string> {
  const problems = transitionFieldProblems(input);
  if (input.to === "not_reached" && context.contactAttempts < 1) {
    problems.to = "Leg eerst minstens één contactpoging vast voordat je 'niet bereikt' kiest.";
  }
  return problems;
}

/** A move of a referral to another status, with what that move needs (required-when by `to`). */
export const TransitionSchema = z
  .object({
    to: z.enum(referralStatuses, { error: "Kies een bestaande status." }),
    note: textUpTo(1000, { multiline: true }).optional(),
    reason: textUpTo(1000, { multiline: true }).optional(),
    suggestedServiceId: UuidSchema.optional(),
    outcome: z.enum(outcomes, { error: "Kies de uitkomst: geholpen of niet geholpen." }).optional(),
    moneyOutcomeCents: z
      .number({ error: "Vul een bedrag in hele centen in." })
      .int("Vul een bedrag in hele centen in.")
      .min(0, "Een bedrag is niet negatief.")
      .optional(),
  })
  .superRefine((input, ctx) => {
    for (const [field, message] of Object.entries(transitionFieldProblems(input))) {
      ctx.addIssue({ code: "custom", path: [field], message });
    }
  });
export type Transition = z.infer<typeof TransitionSchema>;
