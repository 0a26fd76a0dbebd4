import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Outlet, Route, Routes } from "react-router";
import { beforeEach, describe, expect, test } from "vitest";
import { RequireSession } from "../components/require-session";
import { SessionProvider } from "../lib/session";
import { testQueryClient } from "../test/render";
import { LateReferralsPage } from "./late-referrals-page";
import { fakeRoutes, ok } from "./referrals/test-fixtures";

const me = (role: "coordinator" | "worker") => ({
  user: { id: "dd3f4e5d-3333-4c8e-9a51-2b8f0d1c9e09", name: "Cor", email: "cor@gemeente.example" },
  memberships: [{ organizationId: "aa3f4e5d-3333-4c8e-9a51-2b8f0d1c9e01", organizationName: "Gemeente Arnhem", role }],
});

const late = (n: number, lateSince: string, workingDaysLate: number) => ({
  id: `5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c${String(n).padStart(2, "0")}`,
  reference: `V-${1000 + n}`,
  service: { id: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", name: "Schulddienstverlening" },
  receiver: { id: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f", name: "Plangroep" },
  sender: { id: "4f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f", name: "Wijkteam Oost" },
  status: "received",
  urgency: n === 2 ? "urgent" : "normal",
  lateSince,
  workingDaysLate,
});

function renderPage() {
  render(
    <QueryClientProvider client={testQueryClient()}>
      <MemoryRouter initialEntries={["/te-laat"]}>
        <Routes>
          <Route
            element={
              <SessionProvider>
                <Outlet />
              </SessionProvider>
            }
          >
            <Route element={<RequireSession />}>
              <Route path="te-laat" element={<LateReferralsPage />} />
            </Route>
          </Route>
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

let network: ReturnType<typeof fakeRoutes>;
beforeEach(() => {
  network = fakeRoutes();
});

describe("the Te laat page", () => {
  test("lists the late referrals a page at a time, longest late first", async () => {
    network.on("GET", "/me", () => ok(me("coordinator")));
    network.on("GET", "/late-referrals", (request) =>
      network.requests.filter((r) => r.path === request.path).length > 1
        ? ok({ data: [late(2, "2026-11-24T23:00:00Z", 1)], meta: { nextCursor: null } })
        : ok({ data: [late(1, "2026-11-17T08:00:00Z", 7)], meta: { nextCursor: "next" } }),
    );
    renderPage();
    const list = await screen.findByRole("list", { name: "Verwijzingen die te laat zijn" });
    expect(within(list).getByRole("heading", { name: "V-1001 · Schulddienstverlening" })).toBeInTheDocument();
    expect(within(list).getByText("17 november 2026 (7 werkdagen)")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Meer laden" }));
    expect(await within(list).findByRole("heading", { name: "V-1002 · Schulddienstverlening" })).toBeInTheDocument();
    expect(within(list).getByText("Ontvangen (spoed)")).toBeInTheDocument();
    expect(screen.getByText("1 verwijzing erbij geladen.")).toBeInTheDocument();
    expect(screen.getByText("Dit zijn alle verwijzingen die te laat zijn.")).toBeInTheDocument();
  });

  test("says so when nothing is late", async () => {
    network.on("GET", "/me", () => ok(me("coordinator")));
    network.on("GET", "/late-referrals", () => ok({ data: [], meta: { nextCursor: null } }));
    renderPage();
    expect(await screen.findByText("Er zijn geen verwijzingen te laat. Alles is op tijd opgepakt.")).toBeInTheDocument();
  });

  test("a worker is told the list is the coordinator's, and it is not asked for", async () => {
    network.on("GET", "/me", () => ok(me("worker")));
    renderPage();
    expect(await screen.findByText(/Alleen een netwerkcoördinator ziet welke verwijzingen te laat zijn/)).toBeInTheDocument();
    expect(network.requests.some((r) => r.path === "/late-referrals")).toBe(false);
  });
});
