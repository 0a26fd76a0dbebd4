import { type ClosingDayCreate, isPastDay, PAST_CLOSING_DAY_MESSAGE } from "@schakel/core";
import { organizationClosingDays } from "@schakel/db";
import { HttpProblem, unprocessable } from "../../lib/problem";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { requireSettingsAdmin } from "./authorize";

/**
 * An admin adds a day the organization is closed: from then on it is no working day for the
 * referrals it receives. Today or later only (422); a day already on the list is 409.
 */
export async function createClosingDay(ctx: ServiceContext, input: { organizationId: string; closingDay: ClosingDayCreate }) {
  const actor = requireActor(ctx);
  const { day, label } = input.closingDay;
  return withTransaction(ctx, async (tx) => {
    await requireSettingsAdmin(tx, actor.userId, input.organizationId);
    if (isPastDay(day, ctx.clock.now())) throw unprocessable("closing-day-past", PAST_CLOSING_DAY_MESSAGE, "body.day");
    const [row] = await tx
      .insert(organizationClosingDays)
      .values({ organizationId: input.organizationId, day, label })
      .onConflictDoNothing()
      .returning({ day: organizationClosingDays.day, label: organizationClosingDays.label });
    if (!row) {
      throw new HttpProblem("closing-day-exists", "Deze dag staat al in de lijst met sluitingsdagen.", {
        invalidParams: [{ name: "body.day", code: "closing-day-exists", reason: "Deze dag staat al in de lijst." }],
      });
    }
    return row;
  });
}
