import { z } from "@hono/zod-openapi";
import { securityEventKinds } from "@schakel/core";
import { PageMetaSchema, PageQuerySchema, timestamp } from "./common";

const NamedSchema = (what: string, id: string, name: string) =>
  z.object({
    id: z.uuid().openapi({ description: `${what} id`, example: id }),
    name: z.string().openapi({ description: `${what} name`, example: name }),
  });

export const SecurityEventKindSchema = z.enum(securityEventKinds).openapi("SecurityEventKind", {
  description:
    "refused: a signed-in request refused with 403 or 404; csrf: a cookie-authenticated write from another site; sign-in-failed: wrong e-mail address or password; throttled: too many attempts (429); second-factor-failed: a wrong second-factor or recovery code",
  example: "refused",
});

export const SecurityEventSchema = z
  .object({
    id: z.number().int().openapi({ description: "Event number (ascending in order of writing)", example: 311 }),
    at: timestamp("When it happened"),
    kind: SecurityEventKindSchema,
    user: NamedSchema("User", "0b6f1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d", "Sanne de Vries")
      .nullable()
      .openapi({ description: "Who was signed in (or halfway through signing in); null when nobody was" }),
    organization: NamedSchema("Organization", "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f", "Opr€cht")
      .nullable()
      .openapi({ description: "Their organization, when they are an active member of exactly one" }),
    method: z.string().openapi({ description: "HTTP method", example: "GET" }),
    route: z.string().openapi({
      description: "The route template, never the concrete address (ids and query values are left out)",
      example: "/api/v1/referrals/:referralId",
    }),
    status: z.number().int().openapi({ description: "The status the request was answered with", example: 404 }),
    requestId: z.string().openapi({
      description: "The request's X-Request-Id, to find its log lines",
      example: "5b1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
    }),
    addressHash: z.string().openapi({
      description: "SHA-256 (hex) of the client address: the same address gives the same value; the address itself is not kept",
      example: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    }),
  })
  .openapi("SecurityEvent");

export const SecurityEventListSchema = z
  .object({ data: z.array(SecurityEventSchema), meta: PageMetaSchema })
  .openapi("SecurityEventList");

export const SecurityLogQuerySchema = PageQuerySchema.extend({
  kind: SecurityEventKindSchema.optional().openapi({ description: "Only events of this kind" }),
  from: z.iso
    .datetime({ error: "Gebruik een tijdstip als 2026-11-01T00:00:00Z." })
    .optional()
    .openapi({ description: "Only events at or after this moment", example: "2026-11-01T00:00:00Z" }),
  to: z.iso
    .datetime({ error: "Gebruik een tijdstip als 2026-12-01T00:00:00Z." })
    .optional()
    .openapi({ description: "Only events before this moment", example: "2026-12-01T00:00:00Z" }),
}).refine((q) => !q.from || !q.to || new Date(q.from) < new Date(q.to), {
  message: "'to' moet na 'from' liggen.",
  path: ["to"],
});
