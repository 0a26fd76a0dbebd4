import { useQuery } from "@tanstack/react-query";
import { useResendPartnerLink } from "../../api/partner-links";
import { toProblem } from "../../api/problem";
import { serviceQueries } from "../../api/services";
import type { Referral } from "../../lib/referrals";
import { ActionResult, useActionResult } from "../referrals/action-result";

/**
 * On the sender's referral page, when the receiver works without an account (partner-light, ADR
 * 0029): what that means, and "Nieuwe link sturen" — the old link stops working and the intake
 * address gets a fresh one (after it changed, or when a mail got lost).
 */
export function PartnerLinkResend({ referral }: { referral: Referral }) {
  const service = useQuery(serviceQueries.detail(referral.service.id));
  const resend = useResendPartnerLink(referral.id);
  const { result, show } = useActionResult();
  if (!service.data?.partnerLight) return null;
  return (
    <div className="schakel-panel">
      <p className="utrecht-paragraph">
        {referral.receiver.name} werkt zonder account: reageert via een link in de mail. Geef de gegevens van de inwoner zelf
        door, of in een gesprek met z'n drieën.
      </p>
      <ActionResult result={result} />
      <button
        type="button"
        className="utrecht-button utrecht-button--secondary-action"
        aria-disabled={resend.isPending || undefined}
        onClick={() => {
          if (resend.isPending) return;
          resend.mutate(undefined, {
            onSuccess: (sent) => show(`Er is een nieuwe link gestuurd naar ${sent.sentTo}. De oude link werkt niet meer.`),
            onError: (error) => show(toProblem(error).detail, "warning"),
          });
        }}
      >
        {resend.isPending ? "Bezig met versturen…" : "Nieuwe link sturen"}
      </button>
    </div>
  );
}
