import { type FormEvent, useRef, useState } from "react";
import { Navigate, useLocation, useNavigate } from "react-router";
import { fieldErrors, type Problem, toProblem } from "../api/problem";
import { useSignIn } from "../api/session";
import { Alert } from "../components/alert";
import { TextField } from "../components/form-field";
import { Page } from "../components/page";
import { useSession } from "../lib/session";

type Field = "email" | "password";

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
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const signIn = useSignIn();
  const busy = signIn.isPending;
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const target = returnPath(location.state);
  if (session.state.status === "signed-in" && !busy) return <Navigate to={target} replace />;

  const reason = session.state.status === "signed-out" ? session.state.reason : "none";

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: Partial<Record<Field, string>> = {};
    if (!email.trim()) found.email = "Vul je e-mailadres in.";
    if (!password) found.password = "Vul je wachtwoord in.";
    setErrors(found);
    setFormError(null);
    if (found.email) return emailRef.current?.focus();
    if (found.password) return passwordRef.current?.focus();

    let problem: Problem;
    try {
      await signIn.mutateAsync({ body: { email: email.trim(), password } });
      navigate(target, { replace: true });
      return;
    } catch (error) {
      problem = toProblem(error);
    }
    const byField = fieldErrors(problem);
    const fieldErrorsFound = { email: byField.email, password: byField.password };
    if (fieldErrorsFound.email || fieldErrorsFound.password) {
      setErrors(fieldErrorsFound);
      (fieldErrorsFound.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setFormError(problem.detail);
    setPassword("");
  }

  return (
    <Page title="Inloggen">
      {reason === "signed-out" && !formError ? (
        <Alert type="ok">
          <p className="utrecht-paragraph">Je bent uitgelogd.</p>
        </Alert>
      ) : null}
      {reason === "expired" && !formError ? (
        <Alert type="info">
          <p className="utrecht-paragraph">Je bent niet meer ingelogd. Log opnieuw in om verder te gaan.</p>
        </Alert>
      ) : null}
      <p className="utrecht-paragraph">Log in met het e-mailadres en wachtwoord van je Schakel-account.</p>
      <form className="schakel-form" noValidate onSubmit={submit}>
        {formError ? (
          <Alert type="error">
            <p className="utrecht-paragraph">{formError}</p>
          </Alert>
        ) : null}
        <TextField
          id="inloggen-email"
          name="email"
          label="E-mailadres"
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
          error={errors.email}
          inputRef={emailRef}
        />
        <TextField
          id="inloggen-wachtwoord"
          name="password"
          label="Wachtwoord"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={errors.password}
          inputRef={passwordRef}
        />
        <div className="utrecht-button-group schakel-actions">
          <button type="submit" className="utrecht-button utrecht-button--primary-action" aria-disabled={busy || undefined}>
            {busy ? "Bezig met inloggen…" : "Inloggen"}
          </button>
        </div>
      </form>
      <p className="utrecht-paragraph">
        Nog geen account, of wachtwoord vergeten? Neem contact op met de beheerder van je organisatie.
      </p>
    </Page>
  );
}
