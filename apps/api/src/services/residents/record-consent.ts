import { CONSENT_END_IN_PAST, consentEndProblem } from "@schakel/core";
import { consents, organizations } from "@schakel/db";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { periodsOf } from "../../config";
import { unprocessable } from "../../lib/problem";
import type { ConsentCreateSchema } from "../../schemas/residents";
import { logResidentAccess } from "../access-log";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { loadOwnResident, toConsent } from "./resident-records";

/** The sending organization records the resident's consent for one receiving organization. */
export async function recordConsent(
  ctx: ServiceContext,
  input: { residentId: string; consent: z.infer<typeof ConsentCreateSchema> },
) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const resident = await loadOwnResident(tx, actor.userId, input.residentId);
    if (resident.anonymizedAt) {
      throw unprocessable(
        "resident-anonymized",
        "De gegevens van deze inwoner zijn gewist; er valt geen toestemming meer vast te leggen.",
      );
    }
    // The receiving organization must exist: consent for an id nobody has is a mistake, not a database error.
    const [receiver] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.id, input.consent.receivingOrganizationId));
    if (!receiver) {
      throw unprocessable(
        "unknown-organization",
        "Deze ontvangende organisatie bestaat niet in Schakel.",
        "body.receivingOrganizationId",
      );
    }
    const validUntil = new Date(input.consent.validUntil);
    const endProblem = consentEndProblem(validUntil, now, periodsOf(ctx.config).consentMaxDays);
    if (endProblem) {
      const type = endProblem === CONSENT_END_IN_PAST ? "consent-end-past" : "consent-end-too-far";
      throw unprocessable(type, endProblem, "body.validUntil");
    }
    const [row] = await tx
      .insert(consents)
      .values({ ...input.consent, validUntil, residentId: resident.id, recordedByUserId: actor.userId, recordedAt: now })
      .returning();
    if (!row) throw new Error("consent insert returned nothing");
    await logResidentAccess(tx, {
      at: now,
      userId: actor.userId,
      organizationId: resident.organizationId,
      action: "consent.record",
      residentId: resident.id,
      details: { consentId: row.id, receivingOrganizationId: row.receivingOrganizationId, dataCategories: row.dataCategories },
    });
    return toConsent(row, now);
  });
}
