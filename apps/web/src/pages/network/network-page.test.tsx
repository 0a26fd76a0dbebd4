import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, Outlet, RouterProvider } from "react-router";
import { describe, expect, test } from "vitest";
import { RequireSession } from "../../components/require-session";
import { SessionProvider } from "../../lib/session";
import { fakeApi, problem, type RecordedRequest, testQueryClient } from "../../test/render";
import { NetworkPage } from "./network-page";

const ORG = "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f";
const me = (networkAdmin: boolean) => ({
  user: { id: "0b6f1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d", name: "Regie Arnhem", email: "regie@arnhem.example" },
  memberships: [{ organizationId: ORG, organizationName: "Gemeente Arnhem", role: "coordinator" }],
  networkAdmin,
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
        children: [{ element: <RequireSession />, children: [{ path: "netwerk", element: <NetworkPage /> }] }],
      },
    ],
    { initialEntries: ["/netwerk"] },
  );
  return render(
    <QueryClientProvider client={testQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

function serve(networkAdmin: boolean) {
  return fakeApi((r: RecordedRequest) => {
    if (r.path === "/me") return { status: 200, body: me(networkAdmin) };
    if (r.path === "/organizations" && r.method === "GET") return { status: 200, body: { data: [], meta: { nextCursor: null } } };
    if (r.path === "/municipalities") return { status: 200, body: { data: [{ code: "GM0202", name: "Arnhem" }] } };
    if (r.path === "/organizations" && r.method === "POST") {
      return {
        status: 409,
        body: problem(409, "Er is al een organisatie met de sleutel.", [
          { name: "body.name", code: "organization-exists", reason: "Er is al een organisatie met deze naam." },
        ]),
      };
    }
    return { status: 404, body: problem(404, "Niet gevonden.") };
  });
}

describe("/netwerk", () => {
  test("someone who is no network admin is told so, and no form is shown", async () => {
    serve(false);
    renderPage();
    await screen.findByText(/Alleen netwerkbeheerders kunnen organisaties aan het netwerk toevoegen/);
    expect(screen.queryByRole("button", { name: "Organisatie toevoegen" })).toBeNull();
  });

  test("an empty network says so; a refusal of the API lands at its field", async () => {
    const api = serve(true);
    renderPage();
    await screen.findByText("Er zijn nog geen organisaties in het netwerk. Voeg hieronder de eerste toe.");
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Naam van de organisatie"), "Plangroep");
    await user.selectOptions(screen.getByLabelText("Soort organisatie"), "Schuldhulpverlening");
    await user.click(await screen.findByRole("checkbox", { name: "Arnhem" }));
    await user.type(screen.getByLabelText("Naam"), "Sanne de Vries");
    await user.type(screen.getByLabelText("E-mailadres"), "sanne@plangroep.example");
    await user.click(screen.getByRole("button", { name: "Organisatie toevoegen" }));
    await screen.findByText("Er is al een organisatie met deze naam.");
    const sent = api.requests.find((r) => r.method === "POST");
    expect(sent?.body).toEqual({
      name: "Plangroep",
      kind: "schuldhulpverlening",
      isNational: false,
      municipalityCodes: ["GM0202"],
      admin: { name: "Sanne de Vries", email: "sanne@plangroep.example" },
    });
    await waitFor(() => expect(screen.getByLabelText("Naam van de organisatie")).toHaveProperty("value", "Plangroep"));
  });
});
