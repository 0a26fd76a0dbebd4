/**
 * For unit tests: the network boundary (globalThis.fetch) replaced by answers the test gives per
 * method and path. openapi-fetch takes `fetch` and `Request` when the client is created, so this
 * must run before `api/client.ts` is imported: call it from `vi.hoisted`. Node's Request does not
 * resolve the client's relative base URL ("/api/v1") the way a browser does; here it resolves
 * against the simulated page's address.
 */
type Reply = (request: Request) => Response | Promise<Response>;

export function installFakeNetwork() {
  const BaseRequest = globalThis.Request;
  globalThis.Request = class extends BaseRequest {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(typeof input === "string" ? new URL(input, globalThis.location.href) : input, init);
    }
  } as typeof Request;

  let routes: { method: string; path: string; reply: Reply }[] = [];
  const requests: Request[] = [];

  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request);
    const path = new URL(request.url).pathname.replace(/^\/api\/v1/, "");
    const route = routes.findLast((r) => r.method === request.method && r.path === path);
    if (!route) {
      return json(
        { type: "about:blank", title: "Not Found", status: 404, detail: `No fake answer for ${request.method} ${path}` },
        404,
      );
    }
    return route.reply(request);
  }) as typeof fetch;

  return {
    /** Answer `method path` (a concrete path, "/referrals/123/events") so from now on; a later answer wins. */
    on(method: string, path: string, reply: Reply) {
      routes.push({ method, path, reply });
    },
    /** The requests made so far, oldest first. */
    requests,
    reset() {
      routes = [];
      requests.length = 0;
    },
  };
}

/** A JSON answer; an error status is sent as problem+json, as the API does. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json", ...headers },
  });
}
