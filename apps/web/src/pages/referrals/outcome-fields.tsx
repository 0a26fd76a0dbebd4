import { type Outcome, outcomeLabels, outcomes } from "@schakel/core";
import { Input, RadioGroup } from "../services/form-controls";

/**
 * What completing a referral asks: the outcome, and the money it brought (optional) — the same for
 * a receiver's worker and for a partner working from a mail link.
 */
export function OutcomeFields({
  prefix,
  values,
  errors,
  onChange,
  moneyDescription,
}: {
  prefix: string;
  values: { outcome: string; moneyOutcomeCents: string };
  errors: { outcome?: { message?: string }; moneyOutcomeCents?: { message?: string } };
  onChange: (field: "outcome" | "moneyOutcomeCents", value: string) => void;
  moneyDescription: string;
}) {
  return (
    <>
      <RadioGroup
        prefix={prefix}
        field="outcome"
        legend="Wat is de uitkomst?"
        options={outcomes.map((o) => ({ value: o, label: outcomeLabels[o] }))}
        value={values.outcome as Outcome}
        onChange={(v) => onChange("outcome", v)}
        error={errors.outcome?.message}
      />
      <Input
        prefix={prefix}
        field="moneyOutcomeCents"
        label="Financieel resultaat in euro's (niet verplicht)"
        description={moneyDescription}
        kind="numeric"
        size="medium"
        value={values.moneyOutcomeCents}
        onChange={(v) => onChange("moneyOutcomeCents", v)}
        error={errors.moneyOutcomeCents?.message}
      />
    </>
  );
}
