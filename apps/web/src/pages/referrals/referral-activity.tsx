import {
  contactAttemptChannelLabels,
  contactAttemptChannels,
  contactAttemptResultLabels,
  contactAttemptResults,
  driegesprekStateLabels,
  escalationRungLabels,
  MAX_PROPOSED_MOMENTS,
  referralViewStatusLabels,
} from "@schakel/core";
import { type UseQueryResult, useQuery } from "@tanstack/react-query";
import { useState } from "react";
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
import { FormErrorSummary } from "../../forms/form-error-summary";
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
import { MOMENT_SLOTS, momentIso, momentProblems, momentsIso } from "./wizard-state";

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
  consent_withdrawn: "Tekst niet zichtbaar: de toestemming van de inwoner is ingetrokken of verlopen.",
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
    case "escalation":
      return event.escalation ? escalationRungLabels[event.escalation.rung] : "Herinnering gestuurd";
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

/** Proposing moments: at least one, each complete, and core's rules (in the future, no repeats). */
const ProposalFormSchema = z
  .object({ moments: z.array(z.custom<DateTimeParts>()) })
  .superRefine(({ moments }, ctx) => {
    if (moments.every(isBlank)) {
      ctx.addIssue({
        code: "custom",
        path: ["moments", 0],
        message: "Vul minstens één moment in, met dag, maand, jaar en tijd.",
      });
    }
    for (const [key, message] of Object.entries(momentProblems(moments, new Date()))) {
      ctx.addIssue({ code: "custom", path: key.split("."), message });
    }
  })
  .transform(({ moments }) => ({ moments: momentsIso(moments).slice(0, MAX_PROPOSED_MOMENTS) }));

/** Planning: one of the proposed moments or another, and a place or a video link. */
const ConfirmationFormSchema = z
  .object({ at: z.string(), other: z.custom<DateTimeParts>(), place: z.string(), videoLink: z.string() })
  .transform((v, ctx) => {
    const at = v.at && v.at !== "other" ? v.at : momentIso(v.other);
    if (!at) {
      ctx.addIssue({
        code: "custom",
        path: [v.at === "other" ? "other" : "at"],
        message: "Kies een moment, of vul een ander moment in.",
      });
    }
    if (!v.place.trim() && !v.videoLink.trim()) {
      ctx.addIssue({ code: "custom", path: ["place"], message: "Vul een plaats of een videolink in." });
    }
    if (!at) return z.NEVER;
    return {
      at,
      ...(v.place.trim() ? { place: v.place.trim() } : {}),
      ...(v.videoLink.trim() ? { videoLink: v.videoLink.trim() } : {}),
    };
  });

const proposalLabels = { "moments.0": "Moment 1", "moments.1": "Moment 2", "moments.2": "Moment 3" };
const confirmationLabels = { at: "Welk moment?", other: "Ander moment", place: "Plaats", videoLink: "Videolink" };

function DriegesprekPanel({
  referral,
  driegesprek,
  open,
}: {
  referral: Referral;
  driegesprek: Driegesprek | null;
  open: boolean;
}) {
  // Planning forms open only when asked (a disclosure button), so the page stays short.
  const [form, setForm] = useState<DriegesprekForm>(null);
  const proposal = useZodForm(ProposalFormSchema, { defaultValues: { moments: blankMoments() } });
  const confirmation = useZodForm(ConfirmationFormSchema, {
    defaultValues: { at: "", other: emptyDateTime(), place: "", videoLink: "" },
  });
  const propose = useProposeDriegesprek(referral.id);
  const confirm = useConfirmDriegesprek(referral.id);
  const record = useDriegesprekOutcome(referral.id);
  const { result, show } = useActionResult();
  const moments = proposal.watch("moments");
  const planned = confirmation.watch();

  const done = (message: string) => ({
    onSuccess: () => {
      setForm(null);
      show(message);
    },
  });

  function toggle(which: Exclude<DriegesprekForm, null>) {
    propose.reset();
    confirm.reset();
    if (which === "propose" && form !== "propose") {
      const proposed = (driegesprek?.proposedMoments ?? []).slice(0, MOMENT_SLOTS).map((m) => localToParts(isoToLocal(m)));
      proposal.reset({ moments: [...proposed, ...blankMoments()].slice(0, MOMENT_SLOTS) });
    }
    setForm(form === which ? null : which);
  }

  const submitProposal = proposal.handleSubmit((body) => {
    if (propose.isPending) return;
    propose.mutate(body, {
      ...done("De momenten voor het driegesprek zijn voorgesteld."),
      // The API numbers only the complete moments, not the slots: its message goes to the form as a whole.
      onError: (error) => applyProblem(toProblem(error), proposal, () => null),
    });
  });

  const submitConfirmation = confirmation.handleSubmit((body) => {
    if (confirm.isPending) return;
    confirm.mutate(body, {
      ...done("Het driegesprek is gepland."),
      onError: (error) => applyProblem(toProblem(error), confirmation),
    });
  });

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
          onSubmit={(e) => void submitConfirmation(e)}
          aria-labelledby="plannen-titel"
        >
          <h3 className="utrecht-heading-3" id="plannen-titel">
            Driegesprek plannen
          </h3>
          <FormErrorSummary formState={confirmation.formState} labels={confirmationLabels} />
          <RadioGroup
            prefix="veld"
            field="at"
            legend="Welk moment?"
            options={[
              ...driegesprek.proposedMoments.map((m) => ({ value: m, label: formatDateTime(m) })),
              { value: "other", label: "Een ander moment" },
            ]}
            value={planned.at}
            onChange={(v) => confirmation.setValue("at", v, { shouldDirty: true })}
            error={confirmation.formState.errors.at?.message}
          />
          {planned.at === "other" || driegesprek.proposedMoments.length === 0 ? (
            <DateTimeField
              id={fieldId("other", "veld")}
              legend="Ander moment"
              value={planned.other}
              onChange={(v) => confirmation.setValue("other", v, { shouldDirty: true })}
              error={confirmation.formState.errors.other?.message}
            />
          ) : null}
          <Input
            prefix="veld"
            field="place"
            label="Plaats"
            description="Bijvoorbeeld: wijkcentrum, zaal 2. Bij een huisbezoek: 'bij de inwoner thuis'."
            value={planned.place}
            onChange={(v) => confirmation.setValue("place", v, { shouldDirty: true })}
            error={confirmation.formState.errors.place?.message}
          />
          <Input
            prefix="veld"
            field="videoLink"
            label="Of een videolink (https://…)"
            kind="url"
            value={planned.videoLink}
            onChange={(v) => confirmation.setValue("videoLink", v, { shouldDirty: true })}
            error={confirmation.formState.errors.videoLink?.message}
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
          onSubmit={(e) => void submitProposal(e)}
          aria-labelledby="voorstellen-titel"
        >
          <h3 className="utrecht-heading-3" id="voorstellen-titel">
            {driegesprek ? "Nieuwe momenten voorstellen" : "Momenten voorstellen"}
          </h3>
          <FormErrorSummary formState={proposal.formState} labels={proposalLabels} />
          {moments.map((m, i) => (
            <DateTimeField
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed slots
              key={i}
              id={fieldId(`moments.${i}`, "veld")}
              legend={`Moment ${i + 1}${i > 0 ? " (niet verplicht)" : ""}`}
              value={m}
              onChange={(v) =>
                proposal.setValue(
                  "moments",
                  moments.map((x, j) => (j === i ? v : x)),
                  { shouldDirty: true },
                )
              }
              error={(proposal.formState.errors.moments as Record<number, { message?: string }> | undefined)?.[i]?.message}
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
