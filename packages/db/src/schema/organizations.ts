import { organizationKinds } from "@schakel/core";
import { sql } from "drizzle-orm";
import { boolean, index, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./_columns";
import { int4multirange } from "./_types";

export const organizationKind = pgEnum("organization_kind", organizationKinds);

export const organizations = pgTable("organizations", {
  id: uuid().primaryKey().defaultRandom(),
  /** Stable human-readable key, e.g. "opr-echt"; used in demo logins and imports. */
  slug: text().notNull().unique(),
  name: text().notNull(),
  kind: organizationKind().notNull(),
  description: text().notNull().default(""),
  website: text(),
  email: text(),
  phone: text(),
  /** CBS municipality codes (GM0202) the organization works in; empty when national. */
  municipalityCodes: text().array().notNull().default([]),
  isNational: boolean().notNull().default(false),
  /** The gemeente's own debt help: may refer under the Wgs to the providers it contracts (wgs_contracts). */
  isMunicipalDebtHelp: boolean().notNull().default(false),
  ...timestamps,
});

export const municipalities = pgTable(
  "municipalities",
  {
    /** CBS code, e.g. GM0202. */
    code: text().primaryKey(),
    name: text().notNull(),
    /** The four-digit postcodes (PC4) in the municipality, to find services by postcode. */
    postcodeRanges: int4multirange().notNull().default(sql`'{}'`),
  },
  (t) => [index("municipalities_postcode_ranges_idx").using("gist", t.postcodeRanges)],
);
