import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Outlet, Route, Routes } from "react-router";
import { beforeEach, describe, expect, test } from "vitest";
import { RequireSession } from "../../components/require-session";
import { formatDate } from "../../lib/format";
import { SessionProvider } from "../../lib/session";
import { type ApiStub, json, problem, route, stubApi } from "../../test/api-stub";
import { testQueryClient } from "../../test/render";
import { ReferralListPage } from "./referral-list-page";
import { ID, referral } from "./test-fixtures";

const PLANGROEP = referral.receiver.id;
const ME = "dd3f4e5d-3333-4c8e-9a51-2b8f0d1c9e08";
const NOOR = "ee3f4e5d-3333-4c8e-9a51-2b8f0d1c9e09";
const WAIT = { timeout: 10_000 };

const item = {
  id: ID,
  reference: 1042,
  side: "receiver",
  status: "sent",
  service: referral.service,
  counterpart: referral.sender,
  urgency: "normal",
  overdue: false,
  dueDate: "2026-12-03",
  lastMoveAt: "2026-11-30T09:00:00Z",
  assignedUserId: null as string | null,
  assignee: null as { id: string; name: string } | null,
  outcome: null,
  suggestedService: null,
  expiryReason: null,
  lateSince: null,
  closedAt: null,
  residentName: "Daan Verhoef",
};

let server: ApiStub;
let inbox: (typeof item)[] = [item];

beforeEach(() => {
  inbox = [item];
  server = stubApi();
  server.handle = async (request) => {
    const { path, query } = route(request);
    if (path === "/me")
      return json({
        user: { id: ME, name: "Ravi", email: "ravi@plangroep.example" },
        memberships: [{ organizationId: PLANGROEP, organizationName: "Plangroep", role: "worker" }],
      });
    if (path === "/referrals" && request.method === "GET") {
      const data = query.get("box") === "inbox" ? inbox : [];
      return json({ data, meta: { nextCursor: null, total: data.length } });
    }
    if (path === `/organizations/${PLANGROEP}/colleagues`)
      return json({
        data: [
          { id: NOOR, name: "Noor Bakker" },
          { id: ME, name: "Ravi" },
        ],
      });
    if (path === `/referrals/${ID}` && request.method === "GET") return json({ ...referral, side: "receiver", version: 4 });
    if (path === `/referrals/${ID}` && request.method === "PATCH") {
      inbox = [{ ...item, assignedUserId: NOOR, assignee: { id: NOOR, name: "Noor Bakker" } }];
      return json({ ...referral, side: "receiver", version: 5, assignedUserId: NOOR });
    }
    return problem(404, "Onbekend in de test.");
  };
});

function renderList(entry: string) {
  render(
    <QueryClientProvider client={testQueryClient()}>
      <MemoryRouter initialEntries={[entry]}>
        <Routes>
          <Route
            element={
              <SessionProvider>
                <Outlet />
              </SessionProvider>
            }
          >
            <Route element={<RequireSession />}>
              <Route path="verwijzingen" element={<ReferralListPage />} />
            </Route>
          </Route>
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const listRequests = () => server.requests.filter((r) => route(r).path === "/referrals" && r.method === "GET");

describe("the receiver's inbox", () => {
  test("says Nieuw, not Verstuurd; shows the reference, who has it, and when a first response is due", async () => {
    renderList("/verwijzingen?box=inbox");
    const row = (await screen.findByRole("rowheader", { name: /Daan Verhoef/ }, WAIT)).closest("tr") as HTMLElement;
    expect(within(row).getByText("Nieuw")).toBeInTheDocument();
    expect(within(row).queryByText("Verstuurd")).not.toBeInTheDocument();
    expect(within(row).getByText("Schuldhulp (V-1042)")).toBeInTheDocument();
    expect(within(row).getByText(formatDate("2026-12-03"))).toBeInTheDocument();
  });

  test("after the first response the due date of a reaction is no longer shown", async () => {
    inbox = [{ ...item, status: "accepted" }];
    renderList("/verwijzingen?box=inbox");
    const row = (await screen.findByRole("rowheader", { name: /Daan Verhoef/ }, WAIT)).closest("tr") as HTMLElement;
    expect(within(row).getByText("Geaccepteerd")).toBeInTheDocument();
    expect(within(row).getByText("Gereageerd")).toBeInTheDocument();
    expect(within(row).queryByText(formatDate("2026-12-03"))).not.toBeInTheDocument();
  });

  test("filters by assignee and gives a referral to a colleague with the version it read", async () => {
    renderList("/verwijzingen?box=inbox");
    const filter = await screen.findByLabelText("Toegewezen aan", {}, WAIT);
    await within(filter).findByRole("option", { name: "Noor Bakker" }, WAIT);
    await userEvent.selectOptions(filter, "Niet toegewezen");
    await screen.findByText("1 verwijzing", {}, WAIT);
    expect(listRequests().some((r) => route(r).query.get("assignedTo") === "none")).toBe(true);

    const select = screen.getByLabelText(/Toewijzen: Schuldhulp \(V-1042\)/);
    await userEvent.selectOptions(select, "Noor Bakker");
    expect(await screen.findByText("Toegewezen.", {}, WAIT)).toBeInTheDocument();
    const patch = server.requests.find((r) => r.method === "PATCH");
    expect(patch?.headers.get("if-match")).toBe('"4"');
    expect(await patch?.clone().json()).toEqual({ assignedUserId: NOOR });
  });

  test("an organisation that receives nothing opens on its sent referrals", async () => {
    inbox = [];
    renderList("/verwijzingen");
    await screen.findByText("Je organisatie heeft geen open verwijzingen verstuurd.", {}, WAIT);
    expect(screen.getByRole("link", { name: "Verstuurd" })).toHaveAttribute("aria-current", "page");
  });
});
