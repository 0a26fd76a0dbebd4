import { type Database, users } from "@schakel/db";
import { eq, sql } from "drizzle-orm";

export interface SecondFactorStatus {
  /** A confirmed TOTP factor exists. */
  enabled: boolean;
  /** The user must have one: an active admin or coordinator anywhere, or a worker of an organisation that requires it. */
  required: boolean;
  /** Unused recovery codes left. */
  recoveryCodesLeft: number;
}

/** Whether the user has, and must have, a second factor: one query, run on every request of a full session. */
export async function secondFactorStatus(db: Database, userId: string): Promise<SecondFactorStatus> {
  const [row] = await db
    .select({
      enabled: sql<boolean>`exists (select 1 from totp_factors f where f.user_id = ${userId} and f.confirmed_at is not null)`,
      required: sql<boolean>`exists (
        select 1 from memberships m join organizations o on o.id = m.organization_id
        where m.user_id = ${userId} and m.status = 'active'
          and (m.role in ('admin', 'coordinator') or o.require_worker_second_factor))`,
      recoveryCodesLeft: sql<number>`(select count(*)::int from recovery_codes r where r.user_id = ${userId} and r.used_at is null)`,
    })
    .from(users)
    .where(eq(users.id, userId));
  return {
    enabled: Boolean(row?.enabled),
    required: Boolean(row?.required),
    recoveryCodesLeft: Number(row?.recoveryCodesLeft ?? 0),
  };
}
