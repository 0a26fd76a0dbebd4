import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { type Problem, toProblem } from "../api/problem";
import { Alert } from "./alert";

/**
 * Loading, empty, error and data are four different states, shown one way everywhere. An error
 * is never shown as "nothing": it says what went wrong and offers to try again. When a refresh
 * fails while older data is on screen, the data stays and a warning says it may be out of date.
 */
export function QueryState<TData>({
  query,
  loading,
  isEmpty,
  empty,
  errorFor,
  children,
}: {
  query: Pick<UseQueryResult<TData, unknown>, "data" | "error" | "isPending" | "isError" | "isFetching" | "refetch">;
  /** What is being loaded, as a sentence: "De verwijzingen worden geladen…". */
  loading: string;
  /** Whether the data counts as empty; then `empty` is shown instead of the children. */
  isEmpty?: (data: TData) => boolean;
  empty?: ReactNode;
  /** A page's own rendering of some problems (a 404 as "niet gevonden"); null falls back to the default. */
  errorFor?: (problem: Problem) => ReactNode | null;
  children: (data: TData) => ReactNode;
}) {
  if (query.isPending && !query.isError) {
    return (
      <p className="utrecht-paragraph" role="status">
        {loading}
      </p>
    );
  }
  if (query.data === undefined) {
    const problem = toProblem(query.error);
    return errorFor?.(problem) ?? <QueryError problem={problem} retry={() => void query.refetch()} busy={query.isFetching} />;
  }
  const data = query.data;
  return (
    <>
      {query.isError ? (
        <QueryError problem={toProblem(query.error)} retry={() => void query.refetch()} busy={query.isFetching} stale />
      ) : null}
      {isEmpty?.(data) ? empty : children(data)}
    </>
  );
}

/** A failed load: what went wrong, and a button to try again that shows it is working. */
export function QueryError({
  problem,
  retry,
  busy = false,
  stale = false,
}: {
  problem: Problem;
  retry: () => void;
  busy?: boolean;
  /** Older data is still shown below. */
  stale?: boolean;
}) {
  return (
    <Alert type={stale ? "warning" : "error"}>
      <p className="utrecht-paragraph">
        {stale ? "Bijwerken lukte niet; wat je ziet is misschien niet meer actueel. " : null}
        {problem.detail}
      </p>
      <p className="utrecht-paragraph">
        <button
          type="button"
          className="utrecht-button utrecht-button--secondary-action"
          aria-disabled={busy || undefined}
          onClick={() => {
            if (!busy) retry();
          }}
        >
          {busy ? "Bezig met opnieuw proberen…" : "Opnieuw proberen"}
        </button>
      </p>
    </Alert>
  );
}
