import { type WebhookSubscriptionState, webhookSubscriptionStateLabels } from "@schakel/core";
import type { WebhookTest } from "../../api/webhooks";
import { Alert, LiveRegion } from "../../components/alert";
import { CopyButton, useCopy } from "../../components/copy-button";

const stateClass: Record<WebhookSubscriptionState, string> = {
  live: "schakel-status--done",
  unverified: "schakel-status--paused",
  off: "schakel-status--closed",
};

/** Actief / Niet gecontroleerd / Uit, as a badge. */
export function StateBadge({ state }: { state: WebhookSubscriptionState }) {
  return (
    <span className={`utrecht-status-badge schakel-status ${stateClass[state]}`}>{webhookSubscriptionStateLabels[state]}</span>
  );
}

/** How the signed test event went, in plain words. */
export function TestOutcome({ test }: { test: WebhookTest }) {
  if (test.ok) {
    return (
      <Alert type="ok">
        <p className="utrecht-paragraph">
          Het testbericht is aangekomen (HTTP {test.status}). De webhook is actief: jullie systeem krijgt vanaf nu bericht.
        </p>
      </Alert>
    );
  }
  return (
    <Alert type="error">
      <p className="utrecht-paragraph">Het testbericht kwam niet aan: {test.error}</p>
      <p className="utrecht-paragraph">
        De webhook is opgeslagen, maar krijgt nog geen berichten. Kijk of het adres klopt en of jullie systeem bereikbaar is, en
        kies dan "Test opnieuw".
      </p>
    </Alert>
  );
}

/**
 * The signing secret, shown once (after creating or rotating): with a copy button and the warning
 * that it will not be shown again.
 */
export function SecretOnce({ secret, rotated = false }: { secret: string; rotated?: boolean }) {
  const copy = useCopy(secret);
  return (
    <Alert type="warning">
      <h2 className="utrecht-heading-3">Bewaar de geheime sleutel nu</h2>
      <p className="utrecht-paragraph">
        Met deze sleutel controleert jullie systeem dat een bericht echt van Schakel komt. Je ziet hem alleen nu: Schakel laat hem
        nooit meer zien. Zet hem direct in de instellingen van jullie systeem of in een wachtwoordkluis.
        {rotated ? " De vorige sleutel werkt nog 24 uur, zodat jullie systeem rustig kan overstappen." : ""}
      </p>
      <label className="utrecht-form-label" htmlFor="webhook-geheim">
        Geheime sleutel
      </label>
      <input
        id="webhook-geheim"
        className="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--readonly schakel-secret"
        readOnly
        spellCheck={false}
        value={secret}
        onFocus={(event) => event.currentTarget.select()}
      />
      <div className="utrecht-button-group schakel-actions">
        <CopyButton copy={copy}>Sleutel kopiëren</CopyButton>
      </div>
      <LiveRegion>{copy.isSuccess ? <p className="utrecht-paragraph">De sleutel is gekopieerd.</p> : null}</LiveRegion>
      {copy.isError ? (
        <p className="utrecht-paragraph">Kopiëren lukte niet. Selecteer de sleutel in het vak en kopieer hem zelf.</p>
      ) : null}
    </Alert>
  );
}
