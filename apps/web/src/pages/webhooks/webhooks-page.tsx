import { roleLabels, WebhookSubscriptionCreateSchema, webhookEventTypeLabels, webhookEventTypes } from "@schakel/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Controller } from "react-hook-form";
import { Link } from "react-router";
import { toProblem } from "../../api/problem";
import type { Membership } from "../../api/types";
import { useCreateWebhookSubscription, type WebhookTest, webhookQueries } from "../../api/webhooks";
import { Alert } from "../../components/alert";
import { FormTextField, formError } from "../../components/form-text-field";
import { NotAllowed } from "../../components/not-allowed";
import { Page } from "../../components/page";
import { QueryState } from "../../components/query-state";
import { SubmitButton } from "../../components/submit-button";
import { applyProblem } from "../../forms/apply-problem";
import { fieldId } from "../../forms/error-summary-items";
import { FormErrorSummary } from "../../forms/form-error-summary";
import { useZodForm } from "../../forms/use-zod-form";
import { formatDateTime } from "../../lib/format";
import { useSignedIn } from "../../lib/session";
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

const formSchema = WebhookSubscriptionCreateSchema.omit({ organizationId: true });
const emptyForm = { description: "", url: "", eventTypes: [] as (typeof webhookEventTypes)[number][] };
const labels = { description: "Naam", url: "Webadres van jullie systeem", eventTypes: "Waarover wil je bericht?" };

function NewWebhookForm({ organizationId, onCreated }: { organizationId: string; onCreated: (created: Created) => void }) {
  const form = useZodForm(formSchema, { defaultValues: emptyForm });
  const create = useCreateWebhookSubscription();
  const refused = formError(form);

  const submit = form.handleSubmit(async (values) => {
    try {
      const result = await create.mutateAsync({ body: { organizationId, ...values } });
      form.reset(emptyForm);
      onCreated({
        id: result.subscription.id,
        description: result.subscription.description,
        secret: result.secret,
        test: result.test,
      });
    } catch (error) {
      applyProblem(toProblem(error), form);
    }
  });

  return (
    <form className="schakel-form" noValidate onSubmit={submit} aria-labelledby="webhook-maken-titel">
      <FormErrorSummary formState={form.formState} labels={labels} />
      {refused ? (
        <Alert type="error">
          <p className="utrecht-paragraph">{refused}</p>
        </Alert>
      ) : null}
      <FormTextField
        form={form}
        name="description"
        label={labels.description}
        autoComplete="off"
        description="Een korte naam, bijvoorbeeld: Zaaksysteem Plangroep."
      />
      <FormTextField
        form={form}
        name="url"
        label={labels.url}
        type="url"
        autoComplete="off"
        description="Begint met https://. Schakel stuurt er meteen een ondertekend testbericht heen; pas als dat aankomt, is de webhook actief."
      />
      <Controller
        control={form.control}
        name="eventTypes"
        render={({ field, fieldState }) => (
          <fieldset
            className={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset schakel-fieldset${fieldState.error ? " utrecht-form-fieldset--invalid schakel-fieldset--invalid" : ""}`}
            aria-describedby={fieldState.error ? "webhook-soorten-fout" : undefined}
          >
            <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
              {labels.eventTypes}
            </legend>
            {fieldState.error ? (
              <div className="utrecht-form-field-error-message" id="webhook-soorten-fout">
                {fieldState.error.message}
              </div>
            ) : null}
            <div className="schakel-options">
              {webhookEventTypes.map((type, index) => {
                const id = index === 0 ? fieldId("eventTypes") : `${fieldId("eventTypes")}-${index}`;
                const values = field.value ?? [];
                return (
                  <div key={type} className="utrecht-form-field utrecht-form-field--checkbox schakel-check">
                    <div className="utrecht-form-field__input">
                      <input
                        id={id}
                        type="checkbox"
                        className="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
                        checked={values.includes(type)}
                        onBlur={field.onBlur}
                        onChange={(event) =>
                          field.onChange(
                            event.target.checked ? [...values, type] : values.filter((chosen: string) => chosen !== type),
                          )
                        }
                      />
                    </div>
                    <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
                      <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={id}>
                        {webhookEventTypeLabels[type]}
                      </label>
                    </div>
                  </div>
                );
              })}
            </div>
          </fieldset>
        )}
      />
      <div className="utrecht-button-group schakel-actions">
        <SubmitButton busy={create.isPending} busyText="Bezig met opslaan en testen…">
          Webhook opslaan en testen
        </SubmitButton>
      </div>
    </form>
  );
}
