import {
  API_TOKEN_NAME_MAX_LENGTH,
  ApiTokenFormSchema,
  type ApiTokenScope,
  apiTokenFromForm,
  apiTokenScopeLabels,
  apiTokenScopes,
  roleLabels,
} from "@schakel/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { apiTokenQueries, useCreateApiToken, useRevokeApiToken } from "../../api/api-tokens";
import { toProblem } from "../../api/problem";
import type { ApiToken, ApiTokenCreated, Membership } from "../../api/types";
import { Alert, LiveRegion } from "../../components/alert";
import { CopyButton, useCopy } from "../../components/copy-button";
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

const TITLE = "Koppelingen";

/** /organisatie/koppelingen: the API tokens of the organisation's own systems, for its admins (ADR 0028). */
export function ApiTokensPage() {
  const { membership } = useSignedIn();
  if (membership?.role !== "admin") {
    return (
      <NotAllowed title={TITLE}>
        Alleen beheerders kunnen koppelingen met andere systemen maken en intrekken.
        {membership
          ? ` Je bent ${roleLabels[membership.role].toLowerCase()} bij ${membership.organizationName}.`
          : " Je bent geen lid van een organisatie."}{" "}
        Is er een koppeling nodig? Vraag het aan een beheerder van je organisatie.
      </NotAllowed>
    );
  }
  return <ApiTokens key={membership.organizationId} membership={membership} />;
}

function ApiTokens({ membership }: { membership: Membership }) {
  const { organizationId, organizationName } = membership;
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  return (
    <Page title={TITLE} heading={`Koppelingen van ${organizationName}`}>
      <p className="utrecht-paragraph">
        Met een koppeling werkt het eigen systeem van {organizationName} (bijvoorbeeld een zaaksysteem) met Schakel. Het systeem
        krijgt een geheime sleutel: een API-token. Daarmee ziet en doet het systeem wat een medewerker van {organizationName} ziet
        en doet, maar alleen wat je hieronder aanvinkt. Het kan geen leden, instellingen of het toegangslogboek zien. Alles wat
        het systeem leest, staat in het <Link to="/privacy">toegangslogboek</Link> als "via koppeling" met de naam.
      </p>
      <p className="utrecht-paragraph">
        <Link to="/organisatie">Terug naar de instellingen van de organisatie</Link>
      </p>

      {created ? <NewToken token={created} onDone={() => setCreated(null)} /> : null}

      <section className="schakel-section" aria-labelledby="koppelingen-titel">
        <h2 className="utrecht-heading-2" id="koppelingen-titel">
          Alle koppelingen
        </h2>
        <TokenList organizationId={organizationId} />
      </section>

      <section className="schakel-section" aria-labelledby="koppeling-maken-titel">
        <h2 className="utrecht-heading-2" id="koppeling-maken-titel">
          Koppeling maken
        </h2>
        <CreateTokenForm organizationId={organizationId} onCreated={setCreated} />
      </section>
    </Page>
  );
}

/** The token just created: shown this once, with a copy button and a clear warning. */
function NewToken({ token, onDone }: { token: ApiTokenCreated; onDone: () => void }) {
  const copy = useCopy(token.token);
  return (
    <section className="schakel-section schakel-panel" aria-labelledby="nieuw-token-titel">
      <h2 className="utrecht-heading-2" id="nieuw-token-titel" tabIndex={-1} ref={(el) => el?.focus()}>
        Het API-token voor {token.name}
      </h2>
      <Alert type="warning">
        <p className="utrecht-paragraph">
          Kopieer het token nu en zet het in het systeem dat ermee gaat werken. <strong>Je ziet het maar één keer.</strong>{" "}
          Schakel bewaart het token zelf niet. Ben je het kwijt? Trek het dan in en maak een nieuw. Deel het token met niemand:
          wie het heeft, kan erbij als {token.name}.
        </p>
      </Alert>
      <div className="utrecht-form-field">
        <div className="utrecht-form-field__label">
          <label className="utrecht-form-label" htmlFor="nieuw-token">
            API-token
          </label>
        </div>
        <div className="utrecht-form-field__input">
          <input
            id="nieuw-token"
            className="utrecht-textbox utrecht-textbox--html-input schakel-token"
            readOnly
            value={token.token}
            spellCheck={false}
            autoComplete="off"
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      </div>
      <div className="utrecht-button-group">
        <CopyButton copy={copy} primary>
          Token kopiëren
        </CopyButton>
        <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={onDone}>
          Ik heb het token bewaard
        </button>
      </div>
      <LiveRegion>
        {copy.isSuccess ? <p className="utrecht-paragraph">Het token is gekopieerd. Plak het in het andere systeem.</p> : null}
      </LiveRegion>
      {copy.isError ? (
        <Alert type="error">
          <p className="utrecht-paragraph">Kopiëren lukte niet. Selecteer het token in het veld en kopieer het zelf.</p>
        </Alert>
      ) : null}
    </section>
  );
}

