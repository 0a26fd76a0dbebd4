import {
  consentMethods,
  dataCategoryLabels,
  feedbackLevelLabels,
  feedbackLevels,
  preferredChannelLabels,
  preferredChannels,
  urgencyReasonLabels,
  urgencyReasons,
} from "@schakel/core";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useCreateConsent } from "../../api/consents";
import { toProblem } from "../../api/problem";
import { useCreateReferral } from "../../api/referrals";
import { useCreateResident } from "../../api/residents";
import { serviceQueries } from "../../api/services";
import { Alert } from "../../components/alert";
import { ErrorSummary, type SummaryItem } from "../../components/error-summary";
import { FormField, SelectField } from "../../components/form-field";
import { Page } from "../../components/page";
import { QueryState } from "../../components/query-state";
import type { Service } from "../../lib/api";
import { formatDate, formatDateTime } from "../../lib/format";
import { localToIso, newIdempotencyKey } from "../../lib/referrals";
import { languageName } from "../../lib/services";
import { useSignedIn } from "../../lib/session";
import { isUuid } from "../../lib/use-service";
import { Checkbox, CheckboxGroup, fieldId, Input, optionId, RadioGroup, TextArea } from "../services/form-controls";
import {
  categoriesFor,
  consentBody,
  errorsFromProblem,
  initialValues,
  MOMENT_SLOTS,
  referralBody,
  residentBody,
  stepOf,
  steps,
  validateStep,
  type WizardErrors,
  type WizardValues,
} from "./wizard-state";

const P = "verwijzen";

const methodLabels: Record<(typeof consentMethods)[number], string> = {
  mondeling: "Mondeling",
  schriftelijk: "Schriftelijk (op papier)",
  digitaal: "Digitaal",
};

const LANGUAGES = ["nl", "en", "ar", "tr", "pl", "uk", "ti", "fr", "de", "es", "pap", "so"];

const labels: Record<string, string> = {
  name: "Naam",
  birthYear: "Geboortejaar",
  address: "Straat en huisnummer",
  postcode: "Postcode",
  phone: "Telefoonnummer",
  email: "E-mailadres",
  preferredChannel: "Liefst contact via",
  language: "Taal",
  purpose: "Waarvoor",
  dataCategories: "Gegevens die je mag delen",
  method: "Hoe gegeven",
  feedbackLevel: "Wat je terughoort",
  validUntil: "Geldig tot en met",
  request: "Hulpvraag",
  debts: "Schulden",
  finances: "Inkomen en uitgaven",
  household: "Huishouden",
  urgency: "Spoed",
  urgencyReason: "Waarom spoed",
  safetyFlag: "Veiligheid",
  driegesprekWanted: "Driegesprek",
};

function labelOf(key: string): string {
  const moment = /^moments\.(\d+)$/.exec(key);
  if (moment) return `Moment ${Number(moment[1]) + 1}`;
  return labels[key] ?? "Verwijzing";
}

function targetOf(key: string, values: WizardValues): string {
  switch (key) {
    case "dataCategories":
      return optionId(key, values.dataCategories[0] ?? "contact", P);
    case "method":
    case "feedbackLevel":
    case "urgency":
      return optionId(key, values[key], P);
    case "urgencyReason":
      return optionId(key, urgencyReasons[0], P);
    default:
      return fieldId(key, P);
  }
}

/** /kaart/diensten/:serviceId/verwijzen: the referral wizard, for workers and admins. */
export function ReferPage() {
  const { serviceId = "" } = useParams();
  const query = useQuery({ ...serviceQueries.detail(serviceId), enabled: isUuid(serviceId) });

  const back = (
    <p className="utrecht-paragraph schakel-back">
      <Link to={`/kaart/diensten/${serviceId}`} className="utrecht-link utrecht-link--html-a">
        Terug naar de dienst
      </Link>
    </p>
  );
  if (!isUuid(serviceId)) return <ServiceGone before={back} />;
  return (
    <QueryState
      query={query}
      loading="De dienst wordt geladen…"
      errorFor={(problem) => (problem.status === 404 || problem.status === 400 ? <ServiceGone before={back} /> : null)}
    >
      {(service) => <ReferWizard service={service} before={back} />}
    </QueryState>
  );
}

