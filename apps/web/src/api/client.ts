import { createApiClient } from "@schakel/api-client";
import { QueryClient } from "@tanstack/react-query";
import createQueryHooks from "openapi-react-query";
import { isProblem, isTransient, toProblem, unexpectedProblem, unreachableProblem } from "./problem";

/**
 * The one place that knows HTTP. `api` is the typed openapi-fetch client (same origin, so the
 * session cookie goes along); `$api` builds TanStack Query options and hooks on top of it.
 * Every failure reaches the pages as a Problem: the API's own problem+json, or one made here for
 * a request that got no answer or an answer that was not the API's.
 */
// fetch is looked up per request (not captured once), so the unit tests can stand in for the network.
export const api = createApiClient({ fetch: (request) => globalThis.fetch(request) });

const problemHeaders = { "Content-Type": "application/problem+json" };

api.use({
  async onResponse({ response }) {
    if (response.ok) return undefined;
    const body: unknown = await response
      .clone()
      .json()
      .catch(() => null);
    if (isProblem(body)) return undefined;
    return new Response(JSON.stringify(unexpectedProblem(response.status)), {
      status: response.status,
      headers: problemHeaders,
    });
  },
  onError({ error }) {
    // A request the page itself cancelled (it left, or asked again) is not a failure to show.
    if (error instanceof DOMException && error.name === "AbortError") return undefined;
    return new Response(JSON.stringify(unreachableProblem()), { status: 503, headers: problemHeaders });
  },
});

const unauthorizedListeners = new Set<() => void>();

// A 401 on any call but the sign-in itself means the session has ended (expired, signed out
// elsewhere, or deactivated): tell the session so the app can ask the user to sign in again.
api.use({
  onResponse({ request, response }) {
    if (response.status !== 401 || new URL(request.url).pathname.endsWith("/auth/login")) return;
    for (const listener of unauthorizedListeners) listener();
  },
});

export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/**
 * Marks a request the app makes by itself (polling): it does not extend the session (ADR 0016).
 * Pass as `headers` in a request's init.
 */
export const BACKGROUND_HEADERS = { "Schakel-Activity": "background" } as const;

const activityListeners = new Set<() => void>();

// Any answered request without the background mark counted as use and may have moved the
// session's expiry: tell whoever keeps track of it.
api.use({
  onResponse({ request, response }) {
    if (response.status === 401 || request.headers.get("Schakel-Activity") === BACKGROUND_HEADERS["Schakel-Activity"]) return;
    for (const listener of activityListeners) listener();
  },
});

export function onActivity(listener: () => void): () => void {
  activityListeners.add(listener);
  return () => activityListeners.delete(listener);
}

export const $api = createQueryHooks(api);

/** How long an answer counts as fresh: a page opened twice within it is not fetched again. */
const STALE_MS = 15_000;

export function createAppQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: STALE_MS,
        refetchOnWindowFocus: true,
        // Try again by itself only what may pass: no answer or a server failure, twice.
        retry: (failureCount, error) => failureCount < 2 && isTransient(toProblem(error)),
      },
      mutations: { retry: false },
    },
  });
}
