import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import { renderWithQuery } from "../../test/render";
import { fakeRoutes, ok, referral } from "../referrals/test-fixtures";
import { PartnerLinkResend } from "./partner-link-resend";

const servicePath = `/services/${referral.service.id}`;

describe("Nieuwe link sturen on the sender's referral page", () => {
  test("a partner-light receiver: says so, and mails a fresh link on request", async () => {
    const user = userEvent.setup();
    const api = fakeRoutes();
    api.on("GET", servicePath, () => ok({ id: referral.service.id, partnerLight: true, partnerLightByService: false }));
    api.on("POST", `/referrals/${referral.id}/partner-links`, () =>
      ok({ sentTo: "intake@voedselbank.example", expiresAt: "2026-12-30T09:00:00.000Z" }, 201),
    );
    renderWithQuery(<PartnerLinkResend referral={referral} />);
    expect(await screen.findByText(/werkt zonder account: reageert via een link in de mail/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Nieuwe link sturen" }));
    expect(await screen.findByText(/Er is een nieuwe link gestuurd naar intake@voedselbank.example/)).toBeTruthy();
    expect(api.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  test("a receiver with an account: nothing is shown", async () => {
    const api = fakeRoutes();
    api.on("GET", servicePath, () => ok({ id: referral.service.id, partnerLight: false, partnerLightByService: false }));
    const { container } = renderWithQuery(<PartnerLinkResend referral={referral} />);
    await new Promise((r) => setTimeout(r, 50));
    expect(api.requests.some((r) => r.path === servicePath)).toBe(true);
    expect(container.textContent).toBe("");
  });
});
