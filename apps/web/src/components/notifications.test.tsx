import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { type ApiStub, json, problem, route, stubApi } from "../test/api-stub";
import { renderWithQuery } from "../test/render";
import { Notifications } from "./notifications";

const notification = (id: string, text: string, readAt: string | null = null) => ({
  id,
  text,
  kind: "referral_new",
  urgent: false,
  referralId: null as string | null,
  referral: null as { id: string; reference: number; serviceName: string } | null,
  readAt,
  createdAt: "2026-12-01T09:30:00Z",
});

let unread = 0;
let items: ReturnType<typeof notification>[] = [];

let server: ApiStub;

beforeEach(() => {
  unread = 1;
  items = [notification("n1", "Nieuwe aanmelding voor Schuldhulp")];
  server = stubApi();
  server.handle = (request) => {
    const { path, query } = route(request);
    if (path === "/notifications" && request.method === "GET") {
      const limit = Number(query.get("limit"));
      return json({ data: items.slice(0, limit), meta: { nextCursor: null, unreadCount: unread } });
    }
    if (path === "/notifications/read-all" && request.method === "POST") {
      unread = 0;
      items = items.map((n) => ({ ...n, readAt: "2026-12-01T10:00:00Z" }));
      return new Response(null, { status: 204 });
    }
    return problem(404, "Onbekend in de test.");
  };
});

const renderBell = (pollMs?: number) => renderWithQuery(<Notifications pollMs={pollMs} />);

const countRequests = () =>
  server.requests.filter((r) => route(r).path === "/notifications" && route(r).query.get("limit") === "1");

describe("Notifications", () => {
  test("shows the unread count, polls it, and announces a higher count politely", async () => {
    renderBell(40);
    expect(await screen.findByRole("button", { name: /Meldingen 1 ongelezen/ })).toBeInTheDocument();
    expect(screen.getByText("", { selector: "[aria-live=polite]" })).toBeEmptyDOMElement();

    unread = 3;
    expect(await screen.findByRole("button", { name: /Meldingen 3 ongelezen/ })).toBeInTheDocument();
    expect(screen.getByText("Je hebt 3 nieuwe meldingen.")).toHaveAttribute("aria-live", "polite");
    expect(countRequests().length).toBeGreaterThanOrEqual(2);
    // Polling is not use: it does not keep the session alive (ADR 0016).
    expect(countRequests().every((r) => r.headers.get("Schakel-Activity") === "background")).toBe(true);
  });

  test("polls every 30 seconds by default", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      renderBell();
      await screen.findByRole("button", { name: /1 ongelezen/ });
      const before = countRequests().length;
      unread = 2;
      await vi.advanceTimersByTimeAsync(29_000);
      expect(countRequests().length).toBe(before);
      await vi.advanceTimersByTimeAsync(1_500);
      expect(await screen.findByRole("button", { name: /2 ongelezen/ })).toBeInTheDocument();
      expect(screen.getByText("Je hebt 2 nieuwe meldingen.")).toBeInTheDocument();
    } finally {
      vi.useRealTimers();
    }
  });

  test("the panel lists the notifications; 'Alles gelezen' marks them read and the count goes", async () => {
    renderBell(60_000);
    await userEvent.click(await screen.findByRole("button", { name: /1 ongelezen/ }));
    expect(await screen.findByText("Nieuwe aanmelding voor Schuldhulp")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Alles gelezen" }));
    expect(await screen.findByRole("button", { name: "Meldingen" })).toBeInTheDocument();
    expect(screen.queryByText("Nieuw:")).not.toBeInTheDocument();
    expect(server.requests.some((r) => route(r).path === "/notifications/read-all")).toBe(true);
  });

  test("a notification about a referral names its reference and service and links to it", async () => {
    const referralId = "5f0c1a52-8d5e-4c8e-9a51-2b8f0d1c9e01";
    items = [
      {
        ...notification("n2", "Verwijzing naar Schuldhulp: geaccepteerd."),
        referralId,
        referral: { id: referralId, reference: 1042, serviceName: "Schuldhulp" },
      },
    ];
    renderBell(60_000);
    await userEvent.click(await screen.findByRole("button", { name: /1 ongelezen/ }));
    expect(await screen.findByText("V-1042 · Schuldhulp")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Verwijzing naar Schuldhulp: geaccepteerd." })).toHaveAttribute(
      "href",
      `/verwijzingen/${referralId}`,
    );
  });

  test("a failed list load is an error with a retry, never 'geen meldingen'", async () => {
    renderBell(60_000);
    await screen.findByRole("button", { name: /1 ongelezen/ });
    const answer = server.handle;
    server.handle = (request) =>
      route(request).query.get("limit") === "20" ? problem(403, "Je mag de meldingen niet zien.") : answer(request);
    await userEvent.click(screen.getByRole("button", { name: /1 ongelezen/ }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Je mag de meldingen niet zien.");
    expect(screen.queryByText("Je hebt geen meldingen.")).not.toBeInTheDocument();
    server.handle = answer;
    await userEvent.click(screen.getByRole("button", { name: "Opnieuw proberen" }));
    expect(await screen.findByText("Nieuwe aanmelding voor Schuldhulp")).toBeInTheDocument();
  });
});
