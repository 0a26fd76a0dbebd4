import type { paths } from "@schakel/api-client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { failedMailQueries, useRetryFailedMail } from "../../api/organizations";
import { toProblem } from "../../api/problem";
import { Alert, LiveRegion } from "../../components/alert";
import { QueryState } from "../../components/query-state";
import { formatDateTime } from "../../lib/format";

type FailedMail =
  paths["/organizations/{organizationId}/failed-mails"]["get"]["responses"][200]["content"]["application/json"]["data"][number];

/** What each kind of mail is, in plain Dutch. */
export const mailKindLabels: Record<FailedMail["kind"], string> = {
  "referral-notice": "Bericht over een nieuwe verwijzing",
  digest: "Dagelijks overzicht",
  invitation: "Uitnodiging voor Schakel",
  "password-reset": "Link om een nieuw wachtwoord te kiezen",
  other: "Bericht van Schakel",
};

/**
 * The organisation's mails that could not be delivered, for its admins (issue 9, finding 11):
 * what, when, to which address and why, with "Opnieuw versturen" per mail. The API never gives
 * the text or the mail server's error; the reason is said in general terms.
 */
export function FailedMails({ organizationId }: { organizationId: string }) {
  const query = useQuery(failedMailQueries.list(organizationId));
  // Above the list: a mail that went out leaves it, and its message must stay.
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  return (
    <>
      <LiveRegion>{outcome ? <Alert type={outcome.type}>{outcome.text}</Alert> : null}</LiveRegion>
      <QueryState
        query={query}
        loading="De e-mails die niet aankwamen worden geladen…"
        isEmpty={(list) => list.data.length === 0}
        empty={
          <p className="utrecht-paragraph schakel-empty">Alle e-mails zijn aangekomen. Er is niets om opnieuw te versturen.</p>
        }
      >
        {(list) => (
          <ul className="schakel-timeline" aria-label="E-mails die niet aankwamen">
            {list.data.map((mail) => (
              <FailedMailItem key={mail.id} organizationId={organizationId} mail={mail} onOutcome={setOutcome} />
            ))}
          </ul>
        )}
      </QueryState>
    </>
  );
}

type Outcome = { type: "ok" | "error"; text: string };

function FailedMailItem({
  organizationId,
  mail,
  onOutcome: setOutcome,
}: {
  organizationId: string;
  mail: FailedMail;
  onOutcome: (outcome: Outcome | null) => void;
}) {
  const retry = useRetryFailedMail();
  const label = mailKindLabels[mail.kind];
  return (
    <li className="schakel-timeline__item">
      <p className="utrecht-paragraph">
        <strong>{label}</strong>
      </p>
      <p className="utrecht-paragraph schakel-muted">
        Geschreven op {formatDateTime(mail.createdAt)} · Aan: {mail.to}
      </p>
      <p className="utrecht-paragraph">
        Waarom: Schakel heeft het {mail.attempts} keer geprobeerd, ongeveer twee dagen lang. De mailserver van de ontvanger nam de
        e-mail niet aan. Misschien klopt het adres niet, is de mailbox vol of was de server lang niet bereikbaar.
      </p>
      <p className="utrecht-paragraph">
        <button
          type="button"
          className="utrecht-button utrecht-button--secondary-action"
          aria-disabled={retry.isPending || undefined}
          onClick={async () => {
            if (retry.isPending) return;
            setOutcome(null);
            try {
              const result = await retry.mutateAsync({ params: { path: { organizationId, mailId: mail.id } } });
              setOutcome(
                result.sent
                  ? { type: "ok", text: `De e-mail aan ${mail.to} is verstuurd.` }
                  : {
                      type: "error",
                      text: `Het lukte weer niet. Kijk of ${mail.to} klopt, of probeer het later opnieuw.`,
                    },
              );
            } catch (error) {
              setOutcome({ type: "error", text: toProblem(error).detail });
            }
          }}
        >
          {retry.isPending ? "Bezig met versturen…" : "Opnieuw versturen"}
          <span className="schakel-visually-hidden">
            : {label} aan {mail.to}
          </span>
        </button>
      </p>
    </li>
  );
}
