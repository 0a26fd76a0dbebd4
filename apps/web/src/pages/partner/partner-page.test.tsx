import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import { renderWithQuery } from "../../test/render";
import { fakeRoutes, ok } from "../referrals/test-fixtures";
import { PartnerPage } from "./partner-page";

const TOKEN = "q3Vb0kH6m2pX9rT1sY4uW7zA8cD";

const link = (overrides: Record<string, unknown> = {}) => ({
  reference: "V-1042",
  status: "received",
  statusLabel: "Ontvangen",
  urgent: false,
  sentAt: "2026-11-30T09:00:00.000Z",
  service: { id: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", name: "Voedselpakket" },
  receiver: { name: "Voedselbank Arnhem" },
  sender: { organizationName: "Wijkteam Oost", email: "info@wijkteam.example", phone: "026-1234567", workerName: "Fatima" },
  allowedMoves: ["accepted", "declined"],
  expiresAt: "2026-12-30T09:00:00.000Z",
  ...overrides,
});

const refusal = (slug: string, status: number, detail: string) => ({
  status,
  body: { type: `https://schakel.example/problems/${slug}`, title: "Link werkt niet meer", status, detail },
});

describe("the partner page (/partner#t=…)", () => {
  test("sends the token in a header, never in the URL, and shows the referral without the resident", async () => {
    const api = fakeRoutes();
    api.on("GET", "/partner-link", () => ok(link()));
    renderWithQuery(<PartnerPage />, { route: `/partner#t=${TOKEN}` });
    expect(await screen.findByText("V-1042")).toBeTruthy();
    expect(screen.getByText("Voedselpakket")).toBeTruthy();
    expect(screen.getByRole("link", { name: "026-1234567" })).toBeTruthy();
    const [request] = api.requests;
    expect(request?.headers.get("partner-link")).toBe(TOKEN);
    expect(request?.path).toBe("/partner-link");
    expect(api.requests.every((r) => !r.path.includes(TOKEN))).toBe(true);
    expect(screen.getByRole("button", { name: "Oppakken" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Afwijzen" })).toBeTruthy();
  });

  test("declining asks for a reason first, then confirms and says a new mail follows", async () => {
    const user = userEvent.setup();
    const api = fakeRoutes();
    api.on("GET", "/partner-link", () => ok(link()));
    api.on("POST", "/partner-link/moves", () =>
      ok(
        { reference: "V-1042", status: "declined", statusLabel: "Afgewezen", nextLinkMailedTo: "intake@voedselbank.example" },
        201,
      ),
    );
    renderWithQuery(<PartnerPage />, { route: `/partner#t=${TOKEN}` });
    await user.click(await screen.findByRole("button", { name: "Afwijzen" }));
    await user.click(screen.getByRole("button", { name: "Bevestigen: afwijzen" }));
    expect((await screen.findAllByText("Geef een reden waarom jullie deze verwijzing niet oppakken.")).length).toBeGreaterThan(0);
    expect(api.requests.filter((r) => r.method === "POST")).toHaveLength(0);

    await user.type(screen.getByLabelText("Waarom pakken jullie deze verwijzing niet op?", { exact: false }), "Vol");
    await user.click(screen.getByRole("button", { name: "Bevestigen: afwijzen" }));
    expect(await screen.findByText(/Je hebt de verwijzing afgewezen/)).toBeTruthy();
    const post = api.requests.find((r) => r.method === "POST");
    expect(post?.body).toEqual({ to: "declined", reason: "Vol" });
    expect(post?.headers.get("partner-link")).toBe(TOKEN);
  });

  test("a link that moved on reads as a Dutch page, not an error code", async () => {
    const api = fakeRoutes();
    api.on("GET", "/partner-link", () =>
      refusal(
        "partner-link-moved-on",
        409,
        "Deze link werkt niet meer, omdat de verwijzing intussen een stap verder is. De nieuwste mail over deze verwijzing heeft de link die nu werkt.",
      ),
    );
    renderWithQuery(<PartnerPage />, { route: `/partner#t=${TOKEN}` });
    expect(await screen.findByText(/de verwijzing intussen een stap verder is/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: /opnieuw/i })).toBeNull();
  });

  test("without a token it asks to open the whole link, and calls nothing", () => {
    const api = fakeRoutes();
    renderWithQuery(<PartnerPage />, { route: "/partner" });
    expect(screen.getByText(/Deze link is niet compleet/)).toBeTruthy();
    expect(api.requests).toHaveLength(0);
  });
});
