/**
 * The driegesprek (three-way meeting of resident, sender and receiver) as a small state machine
 * (DESIGN.md "What makes Schakel better"): moments are proposed, one is confirmed with a place or
 * a video link, and afterwards it was held or not. Pure rules; the API enforces them.
 */
import type { DriegesprekState } from "./contact";

export const driegesprekStateLabels: Record<DriegesprekState, string> = {
  proposed: "Voorgesteld",
  confirmed: "Bevestigd",
  held: "Gehouden",
  not_held: "Niet doorgegaan",
};

/** What either side can do with a referral's driegesprek. */
export const driegesprekActions = ["propose", "confirm", "held", "not_held"] as const;
export type DriegesprekAction = (typeof driegesprekActions)[number];

/** How long a driegesprek takes in the calendar. */
export const DRIEGESPREK_MINUTES = 60;

/** At most this many moments in one proposal. */
export const MAX_PROPOSED_MOMENTS = 5;

/**
 * The state after `action`, or null when the action is not possible from `current` (null: no
 * driegesprek yet). Proposing again re-plans (a confirmed time is dropped) or, after one that did
 * not happen, tries anew; one that was held is done.
 */
export function driegesprekNext(current: DriegesprekState | null, action: DriegesprekAction): DriegesprekState | null {
  switch (action) {
    case "propose":
      return current === "held" ? null : "proposed";
    case "confirm":
      return current === "proposed" || current === "confirmed" ? "confirmed" : null;
    case "held":
    case "not_held":
      return current === "confirmed" ? action : null;
  }
}

/**
 * Why the action cannot happen now, in plain Dutch, or null when it can. The outcome can only be
 * recorded once the confirmed moment has come.
 */
export function driegesprekProblem(
  current: { state: DriegesprekState; confirmedAt: Date | null } | null,
  action: DriegesprekAction,
  now: Date,
): string | null {
  if (driegesprekNext(current?.state ?? null, action) === null) {
    if (current?.state === "held") return "Dit driegesprek is al gehouden.";
    if (action === "confirm") {
      return current?.state === "not_held"
        ? "Dit driegesprek ging niet door. Stel eerst nieuwe momenten voor."
        : "Er is nog geen driegesprek voorgesteld. Stel eerst momenten voor.";
    }
    return current?.state === "not_held"
      ? "Van dit driegesprek is al vastgelegd dat het niet doorging."
      : "Er is geen bevestigd driegesprek. Bevestig eerst een moment.";
  }
  if ((action === "held" || action === "not_held") && current?.confirmedAt && current.confirmedAt.getTime() > now.getTime()) {
    return "Het driegesprek is nog niet begonnen. Leg na afloop vast of het is doorgegaan.";
  }
  return null;
}

/** Problems with proposed moments by their position in the list, in Dutch: each in the future, no repeats. */
export function proposedMomentProblems(moments: readonly Date[], now: Date): Record<number, string> {
  const problems: Record<number, string> = {};
  const seen = new Set<number>();
  moments.forEach((m, i) => {
    if (m.getTime() <= now.getTime()) problems[i] = "Kies een moment in de toekomst.";
    else if (seen.has(m.getTime())) problems[i] = "Dit moment staat er al bij.";
    seen.add(m.getTime());
  });
  return problems;
}

/** When a driegesprek starting at `at` ends in the calendar. */
export function driegesprekEnd(at: Date): Date {
  return new Date(at.getTime() + DRIEGESPREK_MINUTES * 60_000);
}
