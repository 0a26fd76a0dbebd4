import type { ReactNode } from "react";
import type { FieldPath, FieldValues, UseFormReturn } from "react-hook-form";
import { SERVER_ERROR_KEY } from "../forms/apply-problem";
import { fieldId } from "../forms/error-summary-items";
import { FormField } from "./form-field";

/**
 * A text input of a react-hook-form form (see useZodForm), in NL Design System markup: its id is
 * fieldId(name), so an error summary links to it, and its error (from the schema or from the
 * server through applyProblem) is shown at the field and linked with aria-describedby.
 */
export function FormTextField<T extends FieldValues>({
  form,
  name,
  label,
  type = "text",
  autoComplete,
  description,
}: {
  form: Pick<UseFormReturn<T, unknown, unknown>, "register" | "getFieldState" | "formState">;
  name: FieldPath<T>;
  label: string;
  type?: "text" | "email" | "password" | "date" | "url";
  autoComplete: string;
  description?: ReactNode;
}) {
  const error = form.getFieldState(name, form.formState).error?.message;
  return (
    <FormField id={fieldId(name)} label={label} description={description} error={error}>
      {({ invalidClass, ...aria }) => (
        <input
          {...aria}
          {...form.register(name)}
          type={type}
          autoComplete={autoComplete}
          spellCheck={type === "text" ? undefined : false}
          className={`utrecht-textbox utrecht-textbox--html-input${type === "password" ? " utrecht-textbox--password" : ""}${invalidClass}`}
        />
      )}
    </FormField>
  );
}

/** The form's own error (a refusal that belongs to no field), announced at once. */
export function formError<T extends FieldValues>(form: Pick<UseFormReturn<T, unknown, unknown>, "formState">): string | null {
  const root = form.formState.errors.root as Record<string, { message?: string }> | undefined;
  return root?.[SERVER_ERROR_KEY]?.message ?? null;
}

/** A select box of a react-hook-form form, like FormTextField. */
export function FormSelectField<T extends FieldValues>({
  form,
  name,
  label,
  options,
  description,
}: {
  form: Pick<UseFormReturn<T, unknown, unknown>, "register" | "getFieldState" | "formState">;
  name: FieldPath<T>;
  label: string;
  options: readonly { value: string; label: string }[];
  description?: ReactNode;
}) {
  const error = form.getFieldState(name, form.formState).error?.message;
  return (
    <FormField id={fieldId(name)} label={label} description={description} error={error}>
      {({ invalidClass, ...aria }) => (
        <select
          {...aria}
          {...form.register(name)}
          className={`utrecht-select utrecht-select--html-select${invalidClass ? " utrecht-select--invalid" : ""}`}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
