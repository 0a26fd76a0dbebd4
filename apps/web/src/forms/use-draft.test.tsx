import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, test } from "vitest";
import { z } from "zod";
import { loadDraft, saveDraft } from "./drafts";
import { useDraft } from "./use-draft";
import { useZodForm } from "./use-zod-form";

const userId = "0b6f1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d";
const schema = z.object({ request: z.string() });

function DraftForm() {
  const form = useZodForm(schema, { defaultValues: { request: "" } });
  const draft = useDraft(form, { key: "test", userId });
  return (
    <form>
      {draft.restored ? <p>Je concept is teruggezet.</p> : null}
      <label htmlFor="request">Hulpvraag</label>
      <input id="request" {...form.register("request")} />
      <button type="button" onClick={draft.discard}>
        Opnieuw beginnen
      </button>
    </form>
  );
}

describe("useDraft", () => {
  beforeEach(() => sessionStorage.clear());

  test("what is typed is kept and comes back after the page is opened again", async () => {
    const first = render(<DraftForm />);
    await userEvent.type(screen.getByLabelText("Hulpvraag"), "Hulp bij schulden");
    await act(() => new Promise((done) => setTimeout(done, 500)));
    expect(loadDraft("test", userId)).toEqual({ request: "Hulp bij schulden" });
    first.unmount();

    render(<DraftForm />);
    expect(await screen.findByText("Je concept is teruggezet.")).toBeInTheDocument();
    expect(screen.getByLabelText("Hulpvraag")).toHaveValue("Hulp bij schulden");
  });

  test("discard forgets the draft", async () => {
    saveDraft("test", userId, { request: "Oud concept" });
    render(<DraftForm />);
    expect(screen.getByLabelText("Hulpvraag")).toHaveValue("Oud concept");
    await userEvent.click(screen.getByRole("button", { name: "Opnieuw beginnen" }));
    expect(loadDraft("test", userId)).toBeNull();
  });
});
