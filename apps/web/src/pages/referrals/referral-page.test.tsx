import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Outlet, Route, Routes } from "react-router";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { RequireSession } from "../../components/require-session";
import { SessionProvider } from "../../lib/session";
import { problem, testQueryClient } from "../../test/render";
import { STALE_TEXT } from "./action-result";
import { ReferralPage } from "./referral-page";
import { CONSENT, consent, fakeRoutes, ID, listPage, ok, RESIDENT, received, referral } from "./test-fixtures";

const serverError = { type: "about:blank", title: "Internal Server Error", status: 500, detail: "Er ging iets mis bij Schakel." };

function answerAll(events: () => ReturnType<typeof ok> = () => ok(listPage([received]))) {
  network.on("GET", `/referrals/${ID}`, () => ok(referral));
  network.on("GET", `/referrals/${ID}/events`, events);
  network.on("GET", `/referrals/${ID}/messages`, () => ok(listPage([])));
  network.on("GET", `/referrals/${ID}/contact-attempts`, () => ok(listPage([])));
  network.on("GET", `/referrals/${ID}/driegesprek`, () =>
    ok(
      {
        type: "https://schakel.example/problems/driegesprek-not-found",
        title: "Geen driegesprek",
        status: 404,
        detail: "Er is (nog) geen driegesprek voor deze verwijzing.",
      },
      404,
    ),
  );
  network.on("GET", `/residents/${RESIDENT}/consents`, () => ok(listPage([consent])));
}

function renderPage({ asReceiver = false } = {}) {
  const queryClient = testQueryClient();
  const route = <Route path="verwijzingen/:referralId" element={<ReferralPage />} />;
  // The session lives inside the router (it navigates on sign-out), as in the app.
  const routes = asReceiver ? (
    <Route
      element={
        <SessionProvider>
          <Outlet />
        </SessionProvider>
      }
    >
      <Route element={<RequireSession />}>{route}</Route>
    </Route>
  ) : (
    route
  );
  render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[`/verwijzingen/${ID}`]}>
        <Routes>{routes}</Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

/** The receiver's worker signed in, and the referral as the receiver sees it (`changes` on top). */
function answerAsReceiver(changes: Partial<typeof referral>) {
  network.on("GET", "/me", () =>
    ok({
      user: { id: "dd3f4e5d-3333-4c8e-9a51-2b8f0d1c9e08", name: "Ravi", email: "ravi@plangroep.example" },
      memberships: [{ organizationId: referral.receiver.id, organizationName: "Plangroep", role: "worker" }],
    }),
  );
  network.on("GET", `/referrals/${ID}`, () =>
    ok({
      ...referral,
      side: "receiver",
      residentId: null,
      consentId: null,
      residentAccess: "consented",
      allowedMoves: ["accepted", "declined"],
      ...changes,
    }),
  );
}

const gets = (path: string) => network.requests.filter((r) => r.method === "GET" && r.path === path).length;

let network: ReturnType<typeof fakeRoutes>;
beforeEach(() => {
  network = fakeRoutes();
});

