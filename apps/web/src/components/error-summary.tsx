import type { Ref } from "react";

export interface SummaryItem {
  message: string;
  /** The id of the field to go to; without it the message stands alone. */
  target?: string;
  label?: string;
}

/**
 * The list of problems above a long form, each linking to its field (NL Design System "error
 * summary"). The form puts focus on it after a failed attempt, so it is read out first.
 */
export function ErrorSummary({ items, ref }: { items: readonly SummaryItem[]; ref?: Ref<HTMLElement> }) {
  if (items.length === 0) return null;
  return (
    <section
      ref={ref}
      tabIndex={-1}
      className="utrecht-alert utrecht-alert--error schakel-alert schakel-error-summary"
      aria-labelledby="foutenoverzicht-titel"
    >
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message">
          <h2 className="utrecht-heading-3" id="foutenoverzicht-titel">
            {items.length === 1 ? "Er is 1 ding om te verbeteren" : `Er zijn ${items.length} dingen om te verbeteren`}
          </h2>
          <ul className="utrecht-unordered-list">
            {items.map((item) => (
              <li key={`${item.target ?? ""}${item.message}`} className="utrecht-unordered-list__item">
                {item.target ? (
                  <a
                    href={`#${item.target}`}
                    className="utrecht-link utrecht-link--html-a"
                    onClick={(e) => {
                      e.preventDefault();
                      const field = document.getElementById(item.target ?? "");
                      field?.focus();
                      field?.scrollIntoView({ block: "center" });
                    }}
                  >
                    {item.label ? `${item.label}: ` : null}
                    {item.message}
                  </a>
                ) : (
                  <>
                    {item.label ? `${item.label}: ` : null}
                    {item.message}
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
