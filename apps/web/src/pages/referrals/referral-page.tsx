import {
  dataCategoryLabels,
  feedbackLevelLabels,
  outcomeLabels,
  preferredChannelLabels,
  urgencyReasonLabels,
} from "@schakel/core";
import { type FormEvent, type ReactNode, useCallback, useEffect, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { Alert, LiveRegion } from "../../components/alert";
import { Page } from "../../components/page";
import { api, type Member, type Problem, run } from "../../lib/api";
import { formatDate, formatDateTime } from "../../lib/format";
import {
  type Consent,
  type ContactAttempt,
  type Driegesprek,
  formatCents,
  ifMatch,
  isClosed,
  type Referral,
  type ReferralEvent,
  type ReferralMessage,
  statusBadgeClass,
  statusLabel,
} from "../../lib/referrals";
import { languageName } from "../../lib/services";
import { useSignedIn } from "../../lib/session";
import { isUuid } from "../../lib/use-service";
import { TextArea } from "../services/form-controls";
import { problemText, ReferralActions } from "./referral-actions";
import { ContactAttempts, DriegesprekSection, Messages, Timeline } from "./referral-activity";

interface Activity {
  events: ReferralEvent[];
  messages: ReferralMessage[];
  attempts: ContactAttempt[];
  driegesprek: Driegesprek | null;
}

type State =
  | { status: "loading" }
  | { status: "not-found" }
  | { status: "error"; problem: Problem }
  | { status: "ready"; referral: Referral; activity: Activity };

async function loadActivity(referralId: string): Promise<Activity> {
  const path = { params: { path: { referralId } } };
  const [events, messages, attempts, driegesprek] = await Promise.all([
    run(api.GET("/referrals/{referralId}/events", { params: { path: { referralId }, query: { limit: 100 } } })),
    run(api.GET("/referrals/{referralId}/messages", { params: { path: { referralId }, query: { limit: 100 } } })),
    run(api.GET("/referrals/{referralId}/contact-attempts", { params: { path: { referralId }, query: { limit: 100 } } })),
    run(api.GET("/referrals/{referralId}/driegesprek", path)),
  ]);
  return {
    events: events.ok ? events.data.data : [],
    messages: messages.ok ? messages.data.data : [],
    attempts: attempts.ok ? attempts.data.data : [],
    driegesprek: driegesprek.ok ? driegesprek.data : null,
  };
}

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
  const location = useLocation();
  const [state, setState] = useState<State>({ status: "loading" });
  const [message, setMessage] = useState<string | null>(
    (location.state as { sent?: boolean } | null)?.sent ? "De verwijzing is verstuurd." : null,
  );
  const [stale, setStale] = useState(false);
  const navigate = useNavigate();
  const sentState = Boolean((location.state as { sent?: boolean } | null)?.sent);

  // "Verstuurd" is said once: not again after a reload.
  useEffect(() => {
    if (sentState) navigate(location.pathname, { replace: true, state: null });
  }, [sentState, navigate, location.pathname]);

  const load = useCallback(async () => {
    if (!isUuid(referralId)) {
      setState({ status: "not-found" });
      return;
    }
    const r = await run(api.GET("/referrals/{referralId}", { params: { path: { referralId } } }));
    if (!r.ok) {
      setState(
        r.problem.status === 404 || r.problem.status === 400 ? { status: "not-found" } : { status: "error", problem: r.problem },
      );
      return;
    }
    const activity = await loadActivity(referralId);
    setState({ status: "ready", referral: r.data, activity });
  }, [referralId]);

  useEffect(() => {
    setState({ status: "loading" });
    void load();
  }, [load]);

  const done = useCallback(
    (text: string) => {
      setStale(false);
      setMessage(text);
      void load();
    },
    [load],
  );

  const back = (
    <p className="utrecht-paragraph schakel-back">
      <Link to="/verwijzingen" className="utrecht-link utrecht-link--html-a">
        Naar alle verwijzingen
      </Link>
    </p>
  );

  if (state.status === "loading") {
    return (
      <Page title="Verwijzing" before={back}>
        <p className="utrecht-paragraph" role="status">
          De verwijzing wordt geladen…
        </p>
      </Page>
    );
  }
  if (state.status === "not-found") {
    return (
      <Page title="Verwijzing niet gevonden" before={back}>
        <p className="utrecht-paragraph">
          Deze verwijzing bestaat niet, of je organisatie is geen verwijzer of ontvanger ervan. Kies bovenaan de pagina de juiste
          organisatie als je voor meer organisaties werkt.
        </p>
      </Page>
    );
  }
  if (state.status === "error") {
    return (
      <Page title="Verwijzing" before={back}>
        <Alert type="error">
          <p className="utrecht-paragraph">{state.problem.detail}</p>
        </Alert>
        <p className="utrecht-paragraph">
          <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => void load()}>
            Opnieuw proberen
          </button>
        </p>
      </Page>
    );
  }

  const { referral, activity } = state;
  const open = !isClosed(referral.status);
  const isReceiver = referral.side === "receiver";

  return (
    <Page title={`Verwijzing naar ${referral.service.name}`} before={back}>
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
      <LiveRegion>{message ? <Alert type="ok">{message}</Alert> : null}</LiveRegion>
      {stale ? (
        <Alert type="warning">
          <p className="utrecht-paragraph">
            Iemand anders heeft deze verwijzing net gewijzigd. We hebben de nieuwste versie geladen. Kijk of je actie nog nodig
            is.
          </p>
        </Alert>
      ) : null}

      <div className="schakel-referral">
        <section className="schakel-section schakel-section--first" aria-labelledby="verwijzing-feiten">
          <h2 className="utrecht-heading-2" id="verwijzing-feiten">
            Over deze verwijzing
          </h2>
          <dl className="schakel-detail-list">
            <Fact label="Van">{referral.sender.name}</Fact>
            <Fact label="Naar">
              {referral.receiver.name}:{" "}
              <Link className="utrecht-link utrecht-link--html-a" to={`/kaart/diensten/${referral.service.id}`}>
                {referral.service.name}
              </Link>
            </Fact>
            <Fact label="Verstuurd">{formatDateTime(referral.createdAt)}</Fact>
            <Fact label="Laatste wijziging">{formatDateTime(referral.lastMoveAt)}</Fact>
            {open ? (
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
            <Fact label="Terugkoppeling aan verwijzer">{feedbackLevelLabels[referral.feedbackLevel]}</Fact>
            {referral.safetyFlag ? <Fact label="Veiligheid">Overleg eerst met de verwijzer voor een huisbezoek.</Fact> : null}
            {referral.declineReason ? <Fact label="Reden afwijzing">{referral.declineReason}</Fact> : null}
            {referral.suggestedServiceId ? (
              <Fact label="Voorgestelde dienst">
                <Link className="utrecht-link utrecht-link--html-a" to={`/kaart/diensten/${referral.suggestedServiceId}`}>
                  Bekijk de voorgestelde dienst
                </Link>
              </Fact>
            ) : null}
            {referral.outcome ? <Fact label="Uitkomst">{outcomeLabels[referral.outcome]}</Fact> : null}
            {referral.moneyOutcomeCents ? (
              <Fact label="Financieel resultaat">{formatCents(referral.moneyOutcomeCents)}</Fact>
            ) : null}
          </dl>
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
            <ConsentPanel referral={referral} onWithdrawn={done} />
          </section>
        ) : null}

        <section className="schakel-section" aria-labelledby="verwijzing-acties">
          <h2 className="utrecht-heading-2" id="verwijzing-acties">
            Wat kun je nu doen?
          </h2>
          <ReferralActions
            referral={referral}
            attempts={activity.attempts.length}
            onMoved={(_, text) => done(text)}
            onStale={() => {
              setMessage(null);
              setStale(true);
              void load();
            }}
          />
        </section>

        {isReceiver ? (
          <section className="schakel-section" aria-labelledby="verwijzing-behandelaar">
            <h2 className="utrecht-heading-2" id="verwijzing-behandelaar">
              Behandelaar
            </h2>
            <Assign
              referral={referral}
              open={open}
              onAssigned={done}
              onStale={() => {
                setStale(true);
                void load();
              }}
            />
          </section>
        ) : null}

        <section className="schakel-section" aria-labelledby="verwijzing-driegesprek">
          <h2 className="utrecht-heading-2" id="verwijzing-driegesprek">
            Driegesprek
          </h2>
          <DriegesprekSection referral={referral} driegesprek={activity.driegesprek} open={open} onChanged={done} />
        </section>

        <section className="schakel-section" aria-labelledby="verwijzing-pogingen">
          <h2 className="utrecht-heading-2" id="verwijzing-pogingen">
            Contactpogingen
          </h2>
          <ContactAttempts
            referral={referral}
            attempts={activity.attempts}
            canLog={isReceiver && open && !["sent", "received"].includes(referral.status)}
            onLogged={done}
          />
        </section>

        <section className="schakel-section" aria-labelledby="verwijzing-berichten">
          <h2 className="utrecht-heading-2" id="verwijzing-berichten">
            Berichten
          </h2>
          <Messages referral={referral} messages={activity.messages} open={open} onSent={done} />
        </section>

        <section className="schakel-section" aria-labelledby="verwijzing-verloop">
          <h2 className="utrecht-heading-2" id="verwijzing-verloop">
            Verloop
          </h2>
          <Timeline events={activity.events} />
        </section>
      </div>
    </Page>
  );
}

