import { type ReferralStatus, transitionProblems } from "@schakel/core";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { fieldErrors, type Problem, toProblem } from "../../api/problem";
import { referralQueries, useMoveReferral } from "../../api/referrals";
import { QueryState } from "../../components/query-state";
import { SubmitButton } from "../../components/submit-button";
import { applyProblem } from "../../forms/apply-problem";
import { FormErrorSummary } from "../../forms/form-error-summary";
import { useZodForm } from "../../forms/use-zod-form";
import { ifMatch, type Referral } from "../../lib/referrals";
import { Input, RadioGroup, TextArea } from "../services/form-controls";
import { ActionResult, STALE_TEXT, useActionResult } from "./action-result";
import { emptyMove, MoveFormSchema, type MoveFormValues } from "./move-form";
import { OutcomeFields } from "./outcome-fields";

/** The ids of the form's inputs are `veld-<field>`, as the error summary links them. */
const P = "veld";

const fieldLabels = {
  reason: "Reden",
  outcome: "Uitkomst",
  moneyOutcomeCents: "Financieel resultaat",
  suggestedServiceId: "Andere dienst",
  note: "Toelichting",
};

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
  const [suggestQuery, setSuggestQuery] = useState("");
  const [searched, setSearched] = useState<string | null>(null);
  const form = useZodForm(MoveFormSchema, { defaultValues: emptyMove("accepted") });
  const legendRef = useRef<HTMLHeadingElement>(null);
  const move = useMoveReferral(referral.id);
  const suggestions = useQuery({
    ...referralQueries.suggestions(searched ?? "", referral.service.id),
    enabled: searched !== null,
  });
  const { result, show, clear } = useActionResult();
  const values = form.watch();
  const errors = form.formState.errors;
  const set = <K extends Exclude<keyof MoveFormValues, "to">>(key: K, value: MoveFormValues[K]) =>
    form.setValue(key, value as never, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });

  // 'Niet bereikt' needs a recorded contact attempt first (core's rule); until then it is not offered.
  const notYetReached = transitionProblems({ to: "not_reached" }, { contactAttempts: attempts }).to;
  const moves = referral.allowedMoves.filter((m) => m !== "not_reached" || !notYetReached);

  useEffect(() => {
    if (chosen) legendRef.current?.focus();
  }, [chosen]);

  function choose(to: ReferralStatus) {
    setChosen(to);
    // What was typed for an earlier choice stays; only the move and its old messages change.
    form.setValue("to", to);
    form.clearErrors();
    move.reset();
    clear();
  }

  const submit = form.handleSubmit((body) => {
    if (!chosen || move.isPending) return;
    move.mutate(
      { ifMatch: ifMatch(referral), body },
      {
        onSuccess: () => {
          setChosen(null);
          setSearched(null);
          form.reset(emptyMove(chosen));
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
          applyProblem(problem, form);
        },
      },
    );
  });

  if (moves.length === 0) {
    return (
      <>
        <ActionResult result={result} />
        <p className="utrecht-paragraph">
          {referral.side === "sender" && referral.status === "declined" && referral.suggestedService
            ? `Verwijs de inwoner naar ${referral.suggestedService.name}: de knop staat bovenaan.`
            : "Er is nu niets voor jou te doen aan de status van deze verwijzing."}
        </p>
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
      {referral.allowedMoves.includes("not_reached") && notYetReached ? (
        <p className="utrecht-paragraph schakel-hint">{notYetReached}</p>
      ) : null}
      {chosen ? (
        <form className="schakel-form schakel-panel" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="actie-titel">
          <h3 className="utrecht-heading-3" id="actie-titel" ref={legendRef} tabIndex={-1}>
            {moveLabel(referral, chosen)}
          </h3>
          <FormErrorSummary formState={form.formState} labels={fieldLabels} />
          {chosen === "declined" || chosen === "on_hold" ? (
            <TextArea
              prefix={P}
              field="reason"
              label={chosen === "declined" ? "Waarom pakken jullie deze verwijzing niet op?" : "Waarom pauzeren jullie de hulp?"}
              rows={2}
              value={values.reason}
              onChange={(v) => set("reason", v)}
              error={errors.reason?.message}
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
                      value={values.suggestedServiceId}
                      onChange={(v) => set("suggestedServiceId", v)}
                      error={errors.suggestedServiceId?.message}
                    />
                  )}
                </QueryState>
              ) : null}
            </div>
          ) : null}
          {chosen === "completed" ? (
            <OutcomeFields
              prefix={P}
              values={values}
              errors={errors}
              onChange={(field, value) => set(field, value)}
              moneyDescription="Bijvoorbeeld een toegekende bijdrage of toeslag."
            />
          ) : null}
          <TextArea
            prefix={P}
            field="note"
            label="Korte toelichting voor de andere organisatie (niet verplicht)"
            description="Schrijf geen gegevens over gezondheid op."
            rows={2}
            value={values.note}
            onChange={(v) => set("note", v)}
            error={errors.note?.message}
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
