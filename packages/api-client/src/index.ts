import createClient, { type ClientOptions } from "openapi-fetch";
import type { components, paths } from "./schema";

export type { components, paths } from "./schema";
export type Schemas = components["schemas"];
export type Problem = Schemas["Problem"];

/** The typed Schakel API client (openapi-fetch over the generated types). */
export function createApiClient(options: ClientOptions = {}) {
  return createClient<paths>({ baseUrl: "/api/v1", credentials: "same-origin", ...options });
}

export type ApiClient = ReturnType<typeof createApiClient>;
