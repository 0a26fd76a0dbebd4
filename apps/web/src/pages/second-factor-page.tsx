import { TotpCodeInputSchema } from "@schakel/core";
import QRCode from "qrcode";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { useConfirmTotpEnrolment, useRegenerateRecoveryCodes, useStartTotpEnrolment } from "../api/account";
import { toProblem } from "../api/problem";
import { Alert } from "../components/alert";
import { FormTextField, formError } from "../components/form-text-field";
import { Page } from "../components/page";
import { SubmitButton } from "../components/submit-button";
import { applyProblem } from "../forms/apply-problem";
import { useZodForm } from "../forms/use-zod-form";
import { useSignedIn } from "../lib/session";

/** The secret in groups of four, easier to type over. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

/**
 * /tweede-stap: set up the authenticator app (required for admins and coordinators, and for
 * workers where their organisation says so), and replace the recovery codes later.
 */
export function SecondFactorPage() {
  const { me } = useSignedIn();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  return (
    <Page title="Tweede stap bij inloggen">
      {recoveryCodes ? (
        <RecoveryCodes codes={recoveryCodes} />
      ) : me.secondFactor.enabled ? (
        <Enabled left={me.secondFactor.recoveryCodesLeft} onCodes={setRecoveryCodes} />
      ) : (
        <Enrol required={me.secondFactor.required} onCodes={setRecoveryCodes} />
      )}
    </Page>
  );
}

function Enrol({ required, onCodes }: { required: boolean; onCodes: (codes: string[]) => void }) {
  const start = useStartTotpEnrolment();
  const confirm = useConfirmTotpEnrolment();
  const [qr, setQr] = useState<string | null>(null);
  const form = useZodForm(TotpCodeInputSchema, { defaultValues: { code: "" }, shouldFocusError: true });
  const refused = formError(form);
  const enrolment = start.data;

  useEffect(() => {
    if (enrolment) void QRCode.toDataURL(enrolment.otpauthUri, { margin: 2, width: 220 }).then(setQr);
  }, [enrolment]);

  const submit = form.handleSubmit(async (body) => {
    try {
      onCodes((await confirm.mutateAsync({ body })).recoveryCodes);
    } catch (error) {
      applyProblem(toProblem(error), form);
    }
  });

  return (
    <>
      {required ? (
        <Alert type="info">
          <p className="utrecht-paragraph">
            Voor jouw account is een tweede stap verplicht. Stel die eerst in; daarna kun je Schakel gebruiken.
          </p>
        </Alert>
      ) : null}
      <p className="utrecht-paragraph">
        Met een tweede stap log je in met je wachtwoord én een code uit een authenticator-app op je telefoon (bijvoorbeeld
        Microsoft Authenticator, Google Authenticator of FreeOTP). Zo kan niemand inloggen die alleen je wachtwoord kent.
      </p>
      {!enrolment ? (
        <div className="utrecht-button-group schakel-actions">
          <button
            type="button"
            className="utrecht-button utrecht-button--primary-action"
            disabled={start.isPending}
            onClick={() => start.mutate({})}
          >
            Begin met instellen
          </button>
        </div>
      ) : (
        <form className="schakel-form" noValidate onSubmit={submit}>
          <h2 className="utrecht-heading-2">1. Voeg Schakel toe aan je app</h2>
          <p className="utrecht-paragraph">Scan deze QR-code met de app.</p>
          {qr ? <img src={qr} width={220} height={220} alt="QR-code om Schakel toe te voegen aan je authenticator-app" /> : null}
          <p className="utrecht-paragraph">
            Lukt scannen niet? Kies in de app voor een sleutel invoeren en typ deze sleutel over:{" "}
            <code data-testid="totp-secret">{grouped(enrolment.secret)}</code>
          </p>
          <h2 className="utrecht-heading-2">2. Vul de code uit de app in</h2>
          {refused ? (
            <Alert type="error">
              <p className="utrecht-paragraph">{refused}</p>
            </Alert>
          ) : null}
          <FormTextField
            form={form}
            name="code"
            label="Code uit je authenticator-app"
            autoComplete="one-time-code"
            description="Zes cijfers."
          />
          <div className="utrecht-button-group schakel-actions">
            <SubmitButton busy={confirm.isPending} busyText="Bezig met controleren…">
              Tweede stap aanzetten
            </SubmitButton>
          </div>
        </form>
      )}
      {start.error ? (
        <Alert type="error">
          <p className="utrecht-paragraph">{toProblem(start.error).detail}</p>
        </Alert>
      ) : null}
    </>
  );
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <>
      <Alert type="ok">
        <p className="utrecht-paragraph">De tweede stap staat aan. Vanaf nu vraagt Schakel bij het inloggen ook om een code.</p>
      </Alert>
      <h2 className="utrecht-heading-2">Bewaar je herstelcodes</h2>
      <p className="utrecht-paragraph">
        Ben je je telefoon kwijt? Dan log je in met een van deze codes. Elke code werkt één keer. Bewaar ze op een veilige plek,
        bijvoorbeeld in een wachtwoordkluis of op papier. Je ziet ze maar één keer.
      </p>
      <ul className="utrecht-unordered-list" aria-label="Herstelcodes">
        {codes.map((code) => (
          <li key={code} className="utrecht-unordered-list__item">
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to="/">
          Ik heb de codes bewaard, ga verder
        </Link>
      </p>
    </>
  );
}

function Enabled({ left, onCodes }: { left: number; onCodes: (codes: string[]) => void }) {
  const regenerate = useRegenerateRecoveryCodes();
  const form = useZodForm(TotpCodeInputSchema, { defaultValues: { code: "" } });
  const refused = formError(form);
  const submit = form.handleSubmit(async (body) => {
    try {
      onCodes((await regenerate.mutateAsync({ body })).recoveryCodes);
    } catch (error) {
      applyProblem(toProblem(error), form);
    }
  });
  return (
    <>
      <p className="utrecht-paragraph">
        De tweede stap staat aan: je logt in met je wachtwoord en een code uit je authenticator-app. Je hebt nog {left}{" "}
        {left === 1 ? "herstelcode" : "herstelcodes"}.
      </p>
      <form className="schakel-form" noValidate onSubmit={submit}>
        <h2 className="utrecht-heading-2">Nieuwe herstelcodes</h2>
        <p className="utrecht-paragraph">De oude herstelcodes werken daarna niet meer.</p>
        {refused ? (
          <Alert type="error">
            <p className="utrecht-paragraph">{refused}</p>
          </Alert>
        ) : null}
        <FormTextField form={form} name="code" label="Code uit je authenticator-app" autoComplete="one-time-code" />
        <div className="utrecht-button-group schakel-actions">
          <SubmitButton busy={regenerate.isPending} busyText="Bezig…">
            Maak nieuwe herstelcodes
          </SubmitButton>
        </div>
      </form>
    </>
  );
}
