import type { FieldErrors, FieldValues } from "react-hook-form";
import type { SummaryItem } from "../components/error-summary";
import { SERVER_ERROR_KEY } from "./apply-problem";

/** The id of a form field's input, from its path: `contact.0.value` → `veld-contact-0-value`. */
export function fieldId(name: string): string {
  return `veld-${name.replaceAll(".", "-")}`;
}

/**
 * The error summary's items, in the order the form lists its fields: every field error (nested
 * ones included) linking to its input, then the form's own error from the server.
 */
export function errorSummaryItems<T extends FieldValues>(
  errors: FieldErrors<T>,
  labels: Readonly<Record<string, string>> = {},
): SummaryItem[] {
  const items: SummaryItem[] = [];
  const visit = (node: unknown, path: string) => {
    if (typeof node !== "object" || node === null) return;
    const entry = node as { message?: unknown; ref?: unknown; type?: unknown };
    if (typeof entry.message === "string" && typeof entry.type !== "undefined") {
      items.push({ message: entry.message, target: fieldId(path), label: labels[path] });
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === "ref" || key === "root") continue;
      visit(child, path ? `${path}.${key}` : key);
    }
  };
  for (const [key, value] of Object.entries(errors)) {
    if (key !== "root") visit(value, key);
  }
  const server = (errors.root as Record<string, { message?: string }> | undefined)?.[SERVER_ERROR_KEY];
  if (server?.message) items.push({ message: server.message });
  return items;
}
