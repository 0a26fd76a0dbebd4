import { z } from "@hono/zod-openapi";
import * as rules from "@schakel/core";
import {
  contactAttemptChannels,
  contactAttemptResults,
  driegesprekStates,
  escalationRungs,
  MAX_PROPOSED_MOMENTS,
  referralViewStatuses,
} from "@schakel/core";
import { PageMetaSchema, timestamp } from "./common";
import { documented, documentInner, withMetadata } from "./document";

const REFERRAL_ID_EXAMPLE = "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b";

const NamedRefSchema = z.object({
  id: z.uuid().openapi({ description: "Id", example: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f" }),
  name: z.string().openapi({ description: "Name", example: "Plangroep" }),
});

export const ReferralActorSchema = z
  .object({
    side: z
      .enum(["sender", "receiver", "system"])
      .openapi({ description: "The sending or receiving organization, or Schakel itself", example: "receiver" }),
    organization: NamedRefSchema.nullable().openapi({ description: "The actor's organization; null for Schakel itself" }),
    user: NamedRefSchema.nullable().openapi({
      description: "The person, shown only to their own organization; null otherwise and for Schakel itself",
    }),
    apiToken: NamedRefSchema.nullable().openapi({
      description:
        "The koppeling (API token) it was done through, shown only to its own organization; null otherwise and when a person acted",
    }),
  })
  .openapi("ReferralActor");

export const hiddenReasons = ["consent_withdrawn", "feedback_level"] as const;

const HiddenSchema = z.enum(hiddenReasons).nullable().openapi({
  description:
    "Why the text is not shown: consent_withdrawn (the receiver lost access to the resident's data), feedback_level (the resident chose not to share outcomes with the sender); null when shown",
  example: null,
});

export const ReferralEventSchema = z
  .object({
    id: z.string().openapi({ description: "Event id (increases over time)", example: "42" }),
    type: z.string().openapi({
      description:
        "What happened: status_changed, message, contact_attempt, escalation, driegesprek_proposed, driegesprek_confirmed, driegesprek_held, driegesprek_not_held (more may be added)",
      example: "status_changed",
    }),
    at: timestamp("When it happened"),
    actor: ReferralActorSchema,
    fromStatus: z.enum(referralViewStatuses).nullable().openapi({
      description: "Status before a move, as you may see it (closed: ended, without saying how)",
      example: "received",
    }),
    toStatus: z.enum(referralViewStatuses).nullable().openapi({
      description: "Status after a move, as you may see it (closed: ended, without saying how)",
      example: "accepted",
    }),
    note: z.string().nullable().openapi({ description: "The note or message text", example: "We bellen morgen." }),
    noteHidden: HiddenSchema,
    contactAttempt: z
      .object({
        channel: z.enum(contactAttemptChannels).openapi({ description: "How", example: "phone" }),
        result: z.enum(contactAttemptResults).openapi({ description: "With what result", example: "no_answer" }),
        attemptedAt: timestamp("When the attempt was made"),
      })
      .nullable()
      .openapi({ description: "For contact_attempt events" }),
    driegesprek: z
      .object({
        state: z
          .enum(driegesprekStates)
          .openapi({ description: "The driegesprek's state after the change", example: "confirmed" }),
        proposedMoments: z
          .array(z.string())
          .openapi({ description: "Proposed moments (for driegesprek_proposed)", example: ["2026-11-26T10:00:00Z"] }),
        confirmedAt: z
          .string()
          .nullable()
          .openapi({ description: "The confirmed moment", example: "2026-11-26T10:00:00Z", format: "date-time" }),
      })
      .nullable()
      .openapi({ description: "For driegesprek_* events" }),
    escalation: z
      .object({
        rung: z.enum(escalationRungs).openapi({
          description:
            "The rung of the escalation ladder Schakel fired: remind_receiver (the receiver was reminded), tell_sender (the sender was told it is late), expire (it expired)",
          example: "remind_receiver",
        }),
      })
      .nullable()
      .openapi({ description: "For escalation events: nobody moved the referral in time (both sides see these)" }),
  })
  .openapi("ReferralEvent");

export const ReferralEventListSchema = z
  .object({ data: z.array(ReferralEventSchema), meta: PageMetaSchema })
  .openapi("ReferralEventList");

export const ReferralMessageCreateSchema = documented(rules.ReferralMessageCreateSchema, {
  text: { description: "The message (1–2000 characters)", example: "We kunnen hem niet bereiken. Lukt het jou?" },
}).openapi("ReferralMessageCreate");

export const ReferralMessageSchema = z
  .object({
    id: z.string().openapi({ description: "Message id (its event id)", example: "42" }),
    referralId: z.uuid().openapi({ description: "The referral", example: REFERRAL_ID_EXAMPLE }),
    at: timestamp("When it was sent"),
    author: ReferralActorSchema,
    text: z.string().nullable().openapi({ description: "The message; null when hidden", example: "Lukt het jou?" }),
    textHidden: HiddenSchema,
  })
  .openapi("ReferralMessage");

export const ReferralMessageListSchema = z
  .object({ data: z.array(ReferralMessageSchema), meta: PageMetaSchema })
  .openapi("ReferralMessageList");

export const ContactAttemptCreateSchema = documented(rules.ContactAttemptCreateSchema, {
  channel: { description: "How the resident was approached", example: "phone" },
  result: { description: "What came of it", example: "no_answer" },
  note: { description: "A short note", example: "Voicemail ingesproken." },
  at: { description: "When the attempt was made (default now; not in the future)", example: "2026-11-23T09:30:00Z" },
}).openapi("ContactAttemptCreate");

export const ContactAttemptSchema = z
  .object({
    id: z.uuid().openapi({ description: "Contact attempt id", example: "8b7a6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d" }),
    referralId: z.uuid().openapi({ description: "The referral", example: REFERRAL_ID_EXAMPLE }),
    channel: z.enum(contactAttemptChannels).openapi({ description: "How the resident was approached", example: "phone" }),
    result: z.enum(contactAttemptResults).openapi({ description: "What came of it", example: "no_answer" }),
    note: z.string().nullable().openapi({ description: "A short note; null when hidden or empty", example: null }),
    noteHidden: HiddenSchema,
    at: timestamp("When the attempt was made"),
    by: ReferralActorSchema,
  })
  .openapi("ContactAttempt");

export const ContactAttemptListSchema = z
  .object({ data: z.array(ContactAttemptSchema), meta: PageMetaSchema })
  .openapi("ContactAttemptList");

export const DriegesprekProposalSchema = documented(rules.DriegesprekProposalSchema, {
  moments: (field) =>
    documentInner(field, (moment) =>
      withMetadata(moment, { description: "A proposed moment, in the future", example: "2026-11-26T10:00:00Z" }),
    ).openapi({
      description: `1–${MAX_PROPOSED_MOMENTS} moments in the future; replaces earlier proposals and drops a confirmed time`,
      example: ["2026-11-26T10:00:00Z", "2026-11-27T14:00:00Z"],
    }),
}).openapi("DriegesprekProposal");

export const DriegesprekConfirmationSchema = documented(rules.DriegesprekConfirmationSchema, {
  at: {
    description: "The moment it takes place: one of the proposed or another, in the future",
    example: "2026-11-26T10:00:00Z",
  },
  place: {
    description: "Where (no details of the resident; for a home visit say 'bij de inwoner thuis')",
    example: "Wijkcentrum De Linde, zaal 2",
  },
  videoLink: { description: "An https link to the video call", example: "https://video.example/schakel-42" },
}).openapi("DriegesprekConfirmation");

export const DriegesprekOutcomeSchema = documented(rules.DriegesprekOutcomeSchema, {
  held: { description: "Whether it took place", example: true },
  note: { description: "A short note", example: "Goed gesprek; intake volgende week." },
}).openapi("DriegesprekOutcome");

export const DriegesprekSchema = z
  .object({
    referralId: z.uuid().openapi({ description: "The referral", example: REFERRAL_ID_EXAMPLE }),
    state: z.enum(driegesprekStates).openapi({ description: "proposed, confirmed, held or not_held", example: "confirmed" }),
    proposedMoments: z
      .array(z.string())
      .openapi({ description: "Proposed moments (UTC)", example: ["2026-11-26T10:00:00Z", "2026-11-27T14:00:00Z"] }),
    confirmedAt: timestamp("The confirmed moment").nullable(),
    endsAt: timestamp("When it ends (an hour later)").nullable(),
    place: z.string().nullable().openapi({
      description: "Where; null when none, or for a receiver that lost access to the resident (consent withdrawn)",
      example: "Wijkcentrum De Linde, zaal 2",
    }),
    videoLink: z
      .string()
      .nullable()
      .openapi({ description: "Video call link; null when none, or hidden as the place is", example: null }),
    updatedAt: timestamp("Last change"),
    calendarUrl: z
      .string()
      .nullable()
      .openapi({
        description: "The .ics for a confirmed driegesprek on an open referral",
        example: `/api/v1/referrals/${REFERRAL_ID_EXAMPLE}/driegesprek.ics`,
      }),
  })
  .openapi("Driegesprek");
