import { useEffect, useRef } from "react";
import type { FieldValues, FormState } from "react-hook-form";
import { ErrorSummary } from "../components/error-summary";
import { errorSummaryItems } from "./error-summary-items";

/**
 * The error summary of a react-hook-form form. After each submit that fails (in the browser or
 * at the server) focus moves to it, so the list of what to fix is read out first.
 */
export function FormErrorSummary<T extends FieldValues>({
  formState,
  labels,
}: {
  formState: Pick<FormState<T>, "errors" | "submitCount" | "isSubmitting">;
  /** The fields' labels by path, to name them in the list. */
  labels?: Readonly<Record<string, string>>;
}) {
  const ref = useRef<HTMLElement>(null);
  const items = errorSummaryItems(formState.errors, labels);
  const hasItems = items.length > 0;
  const { submitCount, isSubmitting } = formState;
  useEffect(() => {
    if (!isSubmitting && submitCount > 0 && hasItems) ref.current?.focus();
  }, [submitCount, isSubmitting, hasItems]);
  return <ErrorSummary items={items} ref={ref} />;
}
