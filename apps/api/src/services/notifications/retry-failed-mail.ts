import { notFound } from "../../lib/problem";
import { retryGivenUpMail } from "../../mail/outbox";
import { requireActor, type ServiceContext } from "../context";
import { requireOrganizationAdmin } from "../members/authorize";

/**
 * An admin's "opnieuw proberen" on a mail Schakel gave up on: one more attempt, now. Sent, it
 * leaves the list; failed again, it stays there (attempts go up by one). 404 for a mail that is
 * not the organization's or not given up on.
 */
export async function retryFailedMail(ctx: ServiceContext, input: { organizationId: string; mailId: string }) {
  const actor = requireActor(ctx);
  await requireOrganizationAdmin(
    ctx.db,
    actor.userId,
    input.organizationId,
    "Alleen beheerders van deze organisatie kunnen een e-mail opnieuw laten versturen.",
  );
  const result = await retryGivenUpMail(ctx.db, ctx.mailer, ctx.clock.now(), {
    id: input.mailId,
    organizationId: input.organizationId,
    logger: ctx.logger,
  });
  if (!result) throw notFound("Deze e-mail bestaat niet, is al verstuurd of wordt nog opnieuw geprobeerd.");
  return result;
}
