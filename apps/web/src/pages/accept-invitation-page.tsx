import { InvitationAcceptanceSchema, PASSWORD_MIN_LENGTH, passwordProblem } from "@schakel/core";
import { useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { z } from "zod";
import { isProblemType, type Problem, toProblem } from "../api/problem";
import { useAcceptInvitation } from "../api/session";
import { Alert } from "../components/alert";
import { FormTextField, formError } from "../components/form-text-field";
import { Page } from "../components/page";
import { SubmitButton } from "../components/submit-button";
import { applyProblem } from "../forms/apply-problem";
import { useZodForm } from "../forms/use-zod-form";

const passwordField = InvitationAcceptanceSchema.shape.password;

/** A new account: core's password rule, typed twice the same. */
export const NewPasswordSchema = z
  .object({ password: passwordField, repeat: z.string() })
  .superRefine(async ({ password, repeat }, ctx) => {
    const problem = await passwordProblem(password);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    else if (repeat !== password) {
      ctx.addIssue({
        code: "custom",
        path: ["repeat"],
        message: "De twee wachtwoorden zijn niet hetzelfde. Typ ze nog een keer.",
      });
    }
  });

/** An existing account (invited by a second organisation) confirms with its current password. */
export const CurrentPasswordSchema = z.object({ password: passwordField.min(1, "Vul je wachtwoord in.") });

/** The token from the link in the e-mail: /uitnodiging#token=… (a fragment never reaches a server log). */
function tokenFrom(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, "")).get("token")?.trim();
  return token && InvitationAcceptanceSchema.shape.token.safeParse(token).success ? token : null;
}

export function AcceptInvitationPage() {
  const location = useLocation();
  const [token] = useState(() => tokenFrom(location.hash));
  // Where the API said the invitation cannot be used (used, expired, withdrawn): no form any more.
  const [deadEnd, setDeadEnd] = useState<string | null>(null);
  // The API said the address has an account already: its text, and the form for the current password.
  const [existingAccount, setExistingAccount] = useState<string | null>(null);

  if (!token) {
    return (
      <Page title="Uitnodiging">
        <Alert type="error">
          <p className="utrecht-paragraph">
            Deze link is niet compleet. Open de link uit de e-mail opnieuw. Werkt dat niet? Kopieer dan het hele adres uit de
            e-mail naar je browser.
          </p>
        </Alert>
      </Page>
    );
  }
  if (deadEnd) {
    return (
      <Page title="Uitnodiging werkt niet" heading="Deze uitnodiging werkt niet">
        <Alert type="error">
          <p className="utrecht-paragraph">{deadEnd}</p>
        </Alert>
        <p className="utrecht-paragraph">
          Heb je al een account?{" "}
          <Link to="/inloggen" className="utrecht-link utrecht-link--html-a">
            Naar inloggen
          </Link>
        </p>
      </Page>
    );
  }
  if (existingAccount) {
    return (
      <Page title="Uitnodiging accepteren">
        <Alert type="info">
          <p className="utrecht-paragraph">{existingAccount}</p>
        </Alert>
        <CurrentPasswordForm token={token} onDeadEnd={setDeadEnd} />
      </Page>
    );
  }
  return (
    <Page title="Kies je wachtwoord">
      <p className="utrecht-paragraph">Je bent uitgenodigd voor Schakel. Kies een wachtwoord. Daarna ben je meteen ingelogd.</p>
      <NewPasswordForm token={token} onDeadEnd={setDeadEnd} onExistingAccount={setExistingAccount} />
    </Page>
  );
}

interface Outcomes {
  onDeadEnd: (detail: string) => void;
  onExistingAccount?: (detail: string) => void;
}

/** Accepts the invitation; a refusal goes where it belongs (a field, the form, or a dead end). */
function useAccept(token: string, { onDeadEnd, onExistingAccount }: Outcomes) {
  const navigate = useNavigate();
  const accept = useAcceptInvitation();
  async function send(password: string, refused: (problem: Problem) => void) {
    try {
      await accept.mutateAsync({ body: { token, password } });
      navigate("/", { replace: true });
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status === 422 && isProblemType(problem, "existing-account") && onExistingAccount) {
        onExistingAccount(problem.detail);
      } else if (problem.status === 404 || problem.status === 409 || problem.status === 422) {
        onDeadEnd(problem.detail);
      } else {
        refused(problem);
      }
    }
  }
  return { send, busy: accept.isPending };
}

function NewPasswordForm({ token, ...outcomes }: { token: string } & Outcomes) {
  const form = useZodForm(NewPasswordSchema, { defaultValues: { password: "", repeat: "" }, shouldFocusError: true });
  const { send, busy } = useAccept(token, outcomes);
  const refused = formError(form);
  return (
    <form
      className="schakel-form"
      noValidate
      onSubmit={form.handleSubmit(({ password }) => send(password, (problem) => applyProblem(problem, form)))}
    >
      {refused ? (
        <Alert type="error">
          <p className="utrecht-paragraph">{refused}</p>
        </Alert>
      ) : null}
      <FormTextField
        form={form}
        name="password"
        label="Wachtwoord"
        type="password"
        autoComplete="new-password"
        description={`Minstens ${PASSWORD_MIN_LENGTH} tekens. Tip: een zin van een paar woorden is lang en makkelijk te onthouden.`}
      />
      <FormTextField form={form} name="repeat" label="Herhaal wachtwoord" type="password" autoComplete="new-password" />
      <div className="utrecht-button-group schakel-actions">
        <SubmitButton busy={busy} busyText="Bezig…">
          Wachtwoord opslaan en inloggen
        </SubmitButton>
      </div>
    </form>
  );
}

function CurrentPasswordForm({ token, ...outcomes }: { token: string } & Outcomes) {
  const form = useZodForm(CurrentPasswordSchema, { defaultValues: { password: "" }, shouldFocusError: true });
  const { send, busy } = useAccept(token, outcomes);
  const refused = formError(form);
  return (
    <form
      className="schakel-form"
      noValidate
      onSubmit={form.handleSubmit(({ password }) => send(password, (problem) => applyProblem(problem, form)))}
    >
      {refused ? (
        <Alert type="error">
          <p className="utrecht-paragraph">{refused}</p>
        </Alert>
      ) : null}
      <FormTextField form={form} name="password" label="Je wachtwoord" type="password" autoComplete="current-password" />
      <div className="utrecht-button-group schakel-actions">
        <SubmitButton busy={busy} busyText="Bezig…">
          Uitnodiging accepteren
        </SubmitButton>
      </div>
    </form>
  );
}
