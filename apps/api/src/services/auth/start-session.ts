import type { SessionCookie } from "../../auth/sessions";
import type { SessionActor } from "../../context";
import type { ServiceContext } from "../context";

/** A new session for the user (after a sign-in or an accepted invitation): its actor and its cookie. */
export async function startSession(ctx: ServiceContext, userId: string): Promise<{ actor: SessionActor; cookie: SessionCookie }> {
  const { sessionId, cookie } = await ctx.sessions.create(userId);
  return { actor: { kind: "session", userId, sessionId }, cookie };
}
