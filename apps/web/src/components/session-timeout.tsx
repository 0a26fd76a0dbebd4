import { LoginSchema, SESSION_WARNING_MS } from "@schakel/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { $api, onActivity } from "../api/client";
import { toProblem } from "../api/problem";
import { type Me, needsSecondFactor } from "../api/session";
import { sessionExpiryQueries } from "../api/session-expiry";
import { applyProblem } from "../forms/apply-problem";
import { fieldId } from "../forms/error-summary-items";
import { FormErrorSummary } from "../forms/form-error-summary";
import { useZodForm } from "../forms/use-zod-form";
import { FormField } from "./form-field";
import { SecondFactorForm } from "./second-factor-form";
import { SubmitButton } from "./submit-button";
import "./dialog.css";

/** After a use, look again at the expiry at most this often (a use may have extended it). */
const ACTIVITY_RECHECK_MS = 10_000;

const passwordSchema = LoginSchema.pick({ password: true });

/**
 * Keeps a signed-in user from losing work to the session's end (WCAG 2.2.1): two minutes ahead a
 * dialog offers "Blijf ingelogd"; when the session has ended (or any request got a 401) a sign-in
 * dialog opens over the page, and after signing in the page goes on where it was — every query is
 * fetched again, and whatever was typed is still in its form.
 */
export function SessionTimeout({
  email,
  expired,
  onSignedIn,
  onSignOut,
}: {
  email: string;
  /** The app learnt that the session has ended (a 401). */
  expired: boolean;
  onSignedIn: (me: Me) => void;
  onSignOut: () => void;
}) {
  const queryClient = useQueryClient();
  const status = useQuery({ ...sessionExpiryQueries.status(), enabled: !expired });
  const now = useNow(status.data ? Date.parse(status.data.expiresAt) : null);

  useEffect(() => {
    let last = 0;
    return onActivity(() => {
      if (Date.now() - last < ACTIVITY_RECHECK_MS) return;
      last = Date.now();
      void queryClient.invalidateQueries({ queryKey: sessionExpiryQueries.status().queryKey });
    });
  }, [queryClient]);

  const expiresAt = status.data ? Date.parse(status.data.expiresAt) : null;
  const absolute = status.data ? Date.parse(status.data.absoluteExpiresAt) === expiresAt : false;
  const left = expiresAt === null ? null : expiresAt - now;
  const phase =
    expired || (left !== null && left <= 0) ? "expired" : left !== null && left <= SESSION_WARNING_MS ? "warning" : "active";

  if (phase === "expired") return <SignInAgain email={email} onSignedIn={onSignedIn} onSignOut={onSignOut} />;
  if (phase === "warning" && left !== null && expiresAt !== null) {
    return <EndingSoon left={left} expiresAt={expiresAt} absolute={absolute} onSignOut={onSignOut} />;
  }
  return null;
}

/** The current time, refreshed every second while the end is near and once when it comes near. */
function useNow(expiresAt: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (expiresAt === null) return;
    const warnAt = expiresAt - SESSION_WARNING_MS;
    const current = Date.now();
    setNow(current);
    if (current < warnAt) {
      const timer = setTimeout(() => setNow(Date.now()), warnAt - current);
      return () => clearTimeout(timer);
    }
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, [expiresAt]);
  return now;
}

function ModalDialog({
  labelledBy,
  describedBy,
  children,
}: {
  labelledBy: string;
  describedBy: string;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="schakel-dialog"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      // Escape does not close it: the question needs an answer.
      onCancel={(e) => e.preventDefault()}
    >
      {children}
    </dialog>
  );
}

function minutesAndSeconds(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  const minutes = `${m} ${m === 1 ? "minuut" : "minuten"}`;
  const secs = `${s} ${s === 1 ? "seconde" : "seconden"}`;
  if (m === 0) return secs;
  return s === 0 ? minutes : `${minutes} en ${secs}`;
}

