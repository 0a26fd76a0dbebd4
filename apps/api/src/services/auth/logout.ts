import { requireActor, type ServiceContext } from "../context";

/** Ends the actor's session. */
export async function logout(ctx: ServiceContext) {
  await ctx.sessions.invalidate(requireActor(ctx, { secondFactorOptional: true }).sessionId);
}
