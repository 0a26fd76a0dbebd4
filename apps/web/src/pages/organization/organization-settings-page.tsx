import {
  ClosingDayCreateSchema,
  isPastDay,
  OrganizationSettingsFormSchema,
  organizationSettingsFromForm,
  PAST_CLOSING_DAY_MESSAGE,
  roleLabels,
} from "@schakel/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import {
  organizationQueries,
  useCreateClosingDay,
  useDeleteClosingDay,
  useUpdateOrganizationSettings,
} from "../../api/organizations";
import { toProblem } from "../../api/problem";
import type { ClosingDay, Membership } from "../../api/types";
import { Alert, LiveRegion } from "../../components/alert";
import { FormTextField, formError } from "../../components/form-text-field";
import { NotAllowed } from "../../components/not-allowed";
import { Page } from "../../components/page";
import { QueryState } from "../../components/query-state";
import { SubmitButton } from "../../components/submit-button";
import { applyProblem } from "../../forms/apply-problem";
import { useZodForm } from "../../forms/use-zod-form";
import { formatCalendarDay } from "../../lib/format";
import { useSignedIn } from "../../lib/session";
import { FailedMails } from "./failed-mails";

/** /organisatie: the current organisation's intake address and closing days, for its admins. */
export function OrganizationSettingsPage() {
  const { membership } = useSignedIn();
  if (membership?.role !== "admin") {
    return (
      <NotAllowed title="Organisatie">
        Alleen beheerders kunnen het intake-adres en de sluitingsdagen van een organisatie instellen.
        {membership
          ? ` Je bent ${roleLabels[membership.role].toLowerCase()} bij ${membership.organizationName}.`
          : " Je bent geen lid van een organisatie."}{" "}
        Moet er iets veranderen? Vraag het aan een beheerder van je organisatie.
      </NotAllowed>
    );
  }
  return <OrganizationSettings key={membership.organizationId} membership={membership} />;
}

function OrganizationSettings({ membership }: { membership: Membership }) {
  const { organizationId, organizationName } = membership;
  return (
    <Page title="Organisatie" heading={`Instellingen van ${organizationName}`}>
      <section className="schakel-section" aria-labelledby="intake-titel">
        <h2 className="utrecht-heading-2" id="intake-titel">
          Intake-adres
        </h2>
        <p className="utrecht-paragraph">
          Komt er een nieuwe verwijzing binnen die nog niemand heeft opgepakt? Dan krijgt dit adres een e-mail, bijvoorbeeld een
          gedeelde mailbox van jullie intake. De e-mail bevat alleen een link en een kenmerk, nooit gegevens van de inwoner. Is er
          geen intake-adres, dan krijgen de medewerkers van {organizationName} bericht.
        </p>
        <IntakeAddress organizationId={organizationId} />
      </section>

      <section className="schakel-section" aria-labelledby="sluitingsdagen-titel">
        <h2 className="utrecht-heading-2" id="sluitingsdagen-titel">
          Sluitingsdagen
        </h2>
        <p className="utrecht-paragraph">
          Op een sluitingsdag is {organizationName} dicht, bijvoorbeeld een extra vrije dag uit de cao. Die dag telt dan niet als
          werkdag voor de verwijzingen die jullie ontvangen. Feestdagen zoals Goede Vrijdag en 5 mei tellen al vanzelf niet mee.
        </p>
        <ClosingDays organizationId={organizationId} />
      </section>

      <section className="schakel-section" aria-labelledby="mislukte-mail-titel">
        <h2 className="utrecht-heading-2" id="mislukte-mail-titel">
          E-mails die niet aankwamen
        </h2>
        <p className="utrecht-paragraph">
          Soms komt een e-mail van Schakel niet aan, bijvoorbeeld een uitnodiging of een bericht over een nieuwe verwijzing. Hier
          zie je welke e-mails aan {organizationName} of aan jullie medewerkers niet aankwamen. Je ziet nooit de tekst van de
          e-mail. Klopt het adres? Dan kun je de e-mail opnieuw versturen.
        </p>
        <FailedMails organizationId={organizationId} />
      </section>

      <section className="schakel-section" aria-labelledby="koppelingen-titel">
        <h2 className="utrecht-heading-2" id="koppelingen-titel">
          Koppelingen met jullie eigen systemen
        </h2>
        <p className="utrecht-paragraph">
          Werkt {organizationName} met een eigen systeem, zoals een zaaksysteem? Dan kan dat systeem de verwijzingen lezen en
          bijwerken, en bericht krijgen van elke verandering.
        </p>
        <p className="utrecht-paragraph">
          <Link to="/organisatie/koppelingen" className="utrecht-link utrecht-link--html-a">
            Koppelingen (API-tokens): jullie systeem leest en werkt verwijzingen bij
          </Link>
        </p>
        <p className="utrecht-paragraph">
          <Link to="/organisatie/webhooks" className="utrecht-link utrecht-link--html-a">
            Webhooks: bericht aan jullie systeem bij elke verandering
          </Link>
        </p>
      </section>
    </Page>
  );
}

