import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, Outlet, RouterProvider } from "react-router";
import { describe, expect, test } from "vitest";
import { RequireSession } from "../../components/require-session";
import { SessionProvider } from "../../lib/session";
import { fakeApi, problem, type RecordedRequest, testQueryClient } from "../../test/render";
import { OrganizationSettingsPage } from "./organization-settings-page";

const ORG = "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f";
const INVITATION = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const NOTICE = "8d0f7780-8536-41ef-a55c-f18fd2a01bf8";
const me = {
  user: { id: "0b6f1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d", name: "Sanne de Vries", email: "sanne@example.org" },
  memberships: [{ organizationId: ORG, organizationName: "Plangroep", role: "admin" }],
};

function renderPage() {
  const router = createMemoryRouter(
    [
      {
        element: (
          <SessionProvider>
            <Outlet />
          </SessionProvider>
        ),
        children: [{ element: <RequireSession />, children: [{ path: "organisatie", element: <OrganizationSettingsPage /> }] }],
      },
    ],
    { initialEntries: ["/organisatie"] },
  );
  return render(
    <QueryClientProvider client={testQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

const mail = (id: string, kind: string, to: string) => ({ id, kind, to, createdAt: "2026-11-30T09:15:00Z", attempts: 30 });

/** The admin's organisation with two undelivered mails; a retry of the invitation goes out, of the notice fails again. */
function serve(
  mails = [
    mail(INVITATION, "invitation", "nieuw@plangroep.example"),
    mail(NOTICE, "referral-notice", "intake@plangroep.example"),
  ],
) {
  let left = mails;
  const base = `/organizations/${ORG}`;
  return fakeApi((r: RecordedRequest) => {
    if (r.path === "/me") return { status: 200, body: me };
    if (r.path === `${base}/settings`)
      return { status: 200, body: { organizationId: ORG, intakeEmail: null, requireWorkerSecondFactor: false } };
    if (r.path === `${base}/closing-days`) return { status: 200, body: { data: [] } };
    if (r.path === `${base}/failed-mails`) return { status: 200, body: { data: left } };
    const retry = /^\/organizations\/[^/]+\/failed-mails\/([^/]+)\/retries$/.exec(r.path);
    if (retry && r.method === "POST") {
      const sent = retry[1] === INVITATION;
      if (sent) left = left.filter((m) => m.id !== INVITATION);
      return { status: 200, body: { sent } };
    }
    return { status: 404, body: problem(404, "Niet gevonden.") };
  });
}

describe("/organisatie: e-mails die niet aankwamen", () => {
  test("each undelivered mail says what, when, to whom and why; a retry that works takes it off the list", async () => {
    const api = serve();
    renderPage();
    const list = await screen.findByRole("list", { name: "E-mails die niet aankwamen" });
    const items = within(list).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent("Uitnodiging voor Schakel");
    expect(items[0]).toHaveTextContent("Aan: nieuw@plangroep.example");
    expect(items[0]).toHaveTextContent("30 keer geprobeerd");
    expect(items[0]).toHaveTextContent("De mailserver van de ontvanger nam de e-mail niet aan");
    expect(items[1]).toHaveTextContent("Bericht over een nieuwe verwijzing");

    const user = userEvent.setup();
    await user.click(
      within(items[0] as HTMLElement).getByRole("button", {
        name: /^Opnieuw versturen\W+Uitnodiging voor Schakel aan nieuw@plangroep.example$/,
      }),
    );
    await screen.findByText("De e-mail aan nieuw@plangroep.example is verstuurd.");
    await waitFor(() => expect(within(list).getAllByRole("listitem")).toHaveLength(1));
    expect(api.requests.filter((r) => r.method === "POST").map((r) => r.path)).toEqual([
      `/organizations/${ORG}/failed-mails/${INVITATION}/retries`,
    ]);
  });

  test("a retry that fails again says so and keeps the mail", async () => {
    serve();
    renderPage();
    const list = await screen.findByRole("list", { name: "E-mails die niet aankwamen" });
    const user = userEvent.setup();
    await user.click(within(list).getByRole("button", { name: /^Opnieuw versturen\W+Bericht over een nieuwe verwijzing/ }));
    await screen.findByText("Het lukte weer niet. Kijk of intake@plangroep.example klopt, of probeer het later opnieuw.");
    expect(within(list).getAllByRole("listitem")).toHaveLength(2);
  });

  test("when every mail arrived, it says so", async () => {
    serve([]);
    renderPage();
    await screen.findByText("Alle e-mails zijn aangekomen. Er is niets om opnieuw te versturen.");
    expect(screen.queryByRole("button", { name: /Opnieuw versturen/ })).toBeNull();
  });
});
