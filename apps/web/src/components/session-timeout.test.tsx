import { SESSION_WARNING_MS } from "@schakel/core";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import { fakeApi, problem, renderWithQuery } from "../test/render";
import { SessionTimeout } from "./session-timeout";

const me = { user: { id: "u1", name: "Sanne de Vries", email: "sanne@opr-echt.example" }, memberships: [] };
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

describe("SessionTimeout", () => {
  test("two minutes ahead it warns; Blijf ingelogd is a real use that moves the end; the polling never is", async () => {
    let end = Date.now() + SESSION_WARNING_MS + 1500;
    const api = fakeApi(({ path, headers }) => {
      if (path !== "/auth/session") return { status: 404, body: problem(404, "Niet gevonden.") };
      if (headers.get("Schakel-Activity") !== "background") end = Date.now() + 30 * 60_000;
      return { status: 200, body: { expiresAt: iso(end), absoluteExpiresAt: iso(Date.now() + 10 * 3600_000) } };
    });
    renderWithQuery(<SessionTimeout email="sanne@opr-echt.example" expired={false} onSignedIn={vi.fn()} onSignOut={vi.fn()} />);
    await waitFor(() => expect(api.requests).toHaveLength(1));
    expect(api.requests[0]?.headers.get("Schakel-Activity")).toBe("background");
    expect(screen.queryByRole("dialog")).toBeNull();

    // Due 1.5 s from now on the real clock; a busy machine (CI running two legs' worth of work) may be late.
    const dialog = await screen.findByRole("dialog", { name: "Je wordt bijna uitgelogd" }, { timeout: 10_000 });
    expect(dialog).toHaveTextContent(/Over (2 minuten|1 minuut en \d+ seconden?) word je voor de veiligheid uitgelogd/);
    await userEvent.click(screen.getByRole("button", { name: "Blijf ingelogd" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(api.requests.filter((r) => r.headers.get("Schakel-Activity") !== "background")).toHaveLength(1);
  });

  test("near the 12-hour limit it says when, and offers no way to stay", async () => {
    const end = Date.now() + 60_000;
    fakeApi(() => ({ status: 200, body: { expiresAt: iso(end), absoluteExpiresAt: iso(end) } }));
    renderWithQuery(<SessionTimeout email="sanne@opr-echt.example" expired={false} onSignedIn={vi.fn()} onSignOut={vi.fn()} />);
    const dialog = await screen.findByRole("dialog", { name: "Je wordt bijna uitgelogd" });
    expect(dialog).toHaveTextContent("Je bent bijna 12 uur ingelogd.");
    expect(screen.queryByRole("button", { name: "Blijf ingelogd" })).toBeNull();
  });

  test("after the session ended, signing in again in the dialog goes on with the same page", async () => {
    const api = fakeApi(({ path, body }) => {
      if (path !== "/auth/login") return { status: 401, body: problem(401, "Je bent niet ingelogd.") };
      const { password } = body as { password: string };
      return password === "goed wachtwoord"
        ? { status: 200, body: me }
        : { status: 401, body: problem(401, "Dit e-mailadres en wachtwoord horen niet bij elkaar.") };
    });
    const onSignedIn = vi.fn();
    renderWithQuery(<SessionTimeout email="sanne@opr-echt.example" expired onSignedIn={onSignedIn} onSignOut={vi.fn()} />);
    expect(await screen.findByRole("dialog", { name: "Je bent uitgelogd" })).toHaveTextContent(
      "Wat je hebt ingevuld blijft staan.",
    );

    await userEvent.click(screen.getByRole("button", { name: "Inloggen" }));
    expect(await screen.findByRole("link", { name: "Wachtwoord: Vul je wachtwoord in." })).toBeInTheDocument();
    expect(api.requests.filter((r) => r.path === "/auth/login")).toHaveLength(0);

    await userEvent.type(screen.getByLabelText("Wachtwoord"), "fout");
    await userEvent.click(screen.getByRole("button", { name: "Inloggen" }));
    expect(await screen.findByText("Dit e-mailadres en wachtwoord horen niet bij elkaar.")).toBeInTheDocument();

    await userEvent.clear(screen.getByLabelText("Wachtwoord"));
    await userEvent.type(screen.getByLabelText("Wachtwoord"), "goed wachtwoord");
    await userEvent.click(screen.getByRole("button", { name: "Inloggen" }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(me));
    expect(api.requests.at(-1)?.body).toEqual({ email: "sanne@opr-echt.example", password: "goed wachtwoord" });
  });
});
