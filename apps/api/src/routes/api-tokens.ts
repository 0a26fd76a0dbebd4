import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, noContent } from "../lib/openapi";
import { problemResponses } from "../lib/problem";
import { requireSession } from "../middleware/session";
import {
  ApiTokenCreatedSchema,
  ApiTokenCreateSchema,
  ApiTokenListQuerySchema,
  ApiTokenListSchema,
  ApiTokenParamsSchema,
} from "../schemas/api-tokens";
import { createApiToken } from "../services/api-tokens/create-api-token";
import { listApiTokens } from "../services/api-tokens/list-api-tokens";
import { revokeApiToken } from "../services/api-tokens/revoke-api-token";

/** Only in person: an API token cannot manage tokens (ADR 0028). */
const security = [{ cookieAuth: [] }];
const adminsOnly =
  "For the organization's active admins, signed in in person (an API token gets 403); other organizations' admins get 404, a worker 403.";

const listApiTokensRoute = createRoute({
  operationId: "listApiTokens",
  method: "get",
  path: "/api-tokens",
  tags: ["API tokens"],
  summary: "The organization's API tokens (koppelingen), newest first",
  description: `Revoked tokens included; never the token itself. ${adminsOnly}`,
  security,
  middleware: [requireSession()] as const,
  request: { query: ApiTokenListQuerySchema },
  responses: { 200: json(ApiTokenListSchema, "The tokens"), ...problemResponses(400, 401, 403, 404) },
});

const createApiTokenRoute = createRoute({
  operationId: "createApiToken",
  method: "post",
  path: "/api-tokens",
  tags: ["API tokens"],
  summary: "Create an API token for one of the organization's systems",
  description: `The answer carries the token itself, once: Schakel keeps only its SHA-256. Written to the organization's access log. ${adminsOnly}`,
  security,
  middleware: [requireSession()] as const,
  request: { body: { required: true, content: { "application/json": { schema: ApiTokenCreateSchema } } } },
  responses: {
    201: json(ApiTokenCreatedSchema, "Created; copy the token now"),
    ...problemResponses(400, 401, 403, 404, 415),
  },
});

const revokeApiTokenRoute = createRoute({
  operationId: "revokeApiToken",
  method: "delete",
  path: "/api-tokens/{tokenId}",
  tags: ["API tokens"],
  summary: "Revoke an API token",
  description: `Its next request is 401. The token stays in the list as revoked (the access log refers to it); revoking it again changes nothing. Written to the organization's access log. ${adminsOnly}`,
  security,
  middleware: [requireSession()] as const,
  request: { params: ApiTokenParamsSchema },
  responses: { 204: noContent("Revoked"), ...problemResponses(400, 401, 403, 404) },
});

export const apiTokensRoutes = createRouter()
  .openapi(listApiTokensRoute, async (c) => c.json(await listApiTokens(c.var.ctx, c.req.valid("query")), 200))
  .openapi(createApiTokenRoute, async (c) => c.json(await createApiToken(c.var.ctx, c.req.valid("json")), 201))
  .openapi(revokeApiTokenRoute, async (c) => {
    await revokeApiToken(c.var.ctx, c.req.valid("param"));
    return c.body(null, 204);
  });
