import {
  awaitsFirstResponse,
  ConsentWithdrawalSchema,
  dataCategoryLabels,
  expiryReasonLabels,
  feedbackLevelLabels,
  outcomeLabels,
  preferredChannelLabels,
  urgencyReasonLabels,
} from "@schakel/core";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { consentQueries, useWithdrawConsent } from "../../api/consents";
import { isNotFound, toProblem } from "../../api/problem";
import { referralQueries, useAssignReferral } from "../../api/referrals";
import { Alert } from "../../components/alert";
import { Page } from "../../components/page";
import { QueryState } from "../../components/query-state";
import { SubmitButton } from "../../components/submit-button";
import { applyProblem } from "../../forms/apply-problem";
import { FormErrorSummary } from "../../forms/form-error-summary";
import { useZodForm } from "../../forms/use-zod-form";
import { formatDate, formatDateTime } from "../../lib/format";
import {
  type Consent,
  formatCents,
  ifMatch,
  isClosed,
  type Referral,
  referenceText,
  statusBadgeClass,
  statusLabel,
} from "../../lib/referrals";
import { languageName } from "../../lib/services";
import { useSignedIn } from "../../lib/session";
import { isUuid } from "../../lib/use-service";
import { PartnerLinkResend } from "../partner/partner-link-resend";
import { referAgainPath } from "../sender-overview";
import { TextArea } from "../services/form-controls";
import { ActionResult, STALE_TEXT, useActionResult } from "./action-result";
import { problemText, ReferralActions } from "./referral-actions";
import { ContactAttempts, DriegesprekSection, Messages, Timeline } from "./referral-activity";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="schakel-detail-list__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** /verwijzingen/:referralId: one referral as this side may see it, and what this side can do now. */
export function ReferralPage() {
  const { referralId = "" } = useParams();
  const back = (
    <p className="utrecht-paragraph schakel-back">
      <Link to="/verwijzingen" className="utrecht-link utrecht-link--html-a">
        Naar alle verwijzingen
      </Link>
    </p>
  );
  if (!isUuid(referralId)) return <NotFound before={back} />;
  return <LoadedReferral referralId={referralId} before={back} />;
}

function NotFound({ before }: { before: ReactNode }) {
  return (
    <Page title="Verwijzing niet gevonden" before={before}>
      <p className="utrecht-paragraph">
        Deze verwijzing bestaat niet, of je organisatie is geen verwijzer of ontvanger ervan. Kies bovenaan de pagina de juiste
        organisatie als je voor meer organisaties werkt.
      </p>
    </Page>
  );
}

function LoadedReferral({ referralId, before }: { referralId: string; before: ReactNode }) {
  const location = useLocation();
  const navigate = useNavigate();
  const query = useQuery(referralQueries.detail(referralId));
  const sentState = Boolean((location.state as { sent?: boolean } | null)?.sent);
  const [sent] = useState(sentState);

  // "Verstuurd" is said once: not again after a reload.
  useEffect(() => {
    if (sentState) navigate(location.pathname, { replace: true, state: null });
  }, [sentState, navigate, location.pathname]);

  if (query.data === undefined && query.isError && isNotFound(toProblem(query.error))) return <NotFound before={before} />;
  return (
    <QueryState query={query} loading="De verwijzing wordt geladen…">
      {(referral) => (
        <Page
          title={`Verwijzing naar ${referral.service.name} (${referenceText(referral.reference)})`}
          heading={`Verwijzing naar ${referral.service.name}`}
          before={before}
        >
          <ReferralView referral={referral} sent={sent} />
        </Page>
      )}
    </QueryState>
  );
}

const SENT_RESULT = { text: "De verwijzing is verstuurd.", tone: "ok", seq: 1 } as const;

