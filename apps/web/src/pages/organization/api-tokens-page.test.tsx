import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, Outlet, RouterProvider } from "react-router";
import { describe, expect, test } from "vitest";
import type { ApiToken } from "../../api/types";
import { RequireSession } from "../../components/require-session";
import { SessionProvider } from "../../lib/session";
import { fakeApi, problem, type RecordedRequest, testQueryClient } from "../../test/render";
import { ApiTokensPage, tokenState } from "./api-tokens-page";

const ORG = "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f";
const SECRET = "skl_GeheimGeheimGeheimGeheim12";
const me = (role: "admin" | "worker") => ({
  user: { id: "0b6f1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d", name: "Sanne de Vries", email: "sanne@example.org" },
  memberships: [{ organizationId: ORG, organizationName: "Plangroep", role }],
});

function renderPage() {
  const router = createMemoryRouter(
    [
      {
        element: (
          <SessionProvider>
            <Outlet />
          </SessionProvider>
        ),
        children: [{ element: <RequireSession />, children: [{ path: "organisatie/koppelingen", element: <ApiTokensPage /> }] }],
      },
    ],
    { initialEntries: ["/organisatie/koppelingen"] },
  );
  return render(
    <QueryClientProvider client={testQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

const token = (id: string, overrides: Partial<ApiToken> = {}): ApiToken => ({
  id,
  organizationId: ORG,
  name: "Zaaksysteem",
  prefix: "skl_AbCdEfGh",
  scopes: ["referrals:read"],
  createdAt: "2026-11-23T10:00:00Z",
  expiresAt: null,
  revokedAt: null,
  lastUsedAt: null,
  ...overrides,
});

/** A small server: the organisation's tokens, changed by the requests. */
function serve(role: "admin" | "worker", tokens: ApiToken[] = []) {
  return fakeApi((r: RecordedRequest) => {
    if (r.path === "/me") return { status: 200, body: me(role) };
    if (r.path === "/api-tokens" && r.method === "GET") return { status: 200, body: { data: tokens } };
    if (r.path === "/api-tokens" && r.method === "POST") {
      const body = r.body as { name: string; scopes: ApiToken["scopes"]; expiresAt?: string };
      if (body.name === "Dubbel") {
        return {
          status: 400,
          body: problem(400, "Fout.", [
            { name: "body.expiresAt", code: "in_past", reason: "Kies een einddatum in de toekomst." },
          ]),
        };
      }
      const created = token(`t${tokens.length + 1}`, { name: body.name, scopes: body.scopes, expiresAt: body.expiresAt ?? null });
      tokens = [created, ...tokens];
      return { status: 201, body: { ...created, token: SECRET } };
    }
    if (r.path.startsWith("/api-tokens/") && r.method === "DELETE") {
      const id = r.path.split("/").at(-1);
      tokens = tokens.map((t) => (t.id === id ? { ...t, revokedAt: "2026-11-24T09:00:00Z" } : t));
      return { status: 204 };
    }
    return { status: 404, body: problem(404, "Niet gevonden.") };
  });
}

describe("ApiTokensPage", () => {
  test("a worker is told only admins make koppelingen, and the tokens are not asked for", async () => {
    const api = serve("worker");
    renderPage();
    expect(await screen.findByText(/Alleen beheerders kunnen koppelingen/)).toBeInTheDocument();
    expect(api.requests.filter((r) => r.path.startsWith("/api-tokens"))).toHaveLength(0);
  });

  test("empty at first; core's rules before sending; the new token is shown once, then only its prefix", async () => {
    const api = serve("admin");
    renderPage();
    expect(await screen.findByText(/Er zijn nog geen koppelingen/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Koppeling maken" }));
    expect((await screen.findAllByText("Geef de koppeling een naam.")).length).toBeGreaterThan(0);
    expect(screen.getAllByText("Kies minstens één scope.").length).toBeGreaterThan(0);
    expect(api.requests.filter((r) => r.method === "POST")).toHaveLength(0);

    await userEvent.type(screen.getByLabelText("Naam van de koppeling"), "Zaaksysteem Plangroep");
    await userEvent.click(screen.getByLabelText(/Verwijzingen lezen/));
    await userEvent.click(screen.getByLabelText(/Verwijzingen bijwerken/));
    await userEvent.type(screen.getByLabelText("Werkt tot en met"), "2099-01-14");
    await userEvent.click(screen.getByRole("button", { name: "Koppeling maken" }));

    const shown = await screen.findByLabelText("API-token");
    expect(shown).toHaveValue(SECRET);
    expect(screen.getByText("Je ziet het maar één keer.")).toBeInTheDocument();
    expect(api.requests.filter((r) => r.method === "POST").map((r) => r.body)).toEqual([
      {
        organizationId: ORG,
        name: "Zaaksysteem Plangroep",
        scopes: ["referrals:read", "referrals:write"],
        expiresAt: "2099-01-14T23:00:00.000Z",
      },
    ]);
    expect(await screen.findByRole("listitem", { name: /Zaaksysteem Plangroep/ })).toHaveTextContent("(Werkt)");

    await userEvent.click(screen.getByRole("button", { name: "Ik heb het token bewaard" }));
    expect(screen.queryByLabelText("API-token")).not.toBeInTheDocument();
    expect(document.body.textContent).not.toContain(SECRET);
    expect(document.body.textContent).toContain("skl_AbCdEfGh…");
  });

  test("a refusal from the server lands on its field; what was typed stays", async () => {
    serve("admin");
    renderPage();
    await userEvent.type(await screen.findByLabelText("Naam van de koppeling"), "Dubbel");
    await userEvent.click(screen.getByLabelText(/Verwijzingen lezen/));
    await userEvent.click(screen.getByRole("button", { name: "Koppeling maken" }));
    expect((await screen.findAllByText("Kies een einddatum in de toekomst.")).length).toBeGreaterThan(0);
    expect(screen.getByLabelText("Naam van de koppeling")).toHaveValue("Dubbel");
  });

  test("revoking asks first; after confirming the token is listed as revoked", async () => {
    const api = serve("admin", [token("t1", { name: "Kredietbank", lastUsedAt: "2026-11-23T11:00:00Z" })]);
    renderPage();
    const item = await screen.findByRole("listitem", { name: /Kredietbank/ });
    expect(within(item).getByText("(Werkt)")).toBeInTheDocument();
    await userEvent.click(within(item).getByRole("button", { name: "Intrekken Kredietbank" }));
    expect(within(item).getByText(/Weet je het zeker\?/)).toBeInTheDocument();
    await userEvent.click(within(item).getByRole("button", { name: "Annuleren" }));
    expect(api.requests.filter((r) => r.method === "DELETE")).toHaveLength(0);

    await userEvent.click(within(item).getByRole("button", { name: "Intrekken Kredietbank" }));
    await userEvent.click(within(item).getByRole("button", { name: "Bevestigen: Kredietbank intrekken" }));
    expect(await screen.findByText("De koppeling Kredietbank is ingetrokken. Het token werkt niet meer.")).toBeInTheDocument();
    expect(api.requests.filter((r) => r.method === "DELETE").map((r) => r.path)).toEqual(["/api-tokens/t1"]);
    await waitFor(() => expect(screen.getByRole("listitem", { name: /Kredietbank/ })).toHaveTextContent("(Ingetrokken)"));
    expect(within(screen.getByRole("listitem", { name: /Kredietbank/ })).queryByRole("button")).not.toBeInTheDocument();
  });

  test("a token's state: working, revoked, or past its end", () => {
    const now = new Date("2026-11-24T10:00:00Z");
    expect(tokenState({ revokedAt: null, expiresAt: null }, now)).toBe("active");
    expect(tokenState({ revokedAt: "2026-11-24T09:00:00Z", expiresAt: null }, now)).toBe("revoked");
    expect(tokenState({ revokedAt: null, expiresAt: "2026-11-24T09:59:59Z" }, now)).toBe("expired");
  });
});
