import { roleLabels, type WebhookEventType, webhookDeliveryStatusLabels, webhookEventTypeLabels } from "@schakel/core";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { pageItems } from "../../api/cursor-pages";
import { isNotFound, toProblem } from "../../api/problem";
import {
  type DeliveryStatus,
  useDeleteWebhookSubscription,
  useResendFailedWebhookDeliveries,
  useResendWebhookDelivery,
  useRotateWebhookSecret,
  useTestWebhookSubscription,
  useUpdateWebhookSubscription,
  type WebhookDelivery,
  type WebhookSubscription,
  type WebhookTest,
  webhookQueries,
} from "../../api/webhooks";
import { Alert, LiveRegion } from "../../components/alert";
import { SelectField } from "../../components/form-field";
import { AnnouncedLoadMore } from "../../components/load-more";
import { NotAllowed } from "../../components/not-allowed";
import { Page } from "../../components/page";
import { QueryState } from "../../components/query-state";
import { formatDateTime } from "../../lib/format";
import { useSignedIn } from "../../lib/session";
import { WebhookForm } from "./webhook-form";
import { SecretOnce, StateBadge, TestOutcome } from "./webhook-parts";

const backLink = (
  <p className="utrecht-paragraph">
    <Link to="/organisatie/webhooks" className="utrecht-link utrecht-link--html-a">
      Terug naar alle webhooks
    </Link>
  </p>
);

/** /organisatie/webhooks/:subscriptionId: one webhook, what can be done with it, and its delivery log. */
export function WebhookPage() {
  const { membership } = useSignedIn();
  const { subscriptionId = "" } = useParams();
  if (membership?.role !== "admin") {
    return (
      <NotAllowed title="Webhook">
        Alleen beheerders kunnen webhooks van een organisatie instellen.
        {membership
          ? ` Je bent ${roleLabels[membership.role].toLowerCase()} bij ${membership.organizationName}.`
          : " Je bent geen lid van een organisatie."}{" "}
        Moet er iets veranderen? Vraag het aan een beheerder van je organisatie.
      </NotAllowed>
    );
  }
  return <Webhook key={subscriptionId} subscriptionId={subscriptionId} />;
}

function Webhook({ subscriptionId }: { subscriptionId: string }) {
  const query = useQuery(webhookQueries.detail(subscriptionId));
  return (
    <QueryState
      query={query}
      loading="De webhook wordt geladen…"
      errorFor={(problem) =>
        isNotFound(problem) ? (
          <Page title="Webhook niet gevonden" before={backLink}>
            <Alert type="warning">
              <p className="utrecht-paragraph">Deze webhook bestaat niet (meer), of hij is van een andere organisatie.</p>
            </Alert>
          </Page>
        ) : null
      }
    >
      {(subscription) => (
        <Page title={`Webhook ${subscription.description}`} heading={subscription.description} before={backLink}>
          <Summary subscription={subscription} />
          <Actions subscription={subscription} />
          <DeliveryLog subscription={subscription} />
          <EditWebhook subscription={subscription} />
        </Page>
      )}
    </QueryState>
  );
}

const stateExplained = {
  live: "Jullie systeem krijgt bericht van de soorten veranderingen hieronder.",
  unverified:
    'Het adres heeft het testbericht nog niet goed beantwoord. Tot dat lukt, krijgt jullie systeem geen berichten. Kies "Test opnieuw" als het adres klaar is.',
  off: "De webhook staat uit: jullie systeem krijgt geen berichten. Wat er intussen gebeurt, wordt later niet nagestuurd.",
} as const;

