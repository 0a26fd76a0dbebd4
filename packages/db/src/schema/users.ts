import { membershipStatuses, roles } from "@schakel/core";
import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./_columns";
import { organizations } from "./organizations";

export const role = pgEnum("role", roles);
export const membershipStatus = pgEnum("membership_status", membershipStatuses);

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Stored normalized (trimmed, lower case). */
    email: text().notNull(),
    name: text().notNull(),
    /** argon2id PHC string; null until the invitation is accepted. */
    passwordHash: text(),
    ...timestamps,
  },
  (t) => [uniqueIndex("users_email_idx").on(t.email)],
);

export const memberships = pgTable(
  "memberships",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    role: role().notNull(),
    status: membershipStatus().notNull().default("invited"),
    invitedByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    /**
     * The name the inviting admin typed, shown for the membership while it is invited — never the
     * name of an account the address may already have (issue 9, item 12).
     */
    invitedName: text(),
    deactivatedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("memberships_organization_id_user_id_idx").on(t.organizationId, t.userId),
    index("memberships_user_id_idx").on(t.userId),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid().primaryKey().defaultRandom(),
    membershipId: uuid()
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    /** SHA-256 (hex) of the one-time token; the token itself is only in the e-mail. */
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_idx").on(t.tokenHash),
    index("invitations_membership_id_idx").on(t.membershipId).where(sql`${t.usedAt} is null`),
  ],
);
