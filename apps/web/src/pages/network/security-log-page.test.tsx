import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, Outlet, RouterProvider } from "react-router";
import { describe, expect, test } from "vitest";
import { RequireSession } from "../../components/require-session";
import { SessionProvider } from "../../lib/session";
import { json, problem, route, stubApi } from "../../test/api-stub";
import { testQueryClient } from "../../test/render";
import { SecurityLogPage } from "./security-log-page";

const ORG = "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f";
const me = (networkAdmin: boolean) => ({
  user: { id: "0b6f1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d", name: "Regie Arnhem", email: "regie@arnhem.example" },
  memberships: [{ organizationId: ORG, organizationName: "Gemeente Arnhem", role: "coordinator" }],
  networkAdmin,
});

const event = (id: number, overrides: Record<string, unknown> = {}) => ({
  id,
  at: "2026-11-30T09:15:00Z",
  kind: "refused",
  user: { id: "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a", name: "Rik Buiten" },
  organization: { id: "6e5d4c3b-2a1f-4e0d-9c8b-7a6f5e4d3c2b", name: "Wijkteam Oost" },
  method: "GET",
  route: "/api/v1/referrals/:referralId",
  status: 404,
  requestId: `req-${id}-0000`,
  addressHash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
  ...overrides,
});

function renderPage(entry = "/netwerk/beveiligingslog") {
  const router = createMemoryRouter(
    [
      {
        element: (
          <SessionProvider>
            <Outlet />
          </SessionProvider>
        ),
        children: [
          { element: <RequireSession />, children: [{ path: "netwerk/beveiligingslog", element: <SecurityLogPage /> }] },
        ],
      },
    ],
    { initialEntries: [entry] },
  );
  render(
    <QueryClientProvider client={testQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

/** The API: /me, and the log in pages of one (the second page after the cursor "volgende"). */
function serve(
  networkAdmin: boolean,
  pages: unknown[][] = [
    [event(2)],
    [
      event(1, {
        kind: "sign-in-failed",
        user: null,
        organization: null,
        method: "POST",
        route: "/api/v1/auth/login",
        status: 401,
      }),
    ],
  ],
) {
  const api = stubApi();
  api.handle = (request) => {
    const { path, query } = route(request);
    if (path === "/me") return json(me(networkAdmin));
    if (path === "/security-log") {
      const second = query.get("cursor") === "volgende";
      const page = (second ? pages[1] : pages[0]) ?? [];
      return json({ data: page, meta: { nextCursor: !second && pages.length > 1 ? "volgende" : null } });
    }
    return problem(404, "Niet gevonden in de test.");
  };
  return api;
}

const logRequests = (api: ReturnType<typeof serve>) => api.requests.map(route).filter((r) => r.path === "/security-log");

describe("/netwerk/beveiligingslog", () => {
  test("someone who is no network admin is told so, and the log is not asked for", async () => {
    const api = serve(false);
    renderPage();
    await screen.findByText(/Alleen netwerkbeheerders kunnen het beveiligingslog zien/);
    expect(logRequests(api)).toEqual([]);
  });

  test("a network admin sees what was refused, who and where (the route template), and loads more", async () => {
    const api = serve(true);
    renderPage();
    const list = await screen.findByRole("list", { name: "Gebeurtenissen" });
    const [first] = within(list).getAllByRole("listitem");
    expect(first).toHaveTextContent("Geweigerd: gegevens die niet van jou zijn");
    expect(first).toHaveTextContent("Rik Buiten (Wijkteam Oost)");
    expect(first).toHaveTextContent("GET /api/v1/referrals/:referralId");
    expect(first).toHaveTextContent("404 (niet gevonden of niet van jou)");
    expect(first).toHaveTextContent("9f86d081884c");
    expect(first).toHaveTextContent("req-2-0000");

    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Meer laden" }));
    await screen.findByText("1 gebeurtenis erbij geladen.");
    const items = within(list).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(items[1]).toHaveTextContent("Inloggen mislukt");
    expect(items[1]).toHaveTextContent("Niemand ingelogd");
    expect(screen.getByText("Dit zijn alle gebeurtenissen.")).toBeTruthy();
    expect(logRequests(api).map((r) => r.query.get("cursor"))).toEqual([null, "volgende"]);
  });

  test("the filters go into the address and to the API: kind, and a Dutch period in Amsterdam time", async () => {
    const api = serve(true, [[]]);
    const router = renderPage();
    await screen.findByText("Er is nog niets geweigerd. Zodra Schakel iets weigert, zie je het hier.");
    const user = userEvent.setup();
    await user.click(screen.getByText("Filteren"));
    await user.selectOptions(screen.getByLabelText("Soort"), "Te veel pogingen");
    await user.type(screen.getByLabelText("Van"), "1-11-2026");
    await user.type(screen.getByLabelText("Tot en met"), "30-11-2026");
    await user.click(screen.getByRole("button", { name: "Filter toepassen" }));
    await screen.findByText("Er is niets gebeurd dat bij deze filters past.");
    expect(router.state.location.search).toBe("?soort=throttled&van=1-11-2026&tot=30-11-2026");
    await waitFor(() => expect(logRequests(api)).toHaveLength(2));
    const query = logRequests(api)[1]?.query;
    expect(query?.get("kind")).toBe("throttled");
    expect(query?.get("from")).toBe("2026-10-31T23:00:00.000Z");
    expect(query?.get("to")).toBe("2026-11-30T23:00:00.000Z");
  });

  test("a period that runs backwards is refused before asking the API", async () => {
    const api = serve(true, [[]]);
    renderPage("/netwerk/beveiligingslog?van=30-11-2026&tot=1-11-2026");
    await screen.findByText("De filters in het adres kloppen niet:");
    expect(screen.getAllByText("De einddatum ligt voor de begindatum.").length).toBeGreaterThan(0);
    expect(logRequests(api)).toEqual([]);
  });
});
