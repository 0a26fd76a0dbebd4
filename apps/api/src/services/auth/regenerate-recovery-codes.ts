import { replaceRecoveryCodes, useTotpCode } from "../../auth/totp";
import { unprocessable } from "../../lib/problem";
import { requireActor, type ServiceContext, withTransaction } from "../context";

/** New recovery codes (the old ones stop working), confirmed with a current code from the authenticator app. */
export async function regenerateRecoveryCodes(ctx: ServiceContext, input: { code: string }) {
  const { userId } = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    if (!(await useTotpCode(tx, userId, input.code, now))) {
      throw unprocessable("wrong-code", "Deze code klopt niet of is al gebruikt. Wacht op de volgende code.", "body.code");
    }
    return { recoveryCodes: await replaceRecoveryCodes(tx, userId, now) };
  });
}
