import { columnName, tableName, users } from "@schakel/db";
import { getTableColumns } from "drizzle-orm";
import { toCamelCase } from "drizzle-orm/casing";
import { type AnyPgColumn, getTableConfig, type PgTable } from "drizzle-orm/pg-core";

/** How a table's rows belong to a resident: by its resident_id, or by its referral_id (one of their referrals). */
export function linkOf(table: PgTable): { by: "resident" | "referral"; column: AnyPgColumn } | null {
  const columns = Object.values(getTableColumns(table)) as AnyPgColumn[];
  const named = (name: string) => columns.find((c) => columnName(c) === name);
  const resident = named("resident_id");
  if (resident) return { by: "resident", column: resident };
  const referral = named("referral_id");
  if (referral) return { by: "referral", column: referral };
  return null;
}

/** A table's name as a JSON key: referral_events → referralEvents. */
export const jsonKey = (table: PgTable) => toCamelCase(tableName(table));

/** The TypeScript keys of columns that point at a user (a staff member). */
export function staffColumnKeys(table: PgTable): Set<string> {
  const pointing = new Set<AnyPgColumn>();
  for (const fk of getTableConfig(table).foreignKeys) {
    const reference = fk.reference();
    if (reference.foreignTable === users) for (const c of reference.columns) pointing.add(c);
  }
  return new Set(
    Object.entries(getTableColumns(table))
      .filter(([, column]) => pointing.has(column as AnyPgColumn))
      .map(([key]) => key),
  );
}

/** A database row as JSON: timestamps in RFC 3339 UTC, everything else as stored. */
export function jsonValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(jsonValue);
  return value;
}