/** Where a token stands: in use, revoked or past its end date. */
export function tokenState(token: Pick<ApiToken, "revokedAt" | "expiresAt">, now: Date): "active" | "revoked" | "expired" {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && Date.parse(token.expiresAt) <= now.getTime()) return "expired";
  return "active";
}

const stateLabels = { active: "Werkt", revoked: "Ingetrokken", expired: "Verlopen" } as const;

function TokenList({ organizationId }: { organizationId: string }) {
  const query = useQuery(apiTokenQueries.list(organizationId));
  const [notice, setNotice] = useState<{ type: "ok" | "error"; text: string } | null>(null);
  return (
    <>
      <LiveRegion>{notice?.type === "ok" ? <Alert type="ok">{notice.text}</Alert> : null}</LiveRegion>
      {notice?.type === "error" ? <Alert type="error">{notice.text}</Alert> : null}
      <QueryState
        query={query}
        loading="De koppelingen worden geladen…"
        isEmpty={(data) => data.data.length === 0}
        empty={
          <p className="utrecht-paragraph">
            Er zijn nog geen koppelingen. Maak hieronder een koppeling als een eigen systeem met Schakel moet werken.
          </p>
        }
      >
        {(data) => (
          <ul className="schakel-tokens">
            {data.data.map((token) => (
              <TokenItem key={token.id} token={token} onNotice={setNotice} />
            ))}
          </ul>
        )}
      </QueryState>
    </>
  );
}

function TokenItem({
  token,
  onNotice,
}: {
  token: ApiToken;
  onNotice: (notice: { type: "ok" | "error"; text: string } | null) => void;
}) {
  const revoke = useRevokeApiToken();
  const [asking, setAsking] = useState(false);
  const state = tokenState(token, new Date());
  const headingId = `koppeling-${token.id}`;

  async function confirmRevoke() {
    onNotice(null);
    try {
      await revoke.mutateAsync({ params: { path: { tokenId: token.id } } });
      setAsking(false);
      onNotice({ type: "ok", text: `De koppeling ${token.name} is ingetrokken. Het token werkt niet meer.` });
    } catch (error) {
      onNotice({ type: "error", text: toProblem(error).detail });
    }
  }

  return (
    <li className="schakel-tokens__item" aria-labelledby={headingId}>
      <h3 className="utrecht-heading-3" id={headingId}>
        {token.name} <span className="schakel-muted">({stateLabels[state]})</span>
      </h3>
      <dl className="schakel-token-facts">
        <dt>Begint met</dt>
        <dd>
          <code>{token.prefix}…</code>
        </dd>
        <dt>Mag</dt>
        <dd>
          <ul className="schakel-token-scopes">
            {token.scopes.map((scope) => (
              <li key={scope}>{apiTokenScopeLabels[scope]}</li>
            ))}
          </ul>
        </dd>
        <dt>Gemaakt</dt>
        <dd>{formatDateTime(token.createdAt)}</dd>
        <dt>Laatst gebruikt</dt>
        <dd>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Nog nooit"}</dd>
        <dt>Werkt tot</dt>
        <dd>{token.expiresAt ? formatDateTime(token.expiresAt) : "Tot je het intrekt"}</dd>
        {token.revokedAt ? (
          <>
            <dt>Ingetrokken</dt>
            <dd>{formatDateTime(token.revokedAt)}</dd>
          </>
        ) : null}
      </dl>
      {state === "revoked" ? null : asking ? (
        <div className="schakel-panel">
          <p className="utrecht-paragraph">
            Weet je het zeker? Het systeem dat dit token gebruikt, kan daarna meteen niet meer bij Schakel. Dit kun je niet
            terugdraaien.
          </p>
          <div className="utrecht-button-group">
            <button
              type="button"
              className="utrecht-button utrecht-button--primary-action"
              aria-disabled={revoke.isPending || undefined}
              onClick={() => {
                if (!revoke.isPending) void confirmRevoke();
              }}
            >
              {revoke.isPending ? "Bezig met intrekken…" : `Bevestigen: ${token.name} intrekken`}
            </button>
            <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => setAsking(false)}>
              Annuleren
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => setAsking(true)}>
          Intrekken<span className="schakel-visually-hidden"> {token.name}</span>
        </button>
      )}
    </li>
  );
}

