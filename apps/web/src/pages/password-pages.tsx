import { PASSWORD_MIN_LENGTH, PasswordResetRequestSchema, PasswordResetSchema, passwordProblem } from "@schakel/core";
import { useState } from "react";
import { Link, useLocation } from "react-router";
import { z } from "zod";
import { useChangePassword, useRequestPasswordReset, useResetPassword } from "../api/account";
import { toProblem } from "../api/problem";
import { Alert } from "../components/alert";
import { FormTextField, formError } from "../components/form-text-field";
import { Page } from "../components/page";
import { SubmitButton } from "../components/submit-button";
import { applyProblem } from "../forms/apply-problem";
import { useZodForm } from "../forms/use-zod-form";
import { NewPasswordSchema } from "./accept-invitation-page";

const passwordHint = `Minstens ${PASSWORD_MIN_LENGTH} tekens en moeilijk te raden. Een zin van vier of meer gewone woorden is sterk én makkelijk te onthouden.`;

/** /wachtwoord-vergeten: asks for a reset link; says the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const request = useRequestPasswordReset();
  const [sent, setSent] = useState(false);
  const form = useZodForm(PasswordResetRequestSchema, { defaultValues: { email: "" }, shouldFocusError: true });
  const refused = formError(form);
  const submit = form.handleSubmit(async (body) => {
    try {
      await request.mutateAsync({ body });
      setSent(true);
    } catch (error) {
      applyProblem(toProblem(error), form);
    }
  });
  return (
    <Page title="Wachtwoord vergeten">
      {sent ? (
        <Alert type="ok">
          <p className="utrecht-paragraph">
            Als dit adres bij een account hoort, krijg je binnen een paar minuten een e-mail met een link. De link werkt 30
            minuten en één keer.
          </p>
        </Alert>
      ) : (
        <form className="schakel-form" noValidate onSubmit={submit}>
          <p className="utrecht-paragraph">
            Vul het e-mailadres van je account in. Je krijgt een link om een nieuw wachtwoord te kiezen.
          </p>
          {refused ? (
            <Alert type="error">
              <p className="utrecht-paragraph">{refused}</p>
            </Alert>
          ) : null}
          <FormTextField form={form} name="email" label="E-mailadres" type="email" autoComplete="username" />
          <div className="utrecht-button-group schakel-actions">
            <SubmitButton busy={request.isPending} busyText="Bezig met versturen…">
              Stuur de link
            </SubmitButton>
          </div>
        </form>
      )}
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to="/inloggen">
          Terug naar inloggen
        </Link>
      </p>
    </Page>
  );
}

/** The token from the link in the e-mail: /wachtwoord-herstellen#token=… (a fragment never reaches a server log). */
function tokenFrom(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, "")).get("token")?.trim();
  return token && PasswordResetSchema.shape.token.safeParse(token).success ? token : null;
}

/** /wachtwoord-herstellen#token=…: a new password with the link from the mail. */
export function ResetPasswordPage() {
  const location = useLocation();
  const [token] = useState(() => tokenFrom(location.hash));
  const reset = useResetPassword();
  const [done, setDone] = useState(false);
  const form = useZodForm(NewPasswordSchema, { defaultValues: { password: "", repeat: "" }, shouldFocusError: true });
  const refused = formError(form);
  const submit = form.handleSubmit(async ({ password }) => {
    if (!token) return;
    try {
      await reset.mutateAsync({ body: { token, password } });
      setDone(true);
    } catch (error) {
      applyProblem(toProblem(error), form);
    }
  });
  return (
    <Page title="Nieuw wachtwoord kiezen">
      {!token ? (
        <Alert type="error">
          <p className="utrecht-paragraph">
            Deze link is niet compleet. Open de link uit de e-mail opnieuw, of vraag een nieuwe aan.
          </p>
        </Alert>
      ) : done ? (
        <Alert type="ok">
          <p className="utrecht-paragraph">Je nieuwe wachtwoord is ingesteld. Je bent overal uitgelogd; log opnieuw in.</p>
        </Alert>
      ) : (
        <form className="schakel-form" noValidate onSubmit={submit}>
          {refused ? (
            <Alert type="error">
              <p className="utrecht-paragraph">{refused}</p>
            </Alert>
          ) : null}
          <FormTextField
            form={form}
            name="password"
            label="Nieuw wachtwoord"
            type="password"
            autoComplete="new-password"
            description={passwordHint}
          />
          <FormTextField
            form={form}
            name="repeat"
            label="Herhaal het nieuwe wachtwoord"
            type="password"
            autoComplete="new-password"
          />
          <div className="utrecht-button-group schakel-actions">
            <SubmitButton busy={reset.isPending} busyText="Bezig met opslaan…">
              Wachtwoord opslaan
            </SubmitButton>
          </div>
        </form>
      )}
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to={done ? "/inloggen" : "/wachtwoord-vergeten"}>
          {done ? "Naar inloggen" : "Een nieuwe link aanvragen"}
        </Link>
      </p>
    </Page>
  );
}

const PasswordChangeFormSchema = z
  .object({ currentPassword: z.string().min(1, "Vul je huidige wachtwoord in."), newPassword: z.string(), repeat: z.string() })
  .superRefine(async ({ newPassword, repeat }, ctx) => {
    const problem = await passwordProblem(newPassword);
    if (problem) ctx.addIssue({ code: "custom", path: ["newPassword"], message: problem });
    else if (repeat !== newPassword) {
      ctx.addIssue({
        code: "custom",
        path: ["repeat"],
        message: "De twee wachtwoorden zijn niet hetzelfde. Typ ze nog een keer.",
      });
    }
  });

/** On /instellingen: a new password, with the current one; the other sessions end. */
export function PasswordChangeForm() {
  const change = useChangePassword();
  const [done, setDone] = useState(false);
  const form = useZodForm(PasswordChangeFormSchema, {
    defaultValues: { currentPassword: "", newPassword: "", repeat: "" },
  });
  const refused = formError(form);
  const submit = form.handleSubmit(async ({ currentPassword, newPassword }) => {
    setDone(false);
    try {
      await change.mutateAsync({ body: { currentPassword, newPassword } });
      form.reset();
      setDone(true);
    } catch (error) {
      applyProblem(toProblem(error), form);
    }
  });
  return (
    <form className="schakel-form" noValidate onSubmit={submit}>
      <h2 className="utrecht-heading-2">Wachtwoord wijzigen</h2>
      {done ? (
        <Alert type="ok">
          <p className="utrecht-paragraph">Je wachtwoord is gewijzigd. Op andere apparaten ben je uitgelogd.</p>
        </Alert>
      ) : null}
      {refused ? (
        <Alert type="error">
          <p className="utrecht-paragraph">{refused}</p>
        </Alert>
      ) : null}
      <FormTextField
        form={form}
        name="currentPassword"
        label="Huidig wachtwoord"
        type="password"
        autoComplete="current-password"
      />
      <FormTextField
        form={form}
        name="newPassword"
        label="Nieuw wachtwoord"
        type="password"
        autoComplete="new-password"
        description={passwordHint}
      />
      <FormTextField
        form={form}
        name="repeat"
        label="Herhaal het nieuwe wachtwoord"
        type="password"
        autoComplete="new-password"
      />
      <div className="utrecht-button-group schakel-actions">
        <SubmitButton busy={change.isPending} busyText="Bezig met opslaan…">
          Wachtwoord wijzigen
        </SubmitButton>
      </div>
    </form>
  );
}
