/** A session ends after this long without use; each use extends it (OWASP: 15–30 min idle for sensitive data). */
export const SESSION_IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** …and after this long in any case, however often it is used. */
export const SESSION_ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;

/** Sign-in throttling: failed attempts allowed per window, per account and per client address. */
export const LOGIN_THROTTLE = {
  windowMs: 15 * 60 * 1000,
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 20,
} as const;

/** How long before a session ends the web app warns, with a way to stay signed in (WCAG 2.2.1: at least 20 s). */
export const SESSION_WARNING_MS = 2 * 60 * 1000;
