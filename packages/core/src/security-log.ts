/**
 * The security log (ADR 0025): refusals and failed or throttled sign-ins, for the network's
 * admins to review. Each event names its kind, the route template and the status, never the
 * concrete address, a body or anything typed in.
 */
export const securityEventKinds = [
  /** A signed-in request refused with 403 or 404: someone reached for data that is not theirs. */
  "refused",
  /** A write with the session cookie from another site (the CSRF check refused it). */
  "csrf",
  /** A sign-in with an e-mail address or password that does not match. */
  "sign-in-failed",
  /** An attempt (sign-in, second factor, password change) refused with 429 because of too many tries. */
  "throttled",
  /** A second-factor code or recovery code that does not match. */
  "second-factor-failed",
  /** A partner-light link (ADR 0029) that is unknown, expired, revoked or stale: possibly a guess. */
  "partner-link-refused",
  /** A request with an API token that is unknown, revoked or expired (ADR 0028). */
  "api-token-refused",
] as const;

export type SecurityEventKind = (typeof securityEventKinds)[number];

/** What each kind means, in plain Dutch (the web app's filter and list). */
export const securityEventKindLabels: Record<SecurityEventKind, string> = {
  refused: "Geweigerd: gegevens die niet van jou zijn",
  csrf: "Geweigerd: verzoek van een andere website",
  "sign-in-failed": "Inloggen mislukt",
  throttled: "Te veel pogingen",
  "second-factor-failed": "Tweede stap mislukt",
  "partner-link-refused": "Geweigerd: maillink van een partner zonder account werkt niet",
  "api-token-refused": "Geweigerd: ongeldig of ingetrokken API-token",
};

/** Security events older than this are deleted by the housekeeping job (docs/privacy.md "Bewaartermijnen"). */
export const SECURITY_LOG_RETENTION_DAYS = 365;
