import type { Schemas } from "@schakel/api-client";
import { type Outcome, outcomeLabels, outcomes, type ReferralStatus } from "@schakel/core";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Alert } from "../../components/alert";
import { api, fieldErrors, type Problem, run } from "../../lib/api";
import { eurosToCents, ifMatch, type Referral } from "../../lib/referrals";
import { fieldId, Input, RadioGroup, TextArea } from "../services/form-controls";

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

type SuggestOption = { id: string; name: string; organization: string };

/**
 * The moves this side may make now, as buttons (core's state machine through the API's
 * allowedMoves). A move that needs more (a reason, an outcome) opens a short form first.
 */
export function ReferralActions({
  referral,
  attempts,
  onMoved,
  onStale,
}: {
  referral: Referral;
  attempts: number;
  onMoved: (referral: Referral, message: string) => void;
  onStale: () => void;
}) {
  const [chosen, setChosen] = useState<ReferralStatus | null>(null);
  const [note, setNote] = useState("");
  const [reason, setReason] = useState("");
  const [outcome, setOutcome] = useState<Outcome | "">("");
  const [money, setMoney] = useState("");
  const [suggestQuery, setSuggestQuery] = useState("");
  const [suggestions, setSuggestions] = useState<SuggestOption[] | null>(null);
  const [suggested, setSuggested] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const legendRef = useRef<HTMLHeadingElement>(null);

  const moves = referral.allowedMoves.filter((m) => m !== "not_reached" || attempts > 0);

  useEffect(() => {
    if (chosen) legendRef.current?.focus();
  }, [chosen]);

  function choose(to: ReferralStatus) {
    setChosen(to);
    setErrors({});
    setProblem(null);
  }

  async function searchServices() {
    const r = await run(api.GET("/services", { params: { query: { q: suggestQuery, acceptsReferrals: "true", limit: 10 } } }));
    if (r.ok) {
      setSuggestions(
        r.data.data
          .filter((s) => s.id !== referral.service.id)
          .map((s) => ({ id: s.id, name: s.name, organization: s.organization.name })),
      );
    } else setProblem(r.problem.detail);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosen || busy) return;
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
    setBusy(true);
    setProblem(null);
    const r = await run(
      api.POST("/referrals/{referralId}/transitions", {
        params: { path: { referralId: referral.id }, header: { "if-match": ifMatch(referral) } },
        body: {
          to: chosen,
          ...(note.trim() ? { note: note.trim() } : {}),
          ...(reason.trim() && (chosen === "declined" || chosen === "on_hold") ? { reason: reason.trim() } : {}),
          ...(chosen === "declined" && suggested ? { suggestedServiceId: suggested } : {}),
          ...(chosen === "completed" && outcome ? { outcome } : {}),
          ...(chosen === "completed" && cents !== null ? { moneyOutcomeCents: cents } : {}),
        } satisfies Schemas["ReferralTransition"],
      }),
    );
    setBusy(false);
    if (r.ok) {
      const label = moveLabel(referral, chosen);
      setChosen(null);
      setNote("");
      setReason("");
      setOutcome("");
      setMoney("");
      setSuggested("");
      onMoved(r.data, `Gelukt: ${label.toLowerCase()}.`);
      return;
    }
    if (r.problem.status === 412) {
      setChosen(null);
      onStale();
      return;
    }
    const byField = fieldErrors(r.problem);
    if (Object.keys(byField).length > 0) setErrors(byField);
    setProblem(problemText(r.problem));
  }

  if (moves.length === 0) {
    return <p className="utrecht-paragraph">Er is nu niets voor jou te doen aan de status van deze verwijzing.</p>;
  }

  return (
    <>
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
                onClick={() => void searchServices()}
              >
                Zoeken
              </button>
              {suggestions !== null ? (
                suggestions.length > 0 ? (
                  <RadioGroup
                    prefix={P}
                    field="suggestedServiceId"
                    legend="Kies een dienst"
                    options={[
                      { value: "", label: "Geen dienst voorstellen" },
                      ...suggestions.map((s) => ({ value: s.id, label: `${s.name} (${s.organization})` })),
                    ]}
                    value={suggested}
                    onChange={setSuggested}
                    error={errors.suggestedServiceId}
                  />
                ) : (
                  <p className="utrecht-paragraph" role="status">
                    Geen diensten gevonden die verwijzingen aannemen.
                  </p>
                )
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
            <button type="submit" className="utrecht-button utrecht-button--primary-action" aria-disabled={busy || undefined}>
              {busy ? "Bezig…" : `Bevestigen: ${moveLabel(referral, chosen).toLowerCase()}`}
            </button>
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
