import type { Schemas } from "@schakel/api-client";
import { type Outcome, outcomeLabels, outcomes, type ReferralStatus } from "@schakel/core";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { fieldErrors, type Problem, toProblem } from "../../api/problem";
import { referralQueries, useMoveReferral } from "../../api/referrals";
import { Alert } from "../../components/alert";
import { QueryState } from "../../components/query-state";
import { SubmitButton } from "../../components/submit-button";
import { eurosToCents, ifMatch, type Referral } from "../../lib/referrals";
import { fieldId, Input, RadioGroup, TextArea } from "../services/form-controls";
import { ActionResult, STALE_TEXT, useActionResult } from "./action-result";

const P = "actie";

/** The button text for a move. */
export function moveLabel(referral: Referral, to: ReferralStatus): string {
  if (referral.status === "on_hold" && to !== "completed" && to !== "withdrawn" && to !== "not_reached" && to !== "on_hold") {
    return "Hulp hervatten";
  }
  switch (to) {
    case "accepted":
      return "Accepteren";
    case "declined":
      return "Afwijzen";
    case "in_contact":
      return "Contact gelegd";
    case "in_progress":
      return "Hulp gestart";
    case "on_hold":
      return "Pauzeren";
    case "completed":
      return "Afronden";
    case "not_reached":
      return "Niet bereikt";
    case "withdrawn":
      return "Verwijzing intrekken";
    default:
      return to;
  }
}

/** What a move did, as a sentence for the person who made it. */
export function moveResult(referral: Referral, to: ReferralStatus): string {
  if (moveLabel(referral, to) === "Hulp hervatten") return "De hulp is hervat.";
  switch (to) {
    case "accepted":
      return "De verwijzing is geaccepteerd.";
    case "declined":
      return "De verwijzing is afgewezen.";
    case "in_contact":
      return "Er is contact met de inwoner.";
    case "in_progress":
      return "De hulp is gestart.";
    case "on_hold":
      return "De hulp is gepauzeerd.";
    case "completed":
      return "De verwijzing is afgerond.";
    case "not_reached":
      return "De verwijzing is gesloten: de inwoner is niet bereikt.";
    case "withdrawn":
      return "De verwijzing is ingetrokken.";
    default:
      return "De status is gewijzigd.";
  }
}

/**
 * The moves this side may make now, as buttons (core's state machine through the API's
 * allowedMoves). A move that needs more (a reason, an outcome) opens a short form first.
 */
