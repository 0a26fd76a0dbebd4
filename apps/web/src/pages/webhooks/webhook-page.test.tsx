import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, Outlet, RouterProvider } from "react-router";
import { describe, expect, test } from "vitest";
import { RequireSession } from "../../components/require-session";
import { SessionProvider } from "../../lib/session";
import { json, problem, route, stubApi } from "../../test/api-stub";
import { testQueryClient } from "../../test/render";
import { subscription } from "./test-fixtures";
import { WebhookPage } from "./webhook-page";

const ORG = "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f";
const SUB = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const FAILED = "8d0f7780-8536-41ef-a55c-f18fd2a01bf8";
const DELIVERED = "9e1a8891-9647-42f0-b66d-0a9fe3b12c09";
const me = {
  user: { id: "0b6f1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d", name: "Sanne de Vries", email: "sanne@example.org" },
  memberships: [{ organizationId: ORG, organizationName: "Plangroep", role: "admin" }],
};

const delivery = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  eventId: "1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9",
  eventType: "nl.schakel.referral.status-changed",
  eventTime: "2026-12-02T10:00:00Z",
  resourcePath: "/api/v1/referrals/5b1f0c8e-1d2a-4c3b-8e9f-0a1b2c3d4e5f",
  status: "delivered",
  attempts: 1,
  lastResponseStatus: 200,
  lastError: null,
  lastAttemptAt: "2026-12-02T10:00:01Z",
  nextAttemptAt: null,
  deliveredAt: "2026-12-02T10:00:01Z",
  ...overrides,
});

const failed = delivery(FAILED, {
  status: "failed",
  attempts: 14,
  lastResponseStatus: 503,
  lastError: "De ontvanger antwoordde met HTTP 503.",
  deliveredAt: null,
});

