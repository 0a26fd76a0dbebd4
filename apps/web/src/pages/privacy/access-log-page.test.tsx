import type { components } from "@schakel/api-client";
import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { afterEach, describe, expect, test, vi } from "vitest";
import { createAppQueryClient } from "../../api/client";
import { RequireSession } from "../../components/require-session";
import { SessionProvider } from "../../lib/session";
import { AccessLogPage } from "./access-log-page";

// Mocked at the network boundary only: the app's own client, session and query code run as they
// are. openapi-fetch keeps the fetch it finds when the client is made (on import), and Node's
// Request wants an absolute address, so both are put in place before anything is imported.
const network = vi.hoisted(() => {
  const BaseRequest = globalThis.Request;
  globalThis.Request = class extends BaseRequest {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(typeof input === "string" ? new URL(input, "http://localhost:3000") : input, init);
    }
  } as typeof Request;
  const state = {
    handle: (_request: Request): Response | Promise<Response> => new Response(null, { status: 404 }),
    requests: [] as URL[],
  };
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    state.requests.push(new URL(request.url));
    return state.handle(request);
  };
  return state;
});

const ORG = "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f";
const USER = "0b6f1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d";
const RESIDENT = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";

type Entry = components["schemas"]["AccessLogEntry"];

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" },
  });

const me = (role: "admin" | "worker") => ({
  user: { id: USER, name: "Sanne de Vries", email: "sanne@example.org" },
  memberships: [{ organizationId: ORG, organizationName: "Opr€cht", role }],
});

const entry = (id: number, overrides: Partial<Entry> = {}): Entry => ({
  id,
  at: new Date(Date.UTC(2026, 10, 23, 10, 0) - id * 60_000).toISOString(),
  actor: { user: { id: USER, name: "Sanne de Vries" }, apiToken: null, organization: { id: ORG, name: "Opr€cht" } },
  action: "referral.read",
  subjectType: "resident",
  subjectId: RESIDENT,
  reason: null,
  details: null,
  ...overrides,
});

/** /me answers for `role`; the access log with `log`. */
function serve(role: "admin" | "worker", log: (url: URL) => Response) {
  network.requests = [];
  network.handle = (request) => {
    const url = new URL(request.url);
    if (url.pathname === "/api/v1/me") return json(me(role));
    if (url.pathname === "/api/v1/access-log") return log(url);
    return json({ type: "about:blank", title: "Not found", status: 404, detail: "Niet gevonden." }, 404);
  };
}

const logRequests = () => network.requests.filter((u) => u.pathname === "/api/v1/access-log");

function Address() {
  const location = useLocation();
  return <output aria-label="adres">{`${location.pathname}${location.search}`}</output>;
}

function renderAt(path: string) {
  return render(
    <QueryClientProvider client={createAppQueryClient()}>
      <MemoryRouter initialEntries={[path]}>
        <SessionProvider>
          <Routes>
            <Route element={<RequireSession />}>
              <Route path="privacy" element={<AccessLogPage />} />
            </Route>
          </Routes>
          <Address />
        </SessionProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  network.handle = () => new Response(null, { status: 404 });
});

