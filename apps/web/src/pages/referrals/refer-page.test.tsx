import { QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, Outlet, RouterProvider } from "react-router";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { RequireSession } from "../../components/require-session";
import { SessionProvider } from "../../lib/session";
import { testQueryClient } from "../../test/render";
import { ReferPage } from "./refer-page";
import { consent, fakeRoutes, ok, referral } from "./test-fixtures";

const SERVICE = "9c3f4e5d-3333-4c8e-9a51-2b8f0d1c9e04";
const PLANGROEP = "bb3f4e5d-3333-4c8e-9a51-2b8f0d1c9e06";
const OPRECHT = "aa3f4e5d-3333-4c8e-9a51-2b8f0d1c9e05";

const service = {
  id: SERVICE,
  organization: { id: PLANGROEP, name: "Plangroep", slug: "plangroep" },
  name: "Schuldhulp",
  description: "Hulp bij schulden.",
  lifeDomains: ["schulden"],
  languages: ["nl"],
  acceptsReferrals: true,
  responseTargetDays: 3,
  status: "active",
};

function answerSignedInWorker() {
  network.on("GET", "/me", () =>
    ok({
      user: { id: "cc3f4e5d-3333-4c8e-9a51-2b8f0d1c9e07", name: "Sanne", email: "sanne@opr-echt.example" },
      memberships: [{ organizationId: OPRECHT, organizationName: "Opr€cht", role: "worker" }],
    }),
  );
  network.on("GET", `/services/${SERVICE}`, () => ok(service));
}

