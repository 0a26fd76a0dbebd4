import { Link } from "react-router";
import { FormField } from "../../components/form-field";
import { SubmitButton } from "../../components/submit-button";
import { fieldId } from "../../forms/error-summary-items";
import { FormErrorSummary } from "../../forms/form-error-summary";
import { useZodForm } from "../../forms/use-zod-form";
import { accessActionOptions } from "./access-actions";
import { type AccessLogFilters, accessLogFilterSchema } from "./access-log-filters";

const labels = {
  from: "Van",
  to: "Tot en met",
  action: "Soort toegang",
  resident: "Inwonernummer",
} as const;

/**
 * The access log's filters. Applying them changes the address (so Back returns to the previous
 * filters); the form is remounted with the address's filters, so what it shows is always what applies.
 */
export function AccessLogFilterForm({
  filters,
  onApply,
}: {
  filters: AccessLogFilters;
  onApply: (filters: AccessLogFilters) => void;
}) {
  const form = useZodForm(accessLogFilterSchema, { defaultValues: filters });
  const { errors } = form.formState;
  const text = (name: "resident" | "from" | "to", description?: string, short = false) => (
    <FormField id={fieldId(name)} label={labels[name]} description={description} error={errors[name]?.message}>
      {({ invalidClass, ...aria }) => (
        <input
          {...aria}
          {...form.register(name)}
          type="text"
          autoComplete="off"
          spellCheck={false}
          className={`utrecht-textbox utrecht-textbox--html-input${short ? " schakel-textbox--medium" : ""}${invalidClass}`}
        />
      )}
    </FormField>
  );

  const active = Object.values(filters).some((v) => v.trim() !== "");
  return (
    // Closed while no filter applies, so the log itself is in the first screen.
    <details className="schakel-filters" open={active || undefined}>
      <summary className="schakel-filters__summary">{active ? "Filters (aan)" : "Filteren"}</summary>
      <form
        className="schakel-filters__form schakel-form"
        noValidate
        aria-label="Filteren"
        onSubmit={form.handleSubmit((values) => onApply({ ...values, person: filters.person }))}
      >
        <FormErrorSummary formState={form.formState} labels={labels} />
        {text("from", "Dag-maand-jaar, bijvoorbeeld 1-11-2026.", true)}
        {text("to", "Dag-maand-jaar. Deze dag telt mee.", true)}
        <FormField id={fieldId("action")} label={labels.action} error={errors.action?.message}>
          {({ invalidClass, ...aria }) => (
            <select
              {...aria}
              {...form.register("action")}
              className={`utrecht-select utrecht-select--html-select${invalidClass ? " utrecht-select--invalid" : ""}`}
            >
              <option value="">Alle soorten</option>
              {accessActionOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {text(
          "resident",
          "Het nummer van de inwoner in het logboek. Je kunt ook bij een regel op ‘Alleen deze inwoner’ klikken.",
        )}
        <p className="utrecht-paragraph schakel-inline-form">
          <SubmitButton busy={false} busyText="Bezig…">
            Filter toepassen
          </SubmitButton>
          <Link to="/privacy" className="utrecht-link utrecht-link--html-a">
            Alle filters weghalen
          </Link>
        </p>
      </form>
    </details>
  );
}