describe("the referral page", () => {
  test("the receiver reads how to reach the resident: through the referring worker when contact data is not shared", async () => {
    answerAll();
    answerAsReceiver({
      dataCategories: ["request"],
      resident: null,
      preferredChannel: null,
      reachableViaSender: true,
      reachVia: "sender",
    });
    renderPage({ asReceiver: true });
    const route = await screen.findByText(/Via de verwijzer: Sanne de Vries/);
    expect(route).toHaveTextContent("Zo is het afgesproken.");
    expect(screen.getByRole("link", { name: "sanne@oprecht.example" })).toHaveAttribute("href", "mailto:sanne@oprecht.example");
    // Without the contact data the request still shows, and nothing claims the consent was withdrawn.
    expect(screen.getByText("Hulp bij schulden")).toBeInTheDocument();
    expect(screen.queryByText(/toestemming ingetrokken/)).not.toBeInTheDocument();
  });

  test("the receiver of a referral whose consent ran out is told it stopped, and is offered no move", async () => {
    answerAll();
    answerAsReceiver({ status: "accepted", residentAccess: "none", resident: null, allowedMoves: [], consentEnded: "expired" });
    renderPage({ asReceiver: true });
    expect(
      await screen.findByText(/De toestemming van de inwoner is verlopen, dus de verwijzing is gestopt/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/heeft de toestemming ingetrokken/)).not.toBeInTheDocument();
  });

  test("the receiver that may see the contact details is pointed to them", async () => {
    answerAll();
    answerAsReceiver({});
    renderPage({ asReceiver: true });
    expect(await screen.findByText("Met de contactgegevens van de inwoner hieronder")).toBeInTheDocument();
    expect(screen.getByText("06-12345678")).toBeInTheDocument();
  });

  test("a failed timeline load is an error with a retry, not an empty timeline", async () => {
    let fail = true;
    answerAll(() => (fail ? ok(serverError, 500) : ok(listPage([received]))));
    renderPage();
    const timeline = await screen.findByRole("region", { name: "Verloop" });
    await within(timeline).findByText("Er ging iets mis bij Schakel.");
    expect(within(timeline).queryByText("Er is nog niets gebeurd.")).not.toBeInTheDocument();
    // The other panels are not affected.
    expect(within(screen.getByRole("region", { name: "Berichten" })).getByText("Nog geen berichten.")).toBeInTheDocument();

    fail = false;
    await userEvent.click(within(timeline).getByRole("button", { name: "Opnieuw proberen" }));
    expect(await within(timeline).findByText("Status: Ontvangen")).toBeInTheDocument();
  });

  test("a closed referral says first how it ended: status, outcome, amount and the closing note", async () => {
    const completedAt = "2026-12-01T14:00:00Z";
    const completed = {
      ...received,
      id: "e9",
      at: completedAt,
      fromStatus: "in_progress" as const,
      toStatus: "completed" as const,
      note: "Betalingsregeling getroffen met de zorgverzekeraar.",
    };
    answerAll(() => ok(listPage([received, completed])));
    network.on("GET", `/referrals/${ID}`, () =>
      ok({
        ...referral,
        status: "completed",
        closedAt: completedAt,
        outcome: "helped",
        moneyOutcomeCents: 125_000,
        allowedMoves: [],
      }),
    );
    renderPage();
    const ended = await screen.findByRole("region", { name: "Zo is het afgelopen" });
    expect(within(ended).getByText("Geholpen")).toBeInTheDocument();
    expect(within(ended).getByText(/1\.250,00/)).toBeInTheDocument();
    expect(await within(ended).findByText("Betalingsregeling getroffen met de zorgverzekeraar.")).toBeInTheDocument();
  });

  test("an open referral has no 'how it ended'", async () => {
    answerAll();
    renderPage();
    await screen.findByRole("region", { name: "Verloop" });
    expect(screen.queryByRole("region", { name: "Zo is het afgelopen" })).not.toBeInTheDocument();
  });

  test("the timeline shows each rung of the escalation ladder in Dutch, as Schakel's", async () => {
    const rung = (id: string, r: "remind_receiver" | "tell_sender" | "expire", at: string) => ({
      ...received,
      id,
      type: "escalation",
      at,
      actor: { side: "system" as const, organization: null, user: null },
      fromStatus: null,
      toStatus: null,
      escalation: { rung: r },
    });
    answerAll(() =>
      ok(
        listPage([
          received,
          rung("e2", "remind_receiver", "2026-12-08T23:00:00Z"),
          rung("e3", "tell_sender", "2026-12-15T23:00:00Z"),
          rung("e4", "expire", "2026-12-29T23:00:00Z"),
        ]),
      ),
    );
    renderPage();
    const timeline = await screen.findByRole("region", { name: "Verloop" });
    expect(await within(timeline).findByText("Herinnering gestuurd: er is nog niet gereageerd")).toBeInTheDocument();
    expect(within(timeline).getByText("Te laat: de verwijzer is ingelicht")).toBeInTheDocument();
    expect(within(timeline).getByText("Verlopen: niet op tijd opgepakt")).toBeInTheDocument();
  });

  test("a move with a stale version says so where it was made, with focus on it, and loads the newest version", async () => {
    answerAll();
    let ifMatch: string | null = null;
    network.on("POST", `/referrals/${ID}/transitions`, (request) => {
      ifMatch = request.headers.get("If-Match");
      return ok(
        {
          type: "https://schakel.example/problems/precondition-failed",
          title: "Precondition Failed",
          status: 412,
          detail: "Verouderd.",
        },
        412,
      );
    });
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Verwijzing intrekken" }));
    const before = gets(`/referrals/${ID}`);
    await userEvent.click(screen.getByRole("button", { name: "Bevestigen: verwijzing intrekken" }));

    const notice = await screen.findByText(STALE_TEXT);
    expect(ifMatch).toBe('"3"');
    expect(notice.closest("[tabindex]")).toHaveFocus();
    expect(within(screen.getByRole("region", { name: "Wat kun je nu doen?" })).getByText(STALE_TEXT)).toBeInTheDocument();
    await vi.waitFor(() => expect(gets(`/referrals/${ID}`)).toBeGreaterThan(before));
  });

  test("a move's result is a sentence, announced and focused where the person is", async () => {
    answerAll();
    network.on("POST", `/referrals/${ID}/transitions`, () => ok({ ...referral, status: "withdrawn", allowedMoves: [] }));
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Verwijzing intrekken" }));
    await userEvent.type(screen.getByLabelText(/Korte toelichting/), "Inwoner is verhuisd");
    await userEvent.click(screen.getByRole("button", { name: "Bevestigen: verwijzing intrekken" }));

    const notice = await screen.findByText("De verwijzing is ingetrokken.");
    expect(notice.closest("[role=status]")).toBeInTheDocument();
    expect(notice.closest("[tabindex]")).toHaveFocus();
    expect(network.requests.findLast((r) => r.method === "POST")?.body).toEqual({ to: "withdrawn", note: "Inwoner is verhuisd" });
  });

  test("the sender's consent shows its status, and a failed withdrawal keeps the typed reason", async () => {
    answerAll();
    network.on("POST", `/consents/${CONSENT}/withdrawal`, () => ok(serverError, 500));
    renderPage();
    const panel = await screen.findByRole("region", { name: "Toestemming" });
    expect(await within(panel).findByText("Geldig")).toBeInTheDocument();
    expect(within(panel).getByText("Status")).toBeInTheDocument();
    await userEvent.click(within(panel).getByRole("button", { name: "Toestemming intrekken" }));
    await userEvent.type(within(panel).getByLabelText("Reden (niet verplicht)"), "Wil het zelf regelen");
    await userEvent.click(within(panel).getByRole("button", { name: "Bevestigen: toestemming intrekken" }));
    const summary = await within(panel).findByRole("heading", { name: "Er is 1 ding om te verbeteren" });
    expect(summary.closest("section")).toHaveTextContent("Er ging iets mis bij Schakel.");
    expect(within(panel).getByLabelText("Reden (niet verplicht)")).toHaveValue("Wil het zelf regelen");
  });

  test("core's limit on the withdrawal reason shows before anything is sent", async () => {
    answerAll();
    renderPage();
    const panel = await screen.findByRole("region", { name: "Toestemming" });
    await userEvent.click(await within(panel).findByRole("button", { name: "Toestemming intrekken" }));
    await userEvent.click(within(panel).getByLabelText("Reden (niet verplicht)"));
    await userEvent.paste("x".repeat(501));
    await userEvent.click(within(panel).getByRole("button", { name: "Bevestigen: toestemming intrekken" }));
    expect(await within(panel).findByRole("link", { name: "Reden: Gebruik hoogstens 500 tekens." })).toBeInTheDocument();
    expect(network.requests.filter((r) => r.method === "POST")).toHaveLength(0);
  });

  test("a message: nothing typed is said at the field before sending; a refusal lands on the field and keeps the text", async () => {
    answerAll();
    network.on("POST", `/referrals/${ID}/messages`, () =>
      ok(
        problem(400, "De invoer klopt niet.", [
          { name: "body.text", code: "too_big", reason: "Een bericht is hooguit 2000 tekens." },
        ]),
        400,
      ),
    );
    renderPage();
    const messages = await screen.findByRole("region", { name: "Berichten" });
    const box = within(messages).getByRole("textbox", { name: "Bericht aan Plangroep" });
    await userEvent.click(within(messages).getByRole("button", { name: "Bericht versturen" }));
    expect(await within(messages).findByText("Schrijf eerst een bericht.")).toBeInTheDocument();
    expect(box).toHaveFocus();
    expect(network.requests.filter((r) => r.method === "POST")).toHaveLength(0);

    await userEvent.type(box, "Lukt het jou hem te bellen?");
    await userEvent.click(within(messages).getByRole("button", { name: "Bericht versturen" }));
    expect(await within(messages).findByText("Een bericht is hooguit 2000 tekens.")).toBeInTheDocument();
    expect(box).toHaveValue("Lukt het jou hem te bellen?");
  });

  test("planning the driegesprek opens when asked; its checks show before sending, then it is sent with the chosen moment", async () => {
    answerAll();
    const proposed = "2030-03-05T09:00:00.000Z";
    network.on("GET", `/referrals/${ID}/driegesprek`, () =>
      ok({
        referralId: ID,
        state: "proposed",
        proposedMoments: [proposed],
        confirmedAt: null,
        endsAt: null,
        place: null,
        videoLink: null,
        updatedAt: "2026-11-30T10:00:00Z",
        calendarUrl: null,
      }),
    );
    network.on("POST", `/referrals/${ID}/driegesprek/confirmation`, () => ok({}));
    renderPage();
    const section = await screen.findByRole("region", { name: "Driegesprek" });
    const disclosure = await within(section).findByRole("button", { name: "Driegesprek plannen" });
    expect(within(section).queryByRole("group", { name: "Welk moment?" })).not.toBeInTheDocument();
    await userEvent.click(disclosure);
    expect(disclosure).toHaveAttribute("aria-expanded", "true");

    await userEvent.click(within(section).getByRole("button", { name: "Bevestigen: driegesprek plannen" }));
    expect(await within(section).findByRole("heading", { name: "Er zijn 2 dingen om te verbeteren" })).toBeInTheDocument();
    expect(within(section).getByRole("link", { name: "Plaats: Vul een plaats of een videolink in." })).toBeInTheDocument();
    expect(network.requests.filter((r) => r.method === "POST")).toHaveLength(0);

    await userEvent.click(within(section).getAllByRole("radio")[0] as HTMLElement);
    await userEvent.type(within(section).getByLabelText("Plaats"), "Wijkcentrum De Linde");
    await userEvent.click(within(section).getByRole("button", { name: "Bevestigen: driegesprek plannen" }));
    expect(await within(section).findByText("Het driegesprek is gepland.")).toBeInTheDocument();
    expect(network.requests.find((r) => r.method === "POST")?.body).toEqual({ at: proposed, place: "Wijkcentrum De Linde" });
  });
});