describe("the access log page", () => {
  test("Meer laden fetches the next page with the same filters and says how many came in", async () => {
    const first = Array.from({ length: 50 }, (_, i) => entry(i + 1));
    const second = [entry(51), entry(52, { action: "resident.export", reason: "inzageverzoek (AVG art. 15)" })];
    serve("admin", (url) =>
      url.searchParams.get("cursor") === "pagina-2"
        ? json({ data: second, meta: { nextCursor: null } })
        : json({ data: first, meta: { nextCursor: "pagina-2" } }),
    );
    renderAt("/privacy?soort=referral.read");
    await screen.findByText("50 regels.");
    expect(screen.getAllByText("Verwijzing bekeken", { selector: "strong" })).toHaveLength(50);

    await userEvent.click(screen.getByRole("button", { name: "Meer laden" }));
    await screen.findByText("2 regels erbij geladen.");
    expect(screen.getByText("52 regels.")).toBeInTheDocument();
    expect(screen.getByText("Dit zijn alle regels.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Meer laden" })).toBeNull();
    expect(screen.getByText(/Reden: inzageverzoek \(AVG art\. 15\)/)).toBeInTheDocument();
    const [one, two] = logRequests();
    expect(one?.searchParams.get("cursor")).toBeNull();
    expect(two?.searchParams.get("cursor")).toBe("pagina-2");
    for (const request of [one, two]) {
      expect(request?.searchParams.get("organizationId")).toBe(ORG);
      expect(request?.searchParams.get("action")).toBe("referral.read");
    }
  });

  test("period, resident and person go to the API; the page shows what the API sent, no client-side filtering", async () => {
    const other = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    serve("admin", (url) =>
      url.searchParams.get("actorUserId")
        ? json({ data: [entry(1)], meta: { nextCursor: null } })
        : // Whatever the API answers is shown: the page does not filter rows itself any more.
          json({
            data: [
              entry(1),
              entry(2, { subjectId: other }),
              entry(3, { actor: { user: null, apiToken: null, organization: null } }),
            ],
            meta: { nextCursor: "meer" },
          }),
    );
    renderAt(`/privacy?van=1-11-2026&tot=30-11-2026&inwoner=${RESIDENT}`);
    await screen.findByText("3 regels.");
    expect(screen.queryByText(/geladen regels/)).toBeNull();
    expect(screen.getByRole("button", { name: "Meer laden" })).toBeInTheDocument();
    const first = logRequests()[0];
    expect(first?.searchParams.get("from")).toBe("2026-10-31T23:00:00.000Z");
    expect(first?.searchParams.get("to")).toBe("2026-11-30T23:00:00.000Z");
    expect(first?.searchParams.get("residentId")).toBe(RESIDENT);
    expect(first?.searchParams.get("actorUserId")).toBeNull();
    expect(screen.getByLabelText("Van")).toHaveValue("1-11-2026");
    expect(screen.getByLabelText("Inwonernummer")).toHaveValue(RESIDENT);

    // One person: by a link on a row, into the address, and from there to the API.
    await userEvent.click(screen.getAllByRole("link", { name: "Alleen van Sanne de Vries" })[0] as HTMLElement);
    expect(screen.getByLabelText("adres").textContent).toContain(`persoon=${USER}`);
    await screen.findByText(/Alleen wat Sanne de Vries deed/);
    await screen.findByText("1 regel.");
    const last = logRequests().at(-1);
    expect(last?.searchParams.get("actorUserId")).toBe(USER);
    expect(last?.searchParams.get("residentId")).toBe(RESIDENT);
    expect(screen.getByText("Dit zijn alle regels.")).toBeInTheDocument();
  });

  test("a refused load is an error with a retry, never an empty log; what is typed in the filter stays on a wrong date", async () => {
    let refuse = true;
    serve("admin", () =>
      refuse
        ? json(
            {
              type: "https://schakel.example/problems/forbidden",
              title: "Forbidden",
              status: 403,
              detail: "Alleen beheerders van deze organisatie kunnen het toegangslogboek inzien.",
            },
            403,
          )
        : json({ data: [], meta: { nextCursor: null } }),
    );
    renderAt("/privacy");
    const alert = await screen.findByRole("alert");
    expect(
      within(alert).getByText("Alleen beheerders van deze organisatie kunnen het toegangslogboek inzien."),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Er staat niets in het logboek/)).toBeNull();

    refuse = false;
    await userEvent.click(screen.getByRole("button", { name: "Opnieuw proberen" }));
    await screen.findByText("Er staat niets in het logboek dat bij deze filters past.");

    await userEvent.click(screen.getByText("Filteren"));
    await userEvent.type(screen.getByLabelText("Van"), "31-2-2026");
    await userEvent.click(screen.getByRole("button", { name: "Filter toepassen" }));
    expect(await screen.findByRole("link", { name: /Vul een datum in als 1-11-2026/ })).toBeInTheDocument();
    expect(screen.getByLabelText("Van")).toHaveValue("31-2-2026");
    expect(screen.getByLabelText("adres").textContent).toBe("/privacy");
  });

  test("a hand-edited address with a wrong date says so and asks nothing of the API", async () => {
    serve("admin", () => json({ data: [], meta: { nextCursor: null } }));
    renderAt("/privacy?van=31-2-2026");
    await screen.findByText("De filters in het adres kloppen niet:");
    expect(screen.getByText("Vul een datum in als 1-11-2026 (dag-maand-jaar).", { selector: "li" })).toBeInTheDocument();
    expect(logRequests()).toEqual([]);
  });

  test("a worker is told that only admins may use the page, and the log is not asked for", async () => {
    serve("worker", () => json({ data: [entry(1)], meta: { nextCursor: null } }));
    renderAt("/privacy");
    await screen.findByText(/^Alleen beheerders kunnen het toegangslogboek bekijken/);
    expect(screen.getByText(/Je bent medewerker bij Opr€cht\./)).toBeInTheDocument();
    expect(logRequests()).toEqual([]);
  });
});
