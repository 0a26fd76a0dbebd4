import { FormField } from "../../components/form-field";
import { LogFilterPanel, LogFilterText } from "../../components/log-filters";
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
    <LogFilterText
      name={name}
      label={labels[name]}
      description={description}
      error={errors[name]?.message}
      registration={form.register(name)}
      short={short}
    />
  );

  return (
    <LogFilterPanel
      active={Object.values(filters).some((v) => v.trim() !== "")}
      clearTo="/privacy"
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
      {text("resident", "Het nummer van de inwoner in het logboek. Je kunt ook bij een regel op ‘Alleen deze inwoner’ klikken.")}
    </LogFilterPanel>
  );
}
