import { z } from "zod";
import { textUpTo, UuidSchema } from "./fields";
import { webhookEventTypes } from "./webhooks";

/** How long the previous secret keeps signing after a rotation, so the receiver can switch over. */
export const WEBHOOK_PREVIOUS_SECRET_HOURS = 24;
export const WEBHOOK_DESCRIPTION_MAX_LENGTH = 200;
export const WEBHOOK_URL_MAX_LENGTH = 2000;

const DescriptionSchema = textUpTo(WEBHOOK_DESCRIPTION_MAX_LENGTH).min(1, "Geef de webhook een korte naam.");

/** Only the form: whether the address may be used (https, public) is the hub's check, with DNS. */
const UrlSchema = textUpTo(WEBHOOK_URL_MAX_LENGTH)
  .min(1, "Vul het webadres van je systeem in.")
  .refine((url) => URL.canParse(url), "Dit is geen geldig webadres.");

const EventTypesSchema = z
  .array(z.enum(webhookEventTypes, { error: "Dit soort gebeurtenis bestaat niet." }), { error: "Kies minstens één gebeurtenis." })
  .min(1, "Kies minstens één gebeurtenis.")
  .max(webhookEventTypes.length)
  .refine((types) => new Set(types).size === types.length, "Kies elke gebeurtenis hoogstens één keer.");

/** An admin subscribes the organization's system to some events (issue 10, part 2). */
export const WebhookSubscriptionCreateSchema = z.object({
  organizationId: UuidSchema,
  description: DescriptionSchema,
  url: UrlSchema,
  eventTypes: EventTypesSchema,
});
export type WebhookSubscriptionCreate = z.infer<typeof WebhookSubscriptionCreateSchema>;

/** Change the name, the address (which is verified again), the events, or switch it off or on. */
export const WebhookSubscriptionUpdateSchema = z
  .object({
    description: DescriptionSchema.optional(),
    url: UrlSchema.optional(),
    eventTypes: EventTypesSchema.optional(),
    active: z.boolean({ error: "Kies aan of uit." }).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "Geef op wat je wilt wijzigen." });
export type WebhookSubscriptionUpdate = z.infer<typeof WebhookSubscriptionUpdateSchema>;

/** How a subscription stands, for the admin pages: it gets events only when `live`. */
export type WebhookSubscriptionState = "live" | "unverified" | "off";

export function webhookSubscriptionState(s: { active: boolean; verifiedAt: Date | string | null }): WebhookSubscriptionState {
  if (!s.active) return "off";
  return s.verifiedAt ? "live" : "unverified";
}

export const webhookSubscriptionStateLabels: Record<WebhookSubscriptionState, string> = {
  live: "Actief",
  unverified: "Niet gecontroleerd",
  off: "Uit",
};

export const webhookDeliveryStatusLabels = {
  pending: "Wacht op verzending",
  delivered: "Afgeleverd",
  failed: "Mislukt",
} as const;

/** Until when the previous secret still signs, after a rotation at `now`. */
export const previousSecretExpiresAt = (now: Date) => new Date(now.getTime() + WEBHOOK_PREVIOUS_SECRET_HOURS * 3600_000);
