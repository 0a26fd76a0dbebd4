import { transitionFieldProblems } from "@schakel/core";
import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, test } from "vitest";
import type { Referral } from "../../lib/referrals";
import { problem, testQueryClient } from "../../test/render";
import { ReferralActions } from "./referral-actions";
import { fakeRoutes, ID, ok, referral } from "./test-fixtures";

const received: Referral = { ...referral, side: "receiver", allowedMoves: ["accepted", "declined", "not_reached"] };

function renderActions(r: Referral = received, attempts = 0) {
  render(
    <QueryClientProvider client={testQueryClient()}>
      <ReferralActions referral={r} attempts={attempts} />
    </QueryClientProvider>,
  );
}

let network: ReturnType<typeof fakeRoutes>;
beforeEach(() => {
  network = fakeRoutes();
});

describe("the move form", () => {
  test("core's rule shows before anything is sent: declining needs a reason", async () => {
    renderActions();
    await userEvent.click(screen.getByRole("button", { name: "Afwijzen" }));
    await userEvent.click(screen.getByRole("button", { name: "Bevestigen: afwijzen" }));
    const message = transitionFieldProblems({ to: "declined" }).reason ?? "";
    const summary = await screen.findByRole("heading", { name: "Er is 1 ding om te verbeteren" });
    expect(summary.closest("section")).toHaveFocus();
    expect(screen.getByRole("link", { name: `Reden: ${message}` })).toHaveAttribute("href", "#veld-reason");
    expect(screen.getByLabelText("Waarom pakken jullie deze verwijzing niet op?")).toHaveAttribute("aria-invalid", "true");
    expect(network.requests.filter((r) => r.method === "POST")).toHaveLength(0);
  });

  test("'Niet bereikt' waits for a contact attempt, with core's words", async () => {
    renderActions();
    expect(screen.queryByRole("button", { name: "Niet bereikt" })).not.toBeInTheDocument();
    expect(screen.getByText("Leg eerst minstens één contactpoging vast voordat je 'niet bereikt' kiest.")).toBeInTheDocument();
  });

  test("a refusal's invalidParams land on the field, and what was typed stays", async () => {
    network.on("POST", `/referrals/${ID}/transitions`, () =>
      ok(
        problem(400, "De invoer klopt niet.", [{ name: "body.reason", code: "custom", reason: "Noem de reden zonder namen." }]),
        400,
      ),
    );
    renderActions();
    await userEvent.click(screen.getByRole("button", { name: "Afwijzen" }));
    const reason = screen.getByLabelText("Waarom pakken jullie deze verwijzing niet op?");
    await userEvent.type(reason, "Daan woont buiten ons gebied");
    await userEvent.click(screen.getByRole("button", { name: "Bevestigen: afwijzen" }));

    expect(await screen.findByRole("link", { name: "Reden: Noem de reden zonder namen." })).toBeInTheDocument();
    expect(reason).toHaveValue("Daan woont buiten ons gebied");
    expect(reason).toHaveAttribute("aria-invalid", "true");
    expect(network.requests.find((r) => r.method === "POST")?.body).toEqual({
      to: "declined",
      reason: "Daan woont buiten ons gebied",
    });
  });

  test("a conflict without fields is the form's own error; the typed amount stays", async () => {
    network.on("POST", `/referrals/${ID}/transitions`, () => ok(problem(409, "Deze stap kan nu niet meer."), 409));
    renderActions({ ...received, status: "in_progress", allowedMoves: ["completed"] });
    await userEvent.click(screen.getByRole("button", { name: "Afronden" }));
    await userEvent.click(screen.getByRole("radio", { name: "Geholpen" }));
    await userEvent.type(screen.getByLabelText("Financieel resultaat in euro's (niet verplicht)"), "1.250,50");
    await userEvent.click(screen.getByRole("button", { name: "Bevestigen: afronden" }));

    expect(await screen.findByText("Deze stap kan nu niet meer.")).toBeInTheDocument();
    expect(screen.getByLabelText("Financieel resultaat in euro's (niet verplicht)")).toHaveValue("1.250,50");
    expect(network.requests.find((r) => r.method === "POST")?.body).toEqual({
      to: "completed",
      outcome: "helped",
      moneyOutcomeCents: 125050,
    });
  });
});