function renderPage(path = `/organisatie/webhooks/${SUB}`) {
  const router = createMemoryRouter(
    [
      {
        element: (
          <SessionProvider>
            <Outlet />
          </SessionProvider>
        ),
        children: [
          {
            element: <RequireSession />,
            children: [
              { path: "organisatie/webhooks/:subscriptionId", element: <WebhookPage /> },
              { path: "organisatie/webhooks", element: <p>Alle webhooks</p> },
            ],
          },
        ],
      },
    ],
    { initialEntries: [path] },
  );
  render(
    <QueryClientProvider client={testQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

/** The webhook with one failed and one delivered message; pages of one when asked for the log without a filter. */
function serve(overrides: { detail?: () => Response } = {}) {
  const stub = stubApi();
  stub.handle = async (request) => {
    const { path, query } = route(request);
    if (path === "/me") return json(me);
    if (path === `/webhook-subscriptions/${SUB}` && request.method === "GET") return overrides.detail?.() ?? json(subscription());
    if (path === `/webhook-subscriptions/${SUB}/deliveries`) {
      const status = query.get("status");
      if (status === "failed") return json({ data: [failed], meta: { nextCursor: null } });
      if (status === "pending") return json({ data: [], meta: { nextCursor: null } });
      if (query.get("cursor") === "c2") return json({ data: [delivery(DELIVERED)], meta: { nextCursor: null } });
      return json({ data: [failed], meta: { nextCursor: "c2" } });
    }
    if (path === `/webhook-subscriptions/${SUB}/deliveries/${FAILED}/resends`)
      return json({ ...failed, status: "pending", nextAttemptAt: "2026-12-03T10:00:00Z" });
    if (path === `/webhook-subscriptions/${SUB}/failed-delivery-resends`) return json({ count: 1 });
    if (path === `/webhook-subscriptions/${SUB}/tests`)
      return json({
        subscription: subscription(),
        test: { ok: false, status: null, error: "Geen antwoord binnen 10 seconden." },
      });
    if (path === `/webhook-subscriptions/${SUB}/secret-rotations`)
      return json(
        { subscription: subscription({ previousSecretExpiresAt: "2026-12-04T10:00:00Z" }), secret: "whsec_nieuw" },
        201,
      );
    if (path === `/webhook-subscriptions/${SUB}` && request.method === "PATCH") {
      const body = (await request.clone().json()) as { url?: string };
      if (body.url)
        return json({
          subscription: subscription({ url: body.url, state: "unverified", verifiedAt: null }),
          test: { ok: false, status: 404, error: "De ontvanger antwoordde met HTTP 404." },
        });
      return json({ subscription: subscription({ active: false, state: "off" }), test: null });
    }
    if (path === `/webhook-subscriptions/${SUB}` && request.method === "DELETE") return new Response(null, { status: 204 });
    return problem(404, "Niet gevonden in de test.");
  };
  return stub;
}

const posts = (stub: ReturnType<typeof stubApi>) =>
  stub.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${route(r).path}`);

describe("/organisatie/webhooks/:id", () => {
  test("shows its state and the delivery log, newest first, page by page; filters by status", async () => {
    const stub = serve();
    renderPage();
    expect(await screen.findByRole("heading", { level: 1, name: "Zaaksysteem" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: /Status: Actief/ })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: /Status: Actief/ }).closest("section")).toHaveTextContent(
      "Een verwijzing kreeg een nieuwe status",
    );

    const log = await screen.findByRole("list", { name: "Verzonden berichten" });
    const first = within(log).getAllByRole("listitem")[0] as HTMLElement;
    expect(first).toHaveTextContent("Een verwijzing kreeg een nieuwe status · Mislukt");
    expect(first).toHaveTextContent("14 keer verstuurd");
    expect(first).toHaveTextContent("Laatste antwoord: HTTP 503.");
    expect(first).toHaveTextContent("/api/v1/referrals/5b1f0c8e-1d2a-4c3b-8e9f-0a1b2c3d4e5f");

    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Meer laden" }));
    await waitFor(() => expect(within(log).getAllByRole("listitem")).toHaveLength(2));
    expect(await screen.findByText("1 bericht erbij geladen.")).toBeInTheDocument();
    expect(within(log).getAllByRole("listitem")[1]).toHaveTextContent("Afgeleverd");

    await user.selectOptions(screen.getByLabelText("Welke berichten?"), "Wacht op verzending");
    expect(await screen.findByText("Er wachten geen berichten op verzending.")).toBeInTheDocument();
    expect(stub.requests.some((r) => route(r).query.get("status") === "pending")).toBe(true);
  });

  test("opnieuw versturen: one delivery, and all failed ones", async () => {
    const stub = serve();
    renderPage();
    const log = await screen.findByRole("list", { name: "Verzonden berichten" });
    const user = userEvent.setup();
    await user.click(
      within(log).getByRole("button", { name: /^Opnieuw versturen\W+Een verwijzing kreeg een nieuwe status van/ }),
    );
    expect(await screen.findByText(/wordt opnieuw verstuurd\.$/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Alle mislukte opnieuw versturen" }));
    expect(await screen.findByText("1 mislukt bericht wordt opnieuw verstuurd.")).toBeInTheDocument();
    expect(posts(stub)).toEqual([
      `POST /webhook-subscriptions/${SUB}/deliveries/${FAILED}/resends`,
      `POST /webhook-subscriptions/${SUB}/failed-delivery-resends`,
    ]);
  });

  test("test opnieuw says why it failed; a new secret is shown once; switch off", async () => {
    const stub = serve();
    renderPage();
    await screen.findByRole("heading", { level: 1, name: "Zaaksysteem" });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Test opnieuw" }));
    expect(await screen.findByText("Het testbericht kwam niet aan: Geen antwoord binnen 10 seconden.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Nieuwe geheime sleutel" }));
    expect(await screen.findByLabelText("Geheime sleutel")).toHaveValue("whsec_nieuw");
    expect(screen.getByText(/De vorige sleutel werkt nog 24 uur/)).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Zet uit" }));
    expect(await screen.findByText("De webhook staat uit. Jullie systeem krijgt geen berichten meer.")).toBeInTheDocument();
    expect(screen.queryByLabelText("Geheime sleutel")).toBeNull();
    const patch = stub.requests.find((r) => r.method === "PATCH");
    expect(await patch?.clone().json()).toEqual({ active: false });
  });

  test("a new address is sent with the name and events, and its test outcome is shown", async () => {
    const stub = serve();
    renderPage();
    await screen.findByRole("heading", { level: 1, name: "Zaaksysteem" });
    const user = userEvent.setup();
    const url = screen.getByLabelText("Webadres van jullie systeem");
    expect(url).toHaveValue("https://zaak.plangroep.example/hooks");
    expect(screen.getByLabelText("Een nieuwe verwijzing")).toBeChecked();
    expect(screen.getByLabelText("Een nieuw bericht bij een verwijzing")).not.toBeChecked();
    await user.clear(url);
    await user.type(url, "https://zaak.plangroep.example/v2");
    await user.click(screen.getByRole("button", { name: "Wijzigingen opslaan" }));
    expect(await screen.findByText("Het testbericht kwam niet aan: De ontvanger antwoordde met HTTP 404.")).toBeInTheDocument();
    const patch = stub.requests.find((r) => r.method === "PATCH");
    expect(await patch?.clone().json()).toEqual({
      description: "Zaaksysteem",
      url: "https://zaak.plangroep.example/v2",
      eventTypes: ["nl.schakel.referral.created", "nl.schakel.referral.status-changed"],
    });
  });

  test("delete asks first, then goes back to the list", async () => {
    const stub = serve();
    const router = renderPage();
    await screen.findByRole("heading", { level: 1, name: "Zaaksysteem" });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Verwijderen" }));
    expect(screen.getByText(/Weet je zeker dat je de webhook "Zaaksysteem" wilt verwijderen\?/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Annuleren" }));
    expect(posts(stub)).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Verwijderen" }));
    await user.click(screen.getByRole("button", { name: "Ja, verwijderen" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/organisatie/webhooks"));
    expect(posts(stub)).toEqual([`DELETE /webhook-subscriptions/${SUB}`]);
  });

  test("a webhook that does not exist (or is another organisation's) says so", async () => {
    serve({ detail: () => problem(404, "Deze webhook bestaat niet (meer) of is niet van jouw organisatie.") });
    renderPage();
    expect(
      await screen.findByText("Deze webhook bestaat niet (meer), of hij is van een andere organisatie."),
    ).toBeInTheDocument();
  });

  test("an address with an id that is no webhook (or not one at all) reads as not found, with the way back", async () => {
    const stub = serve();
    const inner = stub.handle;
    // What the API answers to a malformed id: 400, with the parameter named.
    stub.handle = async (request) =>
      route(request).path.endsWith("/geen-id") ? problem(400, "subscriptionId is geen geldig id.") : inner(request);
    renderPage("/organisatie/webhooks/geen-id");
    expect(await screen.findByRole("heading", { level: 1, name: "Webhook niet gevonden" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Terug naar alle webhooks" })).toBeInTheDocument();
    expect(stub.requests.some((r) => route(r).path.endsWith("/geen-id"))).toBe(true);
  });
});
