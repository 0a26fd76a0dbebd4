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

/** A small server: the admin's organisation with its settings and closing days, changed by the requests. */
function serve(role: "admin" | "worker", days: { day: string; label: string }[] = []) {
  let intakeEmail: string | null = null;
  const base = `/organizations/${ORG}`;
  return fakeApi((r: RecordedRequest) => {
    if (r.path === "/me") return { status: 200, body: me(role) };
    if (r.path === `${base}/settings` && r.method === "GET") return { status: 200, body: { organizationId: ORG, intakeEmail } };
    if (r.path === `${base}/settings` && r.method === "PATCH") {
      intakeEmail = (r.body as { intakeEmail: string | null }).intakeEmail;
      return { status: 200, body: { organizationId: ORG, intakeEmail } };
    }
    if (r.path === `${base}/closing-days` && r.method === "GET") return { status: 200, body: { data: days } };
    if (r.path === `${base}/failed-mails`) return { status: 200, body: { data: [] } };
    if (r.path === `${base}/closing-days` && r.method === "POST") {
      const body = r.body as { day: string; label: string };
      if (days.some((d) => d.day === body.day)) {
        return {
          status: 409,
          body: problem(409, "Deze dag staat al in de lijst met sluitingsdagen.", [
            { name: "body.day", code: "closing-day-exists", reason: "Deze dag staat al in de lijst." },
          ]),
        };
      }
      days = [...days, body].sort((a, b) => a.day.localeCompare(b.day));
      return { status: 201, body };
    }
    if (r.path.startsWith(`${base}/closing-days/`) && r.method === "DELETE") {
      const day = r.path.split("/").at(-1);
      days = days.filter((d) => d.day !== day);
      return { status: 204 };
    }
    return { status: 404, body: problem(404, "Niet gevonden.") };
  });
}

describe("OrganizationSettingsPage", () => {
  test("a worker is told only admins can change these, and nothing is asked of the API", async () => {
    const api = serve("worker");
    renderPage();
    expect(await screen.findByText(/Alleen beheerders kunnen het intake-adres en de sluitingsdagen/)).toBeInTheDocument();
    expect(api.requests.filter((r) => r.path.startsWith("/organizations"))).toHaveLength(0);
  });

  test("core's e-mail rule shows before sending; a valid address is saved, an empty box clears it", async () => {
    const api = serve("admin");
    renderPage();
    const input = await screen.findByLabelText("E-mailadres van de intake");
    await userEvent.type(input, "intake bij plangroep");
    await userEvent.click(screen.getByRole("button", { name: "Intake-adres opslaan" }));
    expect(await screen.findByText("Vul een geldig e-mailadres in.")).toBeInTheDocument();
    expect(api.requests.filter((r) => r.method === "PATCH")).toHaveLength(0);

    await userEvent.clear(input);
    await userEvent.type(input, "intake@plangroep.example");
    await userEvent.click(screen.getByRole("button", { name: "Intake-adres opslaan" }));
    expect(await screen.findByText("Opgeslagen. Nieuwe verwijzingen gaan nu naar intake@plangroep.example.")).toBeInTheDocument();

    await userEvent.clear(input);
    await userEvent.click(screen.getByRole("button", { name: "Intake-adres opslaan" }));
    expect(await screen.findByText(/Er is geen intake-adres/)).toBeInTheDocument();
    expect(api.requests.filter((r) => r.method === "PATCH").map((r) => r.body)).toEqual([
      { intakeEmail: "intake@plangroep.example" },
      { intakeEmail: null },
    ]);
  });

  test("closing days: listed with past ones marked, a past day refused before sending, added and removed", async () => {
    const api = serve("admin", [
      { day: "2020-01-02", label: "Oude studiedag" },
      { day: "2099-12-24", label: "Kerstavond (cao)" },
    ]);
    renderPage();
    const list = await screen.findByRole("list");
    expect(
      within(list)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual([
      "donderdag 2 januari 2020: Oude studiedag (voorbij)Verwijderen donderdag 2 januari 2020",
      "donderdag 24 december 2099: Kerstavond (cao)Verwijderen donderdag 24 december 2099",
    ]);

    await userEvent.type(screen.getByLabelText("Datum"), "2021-05-01");
    await userEvent.type(screen.getByLabelText("Wat voor dag is het?"), "Te laat");
    await userEvent.click(screen.getByRole("button", { name: "Sluitingsdag toevoegen" }));
    expect(
      await screen.findByText("Deze dag is al voorbij. Voeg alleen vandaag of een dag in de toekomst toe."),
    ).toBeInTheDocument();
    expect(api.requests.filter((r) => r.method === "POST")).toHaveLength(0);

    const date = screen.getByLabelText("Datum");
    await userEvent.clear(date);
    await userEvent.type(date, "2099-12-24");
    await userEvent.click(screen.getByRole("button", { name: "Sluitingsdag toevoegen" }));
    // The server's 409 lands on the date field; what was typed stays.
    expect(await screen.findByText("Deze dag staat al in de lijst.")).toBeInTheDocument();
    expect(screen.getByLabelText("Wat voor dag is het?")).toHaveValue("Te laat");

    await userEvent.clear(date);
    await userEvent.type(date, "2099-12-31");
    await userEvent.click(screen.getByRole("button", { name: "Sluitingsdag toevoegen" }));
    expect(await screen.findByText("donderdag 31 december 2099 is toegevoegd als sluitingsdag.")).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByRole("list")).getAllByRole("listitem")).toHaveLength(3));

    await userEvent.click(screen.getByRole("button", { name: "Verwijderen donderdag 2 januari 2020" }));
    expect(await screen.findByText("donderdag 2 januari 2020 is geen sluitingsdag meer.")).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByRole("list")).getAllByRole("listitem")).toHaveLength(2));
    expect(api.requests.filter((r) => r.method === "DELETE").map((r) => r.path)).toEqual([
      `/organizations/${ORG}/closing-days/2020-01-02`,
    ]);
  });
});
