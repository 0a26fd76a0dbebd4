/**
 * A referral never goes out without a way to reach the resident (DESIGN.md "Contact attempts"):
 * the contact detail the preferred channel needs, any one without a preference, or the explicit
 * choice that the receiver goes through the referring worker.
 */
import type { z } from "zod";
import type { DataCategory } from "./consent";
import type { PreferredChannel } from "./contact";

/** The contact detail each preferred channel needs: WhatsApp and phone a number, e-mail an address, a letter or visit a street. */
export const detailForChannel: Record<PreferredChannel, ContactDetail> = {
  telefoon: "phone",
  whatsapp: "phone",
  email: "email",
  brief: "address",
  huisbezoek: "address",
};

export type ContactDetail = "phone" | "email" | "address";

const channelText: Record<PreferredChannel, string> = {
  telefoon: "de telefoon",
  whatsapp: "WhatsApp",
  email: "e-mail",
  brief: "een brief",
  huisbezoek: "een huisbezoek",
};

const detailText: Record<ContactDetail, string> = {
  phone: "een telefoonnummer",
  email: "een e-mailadres",
  address: "straat en huisnummer",
};

const OR_VIA_SENDER = "Of kies 'Bereikbaar via mij'.";

/** What the rule reads: the resident's contact details, the channel, and the explicit choice. */
export interface ContactRouteInput {
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  preferredChannel?: PreferredChannel | null;
  /** The receiver reaches the resident through the referring worker. */
  reachableViaSender: boolean;
}

export interface ContactRouteProblem {
  /** The detail that is missing: the one the channel needs, or `phone` when there is no preference. */
  field: ContactDetail;
  message: string;
}

const filled = (s: string | null | undefined) => Boolean(s?.trim());

/** Why the resident cannot be reached this way, on the detail it concerns — or null when they can. */
export function contactRouteProblem(v: ContactRouteInput): ContactRouteProblem | null {
  if (v.reachableViaSender) return null;
  if (v.preferredChannel) {
    const field = detailForChannel[v.preferredChannel];
    if (filled(v[field])) return null;
    return {
      field,
      message: `Vul ${detailText[field]} in: de inwoner wil contact via ${channelText[v.preferredChannel]}. ${OR_VIA_SENDER}`,
    };
  }
  if (filled(v.phone) || filled(v.email) || filled(v.address)) return null;
  return {
    field: "phone",
    message: `Vul een telefoonnummer, e-mailadres of adres in, zodat de organisatie de inwoner kan bereiken. ${OR_VIA_SENDER}`,
  };
}

/** {@link contactRouteProblem} as a refinement for a form that holds the details and the choice. */
export function checkContactRoute(v: ContactRouteInput, ctx: z.RefinementCtx): void {
  const problem = contactRouteProblem(v);
  if (problem) ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
}

export const CONTACT_NOT_SHARED =
  "Kies ook contactgegevens, of kies 'Bereikbaar via mij': anders kan de organisatie de inwoner niet bereiken.";

/** Without the contact data the receiver can only go through the referring worker, so that must be chosen. */
export function contactSharingProblem(v: {
  dataCategories: readonly DataCategory[];
  reachableViaSender: boolean;
}): string | null {
  return v.reachableViaSender || v.dataCategories.includes("contact") ? null : CONTACT_NOT_SHARED;
}

/** How the receiver reaches the resident: through the resident's own details, or through the referring worker. */
export const reachRoutes = ["resident", "sender"] as const;
export type ReachRoute = (typeof reachRoutes)[number];

/**
 * The route for the receiver: through the referring worker when that was chosen or when it may
 * not see the resident's contact details (not shared, or the basis to see them is gone).
 */
export function reachRoute(v: { reachableViaSender: boolean; seesContact: boolean }): ReachRoute {
  return v.reachableViaSender || !v.seesContact ? "sender" : "resident";
}