function ReferralView({ referral, sent }: { referral: Referral; sent: boolean }) {
  const open = !isClosed(referral.status);
  const isReceiver = referral.side === "receiver";
  const attempts = useQuery(referralQueries.contactAttempts(referral.id));
  const attemptCount = attempts.data?.data.length ?? 0;

  return (
    <>
      <p className="schakel-badges">
        <span className={statusBadgeClass(referral.status)}>
          <span className="schakel-visually-hidden">Status: </span>
          {statusLabel(referral.status)}
        </span>
        {referral.overdue ? <span className="utrecht-status-badge schakel-flag">Te laat</span> : null}
        {referral.urgency === "urgent" ? (
          <span className="utrecht-status-badge schakel-flag schakel-flag--urgent">Spoed</span>
        ) : null}
      </p>
      {/* Just sent from the wizard: said, and focused, where the page starts. */}
      <ActionResult result={sent ? SENT_RESULT : null} />
      <ReferAgain referral={referral} />
      <HowItEnded referral={referral} />

      <div className="schakel-referral">
        <div className="schakel-referral__main">
          <section className="schakel-section schakel-section--first" aria-labelledby="verwijzing-acties">
            <h2 className="utrecht-heading-2" id="verwijzing-acties">
              Wat kun je nu doen?
            </h2>
            <ReferralActions referral={referral} attempts={attemptCount} />
            {isReceiver ? <Assign referral={referral} open={open} /> : null}
            {!isReceiver && open ? <PartnerLinkResend referral={referral} /> : null}
          </section>

          <section className="schakel-section" aria-labelledby="verwijzing-feiten">
            <h2 className="utrecht-heading-2" id="verwijzing-feiten">
              Over deze verwijzing
            </h2>
            <Facts referral={referral} open={open} />
          </section>

          <section className="schakel-section" aria-labelledby="verwijzing-inwoner">
            <h2 className="utrecht-heading-2" id="verwijzing-inwoner">
              Inwoner en hulpvraag
            </h2>
            <ResidentData referral={referral} />
          </section>

          {referral.side === "sender" ? (
            <section className="schakel-section" aria-labelledby="verwijzing-toestemming">
              <h2 className="utrecht-heading-2" id="verwijzing-toestemming">
                Toestemming
              </h2>
              <ConsentPanel referral={referral} />
            </section>
          ) : null}
        </div>

        <div className="schakel-referral__activity">
          <section className="schakel-section schakel-section--first" aria-labelledby="verwijzing-driegesprek">
            <h2 className="utrecht-heading-2" id="verwijzing-driegesprek">
              Driegesprek
            </h2>
            <DriegesprekSection referral={referral} open={open} />
          </section>

          <section className="schakel-section" aria-labelledby="verwijzing-pogingen">
            <h2 className="utrecht-heading-2" id="verwijzing-pogingen">
              Contactpogingen
            </h2>
            <ContactAttempts
              referral={referral}
              query={attempts}
              canLog={isReceiver && open && !["sent", "received"].includes(referral.status)}
            />
          </section>

          <section className="schakel-section" aria-labelledby="verwijzing-berichten">
            <h2 className="utrecht-heading-2" id="verwijzing-berichten">
              Berichten
            </h2>
            <Messages referral={referral} open={open} />
          </section>

          <section className="schakel-section" aria-labelledby="verwijzing-verloop">
            <h2 className="utrecht-heading-2" id="verwijzing-verloop">
              Verloop
            </h2>
            <Timeline referralId={referral.id} />
          </section>
        </div>
      </div>
    </>
  );
}

/**
 * A closed referral says first how it ended — the status as this side may see it, the outcome
 * and the closing note — instead of leaving it at the bottom of the oldest-first timeline. The
 * note comes from the timeline's own query (the same cache), so it is hidden exactly where the
 * timeline hides it (the feedback level, a consent that ended).
 */
