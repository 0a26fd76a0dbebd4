/** How long an Idempotency-Key counts: a retry within it gets the first answer; after it the key is new again. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/** Keys made at or before this instant have expired. */
export const idempotencyKeyCutoff = (now: Date) => new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS);
