/**
 * The network boundary for web unit tests: every request the app sends lands in `handle`, which a
 * test sets to answer like the API would. Install it before the API client is created (it takes
 * `fetch` and `Request` when it is made), from `vi.hoisted`:
 *
 *   const server = await vi.hoisted(async () => (await import("../test/api-stub")).installApiStub());
 */
export interface ApiStub {
  /** Answers one request; the default answers 404 problem+json, so a missing answer shows in the test. */
  handle: (request: Request) => Response | Promise<Response>;
  /** Every request so far, oldest first. */
  requests: Request[];
}

const ORIGIN = "http://localhost";

export function installApiStub(): ApiStub {
  const stub: ApiStub = { handle: () => problem(404, "Niet gevonden in de test."), requests: [] };
  const NodeRequest = globalThis.Request;
  // The app asks for /api/v1/…, relative to the page; outside a browser a Request needs an origin.
  class PageRequest extends NodeRequest {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(typeof input === "string" && input.startsWith("/") ? `${ORIGIN}${input}` : input, init);
    }
  }
  globalThis.Request = PageRequest;
  globalThis.fetch = async (input, init) => {
    const request = input instanceof NodeRequest && init === undefined ? input : new PageRequest(input, init);
    stub.requests.push(request);
    return stub.handle(request);
  };
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
    {
      status,
      headers: { "Content-Type": "application/problem+json" },
    },
  );
}

/** The path of a request below /api/v1 ("/notifications"), and its query. */
export function route(request: Request): { path: string; query: URLSearchParams } {
  const url = new URL(request.url);
  return { path: url.pathname.replace(/^\/api\/v1/, ""), query: url.searchParams };
}
