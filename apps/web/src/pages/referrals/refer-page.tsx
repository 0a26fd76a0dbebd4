import { urgencyReasons } from "@schakel/core";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { useCreateConsent } from "../../api/consents";
import { toProblem } from "../../api/problem";
import { useCreateReferral } from "../../api/referrals";
import { useCreateResident } from "../../api/residents";
import { serviceQueries } from "../../api/services";
import { Alert } from "../../components/alert";
import { ErrorSummary, type SummaryItem } from "../../components/error-summary";
import { Page } from "../../components/page";
import { QueryState } from "../../components/query-state";
import type { Service } from "../../lib/api";
import { newIdempotencyKey } from "../../lib/referrals";
import { useSignedIn } from "../../lib/session";
import { isUuid } from "../../lib/use-service";
import { fieldId, optionId } from "../services/form-controls";
import {
  categoriesFor,
  consentBody,
  errorsFromProblem,
  initialValues,
  referralBody,
  residentBody,
  STEP_PARAM,
  stepFromParam,
  stepOf,
  steps,
  validateStep,
  type WizardErrors,
  type WizardValues,
} from "./wizard-state";
import { ConsentStep, DriegesprekStep, RequestStep, ResidentStep, Review, type StepProps } from "./wizard-steps";

const P = "verwijzen";

const labels: Record<string, string> = {
  name: "Naam",
  birthYear: "Geboortejaar",
  address: "Straat en huisnummer",
  postcode: "Postcode",
  phone: "Telefoonnummer",
  email: "E-mailadres",
  preferredChannel: "Liefst contact via",
  reachableViaSender: "Bereikbaar via mij",
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
  const [params, setParams] = useSearchParams();
  const step = stepFromParam(params.get(STEP_PARAM));
  // Each step is an entry in the history (push), so the browser's Back and Forward move between steps.
  const setStep = useCallback(
    (next: number) =>
      setParams((old) => {
        const to = new URLSearchParams(old);
        to.set(STEP_PARAM, steps[next]?.key ?? steps[0].key);
        return to;
      }),
    [setParams],
  );
  // A new step, by a button or by Back and Forward: focus on its heading, so it is read out.
  const shownStep = useRef(step);
  const [errors, setErrors] = useState<WizardErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const createResident = useCreateResident();
  const createConsent = useCreateConsent();
  const createReferral = useCreateReferral();
  const busy = createResident.isPending || createConsent.isPending || createReferral.isPending;
  // Where focus goes once the given step is shown (the address may change a render later).
  const [focus, setFocus] = useState<{ to: "summary"; step: number } | null>(null);
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
    const moved = shownStep.current !== step;
    shownStep.current = step;
    if (focus?.step === step) {
      (summaryRef.current ?? formErrorRef.current)?.focus();
      setFocus(null);
    } else if (moved) headingRef.current?.focus();
  }, [step, focus]);

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
  }

  function next() {
    const found = validateStep(step, values);
    setErrors((old) => {
      const kept = Object.fromEntries(Object.entries(old).filter(([k]) => stepOf(k) !== step));
      return { ...kept, ...found };
    });
    if (Object.keys(found).length > 0) {
      setFocus({ to: "summary", step });
      return;
    }
    goTo(step + 1);
  }

  function failAt(found: WizardErrors, message: string | null) {
    setErrors(found);
    setFormError(message);
    const keys = Object.keys(found);
    const first = keys.length > 0 ? Math.min(...keys.map(stepOf)) : step;
    if (first !== step) setStep(first);
    setFocus({ to: "summary", step: first });
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
  const stepProps: StepProps = { values, set, err, service, allowed };
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

        {step === 0 ? <ResidentStep {...stepProps} /> : null}

        {step === 1 ? <ConsentStep {...stepProps} /> : null}

        {step === 2 ? <RequestStep {...stepProps} /> : null}

        {step === 3 ? <DriegesprekStep {...stepProps} /> : null}

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
