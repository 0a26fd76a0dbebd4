import type { ChangeEvent, ReactNode, Ref } from "react";

interface FieldProps {
  id: string;
  label: string;
  /** Shown under the label; read out with the field. */
  description?: ReactNode;
  error?: string;
  children: (input: { id: string; "aria-describedby"?: string; "aria-invalid"?: true; invalidClass: string }) => ReactNode;
}

/** A labelled form field in NL Design System markup; the error is linked with aria-describedby. */
export function FormField({ id, label, description, error, children }: FieldProps) {
  const descriptionId = description ? `${id}-uitleg` : undefined;
  const errorId = error ? `${id}-fout` : undefined;
  const describedBy = [errorId, descriptionId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`utrecht-form-field utrecht-form-field--distanced${error ? " utrecht-form-field--invalid" : ""}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={id}>
          {label}
        </label>
      </div>
      {description ? (
        <div className="utrecht-form-field__description utrecht-form-field-description" id={descriptionId}>
          {description}
        </div>
      ) : null}
      {error ? (
        <div className="utrecht-form-field__error-message utrecht-form-field-error-message" id={errorId}>
          {error}
        </div>
      ) : null}
      <div className="utrecht-form-field__input">
        {children({
          id,
          "aria-describedby": describedBy,
          "aria-invalid": error ? true : undefined,
          invalidClass: error ? " utrecht-textbox--invalid" : "",
        })}
      </div>
    </div>
  );
}

interface TextFieldProps {
  id: string;
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: "text" | "email" | "password";
  autoComplete: string;
  description?: ReactNode;
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
}

export function TextField({
  id,
  name,
  label,
  value,
  onChange,
  type = "text",
  autoComplete,
  description,
  error,
  inputRef,
}: TextFieldProps) {
  return (
    <FormField id={id} label={label} description={description} error={error}>
      {({ invalidClass, ...aria }) => (
        <input
          {...aria}
          ref={inputRef}
          name={name}
          type={type}
          value={value}
          autoComplete={autoComplete}
          spellCheck={type === "text" ? undefined : false}
          onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
          className={`utrecht-textbox utrecht-textbox--html-input${type === "password" ? " utrecht-textbox--password" : ""}${invalidClass}`}
        />
      )}
    </FormField>
  );
}

interface SelectFieldProps<T extends string> {
  id: string;
  name: string;
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  description?: ReactNode;
  error?: string;
}

export function SelectField<T extends string>({
  id,
  name,
  label,
  value,
  options,
  onChange,
  description,
  error,
}: SelectFieldProps<T>) {
  return (
    <FormField id={id} label={label} description={description} error={error}>
      {({ invalidClass, ...aria }) => (
        <select
          {...aria}
          name={name}
          value={value}
          onChange={(e) => {
            const chosen = options.find((o) => o.value === e.target.value);
            if (chosen) onChange(chosen.value);
          }}
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
