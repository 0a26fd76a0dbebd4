import {
  consentMethods,
  type DataCategory,
  dataCategoryLabels,
  feedbackLevelLabels,
  feedbackLevels,
  preferredChannelLabels,
  preferredChannels,
  urgencyReasonLabels,
  urgencyReasons,
} from "@schakel/core";
import type { ReactNode } from "react";
import type { Service } from "../../api/types";
import { SelectField } from "../../components/form-field";
import { formatDate, formatDateTime } from "../../lib/format";
import { languageName } from "../../lib/services";
import { Checkbox, CheckboxGroup, fieldId, Input, RadioGroup, TextArea } from "../services/form-controls";
import { emptyDateTime, partsToDate } from "./date-parts";
import { DateTimeField } from "./date-time-field";
import { MOMENT_SLOTS, momentsIso, type WizardValues } from "./wizard-state";

const P = "verwijzen";

const methodLabels: Record<(typeof consentMethods)[number], string> = {
  mondeling: "Mondeling",
  schriftelijk: "Schriftelijk (op papier)",
  digitaal: "Digitaal",
};

const LANGUAGES = ["nl", "en", "ar", "tr", "pl", "uk", "ti", "fr", "de", "es", "pap", "so"];

/** What every step of the wizard gets: the values, a setter, and the errors of this step. */
export interface StepProps {
  values: WizardValues;
  set: <K extends keyof WizardValues>(key: K, value: WizardValues[K]) => void;
  err: (key: string) => string | undefined;
  service: Service;
  /** The data categories this service may receive. */
  allowed: DataCategory[];
}

/** Step 1: who the resident is and how to reach them. */
export function ResidentStep({ values, set, err }: StepProps) {
  return (
    <>
      <p className="utrecht-paragraph schakel-hint">
        Vul alleen in wat nodig is. Schakel vraagt geen BSN. Een geboortejaar is genoeg.
      </p>
      <Input prefix={P} field="name" label="Naam" value={values.name} onChange={(v) => set("name", v)} error={err("name")} />
      <Input
        prefix={P}
        field="birthYear"
        label="Geboortejaar (niet verplicht)"
        kind="numeric"
        size="short"
        maxLength={4}
        value={values.birthYear}
        onChange={(v) => set("birthYear", v)}
        error={err("birthYear")}
      />
      <Input
        prefix={P}
        field="address"
        label="Straat en huisnummer (niet verplicht)"
        value={values.address}
        onChange={(v) => set("address", v)}
        error={err("address")}
      />
      <Input
        prefix={P}
        field="postcode"
        label="Postcode (niet verplicht)"
        size="medium"
        value={values.postcode}
        onChange={(v) => set("postcode", v)}
        error={err("postcode")}
      />
      <p className="utrecht-paragraph schakel-hint">
        Vul minstens één manier in om de inwoner te bereiken, passend bij 'Liefst contact via': voor WhatsApp of telefoon een
        telefoonnummer.
      </p>
      <Input
        prefix={P}
        field="phone"
        label="Telefoonnummer (niet verplicht)"
        kind="tel"
        value={values.phone}
        onChange={(v) => set("phone", v)}
        error={err("phone")}
      />
      <Input
        prefix={P}
        field="email"
        label="E-mailadres (niet verplicht)"
        kind="email"
        value={values.email}
        onChange={(v) => set("email", v)}
        error={err("email")}
      />
      <SelectField
        id={fieldId("preferredChannel", P)}
        name="preferredChannel"
        label="Liefst contact via"
        value={values.preferredChannel}
        options={[
          { value: "" as const, label: "Geen voorkeur" },
          ...preferredChannels.map((c) => ({ value: c, label: preferredChannelLabels[c] })),
        ]}
        onChange={(v) => set("preferredChannel", v)}
        error={err("preferredChannel")}
      />
      <Checkbox
        prefix={P}
        field="reachableViaSender"
        label="Bereikbaar via mij"
        description="Als de inwoner geen telefoon, e-mail of vast adres heeft: de organisatie neemt dan via een bericht in Schakel contact met jou op."
        checked={values.reachableViaSender}
        onChange={(v) => set("reachableViaSender", v)}
      />
      <SelectField
        id={fieldId("language", P)}
        name="language"
        label="Taal"
        value={values.language}
        options={LANGUAGES.map((code) => ({ value: code, label: languageName(code) }))}
        onChange={(v) => set("language", v)}
        error={err("language")}
      />
    </>
  );
}