export function HowItEnded({ referral }: { referral: Referral }) {
  const events = useQuery({ ...referralQueries.events(referral.id), enabled: isClosed(referral.status) });
  if (!isClosed(referral.status)) return null;
  const closing = events.data?.data.findLast((e) => e.type === "status_changed" && e.toStatus === referral.status);
  return (
    <section className="schakel-section schakel-section--first" aria-labelledby="verwijzing-afloop">
      <h2 className="utrecht-heading-2" id="verwijzing-afloop">
        Zo is het afgelopen
      </h2>
      <dl className="schakel-detail-list">
        <Fact label="Status">
          {statusLabel(referral.status)}
          {referral.closedAt ? ` op ${formatDateTime(referral.closedAt)}` : ""}
        </Fact>
        {referral.outcome ? <Fact label="Uitkomst">{outcomeLabels[referral.outcome]}</Fact> : null}
        {referral.moneyOutcomeCents ? <Fact label="Financieel resultaat">{formatCents(referral.moneyOutcomeCents)}</Fact> : null}
        {referral.status === "expired" && referral.expiryReason ? (
          <Fact label="Waarom">{expiryReasonLabels[referral.expiryReason]}</Fact>
        ) : null}
        {referral.declineReason ? <Fact label="Reden afwijzing">{referral.declineReason}</Fact> : null}
        {closing?.note && closing.note !== referral.declineReason ? <Fact label="Toelichting">{closing.note}</Fact> : null}
      </dl>
    </section>
  );
}

/** On a decline with a suggested service, the sender's one click to refer there, unless they already did. */
function ReferAgain({ referral }: { referral: Referral }) {
  const suggested = referral.suggestedService;
  if (referral.side !== "sender" || referral.status !== "declined" || !suggested) return null;
  if (referral.followUpReferralId) {
    return (
      <Alert type="info">
        <p className="utrecht-paragraph">
          Je hebt de inwoner opnieuw verwezen.{" "}
          <Link className="utrecht-link utrecht-link--html-a" to={`/verwijzingen/${referral.followUpReferralId}`}>
            Bekijk de nieuwe verwijzing
          </Link>
          .
        </p>
      </Alert>
    );
  }
  return (
    <Alert type="info">
      <p className="utrecht-paragraph">
        {referral.receiver.name} pakt deze verwijzing niet op en stelt {suggested.name} voor. Verwijs de inwoner daarheen; wat je
        al invulde, staat dan klaar.
      </p>
      <p className="utrecht-paragraph">
        <Link
          className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
          to={referAgainPath(suggested.id, referral.id)}
        >
          Verwijs naar {suggested.name}
        </Link>
      </p>
    </Alert>
  );
}

function Facts({ referral, open }: { referral: Referral; open: boolean }) {
  return (
    <dl className="schakel-detail-list">
      {/* What decides the work first: when a reaction is due and whether it is urgent. */}
      <Fact label="Kenmerk">{referenceText(referral.reference)}</Fact>
      {/* Only until the receiver's first response (accepted or declined). */}
      {open && awaitsFirstResponse(referral.status) ? (
        <Fact label="Reactie verwacht">
          {referral.overdue ? <strong>Te laat: </strong> : null}
          uiterlijk {formatDate(referral.dueDate)} ({referral.responseTargetDays} werkdagen)
        </Fact>
      ) : null}
      <Fact label="Spoed">
        {referral.urgency === "urgent"
          ? `Ja${referral.urgencyReason ? `: ${urgencyReasonLabels[referral.urgencyReason].toLowerCase()}` : ""}`
          : "Nee"}
      </Fact>
      <Fact label="Van">{referral.sender.name}</Fact>
      <Fact label="Inwoner bereiken">
        <ReachRoute referral={referral} />
      </Fact>
      <Fact label="Naar">
        {referral.receiver.name}:{" "}
        <Link className="utrecht-link utrecht-link--html-a" to={`/kaart/diensten/${referral.service.id}`}>
          {referral.service.name}
        </Link>
      </Fact>
      <Fact label="Verstuurd">{formatDateTime(referral.createdAt)}</Fact>
      <Fact label="Laatste wijziging">{formatDateTime(referral.lastMoveAt)}</Fact>
      <Fact label="Terugkoppeling aan verwijzer">{feedbackLevelLabels[referral.feedbackLevel]}</Fact>
      {referral.safetyFlag ? <Fact label="Veiligheid">Overleg eerst met de verwijzer voor een huisbezoek.</Fact> : null}
      {referral.suggestedServiceId ? (
        <Fact label="Voorgestelde dienst">
          <Link className="utrecht-link utrecht-link--html-a" to={`/kaart/diensten/${referral.suggestedServiceId}`}>
            {referral.suggestedService ? `Bekijk ${referral.suggestedService.name}` : "Bekijk de voorgestelde dienst"}
          </Link>
        </Fact>
      ) : null}
      {referral.previousReferralId ? (
        <Fact label="Vervolg op">
          <Link className="utrecht-link utrecht-link--html-a" to={`/verwijzingen/${referral.previousReferralId}`}>
            De eerdere verwijzing
          </Link>
        </Fact>
      ) : null}
      {referral.followUpReferralId ? (
        <Fact label="Opnieuw verwezen">
          <Link className="utrecht-link utrecht-link--html-a" to={`/verwijzingen/${referral.followUpReferralId}`}>
            De nieuwe verwijzing
          </Link>
        </Fact>
      ) : null}
      {/* How a closed referral ended (outcome, amount, reasons) is in HowItEnded, at the top. */}
    </dl>
  );
}

