import { createApiClient, type Problem, type Schemas } from "@schakel/api-client";

export type { Problem };
export type Me = Schemas["Me"];
export type Membership = Schemas["MembershipSummary"];
export type Member = Schemas["Member"];
export type Role = Member["role"];
export type Service = Schemas["Service"];
export type ServiceCreate = Schemas["ServiceCreate"];
export type ServiceUpdate = Schemas["ServiceUpdate"];
export type ServiceSearch = Schemas["ServiceSearch"];
export type ServiceSearchResult = Schemas["ServiceSearchResult"];
export type TextSegment = Schemas["TextSegment"];
export type ContactChannel = Schemas["ContactChannel"];
export type ContactChannelKind = ContactChannel["kind"];
export type PostcodeRange = Schemas["PostcodeRange"];

/** The one client the web app uses: same origin, so the session cookie goes along. */
export const api = createApiClient();

const unauthorizedListeners = new Set<() => void>();

// A 401 on any call but the sign-in itself means the session has ended (expired, signed out
// elsewhere, or deactivated): tell the session so the app can send the user to /inloggen.
api.use({
  onResponse({ request, response }) {
    if (response.status !== 401 || new URL(request.url).pathname.endsWith("/auth/login")) return;
    for (const listener of unauthorizedListeners) listener();
  },
});

export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export type Result<T> = { ok: true; data: T; status: number } | { ok: false; problem: Problem };

type Answer = { data?: unknown; error?: unknown; response: Response };
/** The body of a successful answer (never for 204, which has none). */
type Data<A extends Answer> = Exclude<A["data"], undefined>;

/** Awaits an API call and turns every failure, the network included, into a Problem to show. */
export async function run<A extends Answer>(call: Promise<A>): Promise<Result<Data<A>>> {
  try {
    const result = await call;
    if (result.response.ok) return { ok: true, data: result.data as Data<A>, status: result.response.status };
    return { ok: false, problem: toProblem(result.error, result.response.status) };
  } catch {
    return { ok: false, problem: unreachable() };
  }
}

function unreachable(): Problem {
  return {
    type: "about:blank",
    title: "Geen verbinding",
    status: 0,
    detail: "Schakel is nu niet bereikbaar. Controleer je internetverbinding en probeer het opnieuw.",
  };
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.detail === "string" && typeof v.status === "number";
}

function toProblem(error: unknown, status: number): Problem {
  if (isProblem(error)) return error;
  return {
    type: "about:blank",
    title: "Er ging iets mis",
    status,
    detail: "Er ging iets mis bij Schakel. Probeer het over een paar minuten opnieuw.",
  };
}

/**
 * The messages for fields, from a problem's invalidParams: `body.email` becomes `email`.
 * Only the first message per field is kept.
 */
export function fieldErrors(problem: Problem): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const param of problem.invalidParams ?? []) {
    const field = param.name.replace(/^(body|query|path)\./, "");
    errors[field] ??= param.reason;
  }
  return errors;
}

/** Whether a problem is of the given kind (the last part of its type URI). */
export function isProblemType(problem: Problem, slug: string): boolean {
  return problem.type.endsWith(`/${slug}`);
}
