/** A session ends after this long without use; each use extends it (OWASP: 15–30 min idle for sensitive data). */
export const SESSION_IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** …and after this long in any case, however often it is used. */
export const SESSION_ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;

/**
 * Sign-in throttling (ADR 0022): per account and address together, the first failures are free,
 * then every further attempt waits twice as long as the one before (1 s, 2 s, 4 s … at most 15
 * minutes); an address alone has a larger budget across all accounts. A counter quiet for the
 * window starts over; a successful sign-in clears its account-and-address counter.
 */
export const LOGIN_THROTTLE = {
  windowMs: 15 * 60 * 1000,
  freeFailuresPerAccountAndAddress: 5,
  freeFailuresPerAddress: 20,
  firstDelayMs: 1000,
  maxDelayMs: 15 * 60 * 1000,
} as const;

/** How long before a session ends the web app warns, with a way to stay signed in (WCAG 2.2.1: at least 20 s). */
export const SESSION_WARNING_MS = 2 * 60 * 1000;