/** How the receiver reaches the resident: their own details, or through the referring worker. */
function ReachRoute({ referral }: { referral: Referral }) {
  const worker = referral.referringWorker;
  if (referral.side === "sender") {
    return referral.reachableViaSender ? "Via de verwijzer (jullie organisatie)" : "Met de contactgegevens van de inwoner";
  }
  if (referral.reachVia === "resident") return "Met de contactgegevens van de inwoner hieronder";
  const why = referral.reachableViaSender
    ? "Zo is het afgesproken."
    : referral.residentAccess === "none"
      ? "Je ziet de gegevens van de inwoner niet meer."
      : "De contactgegevens zijn niet meegestuurd.";
  if (!worker) return `Via ${referral.sender.name}. ${why}`;
  return (
    <>
      Via de verwijzer: {worker.name},{" "}
      <a className="utrecht-link utrecht-link--html-a" href={`mailto:${worker.email}`}>
        {worker.email}
      </a>
      . {why}
    </>
  );
}

function ResidentData({ referral }: { referral: Referral }) {
  if (referral.residentAccess === "none") {
    return (
      <Alert type="info">
        <p className="utrecht-paragraph">
          {referral.consentEnded === "expired"
            ? "De toestemming van de inwoner is verlopen, dus de verwijzing is gestopt; je ziet alleen nog het verloop."
            : "De inwoner heeft de toestemming ingetrokken; je ziet alleen nog het verloop."}
        </p>
      </Alert>
    );
  }
  // Null when no contact data or birth date was shared: the request and notes may still be.
  const r = referral.resident ?? {
    name: null,
    birthDate: null,
    birthYear: null,
    address: null,
    postcode: null,
    phone: null,
    email: null,
    preferredChannel: null,
    language: null,
  };
  const notes = referral.categoryNotes;
  return (
    <>
      {referral.side === "receiver" ? (
        <p className="utrecht-paragraph schakel-hint">
          Je ziet alleen de gegevens waarvoor de inwoner toestemming gaf:{" "}
          {referral.dataCategories.map((c) => dataCategoryLabels[c].toLowerCase()).join("; ")}.
        </p>
      ) : null}
      <dl className="schakel-detail-list">
        {r.name ? <Fact label="Naam">{r.name}</Fact> : null}
        {r.birthYear ? <Fact label="Geboortejaar">{r.birthYear}</Fact> : null}
        {r.birthDate ? <Fact label="Geboortedatum">{formatDate(r.birthDate)}</Fact> : null}
        {r.address || r.postcode ? <Fact label="Adres">{[r.address, r.postcode].filter(Boolean).join(", ")}</Fact> : null}
        {r.phone ? <Fact label="Telefoon">{r.phone}</Fact> : null}
        {r.email ? <Fact label="E-mail">{r.email}</Fact> : null}
        {r.preferredChannel ? <Fact label="Liefst contact via">{preferredChannelLabels[r.preferredChannel]}</Fact> : null}
        {r.language ? <Fact label="Taal">{languageName(r.language)}</Fact> : null}
        {referral.request ? (
          <Fact label="Hulpvraag">
            <span className="schakel-text">{referral.request}</span>
          </Fact>
        ) : null}
        {notes.debts ? <Fact label="Schulden">{notes.debts}</Fact> : null}
        {notes.finances ? <Fact label="Inkomen en uitgaven">{notes.finances}</Fact> : null}
        {notes.household ? <Fact label="Huishouden">{notes.household}</Fact> : null}
        {notes.health ? <Fact label="Gezondheid">{notes.health}</Fact> : null}
      </dl>
    </>
  );
}

