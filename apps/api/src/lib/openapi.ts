import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { ApiTokenScope } from "@schakel/core";
import { nl } from "zod/locales";
import type { AppEnv } from "../context";
import { validationProblem } from "./problem";

// Validation messages that reach people (problem+json invalidParams) are in Dutch.
z.config(nl());

/** The API's semver version; its major is the /v1 in every path. */
export const API_VERSION = "1.0.0";
export const API_BASE = "/api/v1";

const apiVersionHeader = {
  "API-Version": { description: "Full semver version of the API", schema: { type: "string" as const, example: API_VERSION } },
};

/** A documented JSON response that carries the API-Version header, as every success response does. */
export function json<T extends z.ZodType>(schema: T, description: string, options: { etag?: boolean } = {}) {
  const headers = options.etag
    ? {
        ...apiVersionHeader,
        ETag: {
          description: "The resource's version; send it back in If-Match to change it",
          schema: { type: "string" as const, example: '"3"' },
        },
      }
    : apiVersionHeader;
  return { description, headers, content: { "application/json": { schema } } };
}

/** A documented success response without a body. */
export function noContent(description: string) {
  return { description, headers: apiVersionHeader };
}

/** A router whose failed validations become one problem+json 400 listing every issue. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    strict: true,
    defaultHook: (result) => {
      if (!result.success) throw validationProblem(result.error, result.target);
    },
  });
}

export const openApiDocumentConfig: Parameters<OpenAPIHono["getOpenAPI31Document"]>[0] = {
  openapi: "3.1.0",
  info: {
    title: "Schakel API",
    version: API_VERSION,
    description:
      "Hub of Schakel, the referral and warm-handover network for organisations that help residents with money problems. Follows the NL API Design Rules. While its database cannot be reached, any operation answers 503 problem+json (type database-unreachable) with Retry-After.",
    contact: { name: "Schakel", email: "api@schakel.example", url: "https://schakel.example" },
    license: { name: "EUPL-1.2", url: "https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12" },
  },
  servers: [{ url: API_BASE, description: "This Schakel" }],
};

/**
 * An operation's `security` when an API token may call it too, with this scope (ADR 0028);
 * every other operation lists the session cookie only.
 */
export const sessionOrToken = (scope: ApiTokenScope): Record<string, string[]>[] => [{ cookieAuth: [] }, { bearerAuth: [scope] }];
