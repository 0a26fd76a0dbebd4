import type { FormEventHandler, ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { Link } from "react-router";
import { fieldId } from "../forms/error-summary-items";
import { FormField } from "./form-field";
import { SubmitButton } from "./submit-button";

/**
 * The filter panel of a log page whose filters live in the address (the access log, the security
 * log): closed while no filter applies, so the log itself is in the first screen; "Filter toepassen"
 * and a link back to the page without filters under the fields.
 */
export function LogFilterPanel({
  active,
  clearTo,
  onSubmit,
  children,
}: {
  active: boolean;
  /** The page's own address, without filters. */
  clearTo: string;
  onSubmit: FormEventHandler<HTMLFormElement>;
  children: ReactNode;
}) {
  return (
    <details className="schakel-filters" open={active || undefined}>
      <summary className="schakel-filters__summary">{active ? "Filters (aan)" : "Filteren"}</summary>
      <form className="schakel-filters__form schakel-form" noValidate aria-label="Filteren" onSubmit={onSubmit}>
        {children}
        <p className="utrecht-paragraph schakel-inline-form">
          <SubmitButton busy={false} busyText="Bezig…">
            Filter toepassen
          </SubmitButton>
          <Link to={clearTo} className="utrecht-link utrecht-link--html-a">
            Alle filters weghalen
          </Link>
        </p>
      </form>
    </details>
  );
}

/** One text filter (a day, a number) of a log filter panel. */
export function LogFilterText({
  name,
  label,
  description,
  error,
  registration,
  short = false,
}: {
  name: string;
  label: string;
  description?: string;
  error?: string;
  registration: UseFormRegisterReturn;
  /** A day: a medium-width box. */
  short?: boolean;
}) {
  return (
    <FormField id={fieldId(name)} label={label} description={description} error={error}>
      {({ invalidClass, ...aria }) => (
        <input
          {...aria}
          {...registration}
          type="text"
          autoComplete="off"
          spellCheck={false}
          className={`utrecht-textbox utrecht-textbox--html-input${short ? " schakel-textbox--medium" : ""}${invalidClass}`}
        />
      )}
    </FormField>
  );
}
