import { organizationKinds } from "@schakel/core";
import { sql } from "drizzle-orm";
import { boolean, date, index, pgEnum, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
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
  /**
   * Where new, not yet assigned referrals are mailed (a shared intake mailbox the admin sets);
   * without one the organization's workers are told, each as they chose.
   */
  intakeEmail: text(),
  /**
   * Partner-light (ADR 0029): the organization works without accounts; its intake address gets a
   * link per referral to report its steps. Set by a network admin; needs an intake address.
   */
  partnerLight: boolean().notNull().default(false),
  /** Workers must also sign in with a second factor (admins and coordinators always must). */
  requireWorkerSecondFactor: boolean().notNull().default(false),
  ...timestamps,
});

/**
 * Days an organization is closed besides the public holidays (a cao may give other days off):
 * they do not count as working days for the referrals it receives.
 */
export const organizationClosingDays = pgTable(
  "organization_closing_days",
  {
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    day: date({ mode: "string" }).notNull(),
    label: text().notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.day] })],
);

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
