import { contactAttemptChannelLabels, contactAttemptChannels, type PartnerLinkMove, partnerLinkMoveLabels } from "@schakel/core";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { useLocation } from "react-router";
import { type PartnerLink, partnerLinkQueries, usePartnerLinkMove } from "../../api/partner-links";
import { type Problem, toProblem } from "../../api/problem";
import { Alert } from "../../components/alert";
import { Page } from "../../components/page";
import { QueryState } from "../../components/query-state";
import { SubmitButton } from "../../components/submit-button";
import { applyProblem } from "../../forms/apply-problem";
import { FormErrorSummary } from "../../forms/form-error-summary";
import { useZodForm } from "../../forms/use-zod-form";
import { formatDate } from "../../lib/format";
import { OutcomeFields } from "../referrals/outcome-fields";
import { RadioGroup, TextArea } from "../services/form-controls";
import {
  emptyPartnerMove,
  isLinkRefusal,
  PartnerMoveFormSchema,
  type PartnerMoveFormValues,
  tokenFromHash,
} from "./partner-move-form";

/** The ids of the form's inputs are `veld-<field>`, as the error summary links them. */
const P = "veld";
const fieldLabels = { reason: "Reden", outcome: "Uitkomst", moneyOutcomeCents: "Financieel resultaat", channel: "Hoe" };

/** What a step did, for the confirmation. */
const doneText: Record<PartnerLinkMove, string> = {
  received: "Je hebt bevestigd dat jullie de verwijzing hebben ontvangen.",
  accepted: "Je hebt de verwijzing opgepakt.",
  declined: "Je hebt de verwijzing afgewezen.",
  in_contact: "Je hebt doorgegeven dat er contact is met de inwoner.",
  completed: "Je hebt de verwijzing afgerond.",
};

/**
 * /partner#t=…: a receiver without an account (partner-light, ADR 0029) sees the referral's
 * service, reference and status, how to reach the sender, and takes the next step. No sign-in:
 * the link's token is read from the fragment and sent to the API in a header.
 */
