import { createHash } from "node:crypto";
import {
  categoriesAllowedFor,
  consentProblem,
  contactRouteProblem,
  type DataCategory,
  dataCategoryLabels,
  isFinal,
  openStatuses,
  serviceAcceptsReferrals,
} from "@schakel/core";
import {
  consents,
  type Database,
  driegesprekken,
  idempotencyKeys,
  organizations,
  referrals,
  residents,
  services,
  wgsContracts,
} from "@schakel/db";
import { and, eq, inArray, lte, or } from "drizzle-orm";
import type { z } from "zod";
import { idempotencyKeyCutoff } from "../../lib/idempotency";
import { conflict, HttpProblem, notFound, unprocessable } from "../../lib/problem";
import type { ReferralCreateSchema } from "../../schemas/referrals";
import { logResidentAccess } from "../access-log";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { requireCaseworker } from "../membership";
import { partnerLightAfterMove } from "../partner-links/partner-light";
import { referralWebhook } from "../webhooks/referral-events";
import { closingDaysOf } from "./closing-days";
import { notify, recordEvent } from "./events";
import { ladderState } from "./ladder";
import { referralView } from "./view";

export type ReferralCreate = z.infer<typeof ReferralCreateSchema>;

const duplicate = (existingId: string) =>
  new HttpProblem("duplicate-referral", "Deze inwoner is al naar deze dienst verwezen en die verwijzing loopt nog.", {
    related: `/api/v1/referrals/${existingId}`,
  });

async function assertWgsAllowed(db: Database, senderId: string, receiverId: string) {
  const rows = await db
    .select({ municipal: wgsContracts.municipalOrganizationId })
    .from(wgsContracts)
    .innerJoin(organizations, eq(organizations.id, wgsContracts.municipalOrganizationId))
    .where(
      and(
        eq(organizations.isMunicipalDebtHelp, true),
        or(
          and(eq(wgsContracts.municipalOrganizationId, senderId), eq(wgsContracts.providerOrganizationId, receiverId)),
          and(eq(wgsContracts.municipalOrganizationId, receiverId), eq(wgsContracts.providerOrganizationId, senderId)),
        ),
      ),
    )
    .limit(1);
  if (rows.length === 0) {
    throw unprocessable(
      "wgs-not-applicable",
      "De wettelijke taak (Wgs) geldt alleen tussen de schuldhulp van de gemeente en de aanbieders die zij daarvoor inhuurt. Vraag de inwoner om toestemming.",
    );
  }
}

/**
 * Sends a referral: only the consented data, only to a service that accepts referrals, never a
 * second open one for the same resident and service. With an Idempotency-Key a retry returns the
 * first answer. Event, access log and the receiver's notifications commit with it.
 */