function Summary({ subscription }: { subscription: WebhookSubscription }) {
  return (
    <section className="schakel-section" aria-labelledby="webhook-status-titel">
      <h2 className="utrecht-heading-2" id="webhook-status-titel">
        Status: <StateBadge state={subscription.state} />
      </h2>
      <p className="utrecht-paragraph">{stateExplained[subscription.state]}</p>
      <dl className="schakel-detail-list">
        <dt>Webadres</dt>
        <dd>{subscription.url}</dd>
        <dt>Gecontroleerd</dt>
        <dd>{subscription.verifiedAt ? formatDateTime(subscription.verifiedAt) : "Nog niet"}</dd>
        <dt>Berichten over</dt>
        <dd>
          <ul className="schakel-compact-list">
            {subscription.eventTypes.map((type) => (
              <li key={type}>{webhookEventTypeLabels[type as WebhookEventType]}</li>
            ))}
          </ul>
        </dd>
        {subscription.previousSecretExpiresAt ? (
          <>
            <dt>Vorige sleutel</dt>
            <dd>Werkt nog tot {formatDateTime(subscription.previousSecretExpiresAt)}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

type Outcome =
  | { kind: "test"; test: WebhookTest }
  | { kind: "secret"; secret: string }
  | { kind: "ok"; text: string }
  | { kind: "error"; text: string };

function Actions({ subscription }: { subscription: WebhookSubscription }) {
  const path = { params: { path: { subscriptionId: subscription.id } } };
  const test = useTestWebhookSubscription();
  const update = useUpdateWebhookSubscription();
  const rotate = useRotateWebhookSecret();
  const remove = useDeleteWebhookSubscription();
  const navigate = useNavigate();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const busy = test.isPending || update.isPending || rotate.isPending || remove.isPending;

  async function run(work: () => Promise<Outcome>) {
    if (busy) return;
    setOutcome(null);
    try {
      setOutcome(await work());
    } catch (error) {
      setOutcome({ kind: "error", text: toProblem(error).detail });
    }
  }

  return (
    <section className="schakel-section" aria-labelledby="webhook-acties-titel">
      <h2 className="utrecht-heading-2" id="webhook-acties-titel">
        Wat wil je doen?
      </h2>
      <LiveRegion>
        {outcome?.kind === "test" ? <TestOutcome test={outcome.test} /> : null}
        {outcome?.kind === "ok" ? <Alert type="ok">{outcome.text}</Alert> : null}
        {outcome?.kind === "secret" ? (
          <p className="utrecht-paragraph">Er is een nieuwe geheime sleutel. Bewaar hem nu: je ziet hem maar één keer.</p>
        ) : null}
      </LiveRegion>
      {outcome?.kind === "secret" ? <SecretOnce secret={outcome.secret} rotated /> : null}
      {outcome?.kind === "error" ? (
        <Alert type="error">
          <p className="utrecht-paragraph">{outcome.text}</p>
        </Alert>
      ) : null}
      <div className="utrecht-button-group schakel-actions">
        <button
          type="button"
          className="utrecht-button utrecht-button--secondary-action"
          aria-disabled={busy || undefined}
          onClick={() => run(async () => ({ kind: "test", test: (await test.mutateAsync(path)).test }))}
        >
          {test.isPending ? "Bezig met testen…" : "Test opnieuw"}
        </button>
        <button
          type="button"
          className="utrecht-button utrecht-button--secondary-action"
          aria-disabled={busy || undefined}
          onClick={() =>
            run(async () => {
              const result = await update.mutateAsync({ ...path, body: { active: !subscription.active } });
              return {
                kind: "ok",
                text: result.subscription.active
                  ? result.subscription.state === "live"
                    ? "De webhook staat weer aan."
                    : 'De webhook staat aan, maar het adres is nog niet gecontroleerd. Kies "Test opnieuw".'
                  : "De webhook staat uit. Jullie systeem krijgt geen berichten meer.",
              };
            })
          }
        >
          {subscription.active ? "Zet uit" : "Zet aan"}
        </button>
        <button
          type="button"
          className="utrecht-button utrecht-button--secondary-action"
          aria-disabled={busy || undefined}
          onClick={() => run(async () => ({ kind: "secret", secret: (await rotate.mutateAsync(path)).secret }))}
        >
          Nieuwe geheime sleutel
        </button>
        <button
          type="button"
          className="utrecht-button utrecht-button--secondary-action"
          aria-disabled={busy || undefined}
          onClick={() => {
            setOutcome(null);
            setConfirmDelete(true);
          }}
        >
          Verwijderen
        </button>
      </div>
      {confirmDelete ? (
        <fieldset className="schakel-confirm">
          <legend className="utrecht-paragraph">
            Weet je zeker dat je de webhook "{subscription.description}" wilt verwijderen? Jullie systeem krijgt dan geen
            berichten meer, en het overzicht van verzonden berichten verdwijnt ook.
          </legend>
          <div className="utrecht-button-group">
            <button
              type="button"
              className="utrecht-button utrecht-button--primary-action utrecht-button--danger"
              aria-disabled={busy || undefined}
              onClick={() =>
                run(async () => {
                  await remove.mutateAsync(path);
                  navigate("/organisatie/webhooks", { replace: true });
                  return { kind: "ok", text: "De webhook is verwijderd." };
                })
              }
            >
              Ja, verwijderen
            </button>
            <button
              type="button"
              className="utrecht-button utrecht-button--secondary-action"
              onClick={() => setConfirmDelete(false)}
            >
              Annuleren
            </button>
          </div>
        </fieldset>
      ) : null}
    </section>
  );
}

const statusOptions: { value: DeliveryStatus | ""; label: string }[] = [
  { value: "", label: "Alle berichten" },
  { value: "failed", label: webhookDeliveryStatusLabels.failed },
  { value: "pending", label: webhookDeliveryStatusLabels.pending },
  { value: "delivered", label: webhookDeliveryStatusLabels.delivered },
];

const emptyText: Record<DeliveryStatus | "", string> = {
  "": "Er zijn nog geen berichten naar dit adres gestuurd.",
  failed: "Er zijn geen mislukte berichten. Er is niets om opnieuw te versturen.",
  pending: "Er wachten geen berichten op verzending.",
  delivered: "Er zijn nog geen berichten afgeleverd.",
};

function DeliveryLog({ subscription }: { subscription: WebhookSubscription }) {
  const [status, setStatus] = useState<DeliveryStatus | "">("");
  const query = useInfiniteQuery(webhookQueries.deliveries(subscription.id, status || undefined));
  const resendFailed = useResendFailedWebhookDeliveries();
  const [outcome, setOutcome] = useState<{ type: "ok" | "error"; text: string } | null>(null);
  const items = pageItems(query.data);

  return (
    <section className="schakel-section" aria-labelledby="webhook-log-titel">
      <h2 className="utrecht-heading-2" id="webhook-log-titel">
        Verzonden berichten
      </h2>
      <p className="utrecht-paragraph">
        Het nieuwste bovenaan. Lukt een bericht niet, dan probeert Schakel het steeds later opnieuw, tot 3 dagen lang. Daarna
        staat het op mislukt, en kun je het hier opnieuw versturen.
      </p>
      <SelectField
        id="webhook-log-status"
        name="status"
        label="Welke berichten?"
        value={status}
        options={statusOptions}
        onChange={setStatus}
      />
      <div className="utrecht-button-group schakel-actions">
        <button
          type="button"
          className="utrecht-button utrecht-button--secondary-action"
          aria-disabled={resendFailed.isPending || undefined}
          onClick={async () => {
            if (resendFailed.isPending) return;
            setOutcome(null);
            try {
              const { count } = await resendFailed.mutateAsync({ params: { path: { subscriptionId: subscription.id } } });
              setOutcome({
                type: "ok",
                text:
                  count === 0
                    ? "Er waren geen mislukte berichten."
                    : `${count === 1 ? "1 mislukt bericht wordt" : `${count} mislukte berichten worden`} opnieuw verstuurd.`,
              });
            } catch (error) {
              setOutcome({ type: "error", text: toProblem(error).detail });
            }
          }}
        >
          {resendFailed.isPending ? "Bezig…" : "Alle mislukte opnieuw versturen"}
        </button>
      </div>
      <LiveRegion>{outcome?.type === "ok" ? <Alert type="ok">{outcome.text}</Alert> : null}</LiveRegion>
      {outcome?.type === "error" ? (
        <Alert type="error">
          <p className="utrecht-paragraph">{outcome.text}</p>
        </Alert>
      ) : null}
      <QueryState
        query={query}
        loading="De verzonden berichten worden geladen…"
        isEmpty={() => items.length === 0}
        empty={<p className="utrecht-paragraph schakel-empty">{emptyText[status]}</p>}
      >
        {() => (
          <>
            <ul className="schakel-timeline" aria-label="Verzonden berichten">
              {items.map((delivery) => (
                <DeliveryItem key={delivery.id} subscriptionId={subscription.id} delivery={delivery} onOutcome={setOutcome} />
              ))}
            </ul>
            <AnnouncedLoadMore query={query} loaded={items.length} noun={["bericht", "berichten"]} />
          </>
        )}
      </QueryState>
    </section>
  );
}

function DeliveryItem({
  subscriptionId,
  delivery,
  onOutcome,
}: {
  subscriptionId: string;
  delivery: WebhookDelivery;
  onOutcome: (outcome: { type: "ok" | "error"; text: string } | null) => void;
}) {
  const resend = useResendWebhookDelivery();
  const label = webhookEventTypeLabels[delivery.eventType as WebhookEventType] ?? delivery.eventType;
  const when = formatDateTime(delivery.eventTime);
  return (
    <li className="schakel-timeline__item">
      <p className="utrecht-paragraph">
        <strong>{label}</strong> · {webhookDeliveryStatusLabels[delivery.status]}
      </p>
      <p className="utrecht-paragraph schakel-muted">
        Gebeurd op {when} · {delivery.resourcePath}
      </p>
      <p className="utrecht-paragraph">
        {delivery.attempts === 0
          ? "Nog niet verstuurd."
          : `${delivery.attempts === 1 ? "1 keer" : `${delivery.attempts} keer`} verstuurd, het laatst op ${delivery.lastAttemptAt ? formatDateTime(delivery.lastAttemptAt) : "onbekend"}.`}
        {delivery.lastResponseStatus !== null ? ` Laatste antwoord: HTTP ${delivery.lastResponseStatus}.` : ""}
        {delivery.lastError && delivery.status !== "delivered" ? ` ${delivery.lastError}` : ""}
        {delivery.deliveredAt ? ` Afgeleverd op ${formatDateTime(delivery.deliveredAt)}.` : ""}
        {delivery.status === "pending" && delivery.nextAttemptAt
          ? ` Volgende poging: ${formatDateTime(delivery.nextAttemptAt)}.`
          : ""}
      </p>
      {delivery.status !== "pending" ? (
        <p className="utrecht-paragraph">
          <button
            type="button"
            className="utrecht-button utrecht-button--secondary-action"
            aria-disabled={resend.isPending || undefined}
            onClick={async () => {
              if (resend.isPending) return;
              onOutcome(null);
              try {
                await resend.mutateAsync({ params: { path: { subscriptionId, deliveryId: delivery.id } } });
                onOutcome({ type: "ok", text: `"${label}" van ${when} wordt opnieuw verstuurd.` });
              } catch (error) {
                onOutcome({ type: "error", text: toProblem(error).detail });
              }
            }}
          >
            {resend.isPending ? "Bezig…" : "Opnieuw versturen"}
            <span className="schakel-visually-hidden">
              : {label} van {when}
            </span>
          </button>
        </p>
      ) : null}
    </li>
  );
}

/** A new name, address (tested at once; live again only if the test passes) or choice of events. */
function EditWebhook({ subscription }: { subscription: WebhookSubscription }) {
  const update = useUpdateWebhookSubscription();
  const [saved, setSaved] = useState<{ test: WebhookTest | null } | null>(null);
  return (
    <section className="schakel-section" aria-labelledby="webhook-wijzigen-titel">
      <h2 className="utrecht-heading-2" id="webhook-wijzigen-titel">
        Naam, adres of berichten wijzigen
      </h2>
      <p className="utrecht-paragraph">
        Verander je het webadres, dan stuurt Schakel er meteen een testbericht heen. Pas als dat aankomt, krijgt het nieuwe adres
        berichten. De geheime sleutel blijft dezelfde.
      </p>
      <LiveRegion>
        {saved ? saved.test ? <TestOutcome test={saved.test} /> : <Alert type="ok">De wijzigingen zijn opgeslagen.</Alert> : null}
      </LiveRegion>
      <WebhookForm
        labelledBy="webhook-wijzigen-titel"
        defaultValues={{
          description: subscription.description,
          url: subscription.url,
          eventTypes: subscription.eventTypes as WebhookEventType[],
        }}
        busy={update.isPending}
        submitLabel="Wijzigingen opslaan"
        busyText="Bezig met opslaan…"
        onSubmit={async (values) => {
          setSaved(null);
          const result = await update.mutateAsync({ params: { path: { subscriptionId: subscription.id } }, body: values });
          setSaved({ test: result.test });
          return "keep";
        }}
      />
    </section>
  );
}
