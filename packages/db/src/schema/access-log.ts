import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { apiTokens } from "./api-tokens";
import { organizations } from "./organizations";
import { users } from "./users";

/**
 * Who read or changed personal data, when, what and why (in the spirit of NEN 7513).
 * Append-only: a trigger in the migrations refuses UPDATE, DELETE and TRUNCATE.
 */
export const accessLog = pgTable(
  "access_log",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp({ withTimezone: true }).notNull(),
    actorUserId: uuid().references(() => users.id, { onDelete: "restrict" }),
    actorOrganizationId: uuid().references(() => organizations.id, { onDelete: "restrict" }),
    /** Set when an organization's system acted with an API token (then actorUserId is null). */
    actorApiTokenId: uuid().references(() => apiTokens.id, { onDelete: "restrict" }),
    /** e.g. "member.list", "member.invite", "member.deactivate". */
    action: text().notNull(),
    subjectType: text().notNull(),
    subjectId: text(),
    /** The organization whose data was touched, for its admins' view of the log. */
    organizationId: uuid().references(() => organizations.id, { onDelete: "restrict" }),
    reason: text(),
    details: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [
    index("access_log_organization_id_at_idx").on(t.organizationId, t.at),
    index("access_log_subject_type_subject_id_idx").on(t.subjectType, t.subjectId),
    // The admins' filter by person, newest first within the organization.
    index("access_log_organization_id_actor_user_id_at_idx").on(t.organizationId, t.actorUserId, t.at),
    // List entries name their residents in details.residentIds (found with @>).
    index("access_log_details_idx").using("gin", t.details.op("jsonb_path_ops")),
  ],
);
