import { readFileSync } from "node:fs";
import { accessLog, classificationOf, columnName, personalData, residents, schemaTables, tableName } from "@schakel/db";
import { getTableColumns } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { describe, expect, test } from "vitest";
import { linkOf } from "./services/privacy/tables";

const DOC = "docs/privacy.md";
const doc = readFileSync(new URL(`../../../${DOC}`, import.meta.url), "utf8");

/** Every column of every table in the drizzle schema, as table.column in SQL, with its classification. */
function allColumns() {
  return schemaTables().flatMap((table) => {
    const classes = classificationOf(table);
    return Object.entries(getTableColumns(table)).map(([key, column]) => ({
      table,
      name: `${tableName(table)}.${columnName(column as AnyPgColumn)}`,
      class: classes?.[key],
    }));
  });
}

const mentioned = (name: string) => new RegExp(`(?<![\\w.])${name.replace(".", "\\.")}(?![\\w])`).test(doc);

describe("docs/privacy.md and packages/db/src/personal-data.ts stay true to the schema", () => {
  test("every column of every table is classified as personal data or not", () => {
    const unclassified = allColumns()
      .filter((c) => !c.class)
      .map((c) => c.name);
    expect(unclassified, "classify these columns in packages/db/src/personal-data.ts").toEqual([]);
  });

  test("the classification names only tables and columns that exist", () => {
    const tables = new Set(schemaTables());
    const stale = personalData.flatMap(({ table, columns }) => {
      if (!tables.has(table)) return [tableName(table)];
      const keys = new Set(Object.keys(getTableColumns(table)));
      return Object.keys(columns)
        .filter((k) => !keys.has(k))
        .map((k) => `${tableName(table)}.${k}`);
    });
    expect(stale).toEqual([]);
    expect(new Set(personalData.map((p) => p.table)).size, "a table is classified twice").toBe(personalData.length);
  });

  test(`every personal-data column is described in ${DOC} as table.column`, () => {
    const missing = allColumns()
      .filter((c) => c.class && c.class.kind !== "none" && c.class.kind !== "reference")
      .map((c) => c.name)
      .filter((name) => !mentioned(name));
    expect(missing, `describe these columns in ${DOC}`).toEqual([]);
  });

  test(`every table is named in ${DOC}`, () => {
    const missing = schemaTables()
      .map(tableName)
      .filter((name) => !new RegExp(`\`${name}\``).test(doc));
    expect(missing).toEqual([]);
  });

  test(`${DOC} describes no table.column that does not exist`, () => {
    const known = new Set(allColumns().map((c) => c.name));
    const tables = new Set(schemaTables().map(tableName));
    const named = [...doc.matchAll(/`([a-z_]+)\.([a-z_]+)`/g)]
      .filter(([, table]) => tables.has(table ?? ""))
      .map(([, table, column]) => `${table}.${column}`);
    expect(named.filter((n) => !known.has(n))).toEqual([]);
  });

  test("erasure can reach every resident column: its table is residents or links by resident_id or referral_id", () => {
    const unreachable = personalData
      .filter(({ columns }) => Object.values(columns).some((c) => c.kind === "resident"))
      .filter(({ table }) => table !== residents && !linkOf(table))
      .map(({ table }) => tableName(table));
    expect(unreachable).toEqual([]);
    const accessLogClasses = classificationOf(accessLog) ?? {};
    expect(
      Object.values(accessLogClasses).some((c) => c.kind === "resident"),
      "the access log is append-only: it may hold no data that erasure would have to clear",
    ).toBe(false);
  });
});