export async function createReferral(
  ctx: ServiceContext,
  input: { referral: ReferralCreate; idempotencyKey?: string },
): Promise<{ view: Awaited<ReturnType<typeof referralView>>; replayed: boolean }> {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  const body = input.referral;
  const requestHash = createHash("sha256").update(JSON.stringify(body)).digest("hex");

  return withTransaction(ctx, async (tx, txCtx) => {
    if (input.idempotencyKey) {
      // A key counts for 24 hours: after that the same key is a new request, not a replay.
      await tx
        .delete(idempotencyKeys)
        .where(
          and(
            eq(idempotencyKeys.userId, actor.userId),
            eq(idempotencyKeys.key, input.idempotencyKey),
            lte(idempotencyKeys.createdAt, idempotencyKeyCutoff(now)),
          ),
        );
      // Taking the key first makes a concurrent retry wait here, then find the first answer.
      const taken = await tx
        .insert(idempotencyKeys)
        .values({ userId: actor.userId, key: input.idempotencyKey, requestHash, createdAt: now })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (taken.length === 0) {
        const [earlier] = await tx
          .select()
          .from(idempotencyKeys)
          .where(and(eq(idempotencyKeys.userId, actor.userId), eq(idempotencyKeys.key, input.idempotencyKey)));
        if (!earlier || earlier.requestHash !== requestHash || !earlier.referralId) {
          throw unprocessable("idempotency-key-reused", "Deze Idempotency-Key is al gebruikt voor een andere aanvraag.");
        }
        const [first] = await tx.select().from(referrals).where(eq(referrals.id, earlier.referralId));
        if (!first) throw new Error("idempotent referral vanished");
        // Authorised as the first answer was: who has since been demoted or left the sending
        // organization gets what they would get now, not the resident.
        await requireCaseworker(
          tx,
          actor.userId,
          first.senderOrganizationId,
          "Deze verwijzing bestaat niet of is niet van jouw organisatie.",
        );
        // The replayed answer shows the resident again: a read like any other.
        await logResidentAccess(tx, {
          at: now,
          userId: actor.userId,
          organizationId: first.senderOrganizationId,
          action: "referral.read",
          residentId: first.residentId,
          reason: "idempotent-replay",
          details: { referralId: first.id },
        });
        return { view: await referralView(tx, first, "sender", now), replayed: true };
      }
    }

    // Lock order (ADR 0022): the resident, then the consent. Sharing the resident's row makes an
    // erasure wait for this referral (and then refuse it as open), or this wait for the erasure
    // (and then see the resident anonymised); it never clears the resident without this referral.
    const [resident] = await tx.select().from(residents).where(eq(residents.id, body.residentId)).for("share");
    if (!resident) throw notFound("Deze inwoner bestaat niet of is niet door jouw organisatie vastgelegd.");
    await requireCaseworker(
      tx,
      actor.userId,
      resident.organizationId,
      "Deze inwoner bestaat niet of is niet door jouw organisatie vastgelegd.",
    );
    if (resident.anonymizedAt) {
      throw unprocessable(
        "resident-anonymized",
        "De gegevens van deze inwoner zijn gewist. Leg de inwoner opnieuw vast om te verwijzen.",
      );
    }

    // Never a referral nobody can act on: the resident's details fit the channel, or the worker is the way.
    const route = contactRouteProblem({
      phone: resident.phone,
      email: resident.email,
      address: resident.address,
      preferredChannel: body.preferredChannel ?? resident.preferredChannel,
      reachableViaSender: body.reachableViaSender,
    });
    if (route) throw unprocessable("no-contact-route", route.message, "body.reachableViaSender");

    const [service] = await tx
      .select({
        id: services.id,
        name: services.name,
        organizationId: services.organizationId,
        organizationKind: organizations.kind,
        lifeDomains: services.lifeDomains,
        acceptsReferrals: services.acceptsReferrals,
        status: services.status,
        responseTargetDays: services.responseTargetDays,
        escalation: services.escalation,
      })
      .from(services)
      .innerJoin(organizations, eq(organizations.id, services.organizationId))
      .where(eq(services.id, body.serviceId));
    if (!service) throw notFound("Deze dienst bestaat niet.");
    if (!serviceAcceptsReferrals(service)) {
      throw unprocessable(
        "service-not-accepting",
        "Deze dienst neemt nu geen verwijzingen via Schakel aan. Neem contact op via de sociale kaart.",
      );
    }
    const forbidden = body.dataCategories.filter((c) => !categoriesAllowedFor(service).includes(c));
    if (forbidden.length > 0) {
      throw unprocessable(
        "category-not-allowed",
        `Deze gegevens gaan nooit naar een schuldhulpdienst: ${forbidden.map((c) => dataCategoryLabels[c as DataCategory].toLowerCase()).join(", ")}.`,
      );
    }

    if (body.lawfulBasis === "consent") {
      // Shared for the same reason: a withdrawal waits for this referral and then withdraws it too,
      // or this waits for the withdrawal and then finds the consent withdrawn.
      const [consent] = body.consentId
        ? await tx.select().from(consents).where(eq(consents.id, body.consentId)).for("share")
        : [];
      const problem = consentProblem(consent && consent.residentId === resident.id ? consent : null, {
        receivingOrganizationId: service.organizationId,
        categories: body.dataCategories,
        now,
      });
      if (problem)
        throw unprocessable("no-valid-consent", `${problem} Zonder geldige toestemming kan de verwijzing niet worden verstuurd.`);
    } else {
      await assertWgsAllowed(tx, resident.organizationId, service.organizationId);
    }

    if (body.previousReferralId) {
      const [previous] = await tx
        .select({
          residentId: referrals.residentId,
          senderOrganizationId: referrals.senderOrganizationId,
          status: referrals.status,
        })
        .from(referrals)
        .where(eq(referrals.id, body.previousReferralId));
      // Someone else's referral is as unknown here as anywhere: the same answer as a wrong resident.
      if (!previous || previous.senderOrganizationId !== resident.organizationId || previous.residentId !== resident.id) {
        throw unprocessable(
          "previous-referral-invalid",
          "De vorige verwijzing hoort niet bij deze inwoner of niet bij jouw organisatie.",
          "body.previousReferralId",
        );
      }
      if (!isFinal(previous.status)) {
        throw unprocessable(
          "previous-referral-invalid",
          "De vorige verwijzing loopt nog. Verwijs opnieuw als zij is afgesloten.",
          "body.previousReferralId",
        );
      }
    }

    const [open] = await tx
      .select({ id: referrals.id })
      .from(referrals)
      .where(
        and(eq(referrals.residentId, resident.id), eq(referrals.serviceId, service.id), inArray(referrals.status, openStatuses)),
      );
    if (open) throw duplicate(open.id);

    const closed = await closingDaysOf(tx, service.organizationId, now);
    const ladder = ladderState(
      { status: "sent", urgency: body.urgency, responseTargetDays: service.responseTargetDays, lastMoveAt: now },
      service.escalation,
      closed,
    );
    const [created] = await tx
      .insert(referrals)
      .values({
        residentId: resident.id,
        serviceId: service.id,
        senderOrganizationId: resident.organizationId,
        senderUserId: actor.userId,
        receiverOrganizationId: service.organizationId,
        lawfulBasis: body.lawfulBasis,
        consentId: body.lawfulBasis === "consent" ? (body.consentId ?? null) : null,
        dataCategories: body.dataCategories,
        request: body.request,
        categoryNotes: body.categoryNotes,
        lifeDomains: body.lifeDomains ?? service.lifeDomains,
        urgency: body.urgency,
        urgencyReason: body.urgency === "urgent" ? (body.urgencyReason ?? null) : null,
        preferredChannel: body.preferredChannel ?? resident.preferredChannel,
        reachableViaSender: body.reachableViaSender,
        driegesprekWanted: body.driegesprek.wanted,
        safetyFlag: body.safetyFlag,
        previousReferralId: body.previousReferralId ?? null,
        lastMoveAt: now,
        responseTargetDays: service.responseTargetDays,
        ...ladder,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      // Another request created the same open referral a moment ago (the unique index caught it).
      const [other] = await tx
        .select({ id: referrals.id })
        .from(referrals)
        .where(
          and(
            eq(referrals.residentId, resident.id),
            eq(referrals.serviceId, service.id),
            inArray(referrals.status, openStatuses),
          ),
        );
      throw other ? duplicate(other.id) : conflict("De verwijzing kon niet worden opgeslagen; probeer het opnieuw.");
    }

    if (body.driegesprek.wanted) {
      await tx.insert(driegesprekken).values({
        referralId: created.id,
        proposedMoments: body.driegesprek.proposedMoments.map((m) => new Date(m)),
        createdAt: now,
        updatedAt: now,
      });
    }
    if (input.idempotencyKey) {
      await tx
        .update(idempotencyKeys)
        .set({ referralId: created.id })
        .where(and(eq(idempotencyKeys.userId, actor.userId), eq(idempotencyKeys.key, input.idempotencyKey)));
    }
    await recordEvent(tx, {
      referralId: created.id,
      at: now,
      actorUserId: actor.userId,
      actorOrganizationId: resident.organizationId,
      type: "status_changed",
      toStatus: "sent",
    });
    await referralWebhook(tx, created, "nl.schakel.referral.created", now, { status: "sent" });
    await logResidentAccess(tx, {
      at: now,
      userId: actor.userId,
      organizationId: resident.organizationId,
      action: "referral.create",
      residentId: resident.id,
      reason: body.lawfulBasis,
      details: {
        referralId: created.id,
        receiverOrganizationId: service.organizationId,
        dataCategories: body.dataCategories,
        ...(body.previousReferralId ? { previousReferralId: body.previousReferralId } : {}),
      },
    });
    await notify(txCtx, {
      to: { receiverOf: created },
      kind: "referral_new",
      referral: created,
      text: `Nieuwe verwijzing voor ${service.name}${body.urgency === "urgent" ? " (spoed)" : ""}.`,
      at: now,
    });
    await partnerLightAfterMove(txCtx, created, now);
    return { view: await referralView(tx, created, "sender", now), replayed: false };
  });
}
