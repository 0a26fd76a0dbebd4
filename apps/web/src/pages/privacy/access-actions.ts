import type { components } from "@schakel/api-client";
import { type LawfulBasis, lawfulBasisLabels } from "@schakel/core";

export type AccessLogEntry = components["schemas"]["AccessLogEntry"];

/**
 * The kinds of access the API writes to the log, in plain Dutch for an organisation's admin. The
 * contract gives `action` as a free string, so a kind not listed here is still shown, by its code.
 */
export const accessActionLabels: Readonly<Record<string, string>> = {
  "resident.create": "Inwoner vastgelegd",
  "resident.read": "Gegevens van een inwoner bekeken",
  "resident.export": "Export gemaakt van wat onze kant over een inwoner ziet",
  "resident.export.complete": "Volledige inzage gemaakt (alles over een inwoner, AVG art. 15)",
  "resident.erase": "Gegevens van een inwoner gewist",
  "resident.anonymise": "Gegevens van een inwoner gewist na de bewaartermijn",
  "consent.record": "Toestemming vastgelegd",
  "consent.list": "Toestemmingen bekeken",
  "consent.withdraw": "Toestemming ingetrokken",
  "referral.create": "Verwijzing verstuurd",
  "referral.read": "Verwijzing bekeken",
  "referral.list": "Naam gezien in een lijst met verwijzingen",
  "referral.assign": "Medewerker aan een verwijzing gekoppeld",
  "referral.transition": "Status van een verwijzing veranderd",
  "referral.events.read": "Verloop van een verwijzing bekeken",
  "referral.messages.read": "Berichten bij een verwijzing gelezen",
  "referral.message.create": "Bericht bij een verwijzing geschreven",
  "referral.contact_attempts.read": "Contactpogingen bekeken",
  "referral.contact_attempt.create": "Contactpoging vastgelegd",
  "referral.driegesprek.read": "Driegesprek bekeken",
  "access-log.list": "Toegangslogboek ingezien",
  "member.list": "Ledenlijst bekeken",
  "member.invite": "Collega uitgenodigd",
  "member.reinvite": "Collega opnieuw uitgenodigd",
  "member.update": "Rol of status van een lid veranderd",
  "invitation.accept": "Uitnodiging aangenomen",
  "partner_link.view": "Verwijzing bekeken via maillink (zonder account)",
  "partner_link.move": "Status van een verwijzing veranderd via maillink (zonder account)",
};

/** "Verwijzing bekeken"; an unknown kind by its code, so nothing in the log is hidden. */
export function accessActionLabel(action: string): string {
  return accessActionLabels[action] ?? `Andere toegang (${action})`;
}

/** The kinds to choose from in the filter, in the order of the list above. */
export const accessActionOptions = Object.entries(accessActionLabels).map(([value, label]) => ({ value, label }));

const subjectTypeLabels: Readonly<Record<string, string>> = {
  resident: "inwoner",
  organization: "organisatie",
  member: "lid",
  referral: "verwijzing",
};

/** "inwoner", "organisatie", "lid", or the code for a kind not known here. */
export function subjectTypeLabel(subjectType: string): string {
  return subjectTypeLabels[subjectType] ?? subjectType;
}

/** The residents an entry is about: its subject, or (a list of referrals) the residents whose names were on it. */
export function residentsOf(entry: Pick<AccessLogEntry, "subjectType" | "subjectId" | "details">): string[] {
  if (entry.subjectType !== "resident") return [];
  if (entry.subjectId) return [entry.subjectId];
  const listed = entry.details?.residentIds;
  return Array.isArray(listed) ? listed.filter((id): id is string => typeof id === "string") : [];
}

/**
 * Who did it, in words: "Sanne de Vries (Opr€cht)", Schakel itself, a partner system's token
 * ("Via koppeling Zaaksysteem"), or — for a partner without an account (ADR 0029) — "via maillink (Voedselbank)".
 */
export function actorLabel(actor: AccessLogEntry["actor"], details?: AccessLogEntry["details"]): string {
  const viaLink = !actor.user && typeof details?.partnerLinkId === "string";
  const who =
    actor.user?.name ?? (actor.apiToken ? `Via koppeling ${actor.apiToken.name}` : viaLink ? "via maillink" : "Schakel zelf");
  return actor.organization ? `${who} (${actor.organization.name})` : who;
}

/** Why, as recorded: a lawful basis by its Dutch label ("consent" is "Toestemming van de inwoner"), other reasons as written. */
export function reasonLabel(reason: string): string {
  return reason in lawfulBasisLabels ? lawfulBasisLabels[reason as LawfulBasis] : reason;
}

/** A resident's number as shown in the log: its first part, enough to tell residents apart on one screen. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}
