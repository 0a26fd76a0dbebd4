import { WebhookSubscriptionCreateSchema, webhookEventTypeLabels, webhookEventTypes } from "@schakel/core";
import { Controller } from "react-hook-form";
import type { z } from "zod";
import { toProblem } from "../../api/problem";
import { Alert } from "../../components/alert";
import { FormTextField, formError } from "../../components/form-text-field";
import { SubmitButton } from "../../components/submit-button";
import { applyProblem } from "../../forms/apply-problem";
import { fieldId } from "../../forms/error-summary-items";
import { FormErrorSummary } from "../../forms/form-error-summary";
import { useZodForm } from "../../forms/use-zod-form";

/** Core's rule for a new webhook, without the organisation (the page knows it). */
const formSchema = WebhookSubscriptionCreateSchema.omit({ organizationId: true });
export type WebhookFormValues = z.output<typeof formSchema>;
export const emptyWebhookForm: WebhookFormValues = { description: "", url: "", eventTypes: [] };
const labels = { description: "Naam", url: "Webadres van jullie systeem", eventTypes: "Waarover wil je bericht?" };

/**
 * The name, the address and the event types (checkboxes with their Dutch labels) of a webhook, for
 * making one and for changing one. A refusal from the API lands at its field; `onSubmit` says
 * whether the form empties ("reset") or keeps what was sent ("keep").
 */
export function WebhookForm({
  labelledBy,
  defaultValues,
  busy,
  submitLabel,
  busyText,
  onSubmit,
}: {
  labelledBy: string;
  defaultValues: WebhookFormValues;
  busy: boolean;
  submitLabel: string;
  busyText: string;
  onSubmit: (values: WebhookFormValues) => Promise<"reset" | "keep">;
}) {
  const form = useZodForm(formSchema, { defaultValues });
  const refused = formError(form);

  const submit = form.handleSubmit(async (values) => {
    try {
      const after = await onSubmit(values);
      form.reset(after === "reset" ? emptyWebhookForm : values);
    } catch (error) {
      applyProblem(toProblem(error), form);
    }
  });

  return (
    <form className="schakel-form" noValidate onSubmit={submit} aria-labelledby={labelledBy}>
      <FormErrorSummary formState={form.formState} labels={labels} />
      {refused ? (
        <Alert type="error">
          <p className="utrecht-paragraph">{refused}</p>
        </Alert>
      ) : null}
      <FormTextField
        form={form}
        name="description"
        label={labels.description}
        autoComplete="off"
        description="Een korte naam, bijvoorbeeld: Zaaksysteem Plangroep."
      />
      <FormTextField
        form={form}
        name="url"
        label={labels.url}
        type="url"
        autoComplete="off"
        description="Begint met https://. Schakel stuurt er meteen een ondertekend testbericht heen; pas als dat aankomt, is de webhook actief."
      />
      <Controller
        control={form.control}
        name="eventTypes"
        render={({ field, fieldState }) => (
          <fieldset
            className={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset schakel-fieldset${fieldState.error ? " utrecht-form-fieldset--invalid schakel-fieldset--invalid" : ""}`}
            aria-describedby={fieldState.error ? "webhook-soorten-fout" : undefined}
          >
            <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
              {labels.eventTypes}
            </legend>
            {fieldState.error ? (
              <div className="utrecht-form-field-error-message" id="webhook-soorten-fout">
                {fieldState.error.message}
              </div>
            ) : null}
            <div className="schakel-options">
              {webhookEventTypes.map((type, index) => {
                const id = index === 0 ? fieldId("eventTypes") : `${fieldId("eventTypes")}-${index}`;
                const values = field.value ?? [];
                return (
                  <div key={type} className="utrecht-form-field utrecht-form-field--checkbox schakel-check">
                    <div className="utrecht-form-field__input">
                      <input
                        id={id}
                        type="checkbox"
                        className="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
                        checked={values.includes(type)}
                        onBlur={field.onBlur}
                        onChange={(event) =>
                          field.onChange(
                            event.target.checked ? [...values, type] : values.filter((chosen: string) => chosen !== type),
                          )
                        }
                      />
                    </div>
                    <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
                      <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={id}>
                        {webhookEventTypeLabels[type]}
                      </label>
                    </div>
                  </div>
                );
              })}
            </div>
          </fieldset>
        )}
      />
      <div className="utrecht-button-group schakel-actions">
        <SubmitButton busy={busy} busyText={busyText}>
          {submitLabel}
        </SubmitButton>
      </div>
    </form>
  );
}