function IntakeAddress({ organizationId }: { organizationId: string }) {
  const query = useQuery(organizationQueries.settings(organizationId));
  return (
    <QueryState query={query} loading="Het intake-adres wordt geladen…">
      {(settings) => (
        <>
          <IntakeAddressForm organizationId={organizationId} current={settings.intakeEmail} />
          <WorkerSecondFactorForm
            organizationId={organizationId}
            intakeEmail={settings.intakeEmail}
            current={settings.requireWorkerSecondFactor}
          />
        </>
      )}
    </QueryState>
  );
}

/** Whether the organisation's workers must sign in with a second factor too (admins always must). */
function WorkerSecondFactorForm({
  organizationId,
  intakeEmail,
  current,
}: {
  organizationId: string;
  intakeEmail: string | null;
  current: boolean;
}) {
  const update = useUpdateOrganizationSettings();
  const [required, setRequired] = useState(current);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <form
      className="schakel-form"
      noValidate
      aria-labelledby="tweede-stap-titel"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(null);
        update.mutate(
          { params: { path: { organizationId } }, body: { intakeEmail, requireWorkerSecondFactor: required } },
          {
            onSuccess: (result) =>
              setSaved(
                result.requireWorkerSecondFactor
                  ? "Opgeslagen. Medewerkers stellen bij hun volgende stap in Schakel een tweede stap in."
                  : "Opgeslagen. Voor medewerkers is de tweede stap niet verplicht.",
              ),
          },
        );
      }}
    >
      <h2 id="tweede-stap-titel" className="utrecht-heading-2">
        Tweede stap bij inloggen
      </h2>
      <p className="utrecht-paragraph">
        Beheerders en netwerkcoördinatoren loggen altijd in met een code uit een authenticator-app. Hier kies je of dat ook voor
        de medewerkers van je organisatie geldt.
      </p>
      <LiveRegion>{saved ? <Alert type="ok">{saved}</Alert> : null}</LiveRegion>
      {update.error ? (
        <Alert type="error">
          <p className="utrecht-paragraph">{toProblem(update.error).detail}</p>
        </Alert>
      ) : null}
      <div className="utrecht-form-field utrecht-form-field--checkbox schakel-check">
        <div className="utrecht-form-field__input">
          <input
            id="require-worker-second-factor"
            type="checkbox"
            className="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
            checked={required}
            onChange={(event) => setRequired(event.target.checked)}
          />
        </div>
        <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
          <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor="require-worker-second-factor">
            Ook medewerkers moeten een tweede stap gebruiken
          </label>
        </div>
      </div>
      <div className="utrecht-button-group schakel-actions">
        <SubmitButton busy={update.isPending} busyText="Bezig met opslaan…">
          Tweede stap opslaan
        </SubmitButton>
      </div>
    </form>
  );
}

function IntakeAddressForm({ organizationId, current }: { organizationId: string; current: string | null }) {
  const form = useZodForm(OrganizationSettingsFormSchema, { defaultValues: { intakeEmail: current ?? "" } });
  const update = useUpdateOrganizationSettings();
  const [saved, setSaved] = useState<string | null>(null);
  const refused = formError(form);

  const submit = form.handleSubmit(async (values) => {
    setSaved(null);
    try {
      const result = await update.mutateAsync({
        params: { path: { organizationId } },
        body: organizationSettingsFromForm(values),
      });
      form.reset({ intakeEmail: result.intakeEmail ?? "" });
      setSaved(
        result.intakeEmail
          ? `Opgeslagen. Nieuwe verwijzingen gaan nu naar ${result.intakeEmail}.`
          : "Opgeslagen. Er is geen intake-adres: de medewerkers krijgen bericht van nieuwe verwijzingen.",
      );
    } catch (error) {
      applyProblem(toProblem(error), form);
    }
  });

  return (
    <form className="schakel-form" noValidate onSubmit={submit} aria-labelledby="intake-titel">
      <LiveRegion>{saved ? <Alert type="ok">{saved}</Alert> : null}</LiveRegion>
      {refused ? (
        <Alert type="error">
          <p className="utrecht-paragraph">{refused}</p>
        </Alert>
      ) : null}
      <FormTextField
        form={form}
        name="intakeEmail"
        label="E-mailadres van de intake"
        type="email"
        autoComplete="off"
        description="Laat leeg als er geen gedeelde mailbox is."
      />
      <div className="utrecht-button-group schakel-actions">
        <SubmitButton busy={update.isPending} busyText="Bezig met opslaan…">
          Intake-adres opslaan
        </SubmitButton>
      </div>
    </form>
  );
}

