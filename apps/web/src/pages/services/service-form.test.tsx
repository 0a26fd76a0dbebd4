import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import { fakeApi, problem, renderWithQuery } from "../../test/render";
import { ServiceForm } from "./service-form";
import { newServiceValues } from "./service-form-state";

const ORG = "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f";
const municipalities = { data: [{ code: "GM0202", name: "Arnhem" }] };
/** Types a whole value at once (a paste: one input event, as the form gets from a quick typist). */
async function fill(input: HTMLElement, text: string) {
  await userEvent.click(input);
  await userEvent.paste(text);
}
const errorOf = (input: HTMLElement) =>
  document.getElementById((input.getAttribute("aria-describedby") ?? "").split(" ")[0] ?? "");

function renderForm(answer: (path: string, method: string) => { status: number; body?: unknown }) {
  const api = fakeApi(({ path, method }) =>
    path === "/municipalities" ? { status: 200, body: municipalities } : answer(path, method),
  );
  const onSaved = vi.fn();
  renderWithQuery(<ServiceForm service={null} organizationId={ORG} initial={newServiceValues()} onSaved={onSaved} />);
  return { api, onSaved };
}

describe("ServiceForm", () => {
  test("core's rules show in the summary and at the fields before anything is sent", async () => {
    const { api } = renderForm(() => ({ status: 500 }));
    await userEvent.click(screen.getByRole("button", { name: "Opslaan" }));
    const summary = await screen.findByRole("region", { name: /verbeteren/ });
    expect([...summary.querySelectorAll("a")].map((a) => a.textContent)).toEqual(
      expect.arrayContaining([
        "Naam: Geef de dienst een naam van minstens 3 tekens.",
        "Leefgebieden: Kies minstens één leefgebied.",
        "Waar: Geef aan waar de dienst werkt: landelijk, gemeenten of postcodegebieden.",
        "Contactmogelijkheid 1: Vul het telefoonnummer in.",
      ]),
    );
    await waitFor(() => expect(summary).toHaveFocus());
    expect(errorOf(screen.getByLabelText("Naam"))).toHaveTextContent("Geef de dienst een naam van minstens 3 tekens.");
    expect(api.requests.filter((r) => r.method === "POST")).toHaveLength(0);
  });

  test("a 400's invalidParams land on their field; what was typed stays; then it saves", async () => {
    let answer: { status: number; body?: unknown } = {
      status: 400,
      body: problem(400, "De invoer klopt niet.", [
        { name: "body.name", code: "custom", reason: "Deze naam heeft je organisatie al." },
      ]),
    };
    const { api, onSaved } = renderForm(() => answer);
    await fill(screen.getByLabelText("Naam"), "Formulierenhulp");
    await fill(screen.getByLabelText("Beschrijving"), "Hulp bij formulieren en brieven van instanties.");
    await userEvent.click(screen.getByRole("checkbox", { name: "Administratie" }));
    await userEvent.click(await screen.findByRole("checkbox", { name: "Arnhem" }));
    await fill(screen.getByLabelText("Telefoonnummer"), "026 123 45 67");
    await userEvent.click(screen.getByRole("button", { name: "Opslaan" }));

    await waitFor(() => expect(errorOf(screen.getByLabelText("Naam"))).toHaveTextContent("Deze naam heeft je organisatie al."));
    expect(screen.getByLabelText("Naam")).toHaveValue("Formulierenhulp");
    expect(screen.getByLabelText("Telefoonnummer")).toHaveValue("026 123 45 67");
    const sent = api.requests.find((r) => r.method === "POST")?.body as Record<string, unknown>;
    expect(sent).toMatchObject({
      organizationId: ORG,
      name: "Formulierenhulp",
      lifeDomains: ["administratie"],
      municipalityCodes: ["GM0202"],
      contactChannels: [{ kind: "telefoon", value: "026 123 45 67" }],
    });

    answer = { status: 201, body: { ...sent, id: "s1", name: "Formulierenhulp", lastVerifiedAt: "2026-12-02T09:00:00Z" } };
    await userEvent.click(screen.getByRole("button", { name: "Opslaan" }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(onSaved.mock.calls[0]?.[1]).toBe("De dienst ‘Formulierenhulp’ staat op de sociale kaart.");
  });

  test("a refusal about no field shows above the form, with focus on it", async () => {
    renderForm(() => ({ status: 403, body: problem(403, "Je bent geen beheerder van deze organisatie.") }));
    await fill(screen.getByLabelText("Naam"), "Formulierenhulp");
    await fill(screen.getByLabelText("Beschrijving"), "Hulp bij formulieren en brieven van instanties.");
    await userEvent.click(screen.getByRole("checkbox", { name: "Administratie" }));
    await userEvent.click(screen.getByRole("radio", { name: "In heel Nederland (landelijk)" }));
    await fill(screen.getByLabelText("Telefoonnummer"), "026 123 45 67");
    await userEvent.click(screen.getByRole("button", { name: "Opslaan" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Je bent geen beheerder van deze organisatie.");
    await waitFor(() => expect(alert.parentElement).toHaveFocus());
    expect(screen.getByLabelText("Naam")).toHaveValue("Formulierenhulp");
  });
});
