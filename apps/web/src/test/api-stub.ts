import { vi } from "vitest";

/**
 * The network boundary for a web unit test, like `fakeApi` in render.tsx but handing the whole
 * Request to the answer (fakeApi's RecordedRequest has no query string, which tells the bell's
 * count from its list). `stubApi()` replaces globalThis.fetch for one test (setup.ts restores it).
 */
export interface ApiStub {
  /** Answers one request; the default answers 404 problem+json, so a missing answer shows in the test. */
  handle: (request: Request) => Response | Promise<Response>;
  /** Every request so far, oldest first. */
  requests: Request[];
}

export function stubApi(): ApiStub {
  const stub: ApiStub = { handle: () => problem(404, "Niet gevonden in de test."), requests: [] };
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    stub.requests.push(request);
    return stub.handle(request);
  });
  return stub;
}

/** A JSON answer as the API gives it. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** A problem+json answer as the API gives it. */
export function problem(status: number, detail: string, extra: Record<string, unknown> = {}): Response {
  return new Response(
    JSON.stringify({ type: `https://schakel.example/problems/test-${status}`, title: "Test", status, detail, ...extra }),
    { status, headers: { "Content-Type": "application/problem+json" } },
  );
}

/** The path of a request below /api/v1 ("/notifications"), and its query. */
export function route(request: Request): { path: string; query: URLSearchParams } {
  const url = new URL(request.url);
  return { path: url.pathname.replace(/^\/api\/v1/, ""), query: url.searchParams };
}
