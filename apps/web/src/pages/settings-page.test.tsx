// /instellingen: the choice between a mail per event and the daily digest, saved and shown as
// saved; the admin's "every new referral" only for admins; a refusal in Dutch above the form.
import { mailModeLabels } from "@schakel/core";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import { fakeApi, problem, renderWithQuery } from "../test/render";
import { SettingsPage } from "./settings-page";

const saved = (over: Record<string, unknown> = {}) => ({
  mailMode: "digest",
  allReferrals: false,
  canChooseAllReferrals: false,
  ...over,
});

describe("SettingsPage", () => {
  test("shows the saved choice, saves a new one and says so; no admin choice for a worker", async () => {
    let current = saved();
    const api = fakeApi(({ method, path, body }) => {
      if (path !== "/me/notification-settings") return { status: 404, body: problem(404, "Niet gevonden.") };
      if (method === "PUT") current = saved(body as Record<string, unknown>);
      return { status: 200, body: current };
    });
    renderWithQuery(<SettingsPage />, { route: "/instellingen" });
    expect(await screen.findByLabelText(mailModeLabels.digest)).toBeChecked();
    expect(screen.getByLabelText(mailModeLabels.each)).not.toBeChecked();
    expect(screen.queryByLabelText("Ook elke nieuwe verwijzing aan mijn organisatie")).toBeNull();

    await userEvent.click(screen.getByLabelText(mailModeLabels.each));
    await userEvent.click(screen.getByRole("button", { name: "Bewaren" }));
    expect(await screen.findByText("Je keuze is bewaard.")).toBeInTheDocument();
    expect(api.requests.find((r) => r.method === "PUT")?.body).toEqual({ mailMode: "each", allReferrals: false });
    expect(screen.getByLabelText(mailModeLabels.each)).toBeChecked();
    expect(screen.getByText(/^Nu ingesteld:/)).toHaveTextContent(`Nu ingesteld: ${mailModeLabels.each.toLowerCase()}.`);
  });

  test("an admin may also choose every new referral; a refusal shows in Dutch and the choice stays", async () => {
    const api = fakeApi(({ method }) =>
      method === "PUT"
        ? { status: 403, body: problem(403, "Alleen een beheerder kan kiezen voor een bericht bij elke nieuwe verwijzing.") }
        : { status: 200, body: saved({ canChooseAllReferrals: true }) },
    );
    renderWithQuery(<SettingsPage />, { route: "/instellingen" });
    const every = await screen.findByLabelText("Ook elke nieuwe verwijzing aan mijn organisatie");
    expect(every).not.toBeChecked();
    await userEvent.click(every);
    await userEvent.click(screen.getByRole("button", { name: "Bewaren" }));
    await waitFor(() =>
      expect(
        screen.getByText("Alleen een beheerder kan kiezen voor een bericht bij elke nieuwe verwijzing."),
      ).toBeInTheDocument(),
    );
    expect(screen.queryByText("Je keuze is bewaard.")).toBeNull();
    expect(every).toBeChecked();
    expect(api.requests.find((r) => r.method === "PUT")?.body).toEqual({ mailMode: "digest", allReferrals: true });
  });
});
