import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router";
import { beforeEach, describe, expect, test, vi } from "vitest";
import type { Consent, Referral, ReferralEvent } from "../../lib/referrals";
import { json } from "./fake-network";

const network = await vi.hoisted(async () => (await import("./fake-network")).installFakeNetwork());

const { createAppQueryClient } = await import("../../api/client");
const { ReferralPage } = await import("./referral-page");
const { STALE_TEXT } = await import("./action-result");

const ID = "5f0c1a52-8d5e-4c8e-9a51-2b8f0d1c9e01";
const RESIDENT = "7a1d2c3b-1111-4c8e-9a51-2b8f0d1c9e02";
const CONSENT = "8b2e3d4c-2222-4c8e-9a51-2b8f0d1c9e03";

const referral: Referral = {
  id: ID,
  status: "received",
  version: 3,
  service: { id: "9c3f4e5d-3333-4c8e-9a51-2b8f0d1c9e04", name: "Schuldhulp" },
  sender: { id: "aa3f4e5d-3333-4c8e-9a51-2b8f0d1c9e05", name: "Opr€cht" },
  receiver: { id: "bb3f4e5d-3333-4c8e-9a51-2b8f0d1c9e06", name: "Plangroep" },
  side: "sender",
  lawfulBasis: "consent",
  feedbackLevel: "outcome",
  dataCategories: ["contact", "request"],
  residentId: RESIDENT,
  consentId: CONSENT,
  residentAccess: "full",
  resident: {
    name: "Daan Verhoef",
    birthDate: null,
    birthYear: 2003,
    address: null,
    postcode: null,
    phone: "06-12345678",
    email: null,
    preferredChannel: "whatsapp",
    language: "nl",
  },
  request: "Hulp bij schulden",
  categoryNotes: {},
  lifeDomains: ["schulden"],
  urgency: "normal",
  urgencyReason: null,
  preferredChannel: "whatsapp",
  driegesprekWanted: false,
  safetyFlag: false,
  responseTargetDays: 3,
  lastMoveAt: "2026-11-30T09:00:00Z",
  dueDate: "2026-12-03",
  overdue: false,
  allowedMoves: ["withdrawn"],
  declineReason: null,
  suggestedServiceId: null,
  outcome: null,
  moneyOutcomeCents: null,
  assignedUserId: null,
  createdAt: "2026-11-30T09:00:00Z",
  closedAt: null,
};

const consent: Consent = {
  id: CONSENT,
  residentId: RESIDENT,
  receivingOrganizationId: referral.receiver.id,
  purpose: "Aanmelding bij Plangroep",
  dataCategories: ["contact", "request"],
  method: "mondeling",
  feedbackLevel: "outcome",
  recordedByUserId: "cc3f4e5d-3333-4c8e-9a51-2b8f0d1c9e07",
  recordedAt: "2026-11-30T08:55:00Z",
  validUntil: "2027-05-30T22:59:59Z",
  withdrawnAt: null,
  withdrawalReason: null,
  valid: true,
};

const received: ReferralEvent = {
  id: "e1",
  type: "status_changed",
  at: "2026-11-30T10:00:00Z",
  actor: { side: "receiver", organization: { id: referral.receiver.id, name: "Plangroep" }, user: null },
  fromStatus: "sent",
  toStatus: "received",
  note: null,
  noteHidden: null,
  contactAttempt: null,
  driegesprek: null,
};

const page = <T,>(data: T[]) => ({ data, meta: { nextCursor: null } });
const serverError = { type: "about:blank", title: "Internal Server Error", status: 500, detail: "Er ging iets mis bij Schakel." };

function answerAll(events: () => Response = () => json(page([received]))) {
  network.on("GET", `/referrals/${ID}`, () => json(referral, 200, { ETag: `"${referral.version}"` }));
  network.on("GET", `/referrals/${ID}/events`, events);
  network.on("GET", `/referrals/${ID}/messages`, () => json(page([])));
  network.on("GET", `/referrals/${ID}/contact-attempts`, () => json(page([])));
  network.on("GET", `/referrals/${ID}/driegesprek`, () =>
    json(
      {
        type: "https://schakel.example/problems/driegesprek-not-found",
        title: "Geen driegesprek",
        status: 404,
        detail: "Er is (nog) geen driegesprek voor deze verwijzing.",
      },
      404,
    ),
  );
  network.on("GET", `/residents/${RESIDENT}/consents`, () => json(page([consent])));
}

function renderPage() {
  const queryClient = createAppQueryClient();
  // In a test a failure is final: no waiting for the automatic retries of a 500.
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[`/verwijzingen/${ID}`]}>
        <Routes>
          <Route path="verwijzingen/:referralId" element={<ReferralPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const gets = (path: string) =>
  network.requests.filter((r) => r.method === "GET" && new URL(r.url).pathname === `/api/v1${path}`).length;

beforeEach(() => network.reset());

describe("the referral page", () => {
  test("a failed timeline load is an error with a retry, not an empty timeline", async () => {
    let fail = true;
    answerAll(() => (fail ? json(serverError, 500) : json(page([received]))));
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

  test("a move with a stale version says so where it was made, with focus on it, and loads the newest version", async () => {
    answerAll();
    let ifMatch: string | null = null;
    network.on("POST", `/referrals/${ID}/transitions`, (request) => {
      ifMatch = request.headers.get("If-Match");
      return json(
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
    network.on("POST", `/referrals/${ID}/transitions`, () => json({ ...referral, status: "withdrawn", allowedMoves: [] }));
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Verwijzing intrekken" }));
    await userEvent.type(screen.getByLabelText(/Korte toelichting/), "Inwoner is verhuisd");
    await userEvent.click(screen.getByRole("button", { name: "Bevestigen: verwijzing intrekken" }));

    const notice = await screen.findByText("De verwijzing is ingetrokken.");
    expect(notice.closest("[role=status]")).toBeInTheDocument();
    expect(notice.closest("[tabindex]")).toHaveFocus();
    const sent = network.requests.findLast((r) => r.method === "POST");
    expect(JSON.parse((await sent?.clone().text()) ?? "null")).toEqual({ to: "withdrawn", note: "Inwoner is verhuisd" });
  });

  test("the sender's consent shows its status, and a failed withdrawal keeps the typed reason", async () => {
    answerAll();
    network.on("POST", `/consents/${CONSENT}/withdrawal`, () => json(serverError, 500));
    renderPage();
    const panel = await screen.findByRole("region", { name: "Toestemming" });
    expect(await within(panel).findByText("Geldig")).toBeInTheDocument();
    expect(within(panel).getByText("Status")).toBeInTheDocument();
    await userEvent.click(within(panel).getByRole("button", { name: "Toestemming intrekken" }));
    await userEvent.type(within(panel).getByLabelText("Reden (niet verplicht)"), "Wil het zelf regelen");
    await userEvent.click(within(panel).getByRole("button", { name: "Bevestigen: toestemming intrekken" }));
    expect(await within(panel).findByRole("alert")).toHaveTextContent("Er ging iets mis bij Schakel.");
    expect(within(panel).getByLabelText("Reden (niet verplicht)")).toHaveValue("Wil het zelf regelen");
  });
});