const emptyForm = { name: "", scopes: [] as ApiTokenScope[], endDate: "" };
const labels = { name: "Naam van de koppeling", scopes: "Wat mag het systeem?", endDate: "Werkt tot en met" };

function CreateTokenForm({ organizationId, onCreated }: { organizationId: string; onCreated: (token: ApiTokenCreated) => void }) {
  const form = useZodForm(ApiTokenFormSchema, { defaultValues: emptyForm });
  const create = useCreateApiToken();
  const refused = formError(form);
  const scopes = form.watch("scopes");
  const scopesError = form.formState.errors.scopes?.message;

  const submit = form.handleSubmit(async (values) => {
    try {
      const token = await create.mutateAsync({ body: apiTokenFromForm(values, organizationId) });
      form.reset(emptyForm);
      onCreated(token);
    } catch (error) {
      applyProblem(toProblem(error), form, (name) => (name === "expiresAt" ? "endDate" : name));
    }
  });

  return (
    <form className="schakel-form" noValidate onSubmit={submit} aria-labelledby="koppeling-maken-titel">
      <FormErrorSummary formState={form.formState} labels={labels} />
      {refused ? (
        <Alert type="error">
          <p className="utrecht-paragraph">{refused}</p>
        </Alert>
      ) : null}
      <FormTextField
        form={form}
        name="name"
        label={labels.name}
        autoComplete="off"
        description={`Zodat je hem herkent, bijvoorbeeld "Zaaksysteem Plangroep". Hoogstens ${API_TOKEN_NAME_MAX_LENGTH} tekens.`}
      />
      <fieldset
        className={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset schakel-fieldset${scopesError ? " utrecht-form-fieldset--invalid schakel-fieldset--invalid" : ""}`}
        aria-describedby={scopesError ? "veld-scopes-fout" : undefined}
      >
        <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{labels.scopes}</legend>
        {scopesError ? (
          <div className="utrecht-form-field-error-message" id="veld-scopes-fout">
            {scopesError}
          </div>
        ) : null}
        <div className="schakel-options">
          {apiTokenScopes.map((scope, index) => {
            const id = index === 0 ? fieldId("scopes") : `${fieldId("scopes")}-${scope.replace(":", "-")}`;
            return (
              <div key={scope} className="utrecht-form-field utrecht-form-field--checkbox schakel-check">
                <div className="utrecht-form-field__input">
                  <input
                    id={id}
                    type="checkbox"
                    className={`utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom${scopesError ? " utrecht-checkbox--invalid" : ""}`}
                    checked={scopes.includes(scope)}
                    onChange={(e) =>
                      form.setValue(
                        "scopes",
                        e.target.checked
                          ? apiTokenScopes.filter((s) => s === scope || scopes.includes(s))
                          : scopes.filter((s) => s !== scope),
                        { shouldDirty: true, shouldValidate: form.formState.isSubmitted },
                      )
                    }
                  />
                </div>
                <div className="utrecht-form-field__label">
                  <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={id}>
                    {apiTokenScopeLabels[scope]}
                  </label>
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
      <FormTextField
        form={form}
        name="endDate"
        label={labels.endDate}
        type="date"
        autoComplete="off"
        description="Niet verplicht. Laat leeg als de koppeling blijft werken tot je hem intrekt."
      />
      <div className="utrecht-button-group schakel-actions">
        <SubmitButton busy={create.isPending} busyText="De koppeling wordt gemaakt…">
          Koppeling maken
        </SubmitButton>
      </div>
    </form>
  );
}