function ServiceGone({ before }: { before: ReactNode }) {
  return (
    <Page title="Verwijzen" before={before}>
      <Alert type="error">
        <p className="utrecht-paragraph">Deze dienst bestaat niet (meer).</p>
      </Alert>
    </Page>
  );
}

function ReferWizard({ service, before }: { service: Service; before: ReactNode }) {
  const { membership } = useSignedIn();
  const navigate = useNavigate();
  const [values, setValues] = useState<WizardValues>(() => initialValues(service));
  const [step, setStep] = useState(0);
  const [errors, setErrors] = useState<WizardErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const createResident = useCreateResident();
  const createConsent = useCreateConsent();
  const createReferral = useCreateReferral();
  const busy = createResident.isPending || createConsent.isPending || createReferral.isPending;
  const [focus, setFocus] = useState<"heading" | "summary" | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLElement>(null);
  const formErrorRef = useRef<HTMLDivElement>(null);
  // What was already created on an earlier attempt, with the data it was created from: a retry
  // with the same data reuses it, so no second resident or consent is made.
  const created = useRef<{
    resident?: { id: string; from: string };
    consent?: { id: string; from: string };
    key?: { value: string; from: string };
  }>({});

  useEffect(() => {
    if (focus === "heading") headingRef.current?.focus();
    if (focus === "summary") (summaryRef.current ?? formErrorRef.current)?.focus();
    setFocus(null);
  }, [focus]);

  const allowed = categoriesFor(service);
  const canRefer =
    membership &&
    (membership.role === "worker" || membership.role === "admin") &&
    service.acceptsReferrals &&
    service.status === "active";

  if (!membership || !canRefer) {
    return (
      <Page title="Verwijzen" before={before}>
        <Alert type="warning">
          <p className="utrecht-paragraph">
            {!service.acceptsReferrals || service.status !== "active"
              ? "Deze dienst neemt geen verwijzingen via Schakel aan. Neem zelf contact op met de dienst."
              : "Alleen medewerkers en beheerders van een organisatie kunnen verwijzen."}
          </p>
        </Alert>
      </Page>
    );
  }
  const organizationId = membership.organizationId;

  const set = <K extends keyof WizardValues>(key: K, value: WizardValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
  };

  function goTo(next: number) {
    setStep(next);
    setFormError(null);
    setFocus("heading");
  }

  function next() {
    const found = validateStep(step, values);
    setErrors((old) => {
      const kept = Object.fromEntries(Object.entries(old).filter(([k]) => stepOf(k) !== step));
      return { ...kept, ...found };
    });
    if (Object.keys(found).length > 0) {
      setFocus("summary");
      return;
    }
    goTo(step + 1);
  }

  function failAt(found: WizardErrors, message: string | null) {
    setErrors(found);
    setFormError(message);
    const keys = Object.keys(found);
    if (keys.length > 0) {
      const first = Math.min(...keys.map(stepOf));
      setStep(first);
    }
    setFocus("summary");
  }

  async function send() {
    if (busy) return;
    // Every step again: something may have been changed after going back.
    for (let s = 0; s < 4; s++) {
      const found = validateStep(s, values);
      if (Object.keys(found).length > 0) return failAt(found, null);
    }
    setFormError(null);
    const c = created.current;
    let call: "resident" | "consent" | "referral" = "resident";
    try {
      const residentData = residentBody(values, organizationId);
      const residentFrom = JSON.stringify(residentData);
      if (c.resident?.from !== residentFrom) {
        const resident = await createResident.mutateAsync(residentData);
        c.resident = { id: resident.id, from: residentFrom };
        c.consent = undefined;
      }
      const residentId = c.resident.id;

      call = "consent";
      const consentData = consentBody(values, service.organization.id);
      const consentFrom = JSON.stringify(consentData);
      if (c.consent?.from !== consentFrom) {
        const consent = await createConsent.mutateAsync({ residentId, body: consentData });
        c.consent = { id: consent.id, from: consentFrom };
      }
      const consentId = c.consent.id;

      call = "referral";
      const body = referralBody(values, { residentId, consentId, serviceId: service.id });
      const bodyFrom = JSON.stringify(body);
      if (c.key?.from !== bodyFrom) c.key = { value: newIdempotencyKey(), from: bodyFrom };
      const referral = await createReferral.mutateAsync({ idempotencyKey: c.key.value, body });
      navigate(`/verwijzingen/${referral.id}`, { state: { sent: true } });
    } catch (error) {
      const problem = toProblem(error);
      failAt(errorsFromProblem(problem, call, values), problem.detail);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (step < steps.length - 1) next();
    else void send();
  }

  const visibleErrors = Object.entries(errors).filter(([k]) => stepOf(k) === step);
  const summary: SummaryItem[] = visibleErrors.map(([key, message]) => ({
    message,
    label: labelOf(key),
    target: targetOf(key, values),
  }));
  const err = (key: string) => (stepOf(key) === step ? errors[key] : undefined);
  const current = steps[step] ?? steps[0];

  return (
    <Page title={`Verwijzen naar ${service.name}`} heading={`Verwijzen naar ${service.name}`} before={before}>
      <p className="utrecht-paragraph utrecht-paragraph--lead">
        {service.organization.name}. Je verwijst namens {membership.organizationName}.
      </p>
      <nav aria-label="Stappen">
        <ol className="schakel-steps">
          {steps.map((s, i) => (
            <li
              key={s.key}
              className={`schakel-steps__item${i === step ? " schakel-steps__item--current" : ""}${i < step ? " schakel-steps__item--done" : ""}`}
              aria-current={i === step ? "step" : undefined}
            >
              <span className="schakel-visually-hidden">Stap </span>
              <span className="schakel-steps__number">{i + 1}</span> {s.title}
              {i < step ? <span className="schakel-visually-hidden"> (klaar)</span> : null}
            </li>
          ))}
        </ol>
      </nav>
      <form className="schakel-form schakel-form--wide" noValidate onSubmit={submit} aria-labelledby="stap-titel">
        <h2 className="utrecht-heading-2" id="stap-titel" ref={headingRef} tabIndex={-1}>
          Stap {step + 1} van {steps.length}: {current.title}
        </h2>
        <ErrorSummary items={summary} ref={summaryRef} />
        {formError && summary.length === 0 ? (
          <Alert type="error" ref={formErrorRef}>
            <p className="utrecht-paragraph">{formError}</p>
          </Alert>
        ) : null}

        {step === 0 ? (
          <>
            <p className="utrecht-paragraph schakel-hint">
              Vul alleen in wat nodig is. Schakel vraagt geen BSN. Een geboortejaar is genoeg.
            </p>
            <Input
              prefix={P}
              field="name"
              label="Naam"
              value={values.name}
              onChange={(v) => set("name", v)}
              error={err("name")}
            />
            <Input
              prefix={P}
              field="birthYear"
              label="Geboortejaar (niet verplicht)"
              kind="numeric"
              size="short"
              maxLength={4}
              value={values.birthYear}
              onChange={(v) => set("birthYear", v)}
              error={err("birthYear")}
            />
            <Input
              prefix={P}
              field="address"
              label="Straat en huisnummer (niet verplicht)"
              value={values.address}
              onChange={(v) => set("address", v)}
              error={err("address")}
            />
            <Input
              prefix={P}
              field="postcode"
              label="Postcode (niet verplicht)"
              size="medium"
              value={values.postcode}
              onChange={(v) => set("postcode", v)}
              error={err("postcode")}
            />
            <Input
              prefix={P}
              field="phone"
              label="Telefoonnummer (niet verplicht)"
              kind="tel"
              value={values.phone}
              onChange={(v) => set("phone", v)}
              error={err("phone")}
            />
            <Input
              prefix={P}
              field="email"
              label="E-mailadres (niet verplicht)"
              kind="email"
              value={values.email}
              onChange={(v) => set("email", v)}
              error={err("email")}
            />
            <SelectField
              id={fieldId("preferredChannel", P)}
              name="preferredChannel"
              label="Liefst contact via"
              value={values.preferredChannel}
              options={[
                { value: "" as const, label: "Geen voorkeur" },
                ...preferredChannels.map((c) => ({ value: c, label: preferredChannelLabels[c] })),
              ]}
              onChange={(v) => set("preferredChannel", v)}
              error={err("preferredChannel")}
            />
            <SelectField
              id={fieldId("language", P)}
              name="language"
              label="Taal"
              value={values.language}
              options={LANGUAGES.map((code) => ({ value: code, label: languageName(code) }))}
              onChange={(v) => set("language", v)}
              error={err("language")}
            />
          </>
        ) : null}

        {step === 1 ? (
          <>
            <p className="utrecht-paragraph">
              Zonder toestemming van de inwoner kun je niet verwijzen. De toestemming geldt alleen voor{" "}
              <strong>{service.organization.name}</strong>. De inwoner kan de toestemming altijd intrekken.
            </p>
            <Input
              prefix={P}
              field="purpose"
              label="Waarvoor geeft de inwoner toestemming?"
              value={values.purpose}
              onChange={(v) => set("purpose", v)}
              error={err("purpose")}
              maxLength={300}
            />
            <CheckboxGroup
              prefix={P}
              field="dataCategories"
              legend="Welke gegevens mag je delen?"
              description={
                allowed.includes("health")
                  ? "Deel alleen wat nodig is."
                  : "Deel alleen wat nodig is. Gegevens over gezondheid gaan nooit naar schuldhulp."
              }
              options={allowed.map((c) => ({ value: c, label: dataCategoryLabels[c] }))}
              values={values.dataCategories}
              onChange={(v) => set("dataCategories", v)}
              error={err("dataCategories")}
            />
            <RadioGroup
              prefix={P}
              field="method"
              legend="Hoe heeft de inwoner toestemming gegeven?"
              options={consentMethods.map((m) => ({ value: m, label: methodLabels[m] }))}
              value={values.method}
              onChange={(v) => set("method", v)}
              error={err("method")}
            />
            <RadioGroup
              prefix={P}
              field="feedbackLevel"
              legend="Wat mag jij terughoren van de organisatie?"
              description="De inwoner kiest dit."
              options={feedbackLevels.map((f) => ({ value: f, label: feedbackLevelLabels[f] }))}
              value={values.feedbackLevel}
              onChange={(v) => set("feedbackLevel", v)}
              error={err("feedbackLevel")}
            />
            <FormField
              id={fieldId("validUntil", P)}
              label="Toestemming geldig tot en met"
              description="Standaard zes maanden."
              error={err("validUntil")}
            >
              {({ invalidClass, ...aria }) => (
                <input
                  {...aria}
                  type="date"
                  name="validUntil"
                  value={values.validUntil}
                  onChange={(e) => set("validUntil", e.target.value)}
                  className={`utrecht-textbox utrecht-textbox--html-input schakel-textbox--medium${invalidClass}`}
                />
              )}
            </FormField>
          </>
        ) : null}

        {step === 2 ? (
          <>
            <TextArea
              prefix={P}
              field="request"
              label="Wat is de hulpvraag?"
              description="Kort en zakelijk. Schrijf geen gegevens over gezondheid op."
              value={values.request}
              onChange={(v) => set("request", v)}
              error={err("request")}
              maxLength={2000}
            />
            {values.dataCategories.includes("debts") ? (
              <TextArea
                prefix={P}
                field="debts"
                label="Schulden (niet verplicht)"
                description="Bijvoorbeeld: ongeveer € 2.500 bij de zorgverzekeraar."
                rows={2}
                value={values.debts}
                onChange={(v) => set("debts", v)}
                error={err("debts")}
                maxLength={500}
              />
            ) : null}
            {values.dataCategories.includes("finances") ? (
              <TextArea
                prefix={P}
                field="finances"
                label="Inkomen en uitgaven (niet verplicht)"
                rows={2}
                value={values.finances}
                onChange={(v) => set("finances", v)}
                error={err("finances")}
                maxLength={500}
              />
            ) : null}
            {values.dataCategories.includes("household") ? (
              <TextArea
                prefix={P}
                field="household"
                label="Huishouden (niet verplicht)"
                rows={2}
                value={values.household}
                onChange={(v) => set("household", v)}
                error={err("household")}
                maxLength={500}
              />
            ) : null}
            <RadioGroup
              prefix={P}
              field="urgency"
              legend="Heeft het spoed?"
              options={[
                { value: "normal" as const, label: "Nee" },
                { value: "urgent" as const, label: "Ja, er dreigt iets acuut" },
              ]}
              value={values.urgency}
              onChange={(v) => set("urgency", v)}
              error={err("urgency")}
            />
            {values.urgency === "urgent" ? (
              <RadioGroup
                prefix={P}
                field="urgencyReason"
                legend="Waarom heeft het spoed?"
                options={urgencyReasons.map((r) => ({ value: r, label: urgencyReasonLabels[r] }))}
                value={values.urgencyReason as (typeof urgencyReasons)[number]}
                onChange={(v) => set("urgencyReason", v)}
                error={err("urgencyReason")}
              />
            ) : null}
            {values.dataCategories.includes("safety") ? (
              <Checkbox
                prefix={P}
                field="safetyFlag"
                label="Overleg eerst met mij voor een huisbezoek"
                description="De organisatie ziet alleen dit, nooit de reden."
                checked={values.safetyFlag}
                onChange={(v) => set("safetyFlag", v)}
              />
            ) : null}
          </>
        ) : null}

        {step === 3 ? (
          <>
            <p className="utrecht-paragraph">
              In een driegesprek praten de inwoner, jij en {service.organization.name} samen. Zo draag je de inwoner warm over.
            </p>
            <Checkbox
              prefix={P}
              field="driegesprekWanted"
              label="Ik wil een driegesprek"
              checked={values.driegesprekWanted}
              onChange={(v) => set("driegesprekWanted", v)}
            />
            {values.driegesprekWanted ? (
              <fieldset className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset schakel-fieldset">
                <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
                  Momenten die jij en de inwoner kunnen (niet verplicht)
                </legend>
                {Array.from({ length: MOMENT_SLOTS }, (_, i) => (
                  <FormField
                    // biome-ignore lint/suspicious/noArrayIndexKey: fixed slots
                    key={i}
                    id={fieldId(`moments.${i}`, P)}
                    label={`Moment ${i + 1}`}
                    error={err(`moments.${i}`)}
                  >
                    {({ invalidClass, ...aria }) => (
                      <input
                        {...aria}
                        type="datetime-local"
                        name={`moments.${i}`}
                        value={values.moments[i] ?? ""}
                        onChange={(e) =>
                          setValues((v) => ({ ...v, moments: v.moments.map((m, j) => (j === i ? e.target.value : m)) }))
                        }
                        className={`utrecht-textbox utrecht-textbox--html-input${invalidClass}`}
                      />
                    )}
                  </FormField>
                ))}
              </fieldset>
            ) : null}
          </>
        ) : null}

        {step === 4 ? <Review values={values} service={service} goTo={goTo} /> : null}

        <div className="utrecht-button-group schakel-actions schakel-wizard-buttons">
          {step > 0 ? (
            <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => goTo(step - 1)}>
              Vorige stap
            </button>
          ) : null}
          {step < steps.length - 1 ? (
            <button type="submit" className="utrecht-button utrecht-button--primary-action">
              Volgende stap
            </button>
          ) : (
            <button type="submit" className="utrecht-button utrecht-button--primary-action" aria-disabled={busy || undefined}>
              {busy ? "Verwijzing wordt verstuurd…" : "Verwijzing versturen"}
            </button>
          )}
        </div>
        <p className="utrecht-paragraph" role="status">
          {busy ? "Bezig met versturen…" : ""}
        </p>
      </form>
    </Page>
  );
}

function ReviewRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="schakel-detail-list__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Review({ values, service, goTo }: { values: WizardValues; service: Service; goTo: (step: number) => void }) {
  const change = (step: number, what: string) => (
    <button type="button" className="utrecht-button utrecht-button--subtle schakel-link-button" onClick={() => goTo(step)}>
      Wijzig {what}
    </button>
  );
  const moments = values.moments.map(localToIso).filter((m): m is string => m !== null);
  return (
    <>
      <p className="utrecht-paragraph">
        Controleer de verwijzing naar <strong>{service.name}</strong>. {service.organization.name} ziet alleen de gegevens
        waarvoor de inwoner toestemming gaf.
      </p>
      <h3 className="utrecht-heading-3">Inwoner</h3>
      <dl className="schakel-detail-list">
        <ReviewRow label="Naam">{values.name}</ReviewRow>
        {values.birthYear ? <ReviewRow label="Geboortejaar">{values.birthYear}</ReviewRow> : null}
        {values.address || values.postcode ? (
          <ReviewRow label="Adres">{[values.address, values.postcode].filter(Boolean).join(", ")}</ReviewRow>
        ) : null}
        {values.phone ? <ReviewRow label="Telefoon">{values.phone}</ReviewRow> : null}
        {values.email ? <ReviewRow label="E-mail">{values.email}</ReviewRow> : null}
        <ReviewRow label="Liefst contact via">
          {values.preferredChannel ? preferredChannelLabels[values.preferredChannel] : "Geen voorkeur"}
        </ReviewRow>
        <ReviewRow label="Taal">{languageName(values.language)}</ReviewRow>
      </dl>
      <p className="utrecht-paragraph">{change(0, "inwoner")}</p>
      <h3 className="utrecht-heading-3">Toestemming</h3>
      <dl className="schakel-detail-list">
        <ReviewRow label="Voor">{service.organization.name}</ReviewRow>
        <ReviewRow label="Waarvoor">{values.purpose}</ReviewRow>
        <ReviewRow label="Gegevens">
          <ul className="utrecht-unordered-list schakel-compact-list">
            {values.dataCategories.map((c) => (
              <li key={c}>{dataCategoryLabels[c]}</li>
            ))}
          </ul>
        </ReviewRow>
        <ReviewRow label="Hoe gegeven">{methodLabels[values.method]}</ReviewRow>
        <ReviewRow label="Jij hoort terug">{feedbackLevelLabels[values.feedbackLevel]}</ReviewRow>
        <ReviewRow label="Geldig tot en met">{values.validUntil ? formatDate(values.validUntil) : ""}</ReviewRow>
      </dl>
      <p className="utrecht-paragraph">{change(1, "toestemming")}</p>
      <h3 className="utrecht-heading-3">Hulpvraag en urgentie</h3>
      <dl className="schakel-detail-list">
        <ReviewRow label="Hulpvraag">
          <span className="schakel-text">{values.request}</span>
        </ReviewRow>
        {values.dataCategories.includes("debts") && values.debts ? <ReviewRow label="Schulden">{values.debts}</ReviewRow> : null}
        {values.dataCategories.includes("finances") && values.finances ? (
          <ReviewRow label="Inkomen en uitgaven">{values.finances}</ReviewRow>
        ) : null}
        {values.dataCategories.includes("household") && values.household ? (
          <ReviewRow label="Huishouden">{values.household}</ReviewRow>
        ) : null}
        <ReviewRow label="Spoed">
          {values.urgency === "urgent"
            ? `Ja${values.urgencyReason ? `: ${urgencyReasonLabels[values.urgencyReason].toLowerCase()}` : ""}`
            : "Nee"}
        </ReviewRow>
        {values.safetyFlag && values.dataCategories.includes("safety") ? (
          <ReviewRow label="Veiligheid">Eerst overleggen met de verwijzer</ReviewRow>
        ) : null}
      </dl>
      <p className="utrecht-paragraph">{change(2, "hulpvraag")}</p>
      <h3 className="utrecht-heading-3">Driegesprek</h3>
      <dl className="schakel-detail-list">
        <ReviewRow label="Driegesprek">{values.driegesprekWanted ? "Ja" : "Nee"}</ReviewRow>
        {values.driegesprekWanted && moments.length > 0 ? (
          <ReviewRow label="Voorgestelde momenten">
            <ul className="utrecht-unordered-list schakel-compact-list">
              {moments.map((m) => (
                <li key={m}>{formatDateTime(m)}</li>
              ))}
            </ul>
          </ReviewRow>
        ) : null}
      </dl>
      <p className="utrecht-paragraph">{change(3, "driegesprek")}</p>
    </>
  );
}
