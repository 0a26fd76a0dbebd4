import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { beforeEach, describe, expect, test } from "vitest";
import { type ApiStub, json, problem, route, stubApi } from "../test/api-stub";
import { testQueryClient } from "../test/render";
import { referral } from "./referrals/test-fixtures";
import { SenderOverview } from "./sender-overview";

const ORG = referral.sender.id;
const COACHING = { id: "9c3f4e5d-3333-4c8e-9a51-2b8f0d1c9e99", name: "Budgetcoaching" };
const WAIT = { timeout: 10_000 };

const summary = (id: string, reference: number, changes: Record<string, unknown>) => ({
  id,
  reference,
  side: "sender",
  status: "sent",
  service: referral.service,
  counterpart: referral.receiver,
  urgency: "normal",
  overdue: false,
  dueDate: "2026-12-03",
  lastMoveAt: "2026-12-01T09:00:00Z",
  assignedUserId: null,
  assignee: null,
  outcome: null,
  suggestedService: null,
  expiryReason: null,
  lateSince: null,
  closedAt: null,
  residentName: "Daan Verhoef",
  ...changes,
});

const declined = summary("5f0c1a52-8d5e-4c8e-9a51-2b8f0d1c9e11", 1043, { status: "declined", suggestedService: COACHING });
const expired = summary("5f0c1a52-8d5e-4c8e-9a51-2b8f0d1c9e12", 1044, { status: "expired", expiryReason: "no_response" });

let server: ApiStub;
let overview: { lastVisitAt: string | null; counts: Record<string, number> };

beforeEach(() => {
  overview = {
    lastVisitAt: "2026-11-30T08:00:00Z",
    counts: { all: 2, open: 0, overdue: 0, suggestion: 1, closed: 2, changed: 2 },
  };
  server = stubApi();
  server.handle = (request) => {
    const { path, query } = route(request);
    if (path === "/me/overview") return json(overview);
    if (path === "/me/overview-visit") return json({ lastVisitAt: "2026-12-02T10:00:00Z" });
    if (path === "/referrals") {
      const data = query.get("suggestion") === "true" ? [declined] : [declined, expired];
      return json({ data, meta: { nextCursor: null, total: data.length } });
    }
    return problem(404, "Onbekend in de test.");
  };
});

function renderOverview() {
  render(
    <QueryClientProvider client={testQueryClient()}>
      <MemoryRouter initialEntries={["/"]}>
        <SenderOverview organizationId={ORG} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe("the sender's overview", () => {
  test("opens on what changed since the last visit, records the visit once, and offers to refer to the suggestion", async () => {
    renderOverview();
    expect(await screen.findByText(/hebben 2 verwijzingen een nieuwe status/, {}, WAIT)).toBeInTheDocument();
    const list = await screen.findByRole("list", { name: "Nieuw sinds je vorige bezoek" }, WAIT);
    const items = within(list).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent("V-1043");
    expect(items[0]).toHaveTextContent("De ontvanger stelt Budgetcoaching voor.");
    expect(within(items[0] as HTMLElement).getByRole("link", { name: "Verwijs naar Budgetcoaching" })).toHaveAttribute(
      "href",
      `/kaart/diensten/${COACHING.id}/verwijzen?vorige=${declined.id}`,
    );
    expect(items[1]).toHaveTextContent("De ontvanger heeft niet op tijd gereageerd.");
    const changed = server.requests.find((r) => route(r).path === "/referrals");
    expect(route(changed as Request).query.get("changedSince")).toBe("2026-11-30T08:00:00Z");
    await screen.findByRole("link", { name: "Afgesloten (2)" });
    expect(server.requests.filter((r) => route(r).path === "/me/overview-visit" && r.method === "PUT")).toHaveLength(1);

    await userEvent.click(screen.getByRole("link", { name: "Afgewezen met een voorstel (1)" }));
    await screen.findByRole("list", { name: "Afgewezen met een voorstel" }, WAIT);
    expect(server.requests.filter((r) => route(r).path === "/me/overview-visit")).toHaveLength(1);
  });

  test("says so when the organisation has referred nobody yet", async () => {
    overview = { lastVisitAt: null, counts: { all: 0, open: 0, overdue: 0, suggestion: 0, closed: 0, changed: 0 } };
    renderOverview();
    expect(await screen.findByText("Jullie hebben nog geen inwoners verwezen.", {}, WAIT)).toBeInTheDocument();
  });

  test("a failed load says what went wrong, with a retry", async () => {
    server.handle = () => problem(503, "Schakel is even niet bereikbaar.");
    renderOverview();
    expect(await screen.findByRole("alert", {}, WAIT)).toHaveTextContent("Schakel is even niet bereikbaar.");
    expect(screen.getByRole("button", { name: "Opnieuw proberen" })).toBeInTheDocument();
  });
});
