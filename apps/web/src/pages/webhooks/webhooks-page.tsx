import { roleLabels } from "@schakel/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import type { Membership } from "../../api/types";
import { useCreateWebhookSubscription, type WebhookTest, webhookQueries } from "../../api/webhooks";
import { LiveRegion } from "../../components/alert";
import { NotAllowed } from "../../components/not-allowed";
import { Page } from "../../components/page";
import { QueryState } from "../../components/query-state";
import { formatDateTime } from "../../lib/format";
import { useSignedIn } from "../../lib/session";
import { emptyWebhookForm, WebhookForm } from "./webhook-form";
import { SecretOnce, StateBadge, TestOutcome } from "./webhook-parts";

/** /organisatie/webhooks: the organisation's webhooks, and a new one, for its admins. */
export function WebhooksPage() {
  const { membership } = useSignedIn();
  if (membership?.role !== "admin") {
    return (
      <NotAllowed title="Webhooks">
        Alleen beheerders kunnen webhooks van een organisatie instellen.
        {membership
          ? ` Je bent ${roleLabels[membership.role].toLowerCase()} bij ${membership.organizationName}.`
          : " Je bent geen lid van een organisatie."}{" "}
        Moet er iets veranderen? Vraag het aan een beheerder van je organisatie.
      </NotAllowed>
    );
  }
  return <Webhooks key={membership.organizationId} membership={membership} />;
}

interface Created {
  id: string;
  description: string;
  secret: string;
  test: WebhookTest;
}

function Webhooks({ membership }: { membership: Membership }) {
  const { organizationId, organizationName } = membership;
  const query = useQuery(webhookQueries.list(organizationId));
  const [created, setCreated] = useState<Created | null>(null);
  return (
    <Page
      title="Webhooks"
      heading={`Webhooks van ${organizationName}`}
      before={
        <p className="utrecht-paragraph">
          <Link to="/organisatie" className="utrecht-link utrecht-link--html-a">
            Terug naar de instellingen van de organisatie
          </Link>
        </p>
      }
    >
      <p className="utrecht-paragraph">
        Met een webhook krijgt het systeem van {organizationName} (bijvoorbeeld jullie zaaksysteem) meteen bericht als er iets
        verandert aan een verwijzing of een dienst. Het bericht bevat nooit gegevens van een inwoner: jullie systeem haalt die
        zelf op met een API-sleutel. Geef deze pagina aan de ontwikkelaar van jullie systeem als het om adressen en sleutels gaat.
      </p>
      <LiveRegion>
        {created ? (
          <p className="utrecht-paragraph">
            De webhook is opgeslagen. Bewaar de geheime sleutel hieronder nu: je ziet hem maar één keer.
          </p>
        ) : null}
      </LiveRegion>
      {created ? (
        <section className="schakel-section" aria-labelledby="nieuwe-webhook-titel">
          <h2 className="utrecht-heading-2" id="nieuwe-webhook-titel">
            Webhook "{created.description}" is opgeslagen
          </h2>
          <SecretOnce secret={created.secret} />
          <TestOutcome test={created.test} />
          <p className="utrecht-paragraph">
            <Link to={`/organisatie/webhooks/${created.id}`} className="utrecht-link utrecht-link--html-a">
              Naar de webhook "{created.description}"
            </Link>
          </p>
        </section>
      ) : null}

      <section className="schakel-section" aria-labelledby="webhooks-titel">
        <h2 className="utrecht-heading-2" id="webhooks-titel">
          Jullie webhooks
        </h2>
        <QueryState
          query={query}
          loading="De webhooks worden geladen…"
          isEmpty={(list) => list.data.length === 0}
          empty={<p className="utrecht-paragraph schakel-empty">Er zijn nog geen webhooks. Maak hieronder de eerste.</p>}
        >
          {(list) => (
            <ul className="schakel-timeline" aria-label="Webhooks">
              {list.data.map((s) => (
                <li key={s.id} className="schakel-timeline__item">
                  <p className="utrecht-paragraph">
                    <Link to={`/organisatie/webhooks/${s.id}`} className="utrecht-link utrecht-link--html-a">
                      <strong>{s.description}</strong>
                    </Link>{" "}
                    <StateBadge state={s.state} />
                  </p>
                  <p className="utrecht-paragraph schakel-muted">
                    {s.url} · {s.eventTypes.length === 1 ? "1 soort bericht" : `${s.eventTypes.length} soorten berichten`} ·
                    gemaakt op {formatDateTime(s.createdAt)}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </section>

      <section className="schakel-section" aria-labelledby="webhook-maken-titel">
        <h2 className="utrecht-heading-2" id="webhook-maken-titel">
          Nieuwe webhook
        </h2>
        <NewWebhookForm organizationId={organizationId} onCreated={setCreated} />
      </section>
    </Page>
  );
}

function NewWebhookForm({ organizationId, onCreated }: { organizationId: string; onCreated: (created: Created) => void }) {
  const create = useCreateWebhookSubscription();
  return (
    <WebhookForm
      labelledBy="webhook-maken-titel"
      defaultValues={emptyWebhookForm}
      busy={create.isPending}
      submitLabel="Webhook opslaan en testen"
      busyText="Bezig met opslaan en testen…"
      onSubmit={async (values) => {
        const result = await create.mutateAsync({ body: { organizationId, ...values } });
        onCreated({
          id: result.subscription.id,
          description: result.subscription.description,
          secret: result.secret,
          test: result.test,
        });
        return "reset";
      }}
    />
  );
}
