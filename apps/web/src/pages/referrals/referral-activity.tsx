import {
  type ContactAttemptChannel,
  type ContactAttemptResult,
  contactAttemptChannelLabels,
  contactAttemptChannels,
  contactAttemptResultLabels,
  contactAttemptResults,
  driegesprekStateLabels,
  MAX_PROPOSED_MOMENTS,
  referralViewStatusLabels,
} from "@schakel/core";
import { type FormEvent, useState } from "react";
import { Alert } from "../../components/alert";
import { FormField, SelectField } from "../../components/form-field";
import { api, run } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import {
  actorText,
  type ContactAttempt,
  type Driegesprek,
  isoToLocal,
  localToIso,
  type Referral,
  type ReferralEvent,
  type ReferralMessage,
} from "../../lib/referrals";
import { fieldId, Input, RadioGroup, TextArea } from "../services/form-controls";
import { problemText } from "./referral-actions";

const hiddenText = {
  consent_withdrawn: "Tekst niet zichtbaar: de inwoner heeft de toestemming ingetrokken.",
  feedback_level: "Tekst niet zichtbaar: de inwoner wil niet dat de uitkomst gedeeld wordt.",
} as const;

function eventText(event: ReferralEvent): string {
  switch (event.type) {
    case "status_changed":
      return event.toStatus ? `Status: ${referralViewStatusLabels[event.toStatus]}` : "Status gewijzigd";
    case "message":
      return "Bericht";
    case "contact_attempt":
      return event.contactAttempt
        ? `Contactpoging: ${contactAttemptChannelLabels[event.contactAttempt.channel]}, ${contactAttemptResultLabels[event.contactAttempt.result].toLowerCase()}`
        : "Contactpoging";
    case "driegesprek_proposed":
      return "Driegesprek: momenten voorgesteld";
    case "driegesprek_confirmed":
      return event.driegesprek?.confirmedAt
        ? `Driegesprek gepland op ${formatDateTime(event.driegesprek.confirmedAt)}`
        : "Driegesprek gepland";
    case "driegesprek_held":
      return "Driegesprek gehouden";
    case "driegesprek_not_held":
      return "Driegesprek niet doorgegaan";
    default:
      return "Gebeurtenis";
  }
}

/** Everything that happened, oldest first. */
export function Timeline({ events }: { events: readonly ReferralEvent[] }) {
  if (events.length === 0) return <p className="utrecht-paragraph">Er is nog niets gebeurd.</p>;
  return (
    <ol className="schakel-timeline">
      {events.map((e) => (
        <li key={e.id} className="schakel-timeline__item">
          <p className="utrecht-paragraph schakel-timeline__what">
            <strong>{eventText(e)}</strong>
          </p>
          <p className="utrecht-paragraph schakel-muted schakel-timeline__meta">
            {formatDateTime(e.at)} · {actorText(e.actor)}
          </p>
          {e.note ? <p className="utrecht-paragraph schakel-text">{e.note}</p> : null}
          {e.noteHidden ? <p className="utrecht-paragraph schakel-muted">{hiddenText[e.noteHidden]}</p> : null}
        </li>
      ))}
    </ol>
  );
}

