import { fhirReferralBundle } from "@schakel/core";
import { consents } from "@schakel/db";
import { eq } from "drizzle-orm";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { uuidV5 } from "../hsds/uuid-v5";
import { toConsent } from "../residents/resident-records";
import { readReferral } from "./get-referral";

/** The namespace of the Bundle's derived resource ids (name-based UUIDs of the referral's id). */
const FHIR_NAMESPACE = "6f1d1c0e-8a55-4d0b-9a3e-2f7c1b5e9d40";

/**
 * One referral as a FHIR R4 Bundle, for the side that asks and within what it may see: built from
 * that side's referral view (core fhirReferralBundle), read and logged like any read of the
 * referral. The sender's Consent shows its own consent record; the receiver's only whether it holds.
 */
export async function getReferralFhir(ctx: ServiceContext, input: { referralId: string }) {
  const actor = requireActor(ctx, { scope: "referrals:read" });
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx, txCtx) => {
    const { referral, side, view } = await readReferral(tx, txCtx, actor, input.referralId, now, "fhir");
    const [consent] =
      side === "sender" && referral.consentId ? await tx.select().from(consents).where(eq(consents.id, referral.consentId)) : [];
    return fhirReferralBundle(
      view,
      {
        bundle: uuidV5(`${referral.id}:Bundle`, FHIR_NAMESPACE),
        serviceRequest: uuidV5(`${referral.id}:ServiceRequest`, FHIR_NAMESPACE),
        consent: uuidV5(`${referral.id}:Consent`, FHIR_NAMESPACE),
      },
      consent ? toConsent(consent, now) : null,
      now,
    );
  });
}
