import type { ReactNode, Ref } from "react";
import { FormField } from "../../components/form-field";

/** `contactChannels.0.value` becomes the element id `dienst-contactChannels-0-value`. */
export function fieldId(key: string, prefix = "dienst"): string {
  return `${prefix}-${key.replace(/\./g, "-")}`;
}

interface InputProps {
  field: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  description?: ReactNode;
  maxLength?: number;
  /** "numeric" for whole numbers: a text field with the number keyboard (no spinner that changes values by scrolling). */
  kind?: "text" | "numeric" | "tel" | "email" | "url";
  size?: "short" | "medium";
  inputRef?: Ref<HTMLInputElement>;
  /** The start of the element ids: "dienst" unless given. */
  prefix?: string;
}

export function Input({
  field,
  label,
  value,
  onChange,
  error,
  description,
  maxLength,
  kind = "text",
  size,
  inputRef,
  prefix,
}: InputProps) {
  return (
    <FormField id={fieldId(field, prefix)} label={label} description={description} error={error}>
      {({ invalidClass, ...aria }) => (
        <input
          {...aria}
          ref={inputRef}
          name={field}
          type={kind === "numeric" ? "text" : kind}
          inputMode={kind === "numeric" ? "numeric" : undefined}
          autoComplete="off"
          maxLength={maxLength}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          className={`utrecht-textbox utrecht-textbox--html-input${size ? ` schakel-textbox--${size}` : ""}${invalidClass}`}
        />
      )}
    </FormField>
  );
}

export function TextArea({
  field,
  label,
  value,
  onChange,
  error,
  description,
  maxLength,
  rows = 4,
  prefix,
}: Omit<InputProps, "kind" | "size" | "inputRef"> & { rows?: number }) {
  return (
    <FormField id={fieldId(field, prefix)} label={label} description={description} error={error}>
      {({ invalidClass, ...aria }) => (
        <textarea
          {...aria}
          name={field}
          rows={rows}
          maxLength={maxLength}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          className={`utrecht-textarea utrecht-textarea--html-textarea schakel-textarea${invalidClass ? " utrecht-textarea--invalid" : ""}`}
        />
      )}
    </FormField>
  );
}

interface GroupProps<T extends string> {
  field: string;
  legend: string;
  description?: ReactNode;
  options: readonly { value: T; label: string }[];
  error?: string;
  columns?: boolean;
  prefix?: string;
}

/** The id of an option in a group of checkboxes or radio buttons; the first is where an error links to. */
export function optionId(field: string, value: string, prefix?: string): string {
  return `${fieldId(field, prefix)}-${value}`;
}

function GroupFrame({
  field,
  legend,
  description,
  error,
  children,
  prefix,
}: {
  field: string;
  legend: string;
  description?: ReactNode;
  error?: string;
  children: ReactNode;
  prefix?: string;
}) {
  const descriptionId = description ? `${fieldId(field, prefix)}-uitleg` : undefined;
  const errorId = error ? `${fieldId(field, prefix)}-fout` : undefined;
  return (
    <fieldset
      className={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset schakel-fieldset${error ? " utrecht-form-fieldset--invalid schakel-fieldset--invalid" : ""}`}
      aria-describedby={[errorId, descriptionId].filter(Boolean).join(" ") || undefined}
    >
      <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{legend}</legend>
      {description ? (
        <div className="utrecht-form-field-description" id={descriptionId}>
          {description}
        </div>
      ) : null}
      {error ? (
        <div className="utrecht-form-field-error-message" id={errorId}>
          {error}
        </div>
      ) : null}
      {children}
    </fieldset>
  );
}

export function CheckboxGroup<T extends string>({
  field,
  legend,
  description,
  options,
  error,
  columns,
  values,
  onChange,
  prefix,
}: GroupProps<T> & { values: readonly T[]; onChange: (values: T[]) => void }) {
  return (
    <GroupFrame field={field} legend={legend} description={description} error={error} prefix={prefix}>
      <div className={columns ? "schakel-options schakel-options--columns" : "schakel-options"}>
        {options.map((option) => {
          const id = optionId(field, option.value, prefix);
          return (
            <div key={option.value} className="utrecht-form-field utrecht-form-field--checkbox schakel-check">
              <div className="utrecht-form-field__input">
                <input
                  id={id}
                  type="checkbox"
                  name={field}
                  value={option.value}
                  className={`utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom${error ? " utrecht-checkbox--invalid" : ""}`}
                  checked={values.includes(option.value)}
                  onChange={(e) =>
                    onChange(
                      e.target.checked
                        ? options.map((o) => o.value).filter((v) => v === option.value || values.includes(v))
                        : values.filter((v) => v !== option.value),
                    )
                  }
                />
              </div>
              <div className="utrecht-form-field__label">
                <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={id}>
                  {option.label}
                </label>
              </div>
            </div>
          );
        })}
      </div>
    </GroupFrame>
  );
}

export function RadioGroup<T extends string>({
  field,
  legend,
  description,
  options,
  error,
  value,
  onChange,
  prefix,
}: GroupProps<T> & { value: T; onChange: (value: T) => void }) {
  return (
    <GroupFrame field={field} legend={legend} description={description} error={error} prefix={prefix}>
      <div className="schakel-options">
        {options.map((option) => {
          const id = optionId(field, option.value, prefix);
          return (
            <div key={option.value} className="utrecht-form-field utrecht-form-field--radio schakel-check">
              <div className="utrecht-form-field__input">
                <input
                  id={id}
                  type="radio"
                  name={field}
                  value={option.value}
                  className={`utrecht-radio-button utrecht-radio-button--html-input${error ? " utrecht-radio-button--invalid" : ""}`}
                  checked={value === option.value}
                  onChange={() => onChange(option.value)}
                />
              </div>
              <div className="utrecht-form-field__label">
                <label className="utrecht-form-label utrecht-form-label--radio" htmlFor={id}>
                  {option.label}
                </label>
              </div>
            </div>
          );
        })}
      </div>
    </GroupFrame>
  );
}

export function Checkbox({
  field,
  label,
  checked,
  onChange,
  description,
  prefix,
}: {
  field: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  description?: ReactNode;
  prefix?: string;
}) {
  const id = fieldId(field, prefix);
  return (
    <div className="utrecht-form-field utrecht-form-field--checkbox utrecht-form-field--distanced schakel-check">
      <div className="utrecht-form-field__input">
        <input
          id={id}
          type="checkbox"
          name={field}
          className="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
          checked={checked}
          aria-describedby={description ? `${id}-uitleg` : undefined}
          onChange={(e) => onChange(e.target.checked)}
        />
      </div>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={id}>
          {label}
        </label>
      </div>
      {description ? (
        <div className="utrecht-form-field__description utrecht-form-field-description" id={`${id}-uitleg`}>
          {description}
        </div>
      ) : null}
    </div>
  );
}
