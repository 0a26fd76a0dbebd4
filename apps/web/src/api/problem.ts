import type { Problem } from "@schakel/api-client";

export type { Problem };

/** The problem type the web app gives a request that never got an answer (network down, server gone). */
export const UNREACHABLE_TYPE = "urn:schakel:web:unreachable";
/** The problem type for an answer that was not the API's problem+json (a proxy's error page, say). */
export const UNEXPECTED_TYPE = "urn:schakel:web:unexpected";

export function unreachableProblem(): Problem {
  return {
    type: UNREACHABLE_TYPE,
    title: "Geen verbinding",
    status: 503,
    detail: "Schakel is nu niet bereikbaar. Controleer je internetverbinding en probeer het opnieuw.",
  };
}

export function unexpectedProblem(status: number): Problem {
  return {
    type: UNEXPECTED_TYPE,
    title: "Er ging iets mis",
    status,
    detail: "Er ging iets mis bij Schakel. Probeer het over een paar minuten opnieuw.",
  };
}

export function isProblem(value: unknown): value is Problem {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.detail === "string" && typeof v.status === "number" && typeof v.type === "string";
}

/** Whatever a query or mutation threw, as a problem to show (the client middleware already makes most of them one). */
export function toProblem(error: unknown): Problem {
  return isProblem(error) ? error : unexpectedProblem(0);
}

/** Whether a problem is of the given kind (the last part of its type URI). */
export function isProblemType(problem: Problem, slug: string): boolean {
  return problem.type.endsWith(`/${slug}`);
}

/** Worth trying again by itself: no answer, or a server-side failure; never a refusal (4xx). */
/**
 * Whether a read of one thing by the id in the page's address found nothing: 404, or 400 when the
 * id is not even well-formed — for the reader both mean "this does not exist".
 */
export const isNotFound = (problem: Problem): boolean => problem.status === 404 || problem.status === 400;

export function isTransient(problem: Problem): boolean {
  return problem.type === UNREACHABLE_TYPE || problem.status >= 500;
}

/**
 * The messages for fields, from a problem's invalidParams: `body.email` becomes `email`,
 * `body.contact.0.value` becomes `contact.0.value`. Only the first message per field is kept.
 */
export function fieldErrors(problem: Problem): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const param of problem.invalidParams ?? []) {
    errors[paramField(param.name)] ??= param.reason;
  }
  return errors;
}

/** The form field an invalidParams name points at: without its location prefix. */
export function paramField(name: string): string {
  return name.replace(/^(body|query|path|header)\./, "");
}
