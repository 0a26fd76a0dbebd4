import { useCallback, useEffect, useRef, useState } from "react";

/** Said when a change was refused because someone else changed the referral first (412). */
export const STALE_TEXT =
  "Iemand anders heeft deze verwijzing net gewijzigd. We hebben de nieuwste versie geladen. Kijk of je actie nog nodig is.";

export interface Result {
  text: string;
  tone: "ok" | "warning";
  /** Counts up, so the same sentence twice is announced and focused twice. */
  seq: number;
}

/** The last result of an action in one part of the page: show one, or clear it. */
export function useActionResult() {
  const [result, setResult] = useState<Result | null>(null);
  const show = useCallback(
    (text: string, tone: Result["tone"] = "ok") => setResult((old) => ({ text, tone, seq: (old?.seq ?? 0) + 1 })),
    [],
  );
  const clear = useCallback(() => setResult(null), []);
  return { result, show, clear };
}

/**
 * The result of an action, shown where it was done: in a live region (so it is announced), and
 * with keyboard focus on it, so it is seen and read out instead of focus falling to the page body.
 */
export function ActionResult({ result }: { result: Result | null }) {
  const ref = useRef<HTMLDivElement>(null);
  const seq = result?.seq;
  useEffect(() => {
    // After the effects of this commit: the page's own focus on its heading (on arrival) must not win.
    if (seq !== undefined) queueMicrotask(() => ref.current?.focus());
  }, [seq]);
  return (
    <div role="status" className="schakel-action-result">
      {result ? (
        <div ref={ref} tabIndex={-1} className={`utrecht-alert utrecht-alert--${result.tone} schakel-alert`}>
          <div className="utrecht-alert__content">
            <p className="utrecht-paragraph utrecht-alert__message">{result.text}</p>
          </div>
        </div>
      ) : null}
    </div>
  );
}