function ResidentData({ referral }: { referral: Referral }) {
  if (referral.residentAccess === "none" || !referral.resident) {
    return (
      <Alert type="info">
        <p className="utrecht-paragraph">De inwoner heeft de toestemming ingetrokken; je ziet alleen nog het verloop.</p>
      </Alert>
    );
  }
  const r = referral.resident;
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

type ConsentState =
  | { status: "unknown" }
  | { status: "loading" }
  | { status: "ready"; consent: Consent }
  | { status: "error"; problem: Problem };

/** The sender's view of the consent, with "Toestemming intrekken". */
function ConsentPanel({ referral, onWithdrawn }: { referral: Referral; onWithdrawn: (message: string) => void }) {
  const [state, setState] = useState<ConsentState>(referral.consentId ? { status: "loading" } : { status: "unknown" });
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const residentId = referral.residentId;
  const consentId = referral.consentId;

  const load = useCallback(async () => {
    if (!residentId || !consentId) return;
    const r = await run(api.GET("/residents/{residentId}/consents", { params: { path: { residentId } } }));
    if (!r.ok) return setState({ status: "error", problem: r.problem });
    const consent = r.data.data.find((c) => c.id === consentId);
    setState(consent ? { status: "ready", consent } : { status: "unknown" });
  }, [residentId, consentId]);

  useEffect(() => {
    void load();
  }, [load]);

  async function withdraw(event: FormEvent) {
    event.preventDefault();
    if (!consentId || busy) return;
    setBusy(true);
    const r = await run(
      api.POST("/consents/{consentId}/withdrawal", {
        params: { path: { consentId } },
        body: reason.trim() ? { reason: reason.trim() } : {},
      }),
    );
    setBusy(false);
    if (r.ok) {
      setAsking(false);
      setState({ status: "ready", consent: r.data });
      onWithdrawn(`De toestemming is ingetrokken. ${referral.receiver.name} ziet de gegevens van de inwoner niet meer.`);
    } else setProblem(problemText(r.problem));
  }

  if (state.status === "unknown") {
    return (
      <p className="utrecht-paragraph">
        {referral.lawfulBasis === "consent"
          ? "De verwijzing rust op toestemming van de inwoner, maar die toestemming is niet meer te vinden."
          : "De verwijzing rust op een wettelijke taak (Wgs): de inwoner is geïnformeerd; er is geen toestemming om in te trekken."}
      </p>
    );
  }
  if (state.status === "loading") return <p className="utrecht-paragraph">De toestemming wordt geladen…</p>;
  if (state.status === "error") {
    return (
      <Alert type="error">
        <p className="utrecht-paragraph">{state.problem.detail}</p>
      </Alert>
    );
  }
  const { consent } = state;
  return (
    <>
      <dl className="schakel-detail-list">
        <Fact label="Waarvoor">{consent.purpose}</Fact>
        <Fact label="Gegevens">{consent.dataCategories.map((c) => dataCategoryLabels[c]).join("; ")}</Fact>
        <Fact label="Vastgelegd">{formatDateTime(consent.recordedAt)}</Fact>
        <Fact label="Geldig tot en met">{formatDate(consent.validUntil)}</Fact>
        <Fact label="Stand">
          {consent.withdrawnAt
            ? `Ingetrokken op ${formatDateTime(consent.withdrawnAt)}${consent.withdrawalReason ? ` (${consent.withdrawalReason})` : ""}`
            : consent.valid
              ? "Geldig"
              : "Verlopen"}
        </Fact>
      </dl>
      {consent.valid && !asking ? (
        <p className="utrecht-paragraph">
          <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => setAsking(true)}>
            Toestemming intrekken
          </button>
        </p>
      ) : null}
      {asking ? (
        <form className="schakel-form schakel-panel" noValidate onSubmit={withdraw} aria-labelledby="intrekken-titel">
          <h3 className="utrecht-heading-3" id="intrekken-titel">
            Toestemming intrekken
          </h3>
          <p className="utrecht-paragraph">
            {referral.receiver.name} ziet daarna de gegevens van de inwoner niet meer. Een open verwijzing wordt ingetrokken.
          </p>
          {problem ? (
            <Alert type="error">
              <p className="utrecht-paragraph">{problem}</p>
            </Alert>
          ) : null}
          <TextArea
            prefix="intrekken"
            field="reason"
            label="Reden (niet verplicht)"
            description="Alleen als de inwoner een reden noemt."
            rows={2}
            value={reason}
            onChange={setReason}
            maxLength={300}
          />
          <div className="utrecht-button-group">
            <button type="submit" className="utrecht-button utrecht-button--primary-action" aria-disabled={busy || undefined}>
              Bevestigen: toestemming intrekken
            </button>
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
function Assign({
  referral,
  open,
  onAssigned,
  onStale,
}: {
  referral: Referral;
  open: boolean;
  onAssigned: (message: string) => void;
  onStale: () => void;
}) {
  const { me, membership } = useSignedIn();
  const [members, setMembers] = useState<Member[] | null>(null);
  const [choice, setChoice] = useState(referral.assignedUserId ?? "");
  const [problem, setProblem] = useState<string | null>(null);
  const isAdmin = membership?.role === "admin" && membership.organizationId === referral.receiver.id;

  useEffect(() => {
    if (!isAdmin) return;
    void run(
      api.GET("/organizations/{organizationId}/members", {
        params: { path: { organizationId: referral.receiver.id }, query: { limit: 100, status: "active" } },
      }),
    ).then((r) => {
      if (r.ok) setMembers(r.data.data.filter((m) => m.status === "active" && m.role !== "coordinator"));
    });
  }, [isAdmin, referral.receiver.id]);

  async function assign(userId: string | null) {
    const r = await run(
      api.PATCH("/referrals/{referralId}", {
        params: { path: { referralId: referral.id }, header: { "if-match": ifMatch(referral) } },
        body: { assignedUserId: userId },
      }),
    );
    if (r.ok) {
      setProblem(null);
      onAssigned(
        userId === null
          ? "Niemand is nu behandelaar."
          : userId === me.user.id
            ? "Jij bent nu de behandelaar."
            : "De behandelaar is gekozen.",
      );
    } else if (r.problem.status === 412) onStale();
    else setProblem(problemText(r.problem));
  }

  const assignedName =
    referral.assignedUserId === null
      ? "Nog niemand"
      : referral.assignedUserId === me.user.id
        ? `Jij (${me.user.name})`
        : (members?.find((m) => m.userId === referral.assignedUserId)?.name ?? "Een collega");

  return (
    <>
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
              onClick={() => void assign(me.user.id)}
            >
              Ik pak deze verwijzing op
            </button>
          ) : null}
          {isAdmin && members ? (
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
                {members.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.name}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="utrecht-button utrecht-button--secondary-action"
                onClick={() => void assign(choice || null)}
              >
                Behandelaar opslaan
              </button>
            </>
          ) : referral.assignedUserId === me.user.id ? (
            <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => void assign(null)}>
              Ik geef deze verwijzing terug
            </button>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
