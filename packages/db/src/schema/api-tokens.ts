import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { users } from "./users";

/**
 * A token an organization's own system uses to call the API (issue 10, ADR 0028). Only the SHA-256
 * of the token is kept; `prefix` is its first characters, to tell tokens apart on the admin page.
 * Never deleted, only revoked: the access log and the timeline refer to it.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    /** What the admin calls it ("Plangroep zaaksysteem"): the timeline shows "via koppeling <name>". */
    name: text().notNull(),
    /** packages/core apiTokenScopes. */
    scopes: text().array().notNull(),
    tokenHash: text().notNull().unique(),
    prefix: text().notNull(),
    createdByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    lastUsedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("api_tokens_organization_id_idx").on(t.organizationId, t.createdAt)],
);
