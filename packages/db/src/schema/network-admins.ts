import { pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * The network's admins (the gemeente's regie, ADR 0019): a capability of a person across the
 * network, not a role in one organization. They add organizations to the network and invite each
 * one's first admin. Granted by `pnpm setup-network` (or by another network admin); revoked by
 * deleting the row.
 */
export const networkAdmins = pgTable("network_admins", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  grantedByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
