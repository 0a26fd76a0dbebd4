import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, Outlet, RouterProvider } from "react-router";
import { describe, expect, test } from "vitest";
import { RequireSession } from "../../components/require-session";
import { SessionProvider } from "../../lib/session";
import { fakeApi, problem, type RecordedRequest, testQueryClient } from "../../test/render";
import { subscription } from "./test-fixtures";
import { WebhooksPage } from "./webhooks-page";

const ORG = "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f";
const SUB = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYq=";
const meAs = (role: string) => ({
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
        children: [
          {
            element: <RequireSession />,
            children: [
              { path: "organisatie/webhooks", element: <WebhooksPage /> },
              { path: "organisatie/webhooks/:subscriptionId", element: <p>Detailpagina</p> },
            ],
          },
        ],
      },
    ],
    { initialEntries: ["/organisatie/webhooks"] },
  );
  return render(
    <QueryClientProvider client={testQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

function serve(
  options: { role?: string; list?: unknown[]; create?: (r: RecordedRequest) => { status: number; body?: unknown } } = {},
) {
  let list = options.list ?? [];
  return fakeApi((r) => {
    if (r.path === "/me") return { status: 200, body: meAs(options.role ?? "admin") };
    if (r.path === "/webhook-subscriptions" && r.method === "GET") return { status: 200, body: { data: list } };
    if (r.path === "/webhook-subscriptions" && r.method === "POST") {
      const answer = options.create?.(r) ?? {
        status: 201,
        body: { subscription: subscription(), secret: SECRET, test: { ok: true, status: 204, error: null } },
      };
      if (answer.status === 201) list = [...list, (answer.body as { subscription: unknown }).subscription];
      return answer;
    }
    return { status: 404, body: problem(404, "Niet gevonden.") };
  });
}

async function fillIn(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText("Naam"), "Zaaksysteem");
  await user.type(screen.getByLabelText("Webadres van jullie systeem"), "https://zaak.plangroep.example/hooks");
  await user.click(screen.getByLabelText("Een nieuwe verwijzing"));
  await user.click(screen.getByLabelText("Een verwijzing kreeg een nieuwe status"));
}

describe("/organisatie/webhooks", () => {
  test("lists the webhooks with their state, each linked to its page", async () => {
    serve({
      list: [
        subscription(),
        subscription({ id: "a", description: "Test-systeem", state: "unverified", verifiedAt: null }),
        subscription({ id: "b", description: "Oud systeem", state: "off", active: false }),
      ],
    });
    renderPage();
    const list = await screen.findByRole("list", { name: "Webhooks" });
    const items = within(list).getAllByRole("listitem");
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent("Zaaksysteem");
    expect(items[0]).toHaveTextContent("Actief");
    expect(items[0]).toHaveTextContent("2 soorten berichten");
    expect(items[1]).toHaveTextContent("Niet gecontroleerd");
    expect(items[2]).toHaveTextContent("Uit");
    expect(within(items[0] as HTMLElement).getByRole("link", { name: "Zaaksysteem" })).toHaveAttribute(
      "href",
      `/organisatie/webhooks/${SUB}`,
    );
  });

  test("without webhooks it says so", async () => {
    serve();
    renderPage();
    expect(await screen.findByText("Er zijn nog geen webhooks. Maak hieronder de eerste.")).toBeInTheDocument();
  });

  test("create: the event types as checkboxes with their Dutch labels; the secret is shown once with a warning and a copy button", async () => {
    const api = serve();
    renderPage();
    const user = userEvent.setup();
    await screen.findByText("Er zijn nog geen webhooks. Maak hieronder de eerste.");
    await fillIn(user);
    await user.click(screen.getByRole("button", { name: "Webhook opslaan en testen" }));

    expect(await screen.findByRole("heading", { name: "Bewaar de geheime sleutel nu" })).toBeInTheDocument();
    expect(screen.getByLabelText("Geheime sleutel")).toHaveValue(SECRET);
    expect(screen.getByText(/Je ziet hem alleen nu/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Sleutel kopiëren" })).toBeInTheDocument();
    expect(screen.getByText(/Het testbericht is aangekomen \(HTTP 204\)/)).toBeInTheDocument();
    expect(api.requests.find((r) => r.method === "POST")?.body).toEqual({
      organizationId: ORG,
      description: "Zaaksysteem",
      url: "https://zaak.plangroep.example/hooks",
      eventTypes: ["nl.schakel.referral.created", "nl.schakel.referral.status-changed"],
    });
    // The list is read again and shows the new webhook.
    await waitFor(() => expect(screen.getByRole("list", { name: "Webhooks" })).toHaveTextContent("Zaaksysteem"));
  });

  test("a failed test says why and that the webhook gets nothing yet", async () => {
    serve({
      create: () => ({
        status: 201,
        body: {
          subscription: subscription({ state: "unverified", verifiedAt: null }),
          secret: SECRET,
          test: { ok: false, status: 500, error: "De ontvanger antwoordde met HTTP 500." },
        },
      }),
    });
    renderPage();
    const user = userEvent.setup();
    await screen.findByText(/Er zijn nog geen webhooks/);
    await fillIn(user);
    await user.click(screen.getByRole("button", { name: "Webhook opslaan en testen" }));
    expect(await screen.findByText("Het testbericht kwam niet aan: De ontvanger antwoordde met HTTP 500.")).toBeInTheDocument();
    expect(screen.getByText(/krijgt nog geen berichten/)).toBeInTheDocument();
    expect(screen.getByLabelText("Geheime sleutel")).toHaveValue(SECRET);
  });

  test("without an event type nothing is sent; a refused address is shown at the field", async () => {
    const api = serve({
      create: () => ({
        status: 422,
        body: problem(422, "Het adres moet met https:// beginnen.", [
          { name: "body.url", code: "callback-refused", reason: "Het adres moet met https:// beginnen." },
        ]),
      }),
    });
    renderPage();
    const user = userEvent.setup();
    await screen.findByText(/Er zijn nog geen webhooks/);
    await user.type(screen.getByLabelText("Naam"), "Zaaksysteem");
    await user.type(screen.getByLabelText("Webadres van jullie systeem"), "http://zaak.plangroep.example/hooks");
    await user.click(screen.getByRole("button", { name: "Webhook opslaan en testen" }));
    expect((await screen.findAllByText("Kies minstens één gebeurtenis.")).length).toBeGreaterThan(0);
    expect(api.requests.filter((r) => r.method === "POST")).toEqual([]);

    await user.click(screen.getByLabelText("Een nieuwe verwijzing"));
    await user.click(screen.getByRole("button", { name: "Webhook opslaan en testen" }));
    await waitFor(() => expect(screen.getByLabelText("Webadres van jullie systeem")).toHaveAccessibleDescription(/https:\/\//));
    expect(screen.getAllByText("Het adres moet met https:// beginnen.").length).toBeGreaterThan(0);
    expect(screen.queryByLabelText("Geheime sleutel")).toBeNull();
  });

  test("a worker is told only admins can set up webhooks", async () => {
    const api = serve({ role: "worker" });
    renderPage();
    expect(await screen.findByText(/Alleen beheerders kunnen webhooks van een organisatie instellen/)).toBeInTheDocument();
    expect(api.requests.filter((r) => r.path.startsWith("/webhook-subscriptions"))).toEqual([]);
  });
});
