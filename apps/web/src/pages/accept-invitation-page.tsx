import { PASSWORD_MIN_LENGTH, passwordProblem } from "@schakel/core";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { fieldErrors, isProblemType, type Problem, toProblem } from "../api/problem";
import { useAcceptInvitation } from "../api/session";
import { Alert } from "../components/alert";
import { TextField } from "../components/form-field";
import { Page } from "../components/page";

/** The token from the link in the e-mail: /uitnodiging#token=… (a fragment never reaches a server log). */
function tokenFrom(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, "")).get("token");
  return token?.trim() || null;
}

type Field = "password" | "repeat";

export function AcceptInvitationPage() {
  const location = useLocation();
  const [token] = useState(() => tokenFrom(location.hash));
  const [deadEnd, setDeadEnd] = useState<string | null>(null);

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
  return <AcceptInvitationForm token={token} onDeadEnd={setDeadEnd} />;
}

function AcceptInvitationForm({ token, onDeadEnd }: { token: string; onDeadEnd: (detail: string) => void }) {
  const navigate = useNavigate();
  const accept = useAcceptInvitation();
  const busy = accept.isPending;
  // An existing account (invited by a second organisation) confirms with its current password.
  const [existingAccount, setExistingAccount] = useState<string | null>(null);
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const repeatRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (existingAccount) passwordRef.current?.focus();
  }, [existingAccount]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: Partial<Record<Field, string>> = {};
    if (existingAccount) {
      if (!password) found.password = "Vul je wachtwoord in.";
    } else {
      found.password = passwordProblem(password) ?? undefined;
      if (!found.password && repeat !== password) found.repeat = "De twee wachtwoorden zijn niet hetzelfde. Typ ze nog een keer.";
    }
    setErrors(found);
    setFormError(null);
    if (found.password) return passwordRef.current?.focus();
    if (found.repeat) return repeatRef.current?.focus();

    let problem: Problem;
    try {
      await accept.mutateAsync({ body: { token, password } });
      navigate("/", { replace: true });
      return;
    } catch (error) {
      problem = toProblem(error);
    }
    if (problem.status === 422 && isProblemType(problem, "existing-account")) {
      setExistingAccount(problem.detail);
      setPassword("");
      setRepeat("");
      return;
    }
    if (problem.status === 404 || problem.status === 409 || problem.status === 422) {
      onDeadEnd(problem.detail);
      return;
    }
    const byField = fieldErrors(problem);
    if (byField.password) {
      setErrors({ password: byField.password });
      passwordRef.current?.focus();
      return;
    }
    setFormError(problem.detail);
  }

  return (
    <Page title={existingAccount ? "Uitnodiging accepteren" : "Kies je wachtwoord"}>
      {existingAccount ? (
        <Alert type="info">
          <p className="utrecht-paragraph">{existingAccount}</p>
        </Alert>
      ) : (
        <p className="utrecht-paragraph">Je bent uitgenodigd voor Schakel. Kies een wachtwoord. Daarna ben je meteen ingelogd.</p>
      )}
      <form className="schakel-form" noValidate onSubmit={submit}>
        {formError ? (
          <Alert type="error">
            <p className="utrecht-paragraph">{formError}</p>
          </Alert>
        ) : null}
        {existingAccount ? (
          <TextField
            id="uitnodiging-wachtwoord"
            name="password"
            label="Je wachtwoord"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            error={errors.password}
            inputRef={passwordRef}
          />
        ) : (
          <>
            <TextField
              id="uitnodiging-wachtwoord"
              name="password"
              label="Wachtwoord"
              type="password"
              autoComplete="new-password"
              description={`Minstens ${PASSWORD_MIN_LENGTH} tekens. Tip: een zin van een paar woorden is lang en makkelijk te onthouden.`}
              value={password}
              onChange={setPassword}
              error={errors.password}
              inputRef={passwordRef}
            />
            <TextField
              id="uitnodiging-herhaal"
              name="repeat"
              label="Herhaal wachtwoord"
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={setRepeat}
              error={errors.repeat}
              inputRef={repeatRef}
            />
          </>
        )}
        <div className="utrecht-button-group schakel-actions">
          <button type="submit" className="utrecht-button utrecht-button--primary-action" aria-disabled={busy || undefined}>
            {busy ? "Bezig…" : existingAccount ? "Uitnodiging accepteren" : "Wachtwoord opslaan en inloggen"}
          </button>
        </div>
      </form>
    </Page>
  );
}