/** Step 2: the resident's consent for this organisation. */
export function ConsentStep({ values, set, err, service, allowed }: StepProps) {
  return (
    <>
      <p className="utrecht-paragraph">
        Zonder toestemming van de inwoner kun je niet verwijzen. De toestemming geldt alleen voor{" "}
        <strong>{service.organization.name}</strong>. De inwoner kan de toestemming altijd intrekken.
      </p>
      <Input
        prefix={P}
        field="purpose"
        label="Waarvoor geeft de inwoner toestemming?"
        value={values.purpose}
        onChange={(v) => set("purpose", v)}
        error={err("purpose")}
      />
      <CheckboxGroup
        prefix={P}
        field="dataCategories"
        legend="Welke gegevens mag je delen?"
        description={
          allowed.includes("health")
            ? "Deel alleen wat nodig is."
            : "Deel alleen wat nodig is. Gegevens over gezondheid gaan nooit naar schuldhulp."
        }
        options={allowed.map((c) => ({ value: c, label: dataCategoryLabels[c] }))}
        values={values.dataCategories}
        onChange={(v) => set("dataCategories", v)}
        error={err("dataCategories")}
      />
      <RadioGroup
        prefix={P}
        field="method"
        legend="Hoe heeft de inwoner toestemming gegeven?"
        options={consentMethods.map((m) => ({ value: m, label: methodLabels[m] }))}
        value={values.method}
        onChange={(v) => set("method", v)}
        error={err("method")}
      />
      <RadioGroup
        prefix={P}
        field="feedbackLevel"
        legend="Wat mag jij terughoren van de organisatie?"
        description="De inwoner kiest dit."
        options={feedbackLevels.map((f) => ({ value: f, label: feedbackLevelLabels[f] }))}
        value={values.feedbackLevel}
        onChange={(v) => set("feedbackLevel", v)}
        error={err("feedbackLevel")}
      />
      <DateTimeField
        id={fieldId("validUntil", P)}
        legend="Toestemming geldig tot en met"
        description="Standaard zes maanden, hoogstens twee jaar. Bijvoorbeeld 30 5 2027."
        error={err("validUntil")}
        value={values.validUntil}
        onChange={(v) => set("validUntil", v)}
      />
    </>
  );
}

/** Step 3: the request for help and its urgency. */
export function RequestStep({ values, set, err }: StepProps) {
  return (
    <>
      <TextArea
        prefix={P}
        field="request"
        label="Wat is de hulpvraag?"
        description="Kort en zakelijk. Schrijf geen gegevens over gezondheid op."
        value={values.request}
        onChange={(v) => set("request", v)}
        error={err("request")}
      />
      {values.dataCategories.includes("debts") ? (
        <TextArea
          prefix={P}
          field="debts"
          label="Schulden (niet verplicht)"
          description="Bijvoorbeeld: ongeveer € 2.500 bij de zorgverzekeraar."
          rows={2}
          value={values.debts}
          onChange={(v) => set("debts", v)}
          error={err("debts")}
        />
      ) : null}
      {values.dataCategories.includes("finances") ? (
        <TextArea
          prefix={P}
          field="finances"
          label="Inkomen en uitgaven (niet verplicht)"
          rows={2}
          value={values.finances}
          onChange={(v) => set("finances", v)}
          error={err("finances")}
        />
      ) : null}
      {values.dataCategories.includes("household") ? (
        <TextArea
          prefix={P}
          field="household"
          label="Huishouden (niet verplicht)"
          rows={2}
          value={values.household}
          onChange={(v) => set("household", v)}
          error={err("household")}
        />
      ) : null}
      <RadioGroup
        prefix={P}
        field="urgency"
        legend="Heeft het spoed?"
        options={[
          { value: "normal" as const, label: "Nee" },
          { value: "urgent" as const, label: "Ja, er dreigt iets acuut" },
        ]}
        value={values.urgency}
        onChange={(v) => set("urgency", v)}
        error={err("urgency")}
      />
      {values.urgency === "urgent" ? (
        <RadioGroup
          prefix={P}
          field="urgencyReason"
          legend="Waarom heeft het spoed?"
          options={urgencyReasons.map((r) => ({ value: r, label: urgencyReasonLabels[r] }))}
          value={values.urgencyReason as (typeof urgencyReasons)[number]}
          onChange={(v) => set("urgencyReason", v)}
          error={err("urgencyReason")}
        />
      ) : null}
      {values.dataCategories.includes("safety") ? (
        <Checkbox
          prefix={P}
          field="safetyFlag"
          label="Overleg eerst met mij voor een huisbezoek"
          description="De organisatie ziet alleen dit, nooit de reden."
          checked={values.safetyFlag}
          onChange={(v) => set("safetyFlag", v)}
        />
      ) : null}
    </>
  );
}

/** Step 4: whether a driegesprek is wanted, and moments for it. */
export function DriegesprekStep({ values, set, err, service }: StepProps) {
  return (
    <>
      <p className="utrecht-paragraph">
        In een driegesprek praten de inwoner, jij en {service.organization.name} samen. Zo draag je de inwoner warm over.
      </p>
      <Checkbox
        prefix={P}
        field="driegesprekWanted"
        label="Ik wil een driegesprek"
        checked={values.driegesprekWanted}
        onChange={(v) => set("driegesprekWanted", v)}
      />
      {values.driegesprekWanted ? (
        <fieldset className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset schakel-fieldset">
          <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
            Momenten die jij en de inwoner kunnen (niet verplicht)
          </legend>
          {Array.from({ length: MOMENT_SLOTS }, (_, i) => (
            <DateTimeField
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed slots
              key={i}
              id={fieldId(`moments.${i}`, P)}
              legend={`Moment ${i + 1}`}
              error={err(`moments.${i}`)}
              value={values.moments[i] ?? emptyDateTime()}
              onChange={(v) =>
                set(
                  "moments",
                  values.moments.map((m, j) => (j === i ? v : m)),
                )
              }
            />
          ))}
        </fieldset>
      ) : null}
    </>
  );
}

function ReviewRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="schakel-detail-list__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function Review({ values, service, goTo }: { values: WizardValues; service: Service; goTo: (step: number) => void }) {
  const change = (step: number, what: string) => (
    <button type="button" className="utrecht-button utrecht-button--subtle schakel-link-button" onClick={() => goTo(step)}>
      Wijzig {what}
    </button>
  );
  const moments = momentsIso(values.moments);
  const validUntil = partsToDate(values.validUntil);
  return (
    <>
      <p className="utrecht-paragraph">
        Controleer de verwijzing naar <strong>{service.name}</strong>. {service.organization.name} ziet alleen de gegevens
        waarvoor de inwoner toestemming gaf.
      </p>
      <h3 className="utrecht-heading-3">Inwoner</h3>
      <dl className="schakel-detail-list">
        <ReviewRow label="Naam">{values.name}</ReviewRow>
        {values.birthYear ? <ReviewRow label="Geboortejaar">{values.birthYear}</ReviewRow> : null}
        {values.address || values.postcode ? (
          <ReviewRow label="Adres">{[values.address, values.postcode].filter(Boolean).join(", ")}</ReviewRow>
        ) : null}
        {values.phone ? <ReviewRow label="Telefoon">{values.phone}</ReviewRow> : null}
        {values.email ? <ReviewRow label="E-mail">{values.email}</ReviewRow> : null}
        <ReviewRow label="Liefst contact via">
          {values.preferredChannel ? preferredChannelLabels[values.preferredChannel] : "Geen voorkeur"}
        </ReviewRow>
        {values.reachableViaSender ? <ReviewRow label="Bereikbaar">Via mij (de verwijzer)</ReviewRow> : null}
        <ReviewRow label="Taal">{languageName(values.language)}</ReviewRow>
      </dl>
      <p className="utrecht-paragraph">{change(0, "inwoner")}</p>
      <h3 className="utrecht-heading-3">Toestemming</h3>
      <dl className="schakel-detail-list">
        <ReviewRow label="Voor">{service.organization.name}</ReviewRow>
        <ReviewRow label="Waarvoor">{values.purpose}</ReviewRow>
        <ReviewRow label="Gegevens">
          <ul className="utrecht-unordered-list schakel-compact-list">
            {values.dataCategories.map((c) => (
              <li key={c}>{dataCategoryLabels[c]}</li>
            ))}
          </ul>
        </ReviewRow>
        <ReviewRow label="Hoe gegeven">{methodLabels[values.method]}</ReviewRow>
        <ReviewRow label="Jij hoort terug">{feedbackLevelLabels[values.feedbackLevel]}</ReviewRow>
        <ReviewRow label="Geldig tot en met">{validUntil ? formatDate(validUntil) : ""}</ReviewRow>
      </dl>
      <p className="utrecht-paragraph">{change(1, "toestemming")}</p>
      <h3 className="utrecht-heading-3">Hulpvraag en urgentie</h3>
      <dl className="schakel-detail-list">
        <ReviewRow label="Hulpvraag">
          <span className="schakel-text">{values.request}</span>
        </ReviewRow>
        {values.dataCategories.includes("debts") && values.debts ? <ReviewRow label="Schulden">{values.debts}</ReviewRow> : null}
        {values.dataCategories.includes("finances") && values.finances ? (
          <ReviewRow label="Inkomen en uitgaven">{values.finances}</ReviewRow>
        ) : null}
        {values.dataCategories.includes("household") && values.household ? (
          <ReviewRow label="Huishouden">{values.household}</ReviewRow>
        ) : null}
        <ReviewRow label="Spoed">
          {values.urgency === "urgent"
            ? `Ja${values.urgencyReason ? `: ${urgencyReasonLabels[values.urgencyReason].toLowerCase()}` : ""}`
            : "Nee"}
        </ReviewRow>
        {values.safetyFlag && values.dataCategories.includes("safety") ? (
          <ReviewRow label="Veiligheid">Eerst overleggen met de verwijzer</ReviewRow>
        ) : null}
      </dl>
      <p className="utrecht-paragraph">{change(2, "hulpvraag")}</p>
      <h3 className="utrecht-heading-3">Driegesprek</h3>
      <dl className="schakel-detail-list">
        <ReviewRow label="Driegesprek">{values.driegesprekWanted ? "Ja" : "Nee"}</ReviewRow>
        {values.driegesprekWanted && moments.length > 0 ? (
          <ReviewRow label="Voorgestelde momenten">
            <ul className="utrecht-unordered-list schakel-compact-list">
              {moments.map((m) => (
                <li key={m}>{formatDateTime(m)}</li>
              ))}
            </ul>
          </ReviewRow>
        ) : null}
      </dl>
      <p className="utrecht-paragraph">{change(3, "driegesprek")}</p>
    </>
  );
}
