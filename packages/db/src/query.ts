import type { SQL } from "drizzle-orm";
import type { Database } from "./client";

/** Rows of a raw SQL query, the same on both drivers (postgres.js returns an array, PGlite `{ rows }`). */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return (result as { rows: T[] }).rows;
}
