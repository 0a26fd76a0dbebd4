import { fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, test } from "vitest";
import { useConfirmedSelect } from "./use-confirmed-select";

function Municipality({ applied }: { applied: string[] }) {
  const [value, setValue] = useState("");
  const select = useConfirmedSelect(value, (chosen) => {
    applied.push(chosen);
    setValue(chosen);
  });
  return (
    <>
      <label htmlFor="gemeente">Gemeente</label>
      <select id="gemeente" {...select.props}>
        <option value="">Heel Nederland</option>
        <option value="GM0202">Arnhem</option>
        <option value="GM0153">Enschede</option>
        <option value="GM0392">Haarlem</option>
      </select>
      <p>Toegepast: {value || "niets"}</p>
      <button type="button">Verder</button>
    </>
  );
}

/** What Chromium does for an arrow key on a closed select box: the value moves and change fires. */
function arrowTo(select: HTMLElement, value: string) {
  fireEvent.keyDown(select, { key: "ArrowDown" });
  fireEvent.change(select, { target: { value } });
}

describe("useConfirmedSelect", () => {
  test("arrow keys move through the options without applying them; leaving the box applies the last", async () => {
    const applied: string[] = [];
    render(<Municipality applied={applied} />);
    const select = screen.getByLabelText("Gemeente");
    select.focus();
    arrowTo(select, "GM0202");
    arrowTo(select, "GM0153");
    arrowTo(select, "GM0392");
    expect(select).toHaveValue("GM0392");
    expect(applied).toEqual([]);
    expect(screen.getByText("Toegepast: niets")).toBeInTheDocument();

    await userEvent.tab();
    expect(applied).toEqual(["GM0392"]);
    expect(screen.getByText("Toegepast: GM0392")).toBeInTheDocument();
  });

  test("Enter applies the choice at once", () => {
    const applied: string[] = [];
    render(<Municipality applied={applied} />);
    const select = screen.getByLabelText("Gemeente");
    arrowTo(select, "GM0202");
    fireEvent.keyDown(select, { key: "Enter" });
    expect(applied).toEqual(["GM0202"]);
  });

  test("a choice with the mouse applies at once", async () => {
    const applied: string[] = [];
    render(<Municipality applied={applied} />);
    await userEvent.selectOptions(screen.getByLabelText("Gemeente"), "Enschede");
    expect(applied).toEqual(["GM0153"]);
  });

  test("leaving without a change applies nothing", async () => {
    const applied: string[] = [];
    render(<Municipality applied={applied} />);
    screen.getByLabelText("Gemeente").focus();
    await userEvent.tab();
    expect(applied).toEqual([]);
  });
});
