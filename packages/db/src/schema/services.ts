import type { EscalationSettings } from "@schakel/core";
import { lifeDomains, serviceStatuses } from "@schakel/core";
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./_columns";
import { int4multirange, tsvector } from "./_types";
import { organizations } from "./organizations";

export const lifeDomain = pgEnum("life_domain", lifeDomains);
export const serviceStatus = pgEnum("service_status", serviceStatuses);

export interface ContactChannel {
  kind: "telefoon" | "email" | "website" | "whatsapp" | "huisbezoek" | "brief" | "adres" | "inloop";
  value?: string;
  note?: string;
}

/**
 * A service on the sociale kaart (HSDS service + eligibility + service_area). Area: national, or
 * municipalities (CBS codes) and/or postcode ranges.
 */
export const services = pgTable(
  "services",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    name: text().notNull(),
    description: text().notNull(),
    lifeDomains: lifeDomain().array().notNull().default(sql`'{}'`),
    ageMin: integer(),
    ageMax: integer(),
    /** Target group conditions as plain text ("Inwoners met een bijstandsuitkering…"). */
    eligibility: text(),
    requiresBijstand: boolean(),
    debtMin: integer(),
    debtMax: integer(),
    isNational: boolean().notNull().default(false),
    municipalityCodes: text().array().notNull().default(sql`'{}'`),
    /** Where the service can be found by area: its municipality codes, plus NL when national (one indexable set). */
    areaCodes: text()
      .array()
      .notNull()
      .generatedAlwaysAs(sql`case when is_national then municipality_codes || '{NL}'::text[] else municipality_codes end`),
    postcodeRanges: int4multirange().notNull().default(sql`'{}'`),
    contactChannels: jsonb().$type<ContactChannel[]>().notNull().default([]),
    languages: text().array().notNull().default(sql`'{nl}'`),
    cost: text(),
    openingHours: text(),
    warmHandover: text(),
    acceptsReferrals: boolean().notNull().default(false),
    /** Partner-light for this service alone (ADR 0029): set by its organization's admin. */
    partnerLight: boolean().notNull().default(false),
    responseTargetDays: integer().notNull().default(5),
    /** The service's own escalation ladder (core EscalationSettings); null: the default ladder. */
    escalation: jsonb().$type<EscalationSettings>(),
    status: serviceStatus().notNull().default("active"),
    lastVerifiedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Words found with the service that live elsewhere: organization and municipality names, life-domain labels. */
    searchKeywords: text().notNull().default(""),
    nameVector: tsvector().notNull().generatedAlwaysAs(sql`to_tsvector('schakel_nl'::regconfig, schakel_fold(name))`),
    searchVector: tsvector()
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('schakel_nl'::regconfig, schakel_fold(name)), 'A') || setweight(to_tsvector('schakel_nl'::regconfig, schakel_fold(search_keywords)), 'B') || setweight(to_tsvector('schakel_nl'::regconfig, schakel_fold(description || ' ' || coalesce(eligibility, ''))), 'C')`,
      ),
    ...timestamps,
  },
  (t) => [
    index("services_organization_id_idx").on(t.organizationId),
    index("services_search_vector_idx").using("gin", t.searchVector),
    index("services_area_codes_idx").using("gin", t.areaCodes),
    index("services_life_domains_idx").using("gin", t.lifeDomains),
    index("services_postcode_ranges_idx").using("gist", t.postcodeRanges),
    index("services_status_last_verified_at_idx").on(t.status, t.lastVerifiedAt.desc()),
    check("services_age_range_check", sql`${t.ageMin} is null or ${t.ageMax} is null or ${t.ageMin} <= ${t.ageMax}`),
    check("services_debt_range_check", sql`${t.debtMin} is null or ${t.debtMax} is null or ${t.debtMin} <= ${t.debtMax}`),
    check("services_response_target_days_check", sql`${t.responseTargetDays} between 1 and 60`),
  ],
);

/** Every word that occurs in a listing, folded: the dictionary typos are matched against. */
export const searchTerms = pgTable("search_terms", { term: text().primaryKey() }, (t) => [
  index("search_terms_term_trgm_idx").using("gist", sql`${t.term} gist_trgm_ops`),
]);