/** The messages between both sides, and a form to send one while the referral is open. */
export function Messages({
  referral,
  messages,
  open,
  onSent,
}: {
  referral: Referral;
  messages: readonly ReferralMessage[];
  open: boolean;
  onSent: (message: string) => void;
}) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const other = referral.side === "sender" ? referral.receiver.name : referral.sender.name;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!text.trim()) {
      setError("Schrijf eerst een bericht.");
      document.getElementById(fieldId("text", "bericht"))?.focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    const r = await run(
      api.POST("/referrals/{referralId}/messages", {
        params: { path: { referralId: referral.id } },
        body: { text: text.trim() },
      }),
    );
    setBusy(false);
    if (r.ok) {
      setText("");
      setProblem(null);
      onSent(`Je bericht is verstuurd naar ${other}.`);
    } else setProblem(problemText(r.problem));
  }

  return (
    <>
      {messages.length === 0 ? (
        <p className="utrecht-paragraph">Nog geen berichten.</p>
      ) : (
        <ul className="schakel-messages">
          {messages.map((m) => (
            <li key={m.id} className={`schakel-message schakel-message--${m.author.side}`}>
              <p className="utrecht-paragraph schakel-muted schakel-message__meta">
                {actorText(m.author)} · {formatDateTime(m.at)}
              </p>
              {m.text ? <p className="utrecht-paragraph schakel-text">{m.text}</p> : null}
              {m.textHidden ? <p className="utrecht-paragraph schakel-muted">{hiddenText[m.textHidden]}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {open ? (
        <form className="schakel-form" noValidate onSubmit={submit} aria-label={`Bericht aan ${other}`}>
          {problem ? (
            <Alert type="error">
              <p className="utrecht-paragraph">{problem}</p>
            </Alert>
          ) : null}
          <TextArea
            prefix="bericht"
            field="text"
            label={`Bericht aan ${other}`}
            description="Alleen jullie twee organisaties zien dit. Schrijf geen gegevens over gezondheid op."
            rows={3}
            value={text}
            onChange={setText}
            error={error}
            maxLength={2000}
          />
          <button type="submit" className="utrecht-button utrecht-button--primary-action" aria-disabled={busy || undefined}>
            {busy ? "Bericht wordt verstuurd…" : "Bericht versturen"}
          </button>
        </form>
      ) : null}
    </>
  );
}

/** The receiver's attempts to reach the resident; the receiver logs one here. */
export function ContactAttempts({
  referral,
  attempts,
  canLog,
  onLogged,
}: {
  referral: Referral;
  attempts: readonly ContactAttempt[];
  canLog: boolean;
  onLogged: (message: string) => void;
}) {
  const [channel, setChannel] = useState<ContactAttemptChannel>("phone");
  const [result, setResult] = useState<ContactAttemptResult>("no_answer");
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const r = await run(
      api.POST("/referrals/{referralId}/contact-attempts", {
        params: { path: { referralId: referral.id } },
        body: { channel, result, ...(note.trim() ? { note: note.trim() } : {}) },
      }),
    );
    setBusy(false);
    if (r.ok) {
      setNote("");
      setProblem(null);
      onLogged("De contactpoging is vastgelegd.");
    } else setProblem(problemText(r.problem));
  }

  return (
    <>
      {attempts.length === 0 ? (
        <p className="utrecht-paragraph">Nog geen contactpogingen.</p>
      ) : (
        <ul className="utrecht-unordered-list">
          {attempts.map((a) => (
            <li key={a.id}>
              {formatDateTime(a.at)}: {contactAttemptChannelLabels[a.channel]},{" "}
              {contactAttemptResultLabels[a.result].toLowerCase()}
              {a.note ? ` (${a.note})` : ""}
            </li>
          ))}
        </ul>
      )}
      {canLog ? (
        <form className="schakel-form" noValidate onSubmit={submit} aria-labelledby="poging-titel">
          <h3 className="utrecht-heading-3" id="poging-titel">
            Contactpoging vastleggen
          </h3>
          {problem ? (
            <Alert type="error">
              <p className="utrecht-paragraph">{problem}</p>
            </Alert>
          ) : null}
          <SelectField
            id={fieldId("channel", "poging")}
            name="channel"
            label="Hoe"
            value={channel}
            options={contactAttemptChannels.map((c) => ({ value: c, label: contactAttemptChannelLabels[c] }))}
            onChange={setChannel}
          />
          <SelectField
            id={fieldId("result", "poging")}
            name="result"
            label="Resultaat"
            value={result}
            options={contactAttemptResults.map((c) => ({ value: c, label: contactAttemptResultLabels[c] }))}
            onChange={setResult}
          />
          <Input prefix="poging" field="note" label="Notitie (niet verplicht)" value={note} onChange={setNote} maxLength={300} />
          <button type="submit" className="utrecht-button utrecht-button--primary-action" aria-disabled={busy || undefined}>
            {busy ? "Bezig…" : "Contactpoging vastleggen"}
          </button>
        </form>
      ) : null}
    </>
  );
}

/** The warm handover: proposed moments, the confirmed time and place, held or not. */
export function DriegesprekSection({
  referral,
  driegesprek,
  open,
  onChanged,
}: {
  referral: Referral;
  driegesprek: Driegesprek | null;
  open: boolean;
  onChanged: (message: string) => void;
}) {
  const [moments, setMoments] = useState<string[]>(["", "", ""]);
  const [choice, setChoice] = useState<string>("");
  const [other, setOther] = useState("");
  const [place, setPlace] = useState("");
  const [video, setVideo] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [proposing, setProposing] = useState(false);
  const path = { params: { path: { referralId: referral.id } } };

  async function finish(r: { ok: true } | { ok: false; problem: Parameters<typeof problemText>[0] }, message: string) {
    setBusy(false);
    if (r.ok) {
      setProblem(null);
      setProposing(false);
      onChanged(message);
    } else setProblem(problemText(r.problem));
  }

  async function propose(event: FormEvent) {
    event.preventDefault();
    const iso = moments.map(localToIso).filter((m): m is string => m !== null);
    if (iso.length === 0) {
      setProblem("Vul minstens één moment in.");
      return;
    }
    setBusy(true);
    const r = await run(
      api.PUT("/referrals/{referralId}/driegesprek", { ...path, body: { moments: iso.slice(0, MAX_PROPOSED_MOMENTS) } }),
    );
    await finish(r, "De momenten voor het driegesprek zijn voorgesteld.");
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    const at = choice === "other" || !choice ? localToIso(other) : choice;
    if (!at) {
      setProblem("Kies een moment, of vul een ander moment in.");
      return;
    }
    if (!place.trim() && !video.trim()) {
      setProblem("Vul een plaats of een videolink in.");
      return;
    }
    setBusy(true);
    const r = await run(
      api.POST("/referrals/{referralId}/driegesprek/confirmation", {
        ...path,
        body: { at, ...(place.trim() ? { place: place.trim() } : {}), ...(video.trim() ? { videoLink: video.trim() } : {}) },
      }),
    );
    await finish(r, "Het driegesprek is gepland.");
  }

  async function outcome(held: boolean) {
    setBusy(true);
    const r = await run(api.POST("/referrals/{referralId}/driegesprek/outcome", { ...path, body: { held } }));
    await finish(r, held ? "Vastgelegd: het driegesprek is gehouden." : "Vastgelegd: het driegesprek ging niet door.");
  }

  const started = driegesprek?.confirmedAt ? new Date(driegesprek.confirmedAt).getTime() <= Date.now() : false;
  const canPropose = open && driegesprek?.state !== "held";
  const canConfirm = open && (driegesprek?.state === "proposed" || driegesprek?.state === "confirmed");

  return (
    <>
      {!driegesprek ? (
        <p className="utrecht-paragraph">
          {referral.driegesprekWanted
            ? "Er is een driegesprek gewenst, maar er zijn nog geen momenten voorgesteld."
            : "Er is geen driegesprek gepland."}
        </p>
      ) : (
        <dl className="schakel-detail-list">
          <div className="schakel-detail-list__row">
            <dt>Stand</dt>
            <dd>{driegesprekStateLabels[driegesprek.state]}</dd>
          </div>
          {driegesprek.state === "proposed" && driegesprek.proposedMoments.length > 0 ? (
            <div className="schakel-detail-list__row">
              <dt>Voorgestelde momenten</dt>
              <dd>
                <ul className="utrecht-unordered-list schakel-compact-list">
                  {driegesprek.proposedMoments.map((m) => (
                    <li key={m}>{formatDateTime(m)}</li>
                  ))}
                </ul>
              </dd>
            </div>
          ) : null}
          {driegesprek.confirmedAt ? (
            <div className="schakel-detail-list__row">
              <dt>Wanneer</dt>
              <dd>{formatDateTime(driegesprek.confirmedAt)}</dd>
            </div>
          ) : null}
          {driegesprek.place ? (
            <div className="schakel-detail-list__row">
              <dt>Waar</dt>
              <dd>{driegesprek.place}</dd>
            </div>
          ) : null}
          {driegesprek.videoLink ? (
            <div className="schakel-detail-list__row">
              <dt>Videogesprek</dt>
              <dd>
                <a className="utrecht-link utrecht-link--html-a" href={driegesprek.videoLink} rel="noreferrer" target="_blank">
                  Naar het videogesprek
                </a>
              </dd>
            </div>
          ) : null}
          {driegesprek.calendarUrl && driegesprek.state === "confirmed" ? (
            <div className="schakel-detail-list__row">
              <dt>Agenda</dt>
              <dd>
                <a className="utrecht-link utrecht-link--html-a" href={driegesprek.calendarUrl} download="driegesprek.ics">
                  Zet in je agenda (.ics)
                </a>
              </dd>
            </div>
          ) : null}
        </dl>
      )}
      {problem ? (
        <Alert type="error">
          <p className="utrecht-paragraph">{problem}</p>
        </Alert>
      ) : null}
      {open && driegesprek?.state === "confirmed" && started ? (
        <div className="utrecht-button-group schakel-actions">
          <button type="button" className="utrecht-button utrecht-button--primary-action" onClick={() => void outcome(true)}>
            Driegesprek is gehouden
          </button>
          <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => void outcome(false)}>
            Driegesprek ging niet door
          </button>
        </div>
      ) : null}
      {canConfirm && driegesprek ? (
        <form className="schakel-form schakel-panel" noValidate onSubmit={confirm} aria-labelledby="plannen-titel">
          <h3 className="utrecht-heading-3" id="plannen-titel">
            Driegesprek plannen
          </h3>
          <RadioGroup
            prefix="plannen"
            field="at"
            legend="Welk moment?"
            options={[
              ...driegesprek.proposedMoments.map((m) => ({ value: m, label: formatDateTime(m) })),
              { value: "other", label: "Een ander moment" },
            ]}
            value={choice}
            onChange={setChoice}
          />
          {choice === "other" || driegesprek.proposedMoments.length === 0 ? (
            <FormField id={fieldId("other", "plannen")} label="Ander moment">
              {({ invalidClass, ...aria }) => (
                <input
                  {...aria}
                  type="datetime-local"
                  value={other}
                  onChange={(e) => setOther(e.target.value)}
                  className={`utrecht-textbox utrecht-textbox--html-input${invalidClass}`}
                />
              )}
            </FormField>
          ) : null}
          <Input
            prefix="plannen"
            field="place"
            label="Plaats"
            description="Bijvoorbeeld: wijkcentrum, zaal 2. Bij een huisbezoek: 'bij de inwoner thuis'."
            value={place}
            onChange={setPlace}
            maxLength={300}
          />
          <Input
            prefix="plannen"
            field="videoLink"
            label="Of een videolink (https://…)"
            kind="url"
            value={video}
            onChange={setVideo}
            maxLength={500}
          />
          <button type="submit" className="utrecht-button utrecht-button--primary-action" aria-disabled={busy || undefined}>
            Driegesprek plannen
          </button>
        </form>
      ) : null}
      {canPropose ? (
        proposing || !driegesprek ? (
          <form className="schakel-form schakel-panel" noValidate onSubmit={propose} aria-labelledby="voorstellen-titel">
            <h3 className="utrecht-heading-3" id="voorstellen-titel">
              {driegesprek ? "Nieuwe momenten voorstellen" : "Momenten voorstellen"}
            </h3>
            {moments.map((m, i) => (
              <FormField
                // biome-ignore lint/suspicious/noArrayIndexKey: fixed slots
                key={i}
                id={fieldId(`moment-${i}`, "voorstellen")}
                label={`Moment ${i + 1}${i > 0 ? " (niet verplicht)" : ""}`}
              >
                {({ invalidClass, ...aria }) => (
                  <input
                    {...aria}
                    type="datetime-local"
                    value={m}
                    onChange={(e) => setMoments((all) => all.map((x, j) => (j === i ? e.target.value : x)))}
                    className={`utrecht-textbox utrecht-textbox--html-input${invalidClass}`}
                  />
                )}
              </FormField>
            ))}
            <button type="submit" className="utrecht-button utrecht-button--primary-action" aria-disabled={busy || undefined}>
              Momenten voorstellen
            </button>
          </form>
        ) : (
          <p className="utrecht-paragraph">
            <button
              type="button"
              className="utrecht-button utrecht-button--secondary-action"
              onClick={() => {
                setMoments(
                  driegesprek?.proposedMoments.slice(0, 3).map(isoToLocal).concat(["", "", ""]).slice(0, 3) ?? ["", "", ""],
                );
                setProposing(true);
              }}
            >
              Nieuwe momenten voorstellen
            </button>
          </p>
        )
      ) : null}
    </>
  );
}
