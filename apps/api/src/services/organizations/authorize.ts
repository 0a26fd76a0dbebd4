import type { Database } from "@schakel/db";
import { requireOrganizationAdmin } from "../members/authorize";

/**
 * The organization's settings (intake address, closing days) are for its active admins: a
 * worker gets 403, someone outside the organization 404.
 */
export function requireSettingsAdmin(db: Database, userId: string, organizationId: string) {
  return requireOrganizationAdmin(
    db,
    userId,
    organizationId,
    "Alleen beheerders van deze organisatie kunnen het intake-adres en de sluitingsdagen instellen.",
  );
}
