import { type LifeDomain, lifeDomainLabels } from "@schakel/core";
import { type Database, municipalities, organizations, services, toMultirange } from "@schakel/db";
import { eq, inArray, sql } from "drizzle-orm";

export const columns = {
  id: services.id,
  name: services.name,
  description: services.description,
  lifeDomains: services.lifeDomains,
  ageMin: services.ageMin,
  ageMax: services.ageMax,
  eligibility: services.eligibility,
  requiresBijstand: services.requiresBijstand,
  debtMin: services.debtMin,
  debtMax: services.debtMax,
  isNational: services.isNational,
  municipalityCodes: services.municipalityCodes,
  postcodeRanges: services.postcodeRanges,
  contactChannels: services.contactChannels,
  languages: services.languages,
  cost: services.cost,
  openingHours: services.openingHours,
  warmHandover: services.warmHandover,
  acceptsReferrals: services.acceptsReferrals,
  /** Partner-light (ADR 0029): the service itself, or its whole organization. */
  partnerLight: sql<boolean>`(${services.partnerLight} or ${organizations.partnerLight})`.as("partner_light"),
  partnerLightByService: services.partnerLight,
  responseTargetDays: services.responseTargetDays,
  escalation: services.escalation,
  status: services.status,
  lastVerifiedAt: services.lastVerifiedAt,
  createdAt: services.createdAt,
  organization: { id: organizations.id, name: organizations.name, slug: organizations.slug },
};

/**
 * The words a listing is also found by, which live outside it: its organization's name, the
 * names of its municipalities and the labels of its life domains.
 */
export async function searchKeywords(
  db: Database,
  input: { organizationId: string; municipalityCodes: string[]; lifeDomains: LifeDomain[]; isNational: boolean },
): Promise<string> {
  const [org] = await db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, input.organizationId));
  const names =
    input.municipalityCodes.length > 0
      ? await db
          .select({ name: municipalities.name })
          .from(municipalities)
          .where(inArray(municipalities.code, input.municipalityCodes))
      : [];
  return [
    org?.name ?? "",
    ...names.map((m) => m.name),
    ...input.lifeDomains.map((d) => lifeDomainLabels[d]),
    input.isNational ? "landelijk" : "",
  ]
    .filter(Boolean)
    .join(" ");
}

export function postcodeRangesValue(ranges: { from: number; to: number }[]): string {
  return toMultirange(ranges.map((r) => [r.from, r.to] as const));
}
