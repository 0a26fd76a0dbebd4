import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import { type Problem, unreachableProblem } from "../api/problem";
import { QueryState } from "./query-state";

type Query = Parameters<typeof QueryState<string[]>>[0]["query"];

function query(overrides: Partial<Query>): Query {
  return {
    data: undefined,
    error: null,
    isPending: false,
    isError: false,
    isFetching: false,
    refetch: vi.fn(),
    ...overrides,
  } as Query;
}

const forbidden: Problem = {
  type: "https://schakel.example/problems/forbidden",
  title: "Verboden",
  status: 403,
  detail: "Dit mag je niet zien.",
};

function List({ state }: { state: Query }) {
  return (
    <QueryState
      query={state}
      loading="De verwijzingen worden geladen…"
      isEmpty={(items) => items.length === 0}
      empty={<p>Nog geen verwijzingen.</p>}
    >
      {(items) => (
        <ul>
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
    </QueryState>
  );
}

describe("QueryState", () => {
  test("while loading it says what is loading, as a status", () => {
    render(<List state={query({ isPending: true, isFetching: true })} />);
    expect(screen.getByRole("status")).toHaveTextContent("De verwijzingen worden geladen…");
    expect(screen.queryByRole("list")).not.toBeInTheDocument();
  });

  test("empty data shows the empty message, not the list", () => {
    render(<List state={query({ data: [] })} />);
    expect(screen.getByText("Nog geen verwijzingen.")).toBeInTheDocument();
    expect(screen.queryByRole("list")).not.toBeInTheDocument();
  });

  test("data shows the children", () => {
    render(<List state={query({ data: ["Schuldhulp"] })} />);
    expect(screen.getByRole("listitem")).toHaveTextContent("Schuldhulp");
  });

  test("a failed load is an error, not 'nothing'; 'Opnieuw proberen' calls refetch", async () => {
    const refetch = vi.fn();
    render(<List state={query({ isError: true, error: unreachableProblem(), refetch })} />);
    expect(screen.getByRole("alert")).toHaveTextContent("Schakel is nu niet bereikbaar.");
    expect(screen.queryByText("Nog geen verwijzingen.")).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Opnieuw proberen" }));
    expect(refetch).toHaveBeenCalledTimes(1);
  });

  test("while retrying, the button says so and a second press does nothing", async () => {
    const refetch = vi.fn();
    render(<List state={query({ isError: true, error: forbidden, isFetching: true, refetch })} />);
    const button = screen.getByRole("button", { name: "Bezig met opnieuw proberen…" });
    expect(button).toHaveAttribute("aria-disabled", "true");
    await userEvent.click(button);
    expect(refetch).not.toHaveBeenCalled();
  });

  test("a failed refresh keeps the data and warns that it may be out of date", () => {
    render(<List state={query({ data: ["Schuldhulp"], isError: true, error: forbidden })} />);
    expect(screen.getByRole("listitem")).toHaveTextContent("Schuldhulp");
    expect(screen.getByText(/Bijwerken lukte niet; wat je ziet is misschien niet meer actueel\./)).toHaveTextContent(
      "Dit mag je niet zien.",
    );
    expect(screen.getByRole("button", { name: "Opnieuw proberen" })).toBeInTheDocument();
  });

  test("a page can show some problems its own way", () => {
    render(
      <QueryState
        query={query({ isError: true, error: { ...forbidden, status: 404, detail: "Weg." } })}
        loading="Laden…"
        errorFor={(problem) => (problem.status === 404 ? <h1>Deze dienst bestaat niet</h1> : null)}
      >
        {() => null}
      </QueryState>,
    );
    expect(screen.getByRole("heading", { name: "Deze dienst bestaat niet" })).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});
