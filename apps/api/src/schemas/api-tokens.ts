import { z } from "@hono/zod-openapi";
import * as rules from "@schakel/core";
import { apiTokenScopes } from "@schakel/core";
import { timestamp, UuidSchema } from "./common";
import { documented } from "./document";

export const ApiTokenSchema = z
  .object({
    id: z.uuid().openapi({ description: "Token id", example: "5c4b3a29-1807-4f6e-9d5c-4b3a29180716" }),
    organizationId: z
      .uuid()
      .openapi({ description: "The organization it acts for", example: "0b6f1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d" }),
    name: z.string().openapi({ description: "Name of the koppeling", example: "Plangroep zaaksysteem" }),
    prefix: z.string().openapi({ description: "The token's first characters, to tell tokens apart", example: "skl_Q1w2E3r4" }),
    scopes: z.array(z.enum(apiTokenScopes)).openapi({ description: "What the token may do", example: ["referrals:read"] }),
    createdAt: timestamp("When it was created"),
    expiresAt: timestamp("Until when it works; null: until revoked").nullable(),
    revokedAt: timestamp("When it was revoked; null while it works").nullable(),
    lastUsedAt: timestamp("When it was last used (to the minute); null when never").nullable(),
  })
  .openapi("ApiToken");

export const ApiTokenCreatedSchema = ApiTokenSchema.extend({
  token: z.string().openapi({
    description: "The token itself, for `Authorization: Bearer …`. Shown in this answer only: Schakel keeps just its hash.",
    example: "skl_Q1w2E3r4t5Y6u7I8o9P0aSdFgHjKlZx",
  }),
}).openapi("ApiTokenCreated");

export const ApiTokenListSchema = z.object({ data: z.array(ApiTokenSchema) }).openapi("ApiTokenList");

export const ApiTokenListQuerySchema = z.object({
  organizationId: UuidSchema.openapi({
    param: { name: "organizationId", in: "query" },
    description: "Organization id",
    example: "0b6f1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d",
  }),
});

export const ApiTokenParamsSchema = z.object({
  tokenId: UuidSchema.openapi({ param: { name: "tokenId", in: "path" }, description: "Token id" }),
});

export const ApiTokenCreateSchema = documented(rules.ApiTokenCreateSchema, {
  organizationId: { description: "The organization the token acts for", example: "0b6f1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d" },
  name: { description: "Name of the koppeling (one line)", example: "Plangroep zaaksysteem" },
  scopes: { description: "What the token may do: at least one scope", example: ["referrals:read", "referrals:write"] },
  expiresAt: { description: "Optional: until when it works (in the future)", example: "2027-12-31T23:00:00Z" },
}).openapi("ApiTokenCreate");
