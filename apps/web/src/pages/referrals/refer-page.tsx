import { canReferTo, serviceAcceptsReferrals, urgencyReasons } from "@schakel/core";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { get } from "react-hook-form";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { consentQueries, useCreateConsent } from "../../api/consents";
import { isNotFound, toProblem } from "../../api/problem";
import { referralQueries, useCreateReferral } from "../../api/referrals";
import { useCreateResident } from "../../api/residents";
import { serviceQueries } from "../../api/services";
import type { Service } from "../../api/types";
import { Alert } from "../../components/alert";
import { ErrorSummary, type SummaryItem } from "../../components/error-summary";
import { Page } from "../../components/page";
import { QueryState } from "../../components/query-state";
import { applyProblem, SERVER_ERROR_KEY } from "../../forms/apply-problem";
import { LeaveGuard } from "../../forms/leave-guard";
import { useDraft } from "../../forms/use-draft";
import { useZodForm } from "../../forms/use-zod-form";
import { newIdempotencyKey, referenceText } from "../../lib/referrals";
import { useSignedIn } from "../../lib/session";
import { isUuid } from "../../lib/use-service";
import { fieldId, optionId } from "../services/form-controls";
import {
  categoriesFor,
  consentBody,
  consentCovers,
  errorsFromProblem,
  type FollowUp,
  fieldsOfStep,
  followUpValues,
  initialValues,
  referralBody,
  residentBody,
  STEP_PARAM,
  stepFromParam,
  stepOf,
  steps,
  WizardSchema,
  type WizardValues,
  wizardKey,
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
      errorFor={(problem) => (isNotFound(problem) ? <ServiceGone before={back} /> : null)}
    >
      {(service) => <ReferWizardFor service={service} before={back} />}
    </QueryState>
  );
}

/**
 * With `?vorige=<referralId>` (a decline with a suggested service, say) the wizard starts from
 * that referral and its consent; without, from scratch.
 */