function renderWizard(entry = `/kaart/diensten/${SERVICE}/verwijzen`) {
  const queryClient = testQueryClient();
  const router = createMemoryRouter(
    [
      {
        element: (
          <SessionProvider>
            <Outlet />
          </SessionProvider>
        ),
        children: [
          { element: <RequireSession />, children: [{ path: "/kaart/diensten/:serviceId/verwijzen", element: <ReferPage /> }] },
          { path: "/verwijzingen/:referralId", element: <p>Verwijzing geopend</p> },
        ],
      },
    ],
    { initialEntries: [entry] },
  );
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

// Generous waits: a step after a round of requests can take longer than a second on a busy machine.
const WAIT = { timeout: 10_000 };
const stepHeading = (name: string) => screen.findByRole("heading", { level: 2, name }, WAIT);
const next = () => userEvent.click(screen.getByRole("button", { name: "Volgende stap" }));
const posts = (path: string) => network.requests.filter((r) => r.method === "POST" && r.path === path);

let network: ReturnType<typeof fakeRoutes>;
beforeEach(() => {
  sessionStorage.clear();
  network = fakeRoutes();
  answerSignedInWorker();
});

describe("the Verwijzen wizard", () => {
  test("the step is in the address, so Back and Forward move between steps and keep what was typed", async () => {
    const router = renderWizard();
    await stepHeading("Stap 1 van 5: Inwoner");
    await userEvent.type(screen.getByLabelText("Naam"), "Daan Verhoef");
    await userEvent.type(screen.getByLabelText("Telefoonnummer (niet verplicht)"), "06-12345678");
    await next();
    expect(await stepHeading("Stap 2 van 5: Toestemming")).toHaveFocus();
    expect(new URLSearchParams(router.state.location.search).get("stap")).toBe("toestemming");

    await act(() => router.navigate(-1));
    expect(await stepHeading("Stap 1 van 5: Inwoner")).toHaveFocus();
    expect(screen.getByLabelText("Naam")).toHaveValue("Daan Verhoef");
    await act(() => router.navigate(1));
    await stepHeading("Stap 2 van 5: Toestemming");
  });

  test("what was typed survives a reload of the tab as a draft (ADR 0015), and never goes into the address", async () => {
    const first = renderWizard();
    await stepHeading("Stap 1 van 5: Inwoner");
    await userEvent.type(screen.getByLabelText("Naam"), "Daan Verhoef");
    await userEvent.type(screen.getByLabelText("Telefoonnummer (niet verplicht)"), "06-12345678");
    await vi.waitFor(() => expect(sessionStorage.length).toBe(1), { timeout: 2000 });
    expect(first.state.location.search).not.toContain("Daan");
    cleanup();

    renderWizard();
    expect(await screen.findByText("We hebben ingevuld wat je eerder in dit tabblad typte.")).toBeInTheDocument();
    expect(screen.getByLabelText("Naam")).toHaveValue("Daan Verhoef");
    expect(screen.getByLabelText("Telefoonnummer (niet verplicht)")).toHaveValue("06-12345678");
  });

  test("a step's rule shows before going on, in the summary with focus and at the field", async () => {
    renderWizard();
    await stepHeading("Stap 1 van 5: Inwoner");
    await next();
    const summary = await screen.findByRole("heading", { name: "Er zijn 2 dingen om te verbeteren" });
    expect(summary.closest("section")).toHaveFocus();
    expect(screen.getByLabelText("Naam")).toHaveAttribute("aria-invalid", "true");
    // No way to reach the resident: the phone field says what would do.
    expect(screen.getByLabelText("Telefoonnummer (niet verplicht)")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("heading", { level: 2, name: "Stap 1 van 5: Inwoner" })).toBeInTheDocument();
  });

  test("a refused referral puts the server's message on its field and step; the retry reuses the resident and consent", async () => {
    network.on("POST", "/residents", () => ok({ id: "7a1d2c3b-1111-4c8e-9a51-2b8f0d1c9e02" }, 201));
    network.on("POST", "/residents/7a1d2c3b-1111-4c8e-9a51-2b8f0d1c9e02/consents", () =>
      ok({ id: "8b2e3d4c-2222-4c8e-9a51-2b8f0d1c9e03" }, 201),
    );
    let refuse = true;
    network.on("POST", "/referrals", () =>
      refuse
        ? ok(
            {
              type: "https://schakel.example/problems/validation",
              title: "Bad Request",
              status: 400,
              detail: "De invoer klopt niet.",
              invalidParams: [{ name: "body.request", code: "too_big", reason: "De hulpvraag is te lang." }],
            },
            400,
          )
        : ok({ id: "5f0c1a52-8d5e-4c8e-9a51-2b8f0d1c9e01" }, 201),
    );
    const router = renderWizard();
    await stepHeading("Stap 1 van 5: Inwoner");
    await userEvent.type(screen.getByLabelText("Naam"), "Daan Verhoef");
    await userEvent.click(screen.getByRole("checkbox", { name: "Bereikbaar via mij" }));
    await next();
    await stepHeading("Stap 2 van 5: Toestemming");
    await next();
    await stepHeading("Stap 3 van 5: Hulpvraag en urgentie");
    await userEvent.type(screen.getByLabelText("Wat is de hulpvraag?"), "Post blijft liggen");
    await next();
    await stepHeading("Stap 4 van 5: Driegesprek");
    await userEvent.click(screen.getByRole("checkbox", { name: "Ik wil een driegesprek" }));
    await next();
    await stepHeading("Stap 5 van 5: Controleren en versturen");
    await userEvent.click(screen.getByRole("button", { name: "Verwijzing versturen" }));

    await stepHeading("Stap 3 van 5: Hulpvraag en urgentie");
    expect(await screen.findByRole("link", { name: "Hulpvraag: De hulpvraag is te lang." }, WAIT)).toBeInTheDocument();
    expect(screen.getByLabelText("Wat is de hulpvraag?")).toHaveValue("Post blijft liggen");
    expect(new URLSearchParams(router.state.location.search).get("stap")).toBe("hulpvraag");

    refuse = false;
    await next();
    // Each step is checked before the next shows (asynchronously): wait for it, as a person would.
    await stepHeading("Stap 4 van 5: Driegesprek");
    await next();
    await stepHeading("Stap 5 van 5: Controleren en versturen");
    await userEvent.click(await screen.findByRole("button", { name: "Verwijzing versturen" }, WAIT));
    await screen.findByText("Verwijzing geopend", {}, WAIT);
    expect(posts("/residents")).toHaveLength(1);
    expect(posts("/residents/7a1d2c3b-1111-4c8e-9a51-2b8f0d1c9e02/consents")).toHaveLength(1);
    const referrals = posts("/referrals");
    expect(referrals).toHaveLength(2);
    expect(referrals[0]?.headers.get("Idempotency-Key")).toBeTruthy();
    expect(referrals[0]?.headers.get("Idempotency-Key")).toBe(referrals[1]?.headers.get("Idempotency-Key"));
    // No phone typed, so the organisation reaches Daan through the referring worker: the API is told.
    expect(referrals[1]?.body).toMatchObject({ reachableViaSender: true });
  });

  test("a follow-up of a declined referral starts filled in and reuses the resident and the consent that covers the receiver", async () => {
    const previous = {
      ...referral,
      status: "declined",
      request: "Hulp bij schulden bij de zorgverzekeraar",
      suggestedServiceId: SERVICE,
      suggestedService: { id: SERVICE, name: "Schuldhulp" },
    };
    network.on("GET", `/referrals/${referral.id}`, () => ok(previous));
    network.on("GET", `/residents/${referral.residentId}/consents`, () =>
      ok({ data: [{ ...consent, receivingOrganizationId: PLANGROEP, valid: true }], meta: { nextCursor: null } }),
    );
    network.on("POST", "/referrals", () => ok({ id: "5f0c1a52-8d5e-4c8e-9a51-2b8f0d1c9e01" }, 201));
    renderWizard(`/kaart/diensten/${SERVICE}/verwijzen?vorige=${referral.id}`);
    await stepHeading("Stap 1 van 5: Inwoner");
    expect(await screen.findByText(/Dit is een vervolg op verwijzing V-1042/, {}, WAIT)).toBeInTheDocument();
    expect(screen.getByText("De toestemming van de inwoner geldt ook voor Plangroep.")).toBeInTheDocument();
    expect(screen.getByLabelText("Naam")).toHaveValue("Daan Verhoef");
    await next();
    await stepHeading("Stap 2 van 5: Toestemming");
    await next();
    await stepHeading("Stap 3 van 5: Hulpvraag en urgentie");
    expect(screen.getByLabelText("Wat is de hulpvraag?")).toHaveValue("Hulp bij schulden bij de zorgverzekeraar");
    await next();
    await stepHeading("Stap 4 van 5: Driegesprek");
    const wish = screen.getByRole("checkbox", { name: "Ik wil een driegesprek" });
    if ((wish as HTMLInputElement).checked) await userEvent.click(wish);
    await next();
    await stepHeading("Stap 5 van 5: Controleren en versturen");
    await userEvent.click(screen.getByRole("button", { name: "Verwijzing versturen" }));
    await screen.findByText("Verwijzing geopend", {}, WAIT);
    expect(posts("/residents")).toHaveLength(0);
    expect(posts(`/residents/${referral.residentId}/consents`)).toHaveLength(0);
    expect(posts("/referrals")[0]?.body).toMatchObject({
      residentId: referral.residentId,
      consentId: consent.id,
      previousReferralId: referral.id,
      request: "Hulp bij schulden bij de zorgverzekeraar",
      lifeDomains: ["schulden"],
    });
  });
});
