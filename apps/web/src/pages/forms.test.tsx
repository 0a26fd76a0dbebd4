// The small forms of the sociale kaart's side of the app: a rule from core shows before anything
// is sent, a server 400's invalidParams land on their field, and what was typed survives a refusal.
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import { SessionProvider } from "../lib/session";
import { fakeApi, problem, renderWithQuery } from "../test/render";
import { AcceptInvitationPage } from "./accept-invitation-page";
import { InviteMemberForm } from "./members/invite-member-form";
import { SignInPage } from "./sign-in-page";

const ORG = "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f";
const errorOf = (input: HTMLElement) =>
  document.getElementById((input.getAttribute("aria-describedby") ?? "").split(" ")[0] ?? "");

describe("SignInPage", () => {
  const renderSignIn = () =>
    renderWithQuery(
      <SessionProvider>
        <SignInPage />
      </SessionProvider>,
      { route: "/inloggen" },
    );

  test("core's e-mail rule shows at the field before anything is sent", async () => {
    const api = fakeApi(({ path }) => (path === "/me" ? { status: 401, body: problem(401, "Niet ingelogd.") } : { status: 500 }));
    renderSignIn();
    await userEvent.type(await screen.findByLabelText("E-mailadres"), "sanne-at-opr-echt");
    await userEvent.click(screen.getByRole("button", { name: "Inloggen" }));
    const email = screen.getByLabelText("E-mailadres");
    await waitFor(() => expect(email).toHaveAttribute("aria-invalid", "true"));
    expect(errorOf(email)).toHaveTextContent("Vul een geldig e-mailadres in.");
    expect(errorOf(screen.getByLabelText("Wachtwoord"))).toHaveTextContent("Vul je wachtwoord in.");
    expect(api.requests.filter((r) => r.path === "/auth/login")).toHaveLength(0);
  });

  test("a refusal shows above the form and keeps what was typed; a 400's invalidParams land on the field", async () => {
    let answer = { status: 401, body: problem(401, "Het e-mailadres of het wachtwoord klopt niet.") };
    const api = fakeApi(({ path }) => (path === "/me" ? { status: 401, body: problem(401, "Niet ingelogd.") } : answer));
    renderSignIn();
    await userEvent.type(await screen.findByLabelText("E-mailadres"), "sanne@opr-echt.example");
    await userEvent.type(screen.getByLabelText("Wachtwoord"), "niet het goede");
    await userEvent.click(screen.getByRole("button", { name: "Inloggen" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Het e-mailadres of het wachtwoord klopt niet.");
    expect(screen.getByLabelText("E-mailadres")).toHaveValue("sanne@opr-echt.example");
    expect(screen.getByLabelText("Wachtwoord")).toHaveValue("niet het goede");
    expect(api.requests.find((r) => r.path === "/auth/login")?.body).toEqual({
      email: "sanne@opr-echt.example",
      password: "niet het goede",
    });

    answer = {
      status: 400,
      body: problem(400, "De invoer klopt niet.", [
        { name: "body.email", code: "invalid_format", reason: "Dit adres kent de server niet." },
      ]),
    };
    await userEvent.click(screen.getByRole("button", { name: "Inloggen" }));
    const email = screen.getByLabelText("E-mailadres");
    await waitFor(() => expect(email).toHaveAttribute("aria-invalid", "true"));
    expect(errorOf(email)).toHaveTextContent("Dit adres kent de server niet.");
    expect(email).toHaveValue("sanne@opr-echt.example");
  });
});

describe("AcceptInvitationPage", () => {
  const renderAccept = () => renderWithQuery(<AcceptInvitationPage />, { route: "/uitnodiging#token=abcdefghijklmnop" });

  test("core's password rule and the repeat show before sending", async () => {
    const api = fakeApi(() => ({ status: 500 }));
    renderAccept();
    await userEvent.type(screen.getByLabelText("Wachtwoord"), "kort");
    await userEvent.click(screen.getByRole("button", { name: "Wachtwoord opslaan en inloggen" }));
    await waitFor(() =>
      expect(errorOf(screen.getByLabelText("Wachtwoord"))).toHaveTextContent("Kies een wachtwoord van minstens 12 tekens."),
    );

    await userEvent.clear(screen.getByLabelText("Wachtwoord"));
    await userEvent.type(screen.getByLabelText("Wachtwoord"), "een lang nieuw wachtwoord");
    await userEvent.type(screen.getByLabelText("Herhaal wachtwoord"), "een ander wachtwoord");
    await userEvent.click(screen.getByRole("button", { name: "Wachtwoord opslaan en inloggen" }));
    await waitFor(() =>
      expect(errorOf(screen.getByLabelText("Herhaal wachtwoord"))).toHaveTextContent("De twee wachtwoorden zijn niet hetzelfde."),
    );
    expect(api.requests).toHaveLength(0);
  });

  test("a 400 on the password lands on it with the typed text kept; an existing account asks for its password", async () => {
    let answer = {
      status: 400,
      body: problem(400, "De invoer klopt niet.", [
        { name: "body.password", code: "too_big", reason: "Te lang voor de server." },
      ]),
    };
    const api = fakeApi(() => answer);
    renderAccept();
    await userEvent.type(screen.getByLabelText("Wachtwoord"), "een lang nieuw wachtwoord");
    await userEvent.type(screen.getByLabelText("Herhaal wachtwoord"), "een lang nieuw wachtwoord");
    await userEvent.click(screen.getByRole("button", { name: "Wachtwoord opslaan en inloggen" }));
    await waitFor(() => expect(errorOf(screen.getByLabelText("Wachtwoord"))).toHaveTextContent("Te lang voor de server."));
    expect(screen.getByLabelText("Wachtwoord")).toHaveValue("een lang nieuw wachtwoord");
    expect(api.requests[0]?.body).toEqual({ token: "abcdefghijklmnop", password: "een lang nieuw wachtwoord" });

    answer = {
      status: 422,
      body: { ...problem(422, "Je hebt al een account bij Schakel."), type: "https://schakel.example/problems/existing-account" },
    };
    await userEvent.click(screen.getByRole("button", { name: "Wachtwoord opslaan en inloggen" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Uitnodiging accepteren" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Uitnodiging accepteren" }));
    await waitFor(() => expect(errorOf(screen.getByLabelText("Je wachtwoord"))).toHaveTextContent("Vul je wachtwoord in."));
    expect(api.requests).toHaveLength(2);
  });

  test("a link without a whole token says so, without a form", () => {
    fakeApi(() => ({ status: 500 }));
    renderWithQuery(<AcceptInvitationPage />, { route: "/uitnodiging#token=kort" });
    expect(screen.getByRole("alert")).toHaveTextContent("Deze link is niet compleet.");
    expect(screen.queryByRole("button")).toBeNull();
  });
});

describe("InviteMemberForm", () => {
  const renderInvite = () => renderWithQuery(<InviteMemberForm organizationId={ORG} organizationName="Opr€cht" />);

  test("core's rules for name and address show before sending", async () => {
    const api = fakeApi(() => ({ status: 500 }));
    renderInvite();
    await userEvent.type(screen.getByLabelText("E-mailadres"), "geen adres");
    await userEvent.click(screen.getByRole("button", { name: "Uitnodiging versturen" }));
    await waitFor(() => expect(errorOf(screen.getByLabelText("Naam"))).toHaveTextContent("Vul een naam in."));
    expect(errorOf(screen.getByLabelText("E-mailadres"))).toHaveTextContent("Vul een geldig e-mailadres in.");
    expect(api.requests).toHaveLength(0);
  });

  test("a 400's invalidParams land on the field, a 409 above the form; what was typed stays; success empties the form", async () => {
    let answer: { status: number; body?: unknown } = {
      status: 400,
      body: problem(400, "De invoer klopt niet.", [
        { name: "body.email", code: "invalid_format", reason: "Dit adres kan niet." },
      ]),
    };
    const api = fakeApi(({ method }) =>
      method === "POST" ? answer : { status: 200, body: { data: [], meta: { nextCursor: null } } },
    );
    renderInvite();
    await userEvent.type(screen.getByLabelText("Naam"), "Nieuwe Collega");
    await userEvent.type(screen.getByLabelText("E-mailadres"), "nieuw@opr-echt.example");
    await userEvent.selectOptions(screen.getByLabelText("Rol"), "Beheerder");
    await userEvent.click(screen.getByRole("button", { name: "Uitnodiging versturen" }));
    await waitFor(() => expect(errorOf(screen.getByLabelText("E-mailadres"))).toHaveTextContent("Dit adres kan niet."));
    expect(api.requests[0]?.body).toEqual({ name: "Nieuwe Collega", email: "nieuw@opr-echt.example", role: "admin" });

    answer = { status: 409, body: problem(409, "Deze persoon is al lid van Opr€cht.") };
    await userEvent.click(screen.getByRole("button", { name: "Uitnodiging versturen" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Deze persoon is al lid van Opr€cht.");
    expect(screen.getByLabelText("Naam")).toHaveValue("Nieuwe Collega");
    expect(screen.getByLabelText("Rol")).toHaveValue("admin");

    answer = {
      status: 201,
      body: {
        id: "m1",
        userId: "u2",
        name: "Nieuwe Collega",
        email: "nieuw@opr-echt.example",
        role: "admin",
        status: "invited",
        invitationExpiresAt: "2026-12-05T09:00:00Z",
      },
    };
    await userEvent.click(screen.getByRole("button", { name: "Uitnodiging versturen" }));
    expect(
      await screen.findByText(/We hebben een uitnodiging gestuurd naar Nieuwe Collega \(nieuw@opr-echt.example\)/),
    ).toBeInTheDocument();
    expect(screen.getByLabelText("Naam")).toHaveValue("");
  });
});
