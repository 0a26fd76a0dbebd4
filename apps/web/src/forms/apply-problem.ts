import type { FieldPath, FieldValues, UseFormReturn } from "react-hook-form";
import { type Problem, paramField } from "../api/problem";

/** The key under `formState.errors.root` where a refusal that belongs to no field is kept. */
export const SERVER_ERROR_KEY = "server";

/**
 * Puts a refused request on the form: each of the problem's invalidParams on its field
 * (`body.contact.0.value` on `contact.0.value`, or where `fieldFor` maps it), everything that
 * belongs to no field of this form — and a problem without invalidParams — as the form's own
 * error. What was typed stays as it was.
 */
export function applyProblem<T extends FieldValues>(
  problem: Problem,
  form: Pick<UseFormReturn<T, unknown, unknown>, "setError" | "getValues">,
  fieldFor: (name: string) => string | null = (name) => name,
): void {
  const unplaced: string[] = [];
  for (const param of problem.invalidParams ?? []) {
    const field = fieldFor(paramField(param.name));
    if (field !== null && form.getValues(field as FieldPath<T>) !== undefined) {
      form.setError(field as FieldPath<T>, { type: "server", message: param.reason });
    } else {
      unplaced.push(param.reason);
    }
  }
  if (unplaced.length > 0 || !problem.invalidParams?.length) {
    const message = unplaced.length > 0 ? unplaced.join(" ") : problem.detail;
    form.setError(`root.${SERVER_ERROR_KEY}`, { type: String(problem.status), message });
  }
}
