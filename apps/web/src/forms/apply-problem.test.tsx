import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import type { Problem } from "../api/problem";
import { applyProblem } from "./apply-problem";
import { errorSummaryItems, fieldId } from "./error-summary-items";
import { FormErrorSummary } from "./form-error-summary";
import { useZodForm } from "./use-zod-form";

const schema = z.object({
  name: z.string().min(2, "Vul een naam in van minstens 2 tekens."),
  contact: z.array(z.object({ value: z.string() })),
});

const refused: Problem = {
  type: "https://schakel.example/problems/validation",
  title: "Ongeldige invoer",
  status: 400,
  detail: "De invoer klopt niet.",
  invalidParams: [
    { name: "body.contact.0.value", code: "invalid_string", reason: "Geef een geldig telefoonnummer." },
    { name: "body.serviceId", code: "invalid_uuid", reason: "Kies een dienst." },
  ],
};

function Form({ problem }: { problem?: Problem }) {
  const form = useZodForm(schema, { defaultValues: { name: "", contact: [{ value: "06" }] } });
  return (
    <form
      noValidate
      onSubmit={form.handleSubmit(() => {
        if (problem) applyProblem(problem, form);
      })}
    >
      <FormErrorSummary formState={form.formState} labels={{ name: "Naam", "contact.0.value": "Telefoon" }} />
      <label htmlFor={fieldId("name")}>Naam</label>
      <input id={fieldId("name")} {...form.register("name")} />
      <label htmlFor={fieldId("contact.0.value")}>Telefoon</label>
      <input id={fieldId("contact.0.value")} {...form.register("contact.0.value")} />
      <button type="submit">Opslaan</button>
    </form>
  );
}

describe("applyProblem", () => {
  test("puts each invalidParam on its field and the rest in the form's own error; the typed input stays", async () => {
    render(<Form problem={refused} />);
    await userEvent.type(screen.getByLabelText("Naam"), "Fatima");
    await userEvent.click(screen.getByRole("button", { name: "Opslaan" }));
    const summary = await screen.findByRole("heading", { name: "Er zijn 2 dingen om te verbeteren" });
    expect(summary.closest("section")).toHaveFocus();
    expect(screen.getByRole("link", { name: "Telefoon: Geef een geldig telefoonnummer." })).toHaveAttribute(
      "href",
      `#${fieldId("contact.0.value")}`,
    );
    expect(screen.getByText("Kies een dienst.")).toBeInTheDocument();
    expect(screen.getByLabelText("Naam")).toHaveValue("Fatima");
  });

  test("a problem without invalidParams becomes the form's own error with its detail", () => {
    const errors: Record<string, unknown> = {};
    applyProblem({ type: "about:blank", title: "Conflict", status: 409, detail: "Iemand anders was je voor." }, {
      getValues: () => undefined,
      setError: (name: string, error: unknown) => {
        errors[name] = error;
      },
    } as never);
    expect(errors).toEqual({ "root.server": { type: "409", message: "Iemand anders was je voor." } });
  });

  test("the zod schema's own rule shows before anything is sent", async () => {
    render(<Form />);
    await userEvent.type(screen.getByLabelText("Naam"), "F");
    await userEvent.click(screen.getByRole("button", { name: "Opslaan" }));
    expect(await screen.findByRole("link", { name: "Naam: Vul een naam in van minstens 2 tekens." })).toBeInTheDocument();
  });
});

describe("errorSummaryItems", () => {
  test("lists nested field errors with their targets and the server error last", () => {
    const items = errorSummaryItems({
      contact: [{ value: { type: "server", message: "Ongeldig nummer." } }],
      root: { server: { type: "422", message: "Geen geldige toestemming." } },
    } as never);
    expect(items).toEqual([
      { message: "Ongeldig nummer.", target: "veld-contact-0-value", label: undefined },
      { message: "Geen geldige toestemming." },
    ]);
  });
});