export function ReferralActions({ referral, attempts }: { referral: Referral; attempts: number }) {
  const [chosen, setChosen] = useState<ReferralStatus | null>(null);
  const [note, setNote] = useState("");
  const [reason, setReason] = useState("");
  const [outcome, setOutcome] = useState<Outcome | "">("");
  const [money, setMoney] = useState("");
  const [suggestQuery, setSuggestQuery] = useState("");
  const [searched, setSearched] = useState<string | null>(null);
  const [suggested, setSuggested] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const legendRef = useRef<HTMLHeadingElement>(null);
  const move = useMoveReferral(referral.id);
  const suggestions = useQuery({
    ...referralQueries.suggestions(searched ?? "", referral.service.id),
    enabled: searched !== null,
  });
  const { result, show, clear } = useActionResult();

  const moves = referral.allowedMoves.filter((m) => m !== "not_reached" || attempts > 0);

  useEffect(() => {
    if (chosen) legendRef.current?.focus();
  }, [chosen]);

  function choose(to: ReferralStatus) {
    setChosen(to);
    setErrors({});
    move.reset();
    clear();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosen || move.isPending) return;
    const found: Record<string, string> = {};
    if ((chosen === "declined" || chosen === "on_hold") && !reason.trim()) {
      found.reason =
        chosen === "declined" ? "Geef een reden waarom jullie deze verwijzing niet oppakken." : "Geef een reden voor de pauze.";
    }
    if (chosen === "completed" && !outcome) found.outcome = "Kies de uitkomst: geholpen of niet geholpen.";
    const cents = money.trim() ? eurosToCents(money) : null;
    if (chosen === "completed" && money.trim() && cents === null)
      found.moneyOutcomeCents = "Vul een bedrag in euro's in, zoals 500 of 1.250,50.";
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document
        .getElementById(fieldId(Object.keys(found)[0] === "outcome" ? "outcome-helped" : (Object.keys(found)[0] ?? ""), P))
        ?.focus();
      return;
    }
    const body: Schemas["ReferralTransition"] = {
      to: chosen,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(reason.trim() && (chosen === "declined" || chosen === "on_hold") ? { reason: reason.trim() } : {}),
      ...(chosen === "declined" && suggested ? { suggestedServiceId: suggested } : {}),
      ...(chosen === "completed" && outcome ? { outcome } : {}),
      ...(chosen === "completed" && cents !== null ? { moneyOutcomeCents: cents } : {}),
    };
    move.mutate(
      { ifMatch: ifMatch(referral), body },
      {
        onSuccess: () => {
          setChosen(null);
          setNote("");
          setReason("");
          setOutcome("");
          setMoney("");
          setSuggested("");
          setSearched(null);
          show(moveResult(referral, chosen));
        },
        onError: (error) => {
          const problem = toProblem(error);
          if (problem.status === 412) {
            // What was typed stays in the form; the newest version is loaded (the mutation invalidates it).
            setChosen(null);
            show(STALE_TEXT, "warning");
            return;
          }
          setErrors(fieldErrors(problem));
        },
      },
    );
  }

  const problem = move.isError && toProblem(move.error).status !== 412 ? problemText(toProblem(move.error)) : null;

  if (moves.length === 0) {
    return (
      <>
        <ActionResult result={result} />
        <p className="utrecht-paragraph">Er is nu niets voor jou te doen aan de status van deze verwijzing.</p>
      </>
    );
  }
  return (
    <>
      <ActionResult result={result} />
      <ul className="schakel-button-list" aria-label="Mogelijke acties">
        {moves.map((to) => (
          <li key={to}>
            <button
              type="button"
              className={`utrecht-button ${to === "declined" || to === "withdrawn" || to === "not_reached" ? "utrecht-button--secondary-action" : "utrecht-button--primary-action"}`}
              aria-expanded={chosen === to}
              onClick={() => choose(to)}
            >
              {moveLabel(referral, to)}
            </button>
          </li>
        ))}
      </ul>
      {referral.allowedMoves.includes("not_reached") && attempts === 0 ? (
        <p className="utrecht-paragraph schakel-hint">
          'Niet bereikt' kan pas als je minstens één contactpoging hebt vastgelegd.
        </p>
      ) : null}
      {chosen ? (
        <form className="schakel-form schakel-panel" noValidate onSubmit={submit} aria-labelledby="actie-titel">
          <h3 className="utrecht-heading-3" id="actie-titel" ref={legendRef} tabIndex={-1}>
            {moveLabel(referral, chosen)}
          </h3>
          {problem ? (
            <Alert type="error">
              <p className="utrecht-paragraph">{problem}</p>
            </Alert>
          ) : null}
          {chosen === "declined" || chosen === "on_hold" ? (
            <TextArea
              prefix={P}
              field="reason"
              label={chosen === "declined" ? "Waarom pakken jullie deze verwijzing niet op?" : "Waarom pauzeren jullie de hulp?"}
              rows={2}
              value={reason}
              onChange={setReason}
              error={errors.reason}
              maxLength={500}
            />
          ) : null}
          {chosen === "declined" ? (
            <div className="schakel-suggest">
              <Input
                prefix={P}
                field="suggestQuery"
                label="Andere dienst voorstellen (niet verplicht)"
                description="Zoek op de sociale kaart en kies een dienst die beter past."
                value={suggestQuery}
                onChange={setSuggestQuery}
              />
              <button
                type="button"
                className="utrecht-button utrecht-button--secondary-action"
                aria-disabled={suggestions.isFetching || undefined}
                onClick={() => {
                  if (searched === suggestQuery) void suggestions.refetch();
                  else setSearched(suggestQuery);
                }}
              >
                {suggestions.isFetching ? "Bezig met zoeken…" : "Zoeken"}
              </button>
              {searched !== null ? (
                <QueryState
                  query={suggestions}
                  loading="De diensten worden gezocht…"
                  isEmpty={(found) => found.length === 0}
                  empty={
                    <p className="utrecht-paragraph" role="status">
                      Geen diensten gevonden die verwijzingen aannemen.
                    </p>
                  }
                >
                  {(found) => (
                    <RadioGroup
                      prefix={P}
                      field="suggestedServiceId"
                      legend="Kies een dienst"
                      options={[
                        { value: "", label: "Geen dienst voorstellen" },
                        ...found.map((s) => ({ value: s.id, label: `${s.name} (${s.organization.name})` })),
                      ]}
                      value={suggested}
                      onChange={setSuggested}
                      error={errors.suggestedServiceId}
                    />
                  )}
                </QueryState>
              ) : null}
            </div>
          ) : null}
          {chosen === "completed" ? (
            <>
              <RadioGroup
                prefix={P}
                field="outcome"
                legend="Wat is de uitkomst?"
                options={outcomes.map((o) => ({ value: o, label: outcomeLabels[o] }))}
                value={outcome as Outcome}
                onChange={setOutcome}
                error={errors.outcome}
              />
              <Input
                prefix={P}
                field="moneyOutcomeCents"
                label="Financieel resultaat in euro's (niet verplicht)"
                description="Bijvoorbeeld een toegekende bijdrage of toeslag."
                kind="numeric"
                size="medium"
                value={money}
                onChange={setMoney}
                error={errors.moneyOutcomeCents}
              />
            </>
          ) : null}
          <TextArea
            prefix={P}
            field="note"
            label="Korte toelichting voor de andere organisatie (niet verplicht)"
            description="Schrijf geen gegevens over gezondheid op."
            rows={2}
            value={note}
            onChange={setNote}
            error={errors.note}
            maxLength={500}
          />
          <div className="utrecht-button-group">
            <SubmitButton busy={move.isPending} busyText="Bezig met opslaan…">
              {`Bevestigen: ${moveLabel(referral, chosen).toLowerCase()}`}
            </SubmitButton>
            <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => setChosen(null)}>
              Annuleren
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}

/** A problem as one sentence, with the field messages when there are any. */
export function problemText(problem: Problem): string {
  const fields = Object.values(fieldErrors(problem));
  return fields.length > 0 ? `${problem.detail} ${fields.join(" ")}` : problem.detail;
}
