import type { ReactNode } from "react";
import type { DateParts, DateTimeParts } from "./date-parts";

const partLabels = { day: "Dag", month: "Maand", year: "Jaar", time: "Tijd" } as const;
const partSizes = { day: 2, month: 2, year: 4, time: 5 } as const;

/**
 * A date (and time) as separate Dutch fields — Dag, Maand, Jaar, Tijd — in one fieldset, instead
 * of the browser's own date picker, which follows the browser's language (an English laptop shows
 * "02:30 PM"). The first field has `id`, so an error summary can link to it.
 */
export function DateTimeField<T extends DateParts | DateTimeParts>({
  id,
  legend,
  description,
  error,
  value,
  onChange,
}: {
  id: string;
  legend: string;
  description?: ReactNode;
  error?: string;
  value: T;
  onChange: (value: T) => void;
}) {
  const descriptionId = `${id}-uitleg`;
  const errorId = error ? `${id}-fout` : undefined;
  const parts = (Object.keys(partLabels) as (keyof typeof partLabels)[]).filter((p) => p in value);
  return (
    <fieldset
      className={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset schakel-fieldset schakel-date-field${error ? " utrecht-form-fieldset--invalid schakel-fieldset--invalid" : ""}`}
      aria-describedby={[errorId, descriptionId].filter(Boolean).join(" ")}
    >
      <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{legend}</legend>
      <div className="utrecht-form-field-description" id={descriptionId}>
        {description ?? ("time" in value ? "Bijvoorbeeld 26 11 2026 om 10:00." : "Bijvoorbeeld 26 11 2026.")}
      </div>
      {error ? (
        <div className="utrecht-form-field-error-message" id={errorId}>
          {error}
        </div>
      ) : null}
      <div className="schakel-date-field__parts">
        {parts.map((part, i) => {
          const inputId = i === 0 ? id : `${id}-${part}`;
          return (
            <div key={part} className={`schakel-date-field__part schakel-date-field__part--${part}`}>
              <label className="utrecht-form-label" htmlFor={inputId}>
                {partLabels[part]}
              </label>
              <input
                id={inputId}
                type="text"
                inputMode={part === "time" ? "text" : "numeric"}
                autoComplete="off"
                size={partSizes[part]}
                maxLength={part === "time" ? 5 : partSizes[part]}
                aria-invalid={error ? true : undefined}
                className={`utrecht-textbox utrecht-textbox--html-input${error ? " utrecht-textbox--invalid" : ""}`}
                value={(value as unknown as Record<string, string>)[part] ?? ""}
                onChange={(e) => onChange({ ...value, [part]: e.target.value })}
              />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