export function PartnerPage() {
  // A newer link opened in the same tab changes only the fragment: the page starts over with it.
  const { hash } = useLocation();
  const token = useMemo(() => tokenFromHash(hash), [hash]);
  return (
    <Page title="Verwijzing bijwerken">
      {token ? (
        <PartnerLinkContent key={token} token={token} />
      ) : (
        <LinkRefused detail="Deze link is niet compleet. Open de link uit de e-mail opnieuw, of kopieer de hele link in de adresbalk." />
      )}
    </Page>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function LinkRefused({ detail }: { detail: string }) {
  return (
    <Alert type="error">
      <p className="utrecht-paragraph">
        <strong>Deze link werkt niet.</strong>
      </p>
      <p className="utrecht-paragraph">{detail}</p>
      <p className="utrecht-paragraph">
        Heb je geen mail met een werkende link? Neem contact op met de organisatie die de inwoner naar jullie verwees.
      </p>
    </Alert>
  );
}

function PartnerLinkContent({ token }: { token: string }) {
  const query = useQuery(partnerLinkQueries.view(token));
  const [done, setDone] = useState<{ text: string; status: string; mailedTo: string | null } | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  if (done) {
    return (
      <div ref={doneRef} tabIndex={-1} role="status">
        <Alert type="ok">
          <p className="utrecht-paragraph">
            <strong>Gelukt.</strong> {done.text} De verwijzing is nu: {done.status.toLowerCase()}.
          </p>
          <p className="utrecht-paragraph">
            De verwijzer krijgt hiervan bericht.
            {done.mailedTo
              ? ` Voor de volgende stap krijg je een nieuwe mail op ${done.mailedTo}, met een nieuwe link. Deze link werkt niet meer.`
              : " Je hoeft niets meer te doen."}
          </p>
        </Alert>
      </div>
    );
  }
  return (
    <QueryState
      query={query}
      loading="De verwijzing wordt geladen…"
      errorFor={(problem: Problem) => (isLinkRefusal(problem.type) ? <LinkRefused detail={problem.detail} /> : null)}
    >
      {(link) => <PartnerLinkDetails link={link} token={token} onDone={setDone} />}
    </QueryState>
  );
}

function PartnerLinkDetails({
  link,
  token,
  onDone,
}: {
  link: PartnerLink;
  token: string;
  onDone: (done: { text: string; status: string; mailedTo: string | null }) => void;
}) {
  const [chosen, setChosen] = useState<PartnerLinkMove | null>(null);
  const [refused, setRefused] = useState<Problem | null>(null);
  const form = useZodForm(PartnerMoveFormSchema, { defaultValues: emptyPartnerMove("received") });
  const move = usePartnerLinkMove(token);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const values = form.watch();
  const errors = form.formState.errors;
  const set = <K extends Exclude<keyof PartnerMoveFormValues, "to">>(key: K, value: PartnerMoveFormValues[K]) =>
    form.setValue(key, value as never, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });

  useEffect(() => {
    if (chosen) headingRef.current?.focus();
  }, [chosen]);

  function choose(to: PartnerLinkMove) {
    setChosen(to);
    form.setValue("to", to);
    form.clearErrors();
    move.reset();
  }

  const submit = form.handleSubmit((body) => {
    if (!chosen || move.isPending) return;
    move.mutate(body, {
      onSuccess: (result) => onDone({ text: doneText[chosen], status: result.statusLabel, mailedTo: result.nextLinkMailedTo }),
      onError: (error) => {
        const problem = toProblem(error);
        if (isLinkRefusal(problem.type)) setRefused(problem);
        else applyProblem(problem, form);
      },
    });
  });

  if (refused) return <LinkRefused detail={refused.detail} />;
  const sender = link.sender;
  return (
    <>
      <dl className="schakel-facts">
        <Fact term="Verwijzing">{link.reference}</Fact>
        <Fact term="Dienst">{link.service.name}</Fact>
        <Fact term="Status">
          {link.statusLabel}
          {link.urgent ? " (spoed)" : ""}
        </Fact>
        <Fact term="Verstuurd op">{formatDate(link.sentAt)}</Fact>
      </dl>
      <h2 className="utrecht-heading-2">Verwezen door</h2>
      <dl className="schakel-facts">
        <Fact term="Organisatie">{sender.organizationName}</Fact>
        {sender.workerName ? <Fact term="Hulpverlener">{sender.workerName}</Fact> : null}
        {sender.phone ? (
          <Fact term="Telefoon">
            <a className="utrecht-link" href={`tel:${sender.phone.replace(/\s/g, "")}`}>
              {sender.phone}
            </a>
          </Fact>
        ) : null}
        {sender.email ? (
          <Fact term="E-mail">
            <a className="utrecht-link" href={`mailto:${sender.email}`}>
              {sender.email}
            </a>
          </Fact>
        ) : null}
      </dl>
      <p className="utrecht-paragraph">
        Op deze pagina staan geen gegevens van de inwoner. Die krijg je van de verwijzer: bel of mail hen, of spreek een gesprek
        met z'n drieën af.
      </p>
      <h2 className="utrecht-heading-2">Wat is de volgende stap?</h2>
      {link.allowedMoves.length === 0 ? (
        <p className="utrecht-paragraph">Er is nu niets voor jou te doen aan deze verwijzing.</p>
      ) : (
        <ul className="schakel-button-list" aria-label="Mogelijke stappen">
          {link.allowedMoves.map((to) => (
            <li key={to}>
              <button
                type="button"
                className={`utrecht-button ${to === "declined" ? "utrecht-button--secondary-action" : "utrecht-button--primary-action"}`}
                aria-expanded={chosen === to}
                onClick={() => choose(to)}
              >
                {partnerLinkMoveLabels[to]}
              </button>
            </li>
          ))}
        </ul>
      )}
      {chosen ? (
        <form className="schakel-form schakel-panel" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="stap-titel">
          <h3 className="utrecht-heading-3" id="stap-titel" ref={headingRef} tabIndex={-1}>
            {partnerLinkMoveLabels[chosen]}
          </h3>
          <FormErrorSummary formState={form.formState} labels={fieldLabels} />
          {chosen === "declined" ? (
            <TextArea
              prefix={P}
              field="reason"
              label="Waarom pakken jullie deze verwijzing niet op?"
              description="De verwijzer leest dit. Schrijf geen gegevens over de inwoner op."
              rows={3}
              value={values.reason}
              onChange={(v) => set("reason", v)}
              error={errors.reason?.message}
            />
          ) : null}
          {chosen === "in_contact" ? (
            <RadioGroup
              prefix={P}
              field="channel"
              legend="Hoe hadden jullie contact?"
              options={contactAttemptChannels.map((c) => ({ value: c, label: contactAttemptChannelLabels[c] }))}
              value={values.channel}
              onChange={(v) => set("channel", v)}
              error={errors.channel?.message}
            />
          ) : null}
          {chosen === "completed" ? (
            <OutcomeFields
              prefix={P}
              values={values}
              errors={errors}
              onChange={(field, value) => set(field, value)}
              moneyDescription="Bijvoorbeeld de waarde van de hulp of een toegekende bijdrage."
            />
          ) : null}
          {chosen === "received" || chosen === "accepted" ? (
            <p className="utrecht-paragraph">De verwijzer krijgt hiervan bericht.</p>
          ) : null}
          <div className="utrecht-button-group">
            <SubmitButton busy={move.isPending} busyText="Bezig met opslaan…">
              {`Bevestigen: ${partnerLinkMoveLabels[chosen].toLowerCase()}`}
            </SubmitButton>
            <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => setChosen(null)}>
              Annuleren
            </button>
          </div>
        </form>
      ) : null}
      <p className="utrecht-paragraph schakel-hint">
        Deze link werkt tot {formatDate(link.expiresAt)}, of tot de volgende stap. Stuur de mail met de link niet door.
      </p>
    </>
  );
}