/** The sender's view of the consent, with "Toestemming intrekken". */
function ConsentPanel({ referral }: { referral: Referral }) {
  const residentId = referral.residentId;
  const consentId = referral.consentId;
  const query = useQuery({
    ...consentQueries.ofResident(residentId ?? ""),
    enabled: Boolean(residentId && consentId),
  });
  if (!residentId || !consentId) {
    return <NoConsent referral={referral} />;
  }
  return (
    <QueryState query={query} loading="De toestemming wordt geladen…">
      {(page) => {
        const consent = page.data.find((c) => c.id === consentId);
        return consent ? (
          <ConsentFacts referral={referral} consent={consent} residentId={residentId} />
        ) : (
          <NoConsent referral={referral} />
        );
      }}
    </QueryState>
  );
}

function NoConsent({ referral }: { referral: Referral }) {
  return (
    <p className="utrecht-paragraph">
      {referral.lawfulBasis === "consent"
        ? "De verwijzing rust op toestemming van de inwoner, maar die toestemming is niet meer te vinden."
        : "De verwijzing rust op een wettelijke taak (Wgs): de inwoner is geïnformeerd; er is geen toestemming om in te trekken."}
    </p>
  );
}

function ConsentFacts({ referral, consent, residentId }: { referral: Referral; consent: Consent; residentId: string }) {
  const [asking, setAsking] = useState(false);
  const form = useZodForm(ConsentWithdrawalSchema, { defaultValues: { reason: "" } });
  const withdraw = useWithdrawConsent(residentId);
  const { result, show } = useActionResult();

  const submit = form.handleSubmit((body) => {
    if (withdraw.isPending) return;
    withdraw.mutate(
      { consentId: consent.id, body: body.reason ? body : {} },
      {
        onSuccess: () => {
          setAsking(false);
          form.reset();
          show(`De toestemming is ingetrokken. ${referral.receiver.name} ziet de gegevens van de inwoner niet meer.`);
        },
        onError: (error) => applyProblem(toProblem(error), form),
      },
    );
  });

  return (
    <>
      <ActionResult result={result} />
      <dl className="schakel-detail-list">
        <Fact label="Waarvoor">{consent.purpose}</Fact>
        <Fact label="Gegevens">{consent.dataCategories.map((c) => dataCategoryLabels[c]).join("; ")}</Fact>
        <Fact label="Vastgelegd">{formatDateTime(consent.recordedAt)}</Fact>
        <Fact label="Geldig tot en met">{formatDate(consent.validUntil)}</Fact>
        <Fact label="Status">
          {consent.withdrawnAt
            ? `Ingetrokken op ${formatDateTime(consent.withdrawnAt)}${consent.withdrawalReason ? ` (${consent.withdrawalReason})` : ""}`
            : consent.valid
              ? "Geldig"
              : "Verlopen"}
        </Fact>
      </dl>
      {consent.valid && !asking ? (
        <p className="utrecht-paragraph">
          <button
            type="button"
            className="utrecht-button utrecht-button--secondary-action"
            aria-expanded={false}
            onClick={() => {
              withdraw.reset();
              form.clearErrors();
              setAsking(true);
            }}
          >
            Toestemming intrekken
          </button>
        </p>
      ) : null}
      {asking ? (
        <form
          className="schakel-form schakel-panel"
          noValidate
          onSubmit={(e) => void submit(e)}
          aria-labelledby="intrekken-titel"
        >
          <h3 className="utrecht-heading-3" id="intrekken-titel">
            Toestemming intrekken
          </h3>
          <p className="utrecht-paragraph">
            {referral.receiver.name} ziet daarna de gegevens van de inwoner niet meer. Een open verwijzing wordt ingetrokken.
          </p>
          <FormErrorSummary formState={form.formState} labels={{ reason: "Reden" }} />
          <TextArea
            prefix="veld"
            field="reason"
            label="Reden (niet verplicht)"
            description="Alleen als de inwoner een reden noemt."
            rows={2}
            value={form.watch("reason") ?? ""}
            onChange={(v) => form.setValue("reason", v, { shouldDirty: true, shouldValidate: form.formState.isSubmitted })}
            error={form.formState.errors.reason?.message}
          />
          <div className="utrecht-button-group">
            <SubmitButton busy={withdraw.isPending} busyText="De toestemming wordt ingetrokken…">
              Bevestigen: toestemming intrekken
            </SubmitButton>
            <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => setAsking(false)}>
              Annuleren
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}

/** The receiver's worker on it: take it yourself, or (admins) choose a colleague. */
function Assign({ referral, open }: { referral: Referral; open: boolean }) {
  const { me, membership } = useSignedIn();
  // Every worker of the receiving organisation may give the referral to a colleague.
  const ownOrganization = membership?.organizationId === referral.receiver.id;
  const members = useQuery({
    ...referralQueries.colleagues(referral.receiver.id),
    enabled: ownOrganization,
    select: (page) => page.data.map((c) => ({ userId: c.id, name: c.name })),
  });
  const [choice, setChoice] = useState(referral.assignedUserId ?? "");
  const assign = useAssignReferral(referral.id);
  const { result, show } = useActionResult();

  function save(userId: string | null) {
    if (assign.isPending) return;
    assign.mutate(
      { ifMatch: ifMatch(referral), assignedUserId: userId },
      {
        onSuccess: () =>
          show(
            userId === null
              ? "Niemand is nu behandelaar."
              : userId === me.user.id
                ? "Jij bent nu de behandelaar."
                : "De behandelaar is gekozen.",
          ),
        onError: (error) => {
          if (toProblem(error).status === 412) show(STALE_TEXT, "warning");
        },
      },
    );
  }

  const assignedName =
    referral.assignedUserId === null
      ? "Nog niemand"
      : referral.assignedUserId === me.user.id
        ? `Jij (${me.user.name})`
        : (members.data?.find((m) => m.userId === referral.assignedUserId)?.name ?? "Een collega");
  const problem = assign.isError && toProblem(assign.error).status !== 412 ? problemText(toProblem(assign.error)) : null;

  return (
    <div className="schakel-assign">
      <h3 className="utrecht-heading-3">Behandelaar</h3>
      <ActionResult result={result} />
      <p className="utrecht-paragraph">
        <strong>Behandelaar:</strong> {assignedName}
      </p>
      {problem ? (
        <Alert type="error">
          <p className="utrecht-paragraph">{problem}</p>
        </Alert>
      ) : null}
      {open ? (
        <div className="schakel-inline-form">
          {referral.assignedUserId !== me.user.id ? (
            <button
              type="button"
              className="utrecht-button utrecht-button--secondary-action"
              aria-disabled={assign.isPending || undefined}
              onClick={() => save(me.user.id)}
            >
              Ik pak deze verwijzing op
            </button>
          ) : null}
          {ownOrganization && members.data ? (
            <>
              <label className="utrecht-form-label" htmlFor="behandelaar-kiezen">
                Kies een collega
              </label>
              <select
                id="behandelaar-kiezen"
                className="utrecht-select utrecht-select--html-select"
                value={choice}
                onChange={(e) => setChoice(e.target.value)}
              >
                <option value="">Niemand</option>
                {members.data.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.name}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="utrecht-button utrecht-button--secondary-action"
                aria-disabled={assign.isPending || undefined}
                onClick={() => save(choice || null)}
              >
                {assign.isPending ? "Bezig met opslaan…" : "Behandelaar opslaan"}
              </button>
            </>
          ) : referral.assignedUserId === me.user.id ? (
            <button
              type="button"
              className="utrecht-button utrecht-button--secondary-action"
              aria-disabled={assign.isPending || undefined}
              onClick={() => save(null)}
            >
              Ik geef deze verwijzing terug
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
