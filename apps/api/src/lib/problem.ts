import { z } from "@hono/zod-openapi";
import type { SecurityEventKind } from "@schakel/core";
import type { Context, ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import { classifyDatabaseError } from "./database-errors";

const PROBLEM_BASE = "https://schakel.example/problems/";

export const InvalidParamSchema = z
  .object({
    name: z.string().openapi({ description: "Where the problem is: body.email, query.limit", example: "body.email" }),
    code: z.string().openapi({ description: "Machine-readable issue code", example: "invalid_format" }),
    reason: z.string().openapi({ description: "What is wrong, in Dutch", example: "Vul een geldig e-mailadres in." }),
  })
  .openapi("InvalidParam");

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ description: "URI naming the kind of problem", example: `${PROBLEM_BASE}not-found` }),
    title: z.string().openapi({ description: "Short summary of the kind of problem", example: "Niet gevonden" }),
    status: z.number().int().openapi({ description: "HTTP status code", example: 404 }),
    detail: z.string().openapi({ description: "What went wrong this time, in Dutch", example: "Deze organisatie bestaat niet." }),
    instance: z.string().optional().openapi({ description: "The request path", example: "/api/v1/organizations/x" }),
    invalidParams: z.array(InvalidParamSchema).optional().openapi({ description: "Every field that failed validation (400)" }),
    related: z.string().optional().openapi({
      description: "A related resource, e.g. the open referral a duplicate points to (409)",
      example: "/api/v1/referrals/5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b",
    }),
  })
  .openapi("Problem");

export type Problem = z.infer<typeof ProblemSchema>;
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 428 | 429 | 431 | 500 | 503;