function ReferWizardFor({ service, before }: { service: Service; before: ReactNode }) {
  const [params] = useSearchParams();
  const previousId = params.get("vorige") ?? "";
  const followUp = isUuid(previousId);
  const previous = useQuery({ ...referralQueries.detail(previousId), enabled: followUp });
  const residentId = previous.data?.residentId ?? "";
  const consents = useQuery({ ...consentQueries.ofResident(residentId), enabled: Boolean(residentId) });
  if (!followUp) return <ReferWizard service={service} before={before} />;
  return (
    <QueryState query={previous} loading="De eerdere verwijzing wordt geladen…">
      {(referral) =>
        referral.side !== "sender" || !referral.residentId ? (
          <ReferWizard service={service} before={before} />
        ) : (
          <QueryState query={consents} loading="De toestemming wordt geladen…">
            {(page) => (
              <ReferWizard
                service={service}
                before={before}
                followUp={{ previous: referral, consent: page.data.find((c) => c.id === referral.consentId) ?? null }}
              />
            )}
          </QueryState>
        )
      }
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

function ReferWizard({ service, before, followUp }: { service: Service; before: ReactNode; followUp?: FollowUp }) {
  const { me, membership } = useSignedIn();
  const navigate = useNavigate();
  const [startValues] = useState(() => (followUp ? followUpValues(service, followUp) : initialValues(service)));
  // One form for all steps; each step checks its own fields (core's schemas, see WizardSchema).
  const form = useZodForm(WizardSchema, { defaultValues: startValues, mode: "onSubmit" });
  // A draft in this tab only, for this user and a working day (ADR 0015): a reload or an expired
  // session does not lose what was typed. Never in the address.
  const draft = useDraft(form, {
    key: followUp ? `verwijzen.${service.id}.${followUp.previous.id}` : `verwijzen.${service.id}`,
    userId: me.user.id,
  });
  const values = form.watch();
  const errors = form.formState.errors;
  const [params, setParams] = useSearchParams();
  const step = stepFromParam(params.get(STEP_PARAM));
  // Each step is an entry in the history (push), so the browser's Back and Forward move between
  // steps; `sameForm` tells the leave guard that this is not leaving the form.
  const setStep = useCallback(
    (next: number, replace = false) =>
      setParams(
        (old) => {
          const to = new URLSearchParams(old);
          to.set(STEP_PARAM, steps[next]?.key ?? steps[0].key);
          return to;
        },
        { replace, state: { sameForm: true } },
      ),
    [setParams],
  );
  // The first step is in the address too, so Back to it stays inside the form.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the wizard opens
  useEffect(() => {
    if (!params.get(STEP_PARAM)) setStep(0, true);
  }, []);
  // A new step, by a button or by Back and Forward: focus on its heading, so it is read out.
  const shownStep = useRef(step);
  const createResident = useCreateResident();
  const createConsent = useCreateConsent();
  const createReferral = useCreateReferral();
  const busy = createResident.isPending || createConsent.isPending || createReferral.isPending;
  // Where focus goes once the given step is shown (the address may change a render later).
  const [focus, setFocus] = useState<{ to: "summary"; step: number } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLElement>(null);
  // What was already created on an earlier attempt, with the data it was created from: a retry
  // with the same data reuses it, so no second resident or consent is made.
  // A follow-up starts with the same resident, and the old consent where it covers the new
  // receiver: unchanged, they are reused; changed, a new one is recorded as for any referral.
  const created = useRef<{
    resident?: { id: string; from: string };
    consent?: { id: string; from: string };
    key?: { value: string; from: string };
  }>(
    followUp?.previous.residentId && membership
      ? {
          resident: {
            id: followUp.previous.residentId,
            from: JSON.stringify(residentBody(startValues, membership.organizationId)),
          },
          ...(consentCovers(followUp.consent, service)
            ? { consent: { id: followUp.consent.id, from: JSON.stringify(consentBody(startValues, service.organization.id)) } }
            : {}),
        }
      : {},
  );

  useEffect(() => {
    const moved = shownStep.current !== step;
    shownStep.current = step;
    if (focus?.step === step) {
      summaryRef.current?.focus();
      setFocus(null);
    } else if (moved) headingRef.current?.focus();
  }, [step, focus]);

  const allowed = categoriesFor(service);
  const canRefer = canReferTo(service, membership?.role);

  if (!membership || !canRefer) {
    return (
      <Page title="Verwijzen" before={before}>
        <Alert type="warning">
          <p className="utrecht-paragraph">
            {!serviceAcceptsReferrals(service)
              ? "Deze dienst neemt geen verwijzingen via Schakel aan. Neem zelf contact op met de dienst."
              : "Alleen medewerkers en beheerders van een organisatie kunnen verwijzen."}
          </p>
        </Alert>
      </Page>
    );
  }
  const organizationId = membership.organizationId;

  const set = <K extends keyof WizardValues>(key: K, value: WizardValues[K]) => {
    form.setValue(key, value as never, { shouldDirty: true });
    // A field that showed a message is checked again as it changes, so the message goes once fixed.
    if (get(form.formState.errors, key)) void form.trigger(key);
  };

  function goTo(next: number) {
    form.clearErrors("root");
    setStep(next);
  }

  async function next() {
    if (!(await form.trigger(fieldsOfStep(step)))) {
      setFocus({ to: "summary", step });
      return;
    }
    goTo(step + 1);
  }

  function failAt(first: number) {
    if (first !== step) setStep(first);
    setFocus({ to: "summary", step: first });
  }

  async function send() {
    if (busy) return;
    // Every step again: something may have been changed after going back.
    for (let s = 0; s < steps.length - 1; s++) {
      if (!(await form.trigger(fieldsOfStep(s)))) return failAt(s);
    }
    form.clearErrors("root");
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
      // The follow-up link holds only for the same resident (the API checks it too).
      const body = referralBody(
        values,
        { residentId, consentId, serviceId: service.id },
        followUp && residentId === followUp.previous.residentId
          ? { previousReferralId: followUp.previous.id, lifeDomains: followUp.previous.lifeDomains }
          : undefined,
      );
      const bodyFrom = JSON.stringify(body);
      if (c.key?.from !== bodyFrom) c.key = { value: newIdempotencyKey(), from: bodyFrom };
      const referral = await createReferral.mutateAsync({ idempotencyKey: c.key.value, body });
      draft.discard();
      // Sent: nothing is left unsaved, so the leave guard lets this navigation pass.
      navigate(`/verwijzingen/${referral.id}`, { state: { sent: true, sameForm: true } });
    } catch (error) {
      const problem = toProblem(error);
      applyProblem(problem, form, (field) => wizardKey(field, call, values));
      const keys = Object.keys(errorsFromProblem(problem, call, values)).filter((k) => stepOf(k) < steps.length - 1);
      failAt(keys.length > 0 ? Math.min(...keys.map(stepOf)) : step);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (step < steps.length - 1) void next();
    else void send();
  }

  const err = (key: string): string | undefined =>
    stepOf(key) === step ? (get(errors, key) as { message?: string } | undefined)?.message : undefined;
  const shownKeys = fieldsOfStep(step).flatMap((key) =>
    key === "moments" ? values.moments.map((_, i) => `moments.${i}`) : [key as string],
  );
  const summary: SummaryItem[] = shownKeys.flatMap((key) => {
    const message = err(key);
    return message ? [{ message, label: labelOf(key), target: targetOf(key, values) }] : [];
  });
  const serverError = (errors.root as Record<string, { message?: string }> | undefined)?.[SERVER_ERROR_KEY]?.message;
  if (serverError) summary.push({ message: serverError });
  const stepProps: StepProps = { values, set, err, service, allowed };
  const current = steps[step] ?? steps[0];

  return (
    <Page title={`Verwijzen naar ${service.name}`} heading={`Verwijzen naar ${service.name}`} before={before}>
      {followUp ? <FollowUpNote followUp={followUp} service={service} /> : null}
      {draft.restored ? (
        <Alert type="info">
          <p className="utrecht-paragraph">We hebben ingevuld wat je eerder in dit tabblad typte.</p>
        </Alert>
      ) : null}
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
      <LeaveGuard dirty={form.formState.isDirty} />
      <form className="schakel-form schakel-form--wide" noValidate onSubmit={submit} aria-labelledby="stap-titel">
        <h2 className="utrecht-heading-2" id="stap-titel" ref={headingRef} tabIndex={-1}>
          Stap {step + 1} van {steps.length}: {current.title}
        </h2>
        <ErrorSummary items={summary} ref={summaryRef} />

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

/** What a follow-up reuses, and whether the resident must consent again for the new receiver. */
function FollowUpNote({ followUp, service }: { followUp: FollowUp; service: Service }) {
  const { previous, consent } = followUp;
  return (
    <Alert type="info">
      <p className="utrecht-paragraph">
        Dit is een vervolg op verwijzing {referenceText(previous.reference)} naar {previous.service.name}. De gegevens van de
        inwoner, de hulpvraag en de urgentie staan al klaar; kijk ze na.
      </p>
      <p className="utrecht-paragraph">
        {consentCovers(consent, service)
          ? `De toestemming van de inwoner geldt ook voor ${service.organization.name}.`
          : `De toestemming gold niet voor ${service.organization.name}. Vraag de inwoner om nieuwe toestemming en leg die vast in stap 2.`}
      </p>
    </Alert>
  );
}
