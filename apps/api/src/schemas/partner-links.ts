import { z } from "@hono/zod-openapi";
import * as rules from "@schakel/core";
import { contactAttemptChannels, partnerLinkMoves, referralStatuses } from "@schakel/core";
import { timestamp } from "./common";
import { documented } from "./document";

/** The link's token travels in this header (never in a path or query, which servers log). */
export const PARTNER_LINK_HEADER = "partner-link";

export const PartnerLinkHeaderSchema = z.object({
  [PARTNER_LINK_HEADER]: z
    .string()
    .max(200)
    .optional()
    .openapi({
      param: { name: PARTNER_LINK_HEADER, in: "header" },
      description: "The token from the link in the mail (after #t=); the page sends it here, never in the URL",
      example: "q3Vb0kH6m2pX9rT1sY4uW7zA8cD5eF0g",
    }),
});

const move = z.enum(partnerLinkMoves).openapi({ description: "A step the link can take", example: "accepted" });

export const PartnerLinkSchema = z
  .object({
    reference: z.string().openapi({ description: "The referral's short reference", example: "V-1042" }),
    status: z.enum(referralStatuses).openapi({ description: "The referral's status", example: "received" }),
    statusLabel: z.string().openapi({ description: "The status in Dutch", example: "Ontvangen" }),
    urgent: z.boolean().openapi({ description: "Whether the sender marked it urgent", example: false }),
    sentAt: timestamp("When the referral was sent"),
    service: z
      .object({
        id: z.uuid().openapi({ description: "Service id", example: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a" }),
        name: z.string().openapi({ description: "Service name", example: "Voedselbank Arnhem" }),
      })
      .openapi({ description: "The service the referral is for" }),
    receiver: z
      .object({ name: z.string().openapi({ description: "Receiving organization", example: "Voedselbank Arnhem" }) })
      .openapi({ description: "The receiving organization (the partner)" }),
    sender: z
      .object({
        organizationName: z.string().openapi({ description: "Sending organization", example: "Wijkteam Arnhem-Oost" }),
        email: z
          .string()
          .nullable()
          .openapi({ description: "The sending organization's e-mail address", example: "info@wijkteam.example" }),
        phone: z.string().nullable().openapi({ description: "The sending organization's phone number", example: "026-1234567" }),
        workerName: z.string().nullable().openapi({ description: "The referring worker's name", example: "Fatima de Vries" }),
      })
      .openapi({ description: "How to reach the sender; the resident's details come from them, in person" }),
    allowedMoves: z.array(move).openapi({ description: "The steps this link can take now", example: ["accepted", "declined"] }),
    expiresAt: timestamp("When the link stops working (earlier at the referral's next step)"),
  })
  .openapi("PartnerLink");

export const PartnerLinkMoveSchema = documented(rules.PartnerLinkMoveSchema, {
  to: { description: "The step: received, accepted, declined, in_contact or completed", example: "accepted" },
  reason: { description: "Required to decline: why, for the sender", example: "Wij helpen alleen inwoners van Arnhem." },
  outcome: { description: "Required to complete: helped or not_helped", example: "helped" },
  moneyOutcomeCents: { description: "On completing: the financial result in cents, if any", example: 25000 },
  channel: {
    description: `How contact was made (in_contact): ${contactAttemptChannels.join(", ")}; default phone`,
    example: "phone",
  },
}).openapi("PartnerLinkMove");

export const PartnerLinkMoveResultSchema = z
  .object({
    reference: z.string().openapi({ description: "The referral's short reference", example: "V-1042" }),
    status: z.enum(referralStatuses).openapi({ description: "The referral's status now", example: "accepted" }),
    statusLabel: z.string().openapi({ description: "The status in Dutch", example: "Geaccepteerd" }),
    nextLinkMailedTo: z.string().nullable().openapi({
      description: "The intake address the link for the next step was mailed to (null when none was)",
      example: "intake@voedselbank.example",
    }),
  })
  .openapi("PartnerLinkMoveResult");

export const PartnerLinkResendSchema = z
  .object({
    sentTo: z
      .string()
      .openapi({ description: "The intake address the fresh link went to", example: "intake@voedselbank.example" }),
    expiresAt: timestamp("When the fresh link stops working"),
  })
  .openapi("PartnerLinkResend");

export const PartnerLightSettingSchema = z
  .object({
    partnerLight: z
      .boolean()
      .openapi({ description: "Work without an account: answer through links in the mail", example: true }),
  })
  .openapi("PartnerLightSetting");

export const OrganizationPartnerLightSchema = z
  .object({
    organizationId: z.uuid().openapi({ description: "Organization id", example: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f" }),
    partnerLight: z.boolean().openapi({ description: "Works without an account", example: true }),
    intakeEmail: z.string().nullable().openapi({ description: "Where the links go", example: "intake@voedselbank.example" }),
  })
  .openapi("OrganizationPartnerLight");
