import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { vi } from "vitest";

/** A fresh query client per test: nothing cached across tests, no retries to wait for. */
export function testQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 0 }, mutations: { retry: false } } });
}

/**
 * Renders `ui` at `route` in a data router (as the app has: forms use useBlocker) with a fresh
 * query client. `path` is the route pattern when the page reads its parameters.
 */
export function renderWithQuery(ui: ReactElement, { route = "/", path = "*" }: { route?: string; path?: string } = {}) {
  const queryClient = testQueryClient();
  const router = createMemoryRouter([{ path, element: ui }], { initialEntries: [route] });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...result, queryClient, router };
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

/**
 * Replaces the network (globalThis.fetch) for one test: `answer` decides each response by method
 * and path (below /api/v1); every request is recorded.
 */
export function fakeApi(
  answer: (request: RecordedRequest) => { status: number; body?: unknown } | Promise<{ status: number; body?: unknown }>,
) {
  const requests: RecordedRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), "http://localhost"), init);
    const text = request.method === "GET" ? "" : await request.text();
    const recorded: RecordedRequest = {
      method: request.method,
      path: new URL(request.url).pathname.replace(/^\/api\/v1/, ""),
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    requests.push(recorded);
    const { status, body } = await answer(recorded);
    const problem = status >= 400;
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { "Content-Type": problem ? "application/problem+json" : "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetchMock);
  return { requests, fetchMock };
}

export const problem = (status: number, detail: string, invalidParams?: { name: string; code: string; reason: string }[]) => ({
  type: `https://schakel.example/problems/${status}`,
  title: "Fout",
  status,
  detail,
  ...(invalidParams ? { invalidParams } : {}),
});
