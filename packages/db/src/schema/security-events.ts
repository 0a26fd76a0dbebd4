import type { SecurityEventKind } from "@schakel/core";
import { bigint, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { users } from "./users";

/**
 * The security log (ADR 0025): refused requests and failed or throttled sign-ins, for the
 * network's admins. Written outside the request's transaction, so a refusal that rolls back is
 * still recorded. Nothing personal beyond the user id: the route template (never the concrete
 * address), no body, no query values, and a hash of the client address instead of the address.
 */
export const securityEvents = pgTable(
  "security_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp({ withTimezone: true }).notNull(),
    kind: text().$type<SecurityEventKind>().notNull(),
    /** Who was signed in, if anyone. */
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    /** Their organization, when they are an active member of exactly one. */
    organizationId: uuid().references(() => organizations.id, { onDelete: "set null" }),
    method: text().notNull(),
    /** The route template, e.g. /api/v1/referrals/:referralId. */
    route: text().notNull(),
    status: integer().notNull(),
    /** The request's X-Request-Id, to find its log lines. */
    requestId: text().notNull(),
    /** SHA-256 (hex) of the client address. */
    addressHash: text().notNull(),
  },
  (t) => [index("security_events_at_id_idx").on(t.at, t.id), index("security_events_kind_at_idx").on(t.kind, t.at)],
);
