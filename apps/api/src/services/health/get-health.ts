import { sql } from "drizzle-orm";
import { databaseUnreachable } from "../../lib/problem";
import type { ServiceContext } from "../context";

/** Whether the database answers; 503 with Retry-After (and a log line) when it does not. */
export async function getHealth(ctx: ServiceContext) {
  try {
    await ctx.db.execute(sql`select 1`);
    return { status: "ok" as const, database: "reachable" as const };
  } catch (err) {
    ctx.logger.error("health check: database unreachable", err);
    throw databaseUnreachable("De database is niet bereikbaar.");
  }
}
