import { TotpCodeSchema } from "@schakel/core";
import { useState } from "react";
import { z } from "zod";
import { toProblem } from "../api/problem";
import { type Me, useVerifySecondFactor } from "../api/session";
import { applyProblem } from "../forms/apply-problem";
import { useZodForm } from "../forms/use-zod-form";
import { Alert } from "./alert";
import { FormTextField, formError } from "./form-text-field";
import { SubmitButton } from "./submit-button";

const CodeFormSchema = z.object({ code: TotpCodeSchema });
const RecoveryFormSchema = z.object({ code: z.string().trim().min(1, "Vul een herstelcode in.") });

/**
 * The second step of signing in: the six-digit code from the authenticator app, or — with the
 * phone lost — one of the recovery codes. Signs in on success.
 */
export function SecondFactorForm({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [recovery, setRecovery] = useState(false);
  const verify = useVerifySecondFactor();
  const form = useZodForm(recovery ? RecoveryFormSchema : CodeFormSchema, {
    defaultValues: { code: "" },
    shouldFocusError: true,
  });
  const refused = formError(form);
  const submit = form.handleSubmit(async ({ code }) => {
    try {
      const me = await verify.mutateAsync({ body: recovery ? { recoveryCode: code } : { code } });
      onSignedIn(me);
    } catch (error) {
      const problem = toProblem(error);
      // The refusal is about the one field there is.
      applyProblem({ ...problem, invalidParams: [{ name: "body.code", code: "invalid", reason: problem.detail }] }, form);
    }
  });
  return (
    <form className="schakel-form" noValidate onSubmit={submit}>
      {refused ? (
        <Alert type="error">
          <p className="utrecht-paragraph">{refused}</p>
        </Alert>
      ) : null}
      <FormTextField
        form={form}
        name="code"
        label={recovery ? "Herstelcode" : "Code uit je authenticator-app"}
        autoComplete="one-time-code"
        description={
          recovery ? "Een van de herstelcodes die je bij het instellen kreeg. Elke code werkt één keer." : "Zes cijfers."
        }
      />
      <div className="utrecht-button-group schakel-actions">
        <SubmitButton busy={verify.isPending} busyText="Bezig met controleren…">
          Verder
        </SubmitButton>
        <button
          type="button"
          className="utrecht-button utrecht-button--subtle"
          onClick={() => {
            setRecovery(!recovery);
            form.reset({ code: "" });
          }}
        >
          {recovery ? "Toch de code uit de app gebruiken" : "Telefoon kwijt? Gebruik een herstelcode"}
        </button>
      </div>
    </form>
  );
}