/** Core's rule for a closing day, plus core's rule that it may not lie in the past (checked again by the API). */
const closingDayForm = ClosingDayCreateSchema.refine((value) => !isPastDay(value.day, new Date()), {
  path: ["day"],
  message: PAST_CLOSING_DAY_MESSAGE,
});

function ClosingDays({ organizationId }: { organizationId: string }) {
  const query = useQuery(organizationQueries.closingDays(organizationId));
  const remove = useDeleteClosingDay();
  const [notice, setNotice] = useState<{ type: "ok" | "error"; text: string } | null>(null);

  async function removeDay(day: ClosingDay) {
    setNotice(null);
    try {
      await remove.mutateAsync({ params: { path: { organizationId, day: day.day } } });
      setNotice({ type: "ok", text: `${formatCalendarDay(day.day)} is geen sluitingsdag meer.` });
    } catch (error) {
      setNotice({ type: "error", text: toProblem(error).detail });
    }
  }

  return (
    <>
      <LiveRegion>{notice?.type === "ok" ? <Alert type="ok">{notice.text}</Alert> : null}</LiveRegion>
      {notice?.type === "error" ? <Alert type="error">{notice.text}</Alert> : null}
      <QueryState
        query={query}
        loading="De sluitingsdagen worden geladen…"
        isEmpty={(data) => data.data.length === 0}
        empty={<p className="utrecht-paragraph">Er zijn nog geen sluitingsdagen.</p>}
      >
        {(data) => (
          <ul className="schakel-closing-days">
            {data.data.map((day) => {
              const past = isPastDay(day.day, new Date());
              return (
                <li key={day.day} className="schakel-closing-days__item">
                  <span>
                    <strong>{formatCalendarDay(day.day)}</strong>
                    {day.label ? `: ${day.label}` : null}
                    {past ? <span className="schakel-muted"> (voorbij)</span> : null}
                  </span>
                  <button
                    type="button"
                    className="utrecht-button utrecht-button--secondary-action"
                    aria-disabled={remove.isPending || undefined}
                    onClick={() => {
                      if (!remove.isPending) void removeDay(day);
                    }}
                  >
                    Verwijderen<span className="schakel-visually-hidden"> {formatCalendarDay(day.day)}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </QueryState>
      <h3 className="utrecht-heading-3">Sluitingsdag toevoegen</h3>
      <AddClosingDayForm organizationId={organizationId} onAdded={(text) => setNotice({ type: "ok", text })} />
    </>
  );
}

const emptyDay = { day: "", label: "" };

function AddClosingDayForm({ organizationId, onAdded }: { organizationId: string; onAdded: (text: string) => void }) {
  const form = useZodForm(closingDayForm, { defaultValues: emptyDay });
  const create = useCreateClosingDay();
  const refused = formError(form);

  const submit = form.handleSubmit(async (body) => {
    try {
      const added = await create.mutateAsync({ params: { path: { organizationId } }, body });
      form.reset(emptyDay);
      onAdded(`${formatCalendarDay(added.day)} is toegevoegd als sluitingsdag.`);
    } catch (error) {
      applyProblem(toProblem(error), form);
    }
  });

  return (
    <form className="schakel-form" noValidate onSubmit={submit} aria-label="Sluitingsdag toevoegen">
      {refused ? (
        <Alert type="error">
          <p className="utrecht-paragraph">{refused}</p>
        </Alert>
      ) : null}
      <FormTextField form={form} name="day" label="Datum" type="date" autoComplete="off" />
      <FormTextField
        form={form}
        name="label"
        label="Wat voor dag is het?"
        autoComplete="off"
        description="Bijvoorbeeld: studiedag, of vrije dag uit de cao."
      />
      <div className="utrecht-button-group schakel-actions">
        <SubmitButton busy={create.isPending} busyText="Bezig met toevoegen…">
          Sluitingsdag toevoegen
        </SubmitButton>
      </div>
    </form>
  );
}