function EndingSoon({
  left,
  expiresAt,
  absolute,
  onSignOut,
}: {
  left: number;
  expiresAt: number;
  absolute: boolean;
  onSignOut: () => void;
}) {
  const titleId = useId();
  const textId = useId();
  const queryClient = useQueryClient();
  const stay = $api.useMutation("get", "/auth/session", {
    onSuccess: (data) => queryClient.setQueryData(sessionExpiryQueries.status().queryKey, data),
  });
  const time = new Intl.DateTimeFormat("nl-NL", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Amsterdam" }).format(
    expiresAt,
  );
  return (
    <ModalDialog labelledBy={titleId} describedBy={textId}>
      <h2 id={titleId} className="utrecht-heading-2">
        Je wordt bijna uitgelogd
      </h2>
      {absolute ? (
        <p id={textId} className="utrecht-paragraph">
          Je bent bijna 12 uur ingelogd. Om {time} word je uitgelogd; langer kan niet. Sla je werk op en log daarna opnieuw in.
        </p>
      ) : (
        <p id={textId} className="utrecht-paragraph">
          Je hebt een tijd niets gedaan in Schakel. Over <span className="schakel-nowrap">{minutesAndSeconds(left)}</span> word je
          voor de veiligheid uitgelogd (om {time}).
        </p>
      )}
      {stay.isError ? <p className="utrecht-paragraph schakel-dialog__error">{toProblem(stay.error).detail}</p> : null}
      <p className="utrecht-button-group">
        {absolute ? null : (
          <button
            type="button"
            className="utrecht-button utrecht-button--primary-action"
            aria-disabled={stay.isPending || undefined}
            onClick={() => {
              if (!stay.isPending) stay.mutate({});
            }}
          >
            {stay.isPending ? "Bezig…" : "Blijf ingelogd"}
          </button>
        )}
        <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={onSignOut}>
          Nu uitloggen
        </button>
      </p>
    </ModalDialog>
  );
}

function SignInAgain({ email, onSignedIn, onSignOut }: { email: string; onSignedIn: (me: Me) => void; onSignOut: () => void }) {
  const titleId = useId();
  const textId = useId();
  const queryClient = useQueryClient();
  const form = useZodForm(passwordSchema, { defaultValues: { password: "" } });
  const [awaitingCode, setAwaitingCode] = useState(false);
  const signedIn = (me: Me) => {
    onSignedIn(me);
    // Everything the page showed is fetched again; what was typed stays in its form.
    void queryClient.invalidateQueries();
  };
  const login = $api.useMutation("post", "/auth/login", {
    onSuccess: (answer) => (needsSecondFactor(answer) ? setAwaitingCode(true) : signedIn(answer)),
  });
  if (awaitingCode) {
    return (
      <ModalDialog labelledBy={titleId} describedBy={textId}>
        <h2 id={titleId} className="utrecht-heading-2">
          Je bent uitgelogd
        </h2>
        <p id={textId} className="utrecht-paragraph">
          Vul de code uit je authenticator-app in om verder te gaan als <strong>{email}</strong>.
        </p>
        <SecondFactorForm onSignedIn={signedIn} />
      </ModalDialog>
    );
  }
  return (
    <ModalDialog labelledBy={titleId} describedBy={textId}>
      <h2 id={titleId} className="utrecht-heading-2">
        Je bent uitgelogd
      </h2>
      <p id={textId} className="utrecht-paragraph">
        Je was een tijd niet actief in Schakel, daarom ben je voor de veiligheid uitgelogd. Log opnieuw in om verder te gaan. Wat
        je hebt ingevuld blijft staan.
      </p>
      <form
        noValidate
        onSubmit={form.handleSubmit(async ({ password }) => {
          try {
            await login.mutateAsync({ body: { email, password } });
          } catch (error) {
            applyProblem(toProblem(error), form);
          }
        })}
      >
        <FormErrorSummary formState={form.formState} labels={{ password: "Wachtwoord" }} />
        <p className="utrecht-paragraph">
          Inloggen als <strong>{email}</strong>
        </p>
        <FormField id={fieldId("password")} label="Wachtwoord" error={form.formState.errors.password?.message}>
          {({ invalidClass, ...aria }) => (
            <input
              {...aria}
              {...form.register("password")}
              type="password"
              autoComplete="current-password"
              // biome-ignore lint/a11y/noAutofocus: the dialog exists to ask for this one field
              autoFocus
              className={`utrecht-textbox utrecht-textbox--html-input${invalidClass}`}
            />
          )}
        </FormField>
        <p className="utrecht-button-group">
          <SubmitButton busy={login.isPending} busyText="Bezig met inloggen…">
            Inloggen
          </SubmitButton>
          <button type="button" className="utrecht-button utrecht-button--subtle" onClick={onSignOut}>
            Met een ander account inloggen
          </button>
        </p>
      </form>
    </ModalDialog>
  );
}
