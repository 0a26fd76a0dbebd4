/** How a resident prefers to be reached, and how a contact attempt went (DESIGN.md "Contact attempts"). */
export const preferredChannels = ["telefoon", "whatsapp", "brief", "huisbezoek", "email"] as const;
export type PreferredChannel = (typeof preferredChannels)[number];

export const preferredChannelLabels: Record<PreferredChannel, string> = {
  telefoon: "Telefoon",
  whatsapp: "WhatsApp",
  brief: "Brief",
  huisbezoek: "Huisbezoek",
  email: "E-mail",
};

export const contactAttemptChannels = ["phone", "whatsapp_sms", "letter", "card", "home_visit", "email"] as const;
export type ContactAttemptChannel = (typeof contactAttemptChannels)[number];

export const contactAttemptChannelLabels: Record<ContactAttemptChannel, string> = {
  phone: "Gebeld",
  whatsapp_sms: "WhatsApp of sms",
  letter: "Brief",
  card: "Kaartje in de bus",
  home_visit: "Huisbezoek",
  email: "E-mail",
};

export const contactAttemptResults = [
  "no_answer",
  "contact_appointment",
  "not_convenient",
  "not_wanted",
  "wrong_details",
] as const;
export type ContactAttemptResult = (typeof contactAttemptResults)[number];

export const contactAttemptResultLabels: Record<ContactAttemptResult, string> = {
  no_answer: "Geen reactie",
  contact_appointment: "Contact, afspraak gemaakt",
  not_convenient: "Contact, kwam niet uit",
  not_wanted: "Contact, wil geen hulp",
  wrong_details: "Verkeerd nummer of adres",
};

export const urgencies = ["normal", "urgent"] as const;
export type Urgency = (typeof urgencies)[number];

/** Why a referral is urgent: acute threats the receiver should act on first. */
export const urgencyReasons = ["eviction", "energy_cutoff", "no_food", "other"] as const;
export type UrgencyReason = (typeof urgencyReasons)[number];

export const urgencyReasonLabels: Record<UrgencyReason, string> = {
  eviction: "Dreigende huisuitzetting",
  energy_cutoff: "Dreigende afsluiting van energie of water",
  no_food: "Geen geld voor eten",
  other: "Anders",
};

export const driegesprekStates = ["proposed", "confirmed", "held", "not_held"] as const;
export type DriegesprekState = (typeof driegesprekStates)[number];

/** How a service can be reached (its contact routes on the sociale kaart). */
export const contactChannelKinds = [
  "telefoon",
  "email",
  "website",
  "whatsapp",
  "huisbezoek",
  "brief",
  "adres",
  "inloop",
] as const;
export type ContactChannelKind = (typeof contactChannelKinds)[number];

export const contactChannelKindLabels: Record<ContactChannelKind, string> = {
  telefoon: "Telefoon",
  email: "E-mail",
  website: "Website",
  whatsapp: "WhatsApp",
  huisbezoek: "Huisbezoek",
  brief: "Brief",
  adres: "Adres",
  inloop: "Inloopspreekuur",
};

/** The kinds that are no use without a number or address, and what to ask for when it is missing. */
export const contactValueMissing: Partial<Record<ContactChannelKind, string>> = {
  telefoon: "Vul het telefoonnummer in.",
  whatsapp: "Vul het WhatsApp-nummer in.",
  email: "Vul het e-mailadres in.",
  website: "Vul het webadres in.",
};

export function contactValueRequired(kind: ContactChannelKind): boolean {
  return kind in contactValueMissing;
}
