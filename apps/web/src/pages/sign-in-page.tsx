import { LoginSchema } from "@schakel/core";
import { useState } from "react";
import { Link, Navigate, useLocation, useNavigate } from "react-router";
import { toProblem } from "../api/problem";
import { needsSecondFactor, useSignIn } from "../api/session";
import { Alert } from "../components/alert";
import { FormTextField, formError } from "../components/form-text-field";
import { Page } from "../components/page";
import { SecondFactorForm } from "../components/second-factor-form";
import { SubmitButton } from "../components/submit-button";
import { applyProblem } from "../forms/apply-problem";
import { useZodForm } from "../forms/use-zod-form";
import { useSession } from "../lib/session";

/** Where to go after signing in: the page the user came from, if it is one of ours. */
function returnPath(state: unknown): string {
  if (typeof state !== "object" || state === null || !("from" in state)) return "/";
  const from = state.from;
  if (typeof from !== "string" || !from.startsWith("/") || from.startsWith("//") || from.startsWith("/inloggen")) return "/";
  return from;
}

export function SignInPage() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const [awaitingCode, setAwaitingCode] = useState(false);
  const form = useZodForm(LoginSchema, { defaultValues: { email: "", password: "" }, shouldFocusError: true });

  const target = returnPath(location.state);
  if (session.state.status === "signed-in" && !signIn.isPending) return <Navigate to={target} replace />;

  const reason = session.state.status === "signed-out" ? session.state.reason : "none";
  const refused = formError(form);

  const submit = form.handleSubmit(async (body) => {
    try {
      const answer = await signIn.mutateAsync({ body });
      if (needsSecondFactor(answer)) setAwaitingCode(true);
      else navigate(target, { replace: true });
    } catch (error) {
      // What was typed stays; a refusal about a field lands on it, any other above the form.
      applyProblem(toProblem(error), form);
    }
  });

  if (awaitingCode) {
    return (
      <Page title="Inloggen">
        <p className="utrecht-paragraph">
          Je wachtwoord klopt. Open je authenticator-app en vul de code in die bij Schakel staat.
        </p>
        <SecondFactorForm onSignedIn={() => navigate(target, { replace: true })} />
      </Page>
    );
  }

  return (
    <Page title="Inloggen">
      {reason === "signed-out" && !refused ? (
        <Alert type="ok">
          <p className="utrecht-paragraph">Je bent uitgelogd.</p>
        </Alert>
      ) : null}
      {reason === "expired" && !refused ? (
        <Alert type="info">
          <p className="utrecht-paragraph">Je bent niet meer ingelogd. Log opnieuw in om verder te gaan.</p>
        </Alert>
      ) : null}
      <p className="utrecht-paragraph">Log in met het e-mailadres en wachtwoord van je Schakel-account.</p>
      <form className="schakel-form" noValidate onSubmit={submit}>
        {refused ? (
          <Alert type="error">
            <p className="utrecht-paragraph">{refused}</p>
          </Alert>
        ) : null}
        <FormTextField form={form} name="email" label="E-mailadres" type="email" autoComplete="username" />
        <FormTextField form={form} name="password" label="Wachtwoord" type="password" autoComplete="current-password" />
        <div className="utrecht-button-group schakel-actions">
          <SubmitButton busy={signIn.isPending} busyText="Bezig met inloggen…">
            Inloggen
          </SubmitButton>
        </div>
      </form>
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to="/wachtwoord-vergeten">
          Wachtwoord vergeten?
        </Link>
      </p>
      <p className="utrecht-paragraph">Nog geen account? Neem contact op met de beheerder van je organisatie.</p>
    </Page>
  );
}
