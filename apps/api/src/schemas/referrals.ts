import { z } from "@hono/zod-openapi";
import * as rules from "@schakel/core";
import {
  dataCategories,
  expiryReasons,
  feedbackLevels,
  lawfulBases,
  outcomes,
  preferredChannels,
  reachRoutes,
  referralStatuses,
  referralViewStatuses,
  urgencies,
  urgencyReasons,
} from "@schakel/core";
import { timestamp, UuidSchema } from "./common";
import { documented, documentInner } from "./document";
import { LIFE_DOMAIN } from "./services";

export const CategoryNotesSchema = documented(rules.CategoryNotesSchema, {
  finances: { description: "Income and costs, briefly", example: "Bijstand, vaste lasten rond € 900" },
  debts: { description: "Debts, briefly", example: "Ongeveer € 2.500 bij de zorgverzekeraar" },
  household: { description: "Household, briefly", example: "Woont alleen" },
  health: { description: "Health, briefly (never to debt services)", example: "Slaapt slecht door de zorgen" },
}).openapi("CategoryNotes");

export const ReferralCreateSchema = documented(rules.ReferralCreateSchema, {
  residentId: { description: "The resident (recorded by your organization)", example: "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f" },
  serviceId: { description: "The service to refer to; must accept referrals", example: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a" },
  lawfulBasis: {
    description: "consent, or wgs_task between municipal debt help and its contracted providers",
    example: "consent",
  },
  consentId: {
    description: "The consent that covers this referral (with lawfulBasis consent)",
    example: "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d",
  },
  dataCategories: { description: "What the receiver may see", example: ["contact", "request", "debts"] },
  request: { description: "The question for help", example: "Wil hulp bij schulden bij de zorgverzekeraar." },
  categoryNotes: (field) => documentInner(field, () => CategoryNotesSchema),
  lifeDomains: { description: "Life domains (default: the service's)", example: ["schulden"] },
  urgency: { description: "normal or urgent", example: "normal" },
  urgencyReason: { description: "Why urgent", example: "eviction" },
  preferredChannel: { description: "How to reach the resident", example: "whatsapp" },
  reachableViaSender: {
    description:
      "The receiver reaches the resident through the referring worker. Required (true) when the resident has no contact detail for the preferred channel (without one: no phone, e-mail or address) or when contact data is not shared",
    example: false,
  },
  driegesprek: (field) =>
    documentInner(field, (wish) =>
      documented(wish as typeof rules.DriegesprekWishSchema, {
        wanted: { description: "A three-way meeting is wanted", example: true },
        proposedMoments: { description: "Proposed moments", example: ["2026-11-26T10:00:00Z"] },
      }),
    ).openapi({ description: "Driegesprek: resident, sender and receiver together" }),
  safetyFlag: { description: "Agree a visit with the sender first (never the details)", example: false },
  previousReferralId: {
    description:
      "The closed referral this one follows up (e.g. declined with a suggested service): same resident and sending organization, else 422",
    example: "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b",
  },
}).openapi("ReferralCreate");

const OrgRefSchema = z
  .object({
    id: z.uuid().openapi({ description: "Organization id", example: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f" }),
    name: z.string().openapi({ description: "Organization name", example: "Plangroep" }),
  })
  .openapi("ReferralOrganization");

/** The worker who sent the referral: the way to the resident when reachVia is sender. */
const ReferringWorkerSchema = z
  .object({
    name: z.string().openapi({ description: "Name of the referring worker", example: "Sanne de Vries" }),
    email: z.string().openapi({ description: "E-mail of the referring worker", example: "sanne@wijkteam.example" }),
  })
  .openapi("ReferringWorker", {
    description: "The worker who sent the referral (at the sending organization); null when their account is gone",
  });

export const ReferralResidentSchema = z
  .object({
    name: z.string().nullable().openapi({ description: "Name (category contact)", example: "Sam Jansen" }),
    birthDate: z
      .string()
      .nullable()
      .openapi({ description: "Birth date (category birthdate)", example: "2003-05-14", format: "date" }),
    birthYear: z.number().int().nullable().openapi({ description: "Birth year (category birthdate)", example: null }),
    address: z.string().nullable().openapi({ description: "Address (category contact)", example: "Voorbeeldstraat 12" }),
    postcode: z.string().nullable().openapi({ description: "Postcode (category contact)", example: "6811 AB" }),
    phone: z.string().nullable().openapi({ description: "Phone (category contact)", example: "06-12345678" }),
    email: z.string().nullable().openapi({ description: "E-mail (category contact)", example: null }),
    preferredChannel: z
      .enum(preferredChannels)
      .nullable()
      .openapi({ description: "Preferred channel (category contact)", example: "whatsapp" }),
    language: z.string().nullable().openapi({ description: "Language (category contact)", example: "nl" }),
  })
  .openapi("ReferralResident");

export const ReferralSchema = z
  .object({
    id: z.uuid().openapi({ description: "Referral id", example: "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b" }),
    reference: z.number().int().openapi({
      description: "The short reference, shown as V-<number> in mails and lists; says nothing about the resident",
      example: 1042,
    }),
    status: z.enum(referralViewStatuses).openapi({
      description:
        "Lifecycle status (FHIR Task aligned), as your side may see it: the sender sees it within the resident's feedback level — under contact_only accepted shows as received, progress as in_contact, and completed or not_reached as closed",
      example: "sent",
    }),
    version: z.number().int().openapi({ description: "Changes with every update; also the ETag", example: 1 }),
    service: z.object({ id: z.uuid(), name: z.string() }).openapi({ description: "The service referred to" }),
    sender: OrgRefSchema,
    receiver: OrgRefSchema,
    side: z.enum(["sender", "receiver"]).openapi({ description: "Your side of this referral", example: "sender" }),
    lawfulBasis: z.enum(lawfulBases).openapi({ description: "Lawful basis", example: "consent" }),
    feedbackLevel: z.enum(feedbackLevels).openapi({ description: "What the sender may hear back", example: "outcome" }),
    dataCategories: z
      .array(z.enum(dataCategories))
      .openapi({ description: "What the receiver may see", example: ["contact", "request"] }),
    residentId: z
      .uuid()
      .nullable()
      .openapi({ description: "The resident (sender side only)", example: "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f" }),
    consentId: z
      .uuid()
      .nullable()
      .openapi({ description: "The consent it rests on (sender side only)", example: "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d" }),
    residentAccess: z.enum(["full", "consented", "none"]).openapi({
      description: "full for the sender; consented for the receiver while the basis holds; none after withdrawal or expiry",
      example: "consented",
    }),
    consentEnded: z.enum(["withdrawn", "expired"]).nullable().openapi({
      description: "Receiver side: why the resident is no longer visible — the consent was withdrawn or ran out",
      example: null,
    }),
    resident: ReferralResidentSchema.nullable(),
    request: z
      .string()
      .nullable()
      .openapi({ description: "The question for help (category request)", example: "Wil hulp bij schulden." }),
    categoryNotes: CategoryNotesSchema,
    lifeDomains: z.array(LIFE_DOMAIN).openapi({
      description:
        "Life domains; empty for a receiver the referral does not share the request (hulpvraag) with, or whose consent ended",
      example: ["schulden"],
    }),
    urgency: z.enum(urgencies).openapi({ description: "normal or urgent", example: "normal" }),
    urgencyReason: z.enum(urgencyReasons).nullable().openapi({
      description:
        "Why urgent; null for a receiver the referral does not share the request (hulpvraag) with, or whose consent ended",
      example: null,
    }),
    preferredChannel: z
      .enum(preferredChannels)
      .nullable()
      .openapi({ description: "How to reach the resident", example: "whatsapp" }),
    reachableViaSender: z
      .boolean()
      .openapi({ description: "The sender chose that the resident is reached through the referring worker", example: false }),
    reachVia: z.enum(reachRoutes).openapi({
      description:
        "How the receiver reaches the resident: resident (the contact details in resident, the ones it may see) or sender (through referringWorker: chosen by the sender, contact data not shared, or no longer visible)",
      example: "resident",
    }),
    referringWorker: ReferringWorkerSchema.nullable(),
    driegesprekWanted: z.boolean().openapi({ description: "A driegesprek is wanted", example: true }),
    safetyFlag: z.boolean().openapi({ description: "Agree a visit with the sender first", example: false }),
    responseTargetDays: z.number().int().openapi({ description: "Working days to respond", example: 5 }),
    lastMoveAt: timestamp("When the status last changed"),
    dueDate: z.string().openapi({
      description:
        "The day the target of the current status runs out (Amsterdam date), counted in the receiver's working days from the last move; urgent referrals have a 1-working-day response target",
      example: "2026-11-30",
      format: "date",
    }),
    overdue: z.boolean().openapi({ description: "Open and no move past the target of its status", example: false }),
    allowedMoves: z
      .array(z.enum(referralStatuses))
      .openapi({ description: "Statuses you may move it to now", example: ["withdrawn"] }),
    declineReason: z.string().nullable().openapi({ description: "Why declined", example: null }),
    suggestedServiceId: z.uuid().nullable().openapi({ description: "Service suggested instead, on decline", example: null }),
    suggestedService: z
      .object({ id: z.uuid(), name: z.string() })
      .nullable()
      .openapi({ description: "The service suggested instead, on decline, with its name", example: null }),
    expiryReason: z
      .enum(expiryReasons)
      .nullable()
      .openapi({ description: "Why Schakel moved it to expired (no_response, consent_expired)", example: null }),
    lateSince: timestamp("Since when the sender was told the receiver is late; cleared by the next move").nullable(),
    previousReferralId: z.uuid().nullable().openapi({
      description: "The closed referral this one follows up (sender side only)",
      example: null,
    }),
    followUpReferralId: z.uuid().nullable().openapi({
      description: "The referral that followed this one up, by the same sending organization (sender side only)",
      example: null,
    }),
    outcome: z
      .enum(outcomes)
      .nullable()
      .openapi({ description: "Outcome on completion (if the resident agreed to share it)", example: null }),
    moneyOutcomeCents: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Money outcome in cents (e.g. a grant)", example: null }),
    assignedUserId: z.uuid().nullable().openapi({ description: "The receiver's worker on it", example: null }),
    createdAt: timestamp("When sent"),
    closedAt: timestamp("When closed").nullable(),
  })
  .openapi("Referral");

export const ReferralParamsSchema = z.object({
  referralId: UuidSchema.openapi({ param: { name: "referralId", in: "path" }, description: "Referral id" }),
});

export const ReferralTransitionSchema = documented(rules.TransitionSchema, {
  to: { description: "The new status", example: "accepted" },
  note: { description: "A short note for the other side", example: "We bellen morgen." },
  reason: { description: "Required to decline or pause", example: "Valt buiten onze doelgroep" },
  suggestedServiceId: { description: "On decline: a better service", example: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a" },
  outcome: { description: "Required to complete", example: "helped" },
  moneyOutcomeCents: { description: "Money outcome in cents", example: 50000 },
}).openapi("ReferralTransition");
