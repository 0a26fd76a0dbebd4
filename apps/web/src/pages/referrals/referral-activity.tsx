import {
  contactAttemptChannelLabels,
  contactAttemptChannels,
  contactAttemptResultLabels,
  contactAttemptResults,
  driegesprekStateLabels,
  MAX_PROPOSED_MOMENTS,
  referralViewStatusLabels,
} from "@schakel/core";
import { type UseQueryResult, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { FieldErrors } from "react-hook-form";
import { z } from "zod";
import { toProblem } from "../../api/problem";
import {
  referralQueries,
  useConfirmDriegesprek,
  useDriegesprekOutcome,
  useLogContactAttempt,
  useProposeDriegesprek,
  useSendMessage,
} from "../../api/referrals";
import { Alert } from "../../components/alert";
import { SelectField } from "../../components/form-field";
import { QueryState } from "../../components/query-state";
import { SubmitButton } from "../../components/submit-button";
import { applyProblem, SERVER_ERROR_KEY } from "../../forms/apply-problem";
import { useZodForm } from "../../forms/use-zod-form";
import { formatDateTime } from "../../lib/format";
import {
  actorText,
  type ContactAttempt,
  type Driegesprek,
  isoToLocal,
  type Referral,
  type ReferralEvent,
} from "../../lib/referrals";
import { fieldId, Input, RadioGroup, TextArea } from "../services/form-controls";
import { ActionResult, useActionResult } from "./action-result";
import { type DateTimeParts, emptyDateTime, isBlank, localToParts } from "./date-parts";
import { DateTimeField } from "./date-time-field";
import { problemText } from "./referral-actions";
import { MOMENT_SLOTS, momentIso, momentsIso } from "./wizard-state";

const blankMoments = () => Array.from({ length: MOMENT_SLOTS }, emptyDateTime);

/** A message: the one thing the form itself asks is that there is one (the API checks the rest). */
const MessageFormSchema = z.object({ text: z.string().trim().min(1, "Schrijf eerst een bericht.") });

/** A contact attempt: channel and result from core's lists; the note as typed (the API checks its length). */
const ContactAttemptFormSchema = z.object({
  channel: z.enum(contactAttemptChannels),
  result: z.enum(contactAttemptResults),
  note: z
    .string()
    .trim()
    .transform((note) => note || undefined),
});

/** A refusal that belongs to no field of the form (applyProblem keeps it at root.server), or null. */
function rootError(errors: FieldErrors): string | null {
  return (errors.root as Record<string, { message?: string }> | undefined)?.[SERVER_ERROR_KEY]?.message ?? null;
}

/** A failed mutation as one sentence to show at its form, or null. */
function failure(mutation: { isError: boolean; error: unknown }): string | null {
  return mutation.isError ? problemText(toProblem(mutation.error)) : null;
}

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

/** Everything that happened, oldest first; a failed load is an error with a retry, not an empty timeline. */
export function Timeline({ referralId }: { referralId: string }) {
  const query = useQuery(referralQueries.events(referralId));
  return (
    <QueryState
      query={query}
      loading="Het verloop wordt geladen…"
      isEmpty={(page) => page.data.length === 0}
      empty={<p className="utrecht-paragraph">Er is nog niets gebeurd.</p>}
    >
      {(page) => <Events events={page.data} />}
    </QueryState>
  );
}

function Events({ events }: { events: readonly ReferralEvent[] }) {
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
export function Messages({ referral, open }: { referral: Referral; open: boolean }) {
  const query = useQuery(referralQueries.messages(referral.id));
  const form = useZodForm(MessageFormSchema, { defaultValues: { text: "" } });
  const send = useSendMessage(referral.id);
  const { result, show } = useActionResult();
  const other = referral.side === "sender" ? referral.receiver.name : referral.sender.name;

  const submit = form.handleSubmit(
    (body) => {
      if (send.isPending) return;
      send.mutate(body, {
        onSuccess: () => {
          form.reset();
          show(`Je bericht is verstuurd naar ${other}.`);
        },
        onError: (error) => applyProblem(toProblem(error), form),
      });
    },
    () => document.getElementById(fieldId("text", "bericht"))?.focus(),
  );
  const problem = rootError(form.formState.errors);

  return (
    <>
      <QueryState
        query={query}
        loading="De berichten worden geladen…"
        isEmpty={(page) => page.data.length === 0}
        empty={<p className="utrecht-paragraph">Nog geen berichten.</p>}
      >
        {(page) => (
          <ul className="schakel-messages">
            {page.data.map((m) => (
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
      </QueryState>
      {open ? (
        <form className="schakel-form" noValidate onSubmit={(e) => void submit(e)} aria-label={`Bericht aan ${other}`}>
          <ActionResult result={result} />
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
            value={form.watch("text")}
            onChange={(v) => form.setValue("text", v, { shouldDirty: true, shouldValidate: form.formState.isSubmitted })}
            error={form.formState.errors.text?.message}
          />
          <SubmitButton busy={send.isPending} busyText="Bericht wordt verstuurd…">
            Bericht versturen
          </SubmitButton>
        </form>
      ) : null}
    </>
  );
}

/** The receiver's attempts to reach the resident; the receiver logs one here. */
export function ContactAttempts({
  referral,
  query,
  canLog,
}: {
  referral: Referral;
  /** The attempts, read by the page as well (it needs their number for 'Niet bereikt'). */
  query: UseQueryResult<{ data: ContactAttempt[] }, unknown>;
  canLog: boolean;
}) {
  const form = useZodForm(ContactAttemptFormSchema, { defaultValues: { channel: "phone", result: "no_answer", note: "" } });
  const log = useLogContactAttempt(referral.id);
  const done = useActionResult();
  const values = form.watch();
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) =>
    form.setValue(key, value as never, { shouldDirty: true });

  const submit = form.handleSubmit((body) => {
    if (log.isPending) return;
    log.mutate(body, {
      onSuccess: () => {
        form.setValue("note", "");
        done.show("De contactpoging is vastgelegd.");
      },
      onError: (error) => applyProblem(toProblem(error), form),
    });
  });
  const problem = rootError(form.formState.errors);

  return (
    <>
      <QueryState
        query={query}
        loading="De contactpogingen worden geladen…"
        isEmpty={(page) => page.data.length === 0}
        empty={<p className="utrecht-paragraph">Nog geen contactpogingen.</p>}
      >
        {(page) => (
          <ul className="utrecht-unordered-list">
            {page.data.map((a) => (
              <li key={a.id}>
                {formatDateTime(a.at)}: {contactAttemptChannelLabels[a.channel]},{" "}
                {contactAttemptResultLabels[a.result].toLowerCase()}
                {a.note ? ` (${a.note})` : ""}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      {canLog ? (
        <form className="schakel-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="poging-titel">
          <h3 className="utrecht-heading-3" id="poging-titel">
            Contactpoging vastleggen
          </h3>
          <ActionResult result={done.result} />
          {problem ? (
            <Alert type="error">
              <p className="utrecht-paragraph">{problem}</p>
            </Alert>
          ) : null}
          <SelectField
            id={fieldId("channel", "poging")}
            name="channel"
            label="Hoe"
            value={values.channel}
            options={contactAttemptChannels.map((c) => ({ value: c, label: contactAttemptChannelLabels[c] }))}
            onChange={(v) => set("channel", v)}
          />
          <SelectField
            id={fieldId("result", "poging")}
            name="result"
            label="Resultaat"
            value={values.result}
            options={contactAttemptResults.map((c) => ({ value: c, label: contactAttemptResultLabels[c] }))}
            onChange={(v) => set("result", v)}
          />
          <Input
            prefix="poging"
            field="note"
            label="Notitie (niet verplicht)"
            value={values.note}
            onChange={(v) => set("note", v)}
            error={form.formState.errors.note?.message}
          />
          <SubmitButton busy={log.isPending} busyText="Bezig met vastleggen…">
            Contactpoging vastleggen
          </SubmitButton>
        </form>
      ) : null}
    </>
  );
}

/** The warm handover: proposed moments, the confirmed time and place, held or not. */
export function DriegesprekSection({ referral, open }: { referral: Referral; open: boolean }) {
  const query = useQuery(referralQueries.driegesprek(referral.id));
  return (
    <QueryState query={query} loading="Het driegesprek wordt geladen…">
      {(driegesprek) => <DriegesprekPanel referral={referral} driegesprek={driegesprek} open={open} />}
    </QueryState>
  );
}

type DriegesprekForm = "propose" | "confirm" | null;

function DriegesprekPanel({
  referral,
  driegesprek,
  open,
}: {
  referral: Referral;
  driegesprek: Driegesprek | null;
  open: boolean;
}) {
  const [moments, setMoments] = useState<DateTimeParts[]>(() => blankMoments());
  const [choice, setChoice] = useState<string>("");
  const [other, setOther] = useState<DateTimeParts>(emptyDateTime);
  const [place, setPlace] = useState("");
  const [video, setVideo] = useState("");
  const [missing, setMissing] = useState<string | null>(null);
  // Planning forms open only when asked (a disclosure button), so the page stays short.
  const [form, setForm] = useState<DriegesprekForm>(null);
  const propose = useProposeDriegesprek(referral.id);
  const confirm = useConfirmDriegesprek(referral.id);
  const record = useDriegesprekOutcome(referral.id);
  const { result, show } = useActionResult();

  const done = (message: string) => ({
    onSuccess: () => {
      setForm(null);
      show(message);
    },
  });

  function toggle(which: Exclude<DriegesprekForm, null>) {
    setMissing(null);
    propose.reset();
    confirm.reset();
    if (which === "propose" && form !== "propose") {
      const proposed = (driegesprek?.proposedMoments ?? []).slice(0, MOMENT_SLOTS).map((m) => localToParts(isoToLocal(m)));
      setMoments([...proposed, ...blankMoments()].slice(0, MOMENT_SLOTS));
    }
    setForm(form === which ? null : which);
  }

  function submitProposal(event: FormEvent) {
    event.preventDefault();
    if (propose.isPending) return;
    const iso = momentsIso(moments);
    if (iso.length === 0) {
      setMissing("Vul minstens één moment in, met dag, maand, jaar en tijd.");
      return;
    }
    if (moments.some((m) => !isBlank(m) && momentIso(m) === null)) {
      setMissing("Vul elk moment helemaal in: een bestaande datum en een tijd, zoals 26 11 2026 om 10:00.");
      return;
    }
    setMissing(null);
    propose.mutate({ moments: iso.slice(0, MAX_PROPOSED_MOMENTS) }, done("De momenten voor het driegesprek zijn voorgesteld."));
  }

  function submitConfirmation(event: FormEvent) {
    event.preventDefault();
    if (confirm.isPending) return;
    const at = choice === "other" || !choice ? momentIso(other) : choice;
    if (!at) {
      setMissing("Kies een moment, of vul een ander moment in.");
      return;
    }
    if (!place.trim() && !video.trim()) {
      setMissing("Vul een plaats of een videolink in.");
      return;
    }
    setMissing(null);
    confirm.mutate(
      { at, ...(place.trim() ? { place: place.trim() } : {}), ...(video.trim() ? { videoLink: video.trim() } : {}) },
      done("Het driegesprek is gepland."),
    );
  }

  function recordOutcome(held: boolean) {
    if (record.isPending) return;
    record.mutate(
      { held },
      done(held ? "Het driegesprek is gehouden; dat is vastgelegd." : "Het driegesprek ging niet door; dat is vastgelegd."),
    );
  }

  const started = driegesprek?.confirmedAt ? new Date(driegesprek.confirmedAt).getTime() <= Date.now() : false;
  const canPropose = open && driegesprek?.state !== "held";
  const canConfirm = open && (driegesprek?.state === "proposed" || driegesprek?.state === "confirmed");
  const formProblem = (problem: string | null) =>
    problem ? (
      <Alert type="error">
        <p className="utrecht-paragraph">{problem}</p>
      </Alert>
    ) : null;

  return (
    <>
      <ActionResult result={result} />
      {!driegesprek ? (
        <p className="utrecht-paragraph">
          {referral.driegesprekWanted
            ? "Er is een driegesprek gewenst, maar er zijn nog geen momenten voorgesteld."
            : "Er is geen driegesprek gepland."}
        </p>
      ) : (
        <dl className="schakel-detail-list">
          <div className="schakel-detail-list__row">
            <dt>Status</dt>
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
      {open && driegesprek?.state === "confirmed" && started ? (
        <>
          {formProblem(failure(record))}
          <div className="utrecht-button-group schakel-actions">
            <button
              type="button"
              className="utrecht-button utrecht-button--primary-action"
              aria-disabled={record.isPending || undefined}
              onClick={() => recordOutcome(true)}
            >
              Driegesprek is gehouden
            </button>
            <button
              type="button"
              className="utrecht-button utrecht-button--secondary-action"
              aria-disabled={record.isPending || undefined}
              onClick={() => recordOutcome(false)}
            >
              Driegesprek ging niet door
            </button>
          </div>
        </>
      ) : null}
      {canConfirm || canPropose ? (
        <div className="utrecht-button-group schakel-actions">
          {canConfirm ? (
            <button
              type="button"
              className="utrecht-button utrecht-button--secondary-action"
              aria-expanded={form === "confirm"}
              aria-controls="driegesprek-plannen"
              onClick={() => toggle("confirm")}
            >
              {driegesprek?.state === "confirmed" ? "Driegesprek verzetten" : "Driegesprek plannen"}
            </button>
          ) : null}
          {canPropose ? (
            <button
              type="button"
              className="utrecht-button utrecht-button--secondary-action"
              aria-expanded={form === "propose"}
              aria-controls="driegesprek-voorstellen"
              onClick={() => toggle("propose")}
            >
              {driegesprek ? "Nieuwe momenten voorstellen" : "Momenten voorstellen"}
            </button>
          ) : null}
        </div>
      ) : null}
      {canConfirm && driegesprek && form === "confirm" ? (
        <form
          id="driegesprek-plannen"
          className="schakel-form schakel-panel"
          noValidate
          onSubmit={submitConfirmation}
          aria-labelledby="plannen-titel"
        >
          <h3 className="utrecht-heading-3" id="plannen-titel">
            Driegesprek plannen
          </h3>
          {formProblem(missing ?? failure(confirm))}
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
            <DateTimeField id={fieldId("other", "plannen")} legend="Ander moment" value={other} onChange={setOther} />
          ) : null}
          <Input
            prefix="plannen"
            field="place"
            label="Plaats"
            description="Bijvoorbeeld: wijkcentrum, zaal 2. Bij een huisbezoek: 'bij de inwoner thuis'."
            value={place}
            onChange={setPlace}
          />
          <Input
            prefix="plannen"
            field="videoLink"
            label="Of een videolink (https://…)"
            kind="url"
            value={video}
            onChange={setVideo}
          />
          <SubmitButton busy={confirm.isPending} busyText="Het driegesprek wordt gepland…">
            Bevestigen: driegesprek plannen
          </SubmitButton>
        </form>
      ) : null}
      {canPropose && form === "propose" ? (
        <form
          id="driegesprek-voorstellen"
          className="schakel-form schakel-panel"
          noValidate
          onSubmit={submitProposal}
          aria-labelledby="voorstellen-titel"
        >
          <h3 className="utrecht-heading-3" id="voorstellen-titel">
            {driegesprek ? "Nieuwe momenten voorstellen" : "Momenten voorstellen"}
          </h3>
          {formProblem(missing ?? failure(propose))}
          {moments.map((m, i) => (
            <DateTimeField
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed slots
              key={i}
              id={fieldId(`moment-${i}`, "voorstellen")}
              legend={`Moment ${i + 1}${i > 0 ? " (niet verplicht)" : ""}`}
              value={m}
              onChange={(v) => setMoments((all) => all.map((x, j) => (j === i ? v : x)))}
            />
          ))}
          <SubmitButton busy={propose.isPending} busyText="De momenten worden voorgesteld…">
            Bevestigen: momenten voorstellen
          </SubmitButton>
        </form>
      ) : null}
    </>
  );
}