const STATUS_TEXT: Record<ErrorStatus, string> = {
  400: "Bad Request: the request does not match the schema",
  401: "Unauthorized: not signed in",
  403: "Forbidden: signed in but not allowed",
  404: "Not Found (or not yours)",
  409: "Conflict with the current state",
  412: "Precondition Failed",
  413: "Content Too Large: the body is over 1 MB",
  415: "Unsupported Media Type",
  422: "Unprocessable: breaks a business rule",
  428: "Precondition Required: send If-Match",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large: the URL or headers are over 16 KiB",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** OpenAPI responses for the given error statuses, all problem+json. */
export function problemResponses<S extends ErrorStatus>(...codes: S[]) {
  return Object.fromEntries(
    codes.map((s) => [s, { description: STATUS_TEXT[s], content: { "application/problem+json": { schema: ProblemSchema } } }]),
  ) as Record<S, { description: string; content: { "application/problem+json": { schema: typeof ProblemSchema } } }>;
}

/**
 * Every kind of problem the API answers with, in one place: the slug (the last part of `type`),
 * its status and its title. A new kind of problem is added here, never spelled out where it is thrown.
 */
export const problemTypes = {
  "invalid-request": { status: 400, title: "Ongeldig verzoek" },
  unauthorized: { status: 401, title: "Niet ingelogd" },
  "invalid-credentials": { status: 401, title: "Inloggen mislukt" },
  "invalid-second-factor": { status: 401, title: "Code klopt niet" },
  "invalid-token": { status: 401, title: "API-token ongeldig" },
  forbidden: { status: 403, title: "Geen toegang" },
  "second-factor-required": { status: 403, title: "Tweede stap nodig" },
  "wrong-side": { status: 403, title: "Niet jouw stap" },
  "token-not-allowed": { status: 403, title: "Niet met een API-token" },
  "insufficient-scope": { status: 403, title: "Scope ontbreekt" },
  "not-found": { status: 404, title: "Niet gevonden" },
  "partner-link-unknown": { status: 404, title: "Link werkt niet" },
  "partner-link-expired": { status: 403, title: "Link werkt niet meer" },
  "partner-link-revoked": { status: 403, title: "Link werkt niet meer" },
  "partner-link-with-account": { status: 403, title: "Link werkt niet meer" },
  "partner-link-moved-on": { status: 409, title: "Link werkt niet meer" },
  "partner-link-used": { status: 409, title: "Link werkt niet meer" },
  "partner-link-closed": { status: 409, title: "Link werkt niet meer" },
  "driegesprek-not-found": { status: 404, title: "Geen driegesprek" },
  conflict: { status: 409, title: "Conflict" },
  "closing-day-exists": { status: 409, title: "Al toegevoegd" },
  "duplicate-referral": { status: 409, title: "Al verwezen" },
  "organization-exists": { status: 409, title: "Bestaat al" },
  "stale-version": { status: 412, title: "Intussen gewijzigd" },
  "body-too-large": { status: 413, title: "Te groot" },
  "unsupported-media-type": { status: 415, title: "Verkeerd formaat" },
  "assignee-not-member": { status: 422, title: "Niet toegestaan" },
  "callback-refused": { status: 422, title: "Niet toegestaan" },
  "category-not-allowed": { status: 422, title: "Niet toegestaan" },
  "closing-day-past": { status: 422, title: "Niet toegestaan" },
  "consent-end-past": { status: 422, title: "Niet toegestaan" },
  "consent-end-too-far": { status: 422, title: "Niet toegestaan" },
  "consent-expired": { status: 409, title: "Toestemming verlopen" },
  "contact-attempt-required": { status: 422, title: "Niet toegestaan" },
  "existing-account": { status: 422, title: "Niet toegestaan" },
  "wrong-password": { status: 422, title: "Niet toegestaan" },
  "wrong-code": { status: 422, title: "Niet toegestaan" },
  "reset-link-invalid": { status: 422, title: "Niet toegestaan" },
  "idempotency-key-reused": { status: 422, title: "Niet toegestaan" },
  "invalid-age-range": { status: 422, title: "Niet toegestaan" },
  "invalid-debt-range": { status: 422, title: "Niet toegestaan" },
  "invalid-reference": { status: 422, title: "Niet toegestaan" },
  "invitation-expired": { status: 422, title: "Niet toegestaan" },
  "no-area": { status: 422, title: "Niet toegestaan" },
  "no-contact-route": { status: 422, title: "Niet toegestaan" },
  "no-intake-address": { status: 422, title: "Niet toegestaan" },
  "not-partner-light": { status: 422, title: "Niet toegestaan" },
  "no-valid-consent": { status: 422, title: "Niet toegestaan" },
  "previous-referral-invalid": { status: 422, title: "Niet toegestaan" },
  "resident-anonymized": { status: 422, title: "Niet toegestaan" },
  "service-not-accepting": { status: 422, title: "Niet toegestaan" },
  "unknown-municipality": { status: 422, title: "Niet toegestaan" },
  "unknown-organization": { status: 422, title: "Niet toegestaan" },
  "wgs-not-applicable": { status: 422, title: "Niet toegestaan" },
  "if-match-required": { status: 428, title: "Versie ontbreekt" },
  "too-many-requests": { status: 429, title: "Te veel pogingen" },
  "header-too-large": { status: 431, title: "Te lang" },
  "internal-error": { status: 500, title: "Interne fout" },
  "database-unreachable": { status: 503, title: "Niet beschikbaar" },
} as const satisfies Record<string, { status: ErrorStatus; title: string }>;

export type ProblemSlug = keyof typeof problemTypes;
/** The slugs of the business rules (422) a request can break. */
export type BusinessRuleSlug = { [S in ProblemSlug]: (typeof problemTypes)[S]["status"] extends 422 ? S : never }[ProblemSlug];

/** The full `type` URI of a problem. */
export const problemType = (slug: ProblemSlug) => `${PROBLEM_BASE}${slug}`;

type ProblemExtra = {
  invalidParams?: Problem["invalidParams"];
  headers?: Record<string, string>;
  related?: string;
  /** The security log's kind for this refusal, where the slug alone does not tell it (the CSRF check). */
  securityEvent?: SecurityEventKind;
};

/** A problem a service or middleware throws; `app.onError` renders it. Status and title come from `problemTypes`. */
export class HttpProblem extends Error {
  readonly status: ErrorStatus;
  readonly title: string;

  constructor(
    readonly slug: ProblemSlug,
    readonly detail: string,
    readonly extra: ProblemExtra = {},
  ) {
    super(detail);
    this.status = problemTypes[slug].status;
    this.title = problemTypes[slug].title;
  }
}

export const badRequest = (detail: string, invalidParams?: Problem["invalidParams"]) =>
  new HttpProblem("invalid-request", detail, { invalidParams });
export const unauthorized = (detail = "Log eerst in.") => new HttpProblem("unauthorized", detail);
export const forbidden = (detail: string) => new HttpProblem("forbidden", detail);
export const notFound = (detail: string) => new HttpProblem("not-found", detail);
export const conflict = (detail: string) => new HttpProblem("conflict", detail);
/** A business rule is broken; `field` names the field it is about, so forms can show it there. */
export const unprocessable = (slug: BusinessRuleSlug, detail: string, field?: string) =>
  new HttpProblem(slug, detail, field ? { invalidParams: [{ name: field, code: slug, reason: detail }] } : {});
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new HttpProblem("too-many-requests", detail, { headers: { "Retry-After": String(retryAfterSeconds) } });

/** How long a client waits before it tries again while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export const databaseUnreachable = (
  detail = "Schakel kan de gegevens nu niet bereiken. Probeer het over een paar seconden opnieuw.",
) => new HttpProblem("database-unreachable", detail, { headers: { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) } });

/**
 * The safety net for what the database still refuses or cannot do: the input schemas and the
 * services should catch bad values and references first, so each of these is also logged.
 * The details are generic — never the value, the constraint or the query.
 */
export function databaseProblem(err: unknown): HttpProblem | null {
  const failure = classifyDatabaseError(err);
  switch (failure?.kind) {
    case "unavailable":
      return databaseUnreachable();
    case "invalid-value":
      return badRequest(
        "Een waarde in de aanvraag kan Schakel niet opslaan (te lang, te groot of ongeldig). Controleer de gegevens.",
      );
    case "foreign-key":
      return new HttpProblem(
        "invalid-reference",
        "Dit verwijst naar gegevens die niet (meer) bestaan, of andere gegevens hangen hier nog aan.",
      );
    case "unique":
      return conflict("Dit bestaat al.");
    default:
      return null;
  }
}

export function problemBody(c: Context, p: HttpProblem): Problem {
  return {
    type: problemType(p.slug),
    title: p.title,
    status: p.status,
    detail: p.detail,
    instance: c.req.path,
    ...(p.extra.invalidParams ? { invalidParams: p.extra.invalidParams } : {}),
    ...(p.extra.related ? { related: p.extra.related } : {}),
  };
}

export function renderProblem(c: Context, p: HttpProblem): Response {
  return c.body(JSON.stringify(problemBody(c, p)), p.status as ContentfulStatusCode, {
    "Content-Type": "application/problem+json",
    ...p.extra.headers,
  });
}

/** Every zod issue as one entry, named by where it sits in the request. */
export function validationProblem(error: ZodError, target: string): HttpProblem {
  const invalidParams = error.issues.map((issue) => ({
    name: [target === "json" ? "body" : target, ...issue.path.map(String)].join("."),
    code: issue.code,
    reason: issue.message,
  }));
  return badRequest("De aanvraag bevat fouten; zie invalidParams.", invalidParams);
}

/**
 * Renders HttpProblems; a database that is unreachable or refuses the request becomes its
 * problem (503, 400, 422, 409, logged); anything else is logged and becomes a generic 500
 * (never the message).
 */
export function createErrorHandler(log: (msg: string, err: unknown, c: Context) => void): ErrorHandler {
  return (err, c) => {
    if (err instanceof HttpProblem) return renderProblem(c, err);
    // Hono's own HTTPExceptions (e.g. a malformed JSON body) carry a safe status.
    if (err instanceof HTTPException && err.status === 400) {
      return renderProblem(c, badRequest("De aanvraag kon niet gelezen worden (ongeldige JSON?)."));
    }
    const fromDatabase = databaseProblem(err);
    if (fromDatabase) {
      log(fromDatabase.status === 503 ? "database unavailable" : "database refused the request", err, c);
      return renderProblem(c, fromDatabase);
    }
    log("unhandled error", err, c);
    // The request id (also the X-Request-Id header) lets an operator find the log line.
    const id = c.res.headers.get("X-Request-Id");
    const reference = id ? ` Meldnummer: ${id}.` : "";
    return renderProblem(
      c,
      new HttpProblem("internal-error", `Er ging iets mis aan onze kant. Probeer het later opnieuw.${reference}`),
    );
  };
}
