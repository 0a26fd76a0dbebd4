import { contactChannelKindLabels, contactChannelKinds, lifeDomains, serviceStatuses, serviceStatusLabels } from "@schakel/core";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import type { Path } from "react-hook-form";
import { Link } from "react-router";
import { type Problem, toProblem } from "../../api/problem";
import { referenceQueries } from "../../api/reference-data";
import { useCreateService, useUpdateService } from "../../api/services";
import type { ContactChannelKind, Service } from "../../api/types";
import { Alert } from "../../components/alert";
import { ErrorSummary, type SummaryItem } from "../../components/error-summary";
import { SelectField } from "../../components/form-field";
import { formError } from "../../components/form-text-field";
import { QueryError } from "../../components/query-state";
import { SubmitButton } from "../../components/submit-button";
import { applyProblem } from "../../forms/apply-problem";
import { LeaveGuard } from "../../forms/leave-guard";
import { useZodForm } from "../../forms/use-zod-form";
import { formatDate } from "../../lib/format";
import { domainLabel, languageName } from "../../lib/services";
import { Checkbox, CheckboxGroup, fieldId, Input, optionId, RadioGroup, TextArea } from "./form-controls";
import {
  type Bijstand,
  type ContactRow,
  emptyContactRow,
  emptyPostcodeRow,
  errorsFromProblem,
  flatErrors,
  formKey,
  MAX_LENGTH,
  type PostcodeRow,
  type ServiceFormValues,
  serviceBody,
  serviceChanges,
  serviceFormSchema,
} from "./service-form-state";

/** Languages offered as a checkbox; a service's other languages are shown too. */
const COMMON_LANGUAGES = ["nl", "en", "ar", "tr", "pl", "uk", "ti", "fr", "de", "es", "pap", "so"];

const valueLabels: Record<ContactChannelKind, string> = {
  telefoon: "Telefoonnummer",
  whatsapp: "WhatsApp-nummer",
  email: "E-mailadres",
  website: "Webadres",
  huisbezoek: "Gegevens (niet verplicht)",
  inloop: "Adres van het inloopspreekuur",
  adres: "Adres",
  brief: "Postadres",
};

const valueKinds: Record<ContactChannelKind, "tel" | "email" | "url" | "text"> = {
  telefoon: "tel",
  whatsapp: "tel",
  email: "email",
  website: "url",
  huisbezoek: "text",
  inloop: "text",
  adres: "text",
  brief: "text",
};

const bijstandOptions: { value: Bijstand; label: string }[] = [
  { value: "either", label: "Met en zonder bijstandsuitkering" },
  { value: "yes", label: "Alleen met een bijstandsuitkering" },
  { value: "no", label: "Alleen zonder bijstandsuitkering" },
];

const areaOptions: { value: ServiceFormValues["area"]; label: string }[] = [
  { value: "local", label: "In bepaalde gemeenten of postcodegebieden" },
  { value: "national", label: "In heel Nederland (landelijk)" },
];

const statusOptions = serviceStatuses.map((s) => ({ value: s, label: serviceStatusLabels[s] }));
const kindOptions = contactChannelKinds.map((k) => ({ value: k, label: contactChannelKindLabels[k] }));
const domainOptions = lifeDomains.map((d) => ({ value: d, label: domainLabel(d) }));

/** The fields in the order of the form, for the error summary. */
function fieldOrder(values: ServiceFormValues): string[] {
  return [
    "name",
    "description",
    "lifeDomains",
    "ageMin",
    "ageMax",
    "eligibility",
    "requiresBijstand",
    "debtMin",
    "debtMax",
    "area",
    "isNational",
    ...values.postcodeRanges.flatMap((_, i) => [`postcodeRanges.${i}.from`, `postcodeRanges.${i}.to`]),
    "contactChannels",
    ...values.contactChannels.flatMap((_, i) => [
      `contactChannels.${i}.kind`,
      `contactChannels.${i}.value`,
      `contactChannels.${i}.note`,
    ]),
    "languages",
    "cost",
    "openingHours",
    "acceptsReferrals",
    "responseTargetDays",
    "escalationTell",
    "escalationExpire",
    "escalationAccepted",
    "escalationInContact",
    "warmHandover",
    "status",
  ];
}

const simpleLabels: Record<string, string> = {
  name: "Naam",
  description: "Beschrijving",
  lifeDomains: "Leefgebieden",
  ageMin: "Vanaf leeftijd",
  ageMax: "Tot en met leeftijd",
  eligibility: "Wie kan hulp krijgen",
  requiresBijstand: "Bijstand",
  debtMin: "Schuld vanaf",
  debtMax: "Schuld tot en met",
  area: "Waar",
  isNational: "Waar",
  contactChannels: "Contact",
  languages: "Talen",
  cost: "Kosten",
  openingHours: "Openingstijden",
  acceptsReferrals: "Verwijzingen",
  responseTargetDays: "Reageert binnen",
  escalationTell: "Verwijzer inlichten na",
  escalationExpire: "Laten verlopen na",
  escalationAccepted: "Na accepteren contact binnen",
  escalationInContact: "Na contact verder binnen",
  warmHandover: "Warme overdracht",
  status: "Status",
};

function labelOf(key: string): string | undefined {
  const row = /^(postcodeRanges|contactChannels)\.(\d+)\.(\w+)$/.exec(key);
  if (row) {
    const n = Number(row[2]) + 1;
    if (row[1] === "postcodeRanges") return `Postcodegebied ${n}, ${row[3] === "from" ? "van" : "tot en met"}`;
    return row[3] === "note" ? `Contactmogelijkheid ${n}, toelichting` : `Contactmogelijkheid ${n}`;
  }
  return simpleLabels[key];
}

/** The element an error links to: the field, or the first choice of a group. */
function targetOf(key: string, values: ServiceFormValues): string {
  switch (key) {
    case "lifeDomains":
      return optionId(key, lifeDomains[0]);
    case "requiresBijstand":
      return optionId(key, "either");
    case "area":
    case "isNational":
      return optionId("area", values.area);
    case "languages":
      return optionId(key, languageOptions(values)[0]?.value ?? "nl");
    case "contactChannels":
      return fieldId("contactChannels-toevoegen");
    default:
      return fieldId(key);
  }
}

function languageOptions(values: ServiceFormValues) {
  const codes = [...COMMON_LANGUAGES, ...values.languages.filter((l) => !COMMON_LANGUAGES.includes(l))];
  return codes.map((code) => ({ value: code, label: languageName(code) }));
}

/** The municipalities the API knows, and the service's own codes that it does not (shown as the code). */
function municipalityOptions(known: readonly { code: string; name: string }[], values: ServiceFormValues) {
  const other = values.municipalityCodes
    .filter((code) => !known.some((m) => m.code === code))
    .map((code) => ({ value: code, label: code }));
  return [...known.map((m) => ({ value: m.code, label: m.name })), ...other];
}

interface Props {
  /** The service being changed; none when adding one. */
  service: Service | null;
  organizationId: string;
  initial: ServiceFormValues;
  onSaved: (service: Service, message: string) => void;
}

/** Every field of a service. What was typed stays when saving fails; errors show at their field. */
export function ServiceForm({ service, organizationId, initial, onSaved }: Props) {
  const schema = useMemo(() => serviceFormSchema(organizationId), [organizationId]);
  const form = useZodForm(schema, { defaultValues: initial, mode: "onSubmit" });
  const values = form.watch();
  const errors = flatErrors(form.formState.errors);
  const refusal = formError(form);
  const create = useCreateService();
  const update = useUpdateService();
  const busy = create.isPending || update.isPending;
  const municipalities = useQuery(referenceQueries.municipalities());
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const summaryRef = useRef<HTMLElement>(null);
  const formErrorRef = useRef<HTMLDivElement>(null);

  // After each attempt that failed (in the browser or at the server), focus goes to the list of what to fix.
  const { submitCount, isSubmitting } = form.formState;
  const failed = Object.keys(errors).length > 0 || refusal !== null;
  useEffect(() => {
    if (submitCount > 0 && !isSubmitting && failed) (summaryRef.current ?? formErrorRef.current)?.focus();
  }, [submitCount, isSubmitting, failed]);

  useEffect(() => {
    if (!focusTarget) return;
    document.getElementById(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  const set = <K extends keyof ServiceFormValues>(key: K, value: ServiceFormValues[K]) =>
    form.setValue(key as Path<ServiceFormValues>, value as never, { shouldDirty: true });

  function setContact(index: number, change: Partial<ContactRow>) {
    set(
      "contactChannels",
      values.contactChannels.map((c, i) => (i === index ? { ...c, ...change } : c)),
    );
  }

  function setPostcode(index: number, change: Partial<PostcodeRow>) {
    set(
      "postcodeRanges",
      values.postcodeRanges.map((r, i) => (i === index ? { ...r, ...change } : r)),
    );
  }

  /** Errors of removed rows would point at the wrong row: clear them when the rows change. */
  function withoutRowErrors(prefix: "postcodeRanges" | "contactChannels") {
    form.clearErrors(prefix);
  }

  const submit = form.handleSubmit(async (checked) => {
    const changes = service ? serviceChanges(service, checked) : null;
    const unchanged = changes !== null && Object.keys(changes).length === 0;
    let saved: Service;
    try {
      saved = service
        ? await update.mutateAsync({
            params: { path: { serviceId: service.id } },
            // Nothing changed: saving still confirms the listing is right (it stamps "last checked").
            body: unchanged ? { status: service.status } : (changes ?? {}),
          })
        : await create.mutateAsync({ body: { organizationId, ...serviceBody(checked) } });
    } catch (error) {
      refused(toProblem(error));
      return;
    }
    onSaved(
      saved,
      !service
        ? `De dienst ‘${saved.name}’ staat op de sociale kaart.`
        : unchanged
          ? `Er was niets veranderd. ‘${saved.name}’ staat nu als gecontroleerd op ${formatDate(saved.lastVerifiedAt)}.`
          : `De wijzigingen in ‘${saved.name}’ zijn opgeslagen.`,
    );
  });

  /** A refusal: a broken rule (422) at its field, invalidParams at theirs, anything else above the form. */
  function refused(problem: Problem) {
    const ruleError = problem.status === 422 ? errorsFromProblem(problem) : null;
    if (ruleError) {
      for (const [key, message] of Object.entries(ruleError)) {
        form.setError(key as Path<ServiceFormValues>, { type: "server", message });
      }
    } else {
      applyProblem(problem, form, formKey);
    }
  }

  const order = fieldOrder(values);
  const summary: SummaryItem[] = [
    ...order
      .filter((key) => errors[key])
      .map((key) => ({ message: errors[key] ?? "", target: targetOf(key, values), label: labelOf(key) })),
    ...Object.entries(errors)
      .filter(([key]) => !order.includes(key))
      .map(([, message]) => ({ message })),
  ];
  const local = values.area === "local";

  return (
    <>
      <LeaveGuard dirty={form.formState.isDirty && !busy} />
      <form className="schakel-form schakel-form--wide" noValidate onSubmit={submit} aria-busy={busy || undefined}>
        {refusal ? (
          <div ref={formErrorRef} tabIndex={-1}>
            <Alert type="error">
              <p className="utrecht-paragraph">{refusal}</p>
            </Alert>
          </div>
        ) : null}
        <ErrorSummary items={summary} ref={summaryRef} />

        <section className="schakel-form-section" aria-labelledby="sectie-over">
          <h2 className="utrecht-heading-2" id="sectie-over">
            Over de dienst
          </h2>
          <Input
            field="name"
            label="Naam"
            value={values.name}
            onChange={(v) => set("name", v)}
            error={errors.name}
            maxLength={MAX_LENGTH.name}
          />
          <TextArea
            field="description"
            label="Beschrijving"
            description="Wat doet de dienst? Schrijf in gewone woorden, zoals je het aan een inwoner zou uitleggen."
            value={values.description}
            onChange={(v) => set("description", v)}
            error={errors.description}
            maxLength={MAX_LENGTH.description}
            rows={6}
          />
          <CheckboxGroup
            field="lifeDomains"
            legend="Leefgebieden"
            description="Waar helpt de dienst bij? Kies er één of meer."
            options={domainOptions}
            values={values.lifeDomains}
            onChange={(v) => set("lifeDomains", v)}
            error={errors.lifeDomains}
            columns
          />
        </section>

        <section className="schakel-form-section" aria-labelledby="sectie-voor-wie">
          <h2 className="utrecht-heading-2" id="sectie-voor-wie">
            Voor wie
          </h2>
          <div className="schakel-field-row">
            <Input
              field="ageMin"
              label="Vanaf leeftijd (jaar)"
              kind="numeric"
              size="short"
              maxLength={3}
              value={values.ageMin}
              onChange={(v) => set("ageMin", v)}
              error={errors.ageMin}
            />
            <Input
              field="ageMax"
              label="Tot en met leeftijd (jaar)"
              kind="numeric"
              size="short"
              maxLength={3}
              value={values.ageMax}
              onChange={(v) => set("ageMax", v)}
              error={errors.ageMax}
            />
          </div>
          <p className="utrecht-paragraph schakel-hint">Laat leeg als de leeftijd niet uitmaakt.</p>
          <TextArea
            field="eligibility"
            label="Wie kan hulp krijgen (niet verplicht)"
            description="Bijvoorbeeld: inwoners met een betalingsachterstand bij de zorgverzekeraar."
            value={values.eligibility}
            onChange={(v) => set("eligibility", v)}
            error={errors.eligibility}
            maxLength={MAX_LENGTH.eligibility}
            rows={3}
          />
          <RadioGroup
            field="requiresBijstand"
            legend="Bijstandsuitkering"
            options={bijstandOptions}
            value={values.requiresBijstand}
            onChange={(v) => set("requiresBijstand", v)}
            error={errors.requiresBijstand}
          />
          <div className="schakel-field-row">
            <Input
              field="debtMin"
              label="Schuld vanaf (euro)"
              kind="numeric"
              size="medium"
              maxLength={13}
              value={values.debtMin}
              onChange={(v) => set("debtMin", v)}
              error={errors.debtMin}
            />
            <Input
              field="debtMax"
              label="Schuld tot en met (euro)"
              kind="numeric"
              size="medium"
              maxLength={13}
              value={values.debtMax}
              onChange={(v) => set("debtMax", v)}
              error={errors.debtMax}
            />
          </div>
          <p className="utrecht-paragraph schakel-hint">Laat leeg als de hoogte van de schuld niet uitmaakt.</p>
        </section>

        <section className="schakel-form-section" aria-labelledby="sectie-waar">
          <h2 className="utrecht-heading-2" id="sectie-waar">
            Waar
          </h2>
          <RadioGroup
            field="area"
            legend="Waar werkt de dienst?"
            options={areaOptions}
            value={values.area}
            onChange={(v) => set("area", v)}
            error={errors.area}
          />
          {local ? (
            <>
              <CheckboxGroup
                field="municipalityCodes"
                legend="Gemeenten"
                options={municipalityOptions(municipalities.data?.data ?? [], values)}
                values={values.municipalityCodes}
                onChange={(v) => set("municipalityCodes", v)}
                columns
              />
              {municipalities.isPending ? (
                <p className="utrecht-paragraph" role="status">
                  De gemeenten worden geladen…
                </p>
              ) : null}
              {municipalities.isError ? (
                <QueryError
                  problem={toProblem(municipalities.error)}
                  retry={() => void municipalities.refetch()}
                  busy={municipalities.isFetching}
                />
              ) : null}
              <fieldset className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset schakel-fieldset">
                <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
                  Postcodegebieden
                </legend>
                <div className="utrecht-form-field-description">
                  Werkt de dienst maar in een deel van een gemeente? Voeg dan de postcodes toe (alleen de vier cijfers).
                </div>
                {values.postcodeRanges.map((range, i) => (
                  <fieldset key={range.id} className="schakel-row">
                    <legend className="schakel-row__legend">Postcodegebied {i + 1}</legend>
                    <Input
                      field={`postcodeRanges.${i}.from`}
                      label="Van"
                      kind="numeric"
                      size="short"
                      maxLength={4}
                      value={range.from}
                      onChange={(v) => setPostcode(i, { from: v })}
                      error={errors[`postcodeRanges.${i}.from`]}
                    />
                    <Input
                      field={`postcodeRanges.${i}.to`}
                      label="Tot en met"
                      kind="numeric"
                      size="short"
                      maxLength={4}
                      value={range.to}
                      onChange={(v) => setPostcode(i, { to: v })}
                      error={errors[`postcodeRanges.${i}.to`]}
                    />
                    <RemoveRowButton
                      what={`postcodegebied ${i + 1}`}
                      onRemove={() => {
                        set(
                          "postcodeRanges",
                          values.postcodeRanges.filter((r) => r.id !== range.id),
                        );
                        withoutRowErrors("postcodeRanges");
                        setFocusTarget(fieldId("postcodeRanges-toevoegen"));
                      }}
                    />
                  </fieldset>
                ))}
                <AddRowButton
                  id={fieldId("postcodeRanges-toevoegen")}
                  onAdd={() => {
                    const row = emptyPostcodeRow();
                    set("postcodeRanges", [...values.postcodeRanges, row]);
                    setFocusTarget(fieldId(`postcodeRanges.${values.postcodeRanges.length}.from`));
                  }}
                >
                  Postcodegebied toevoegen
                </AddRowButton>
              </fieldset>
            </>
          ) : null}
        </section>

        <section className="schakel-form-section" aria-labelledby="sectie-contact">
          <h2 className="utrecht-heading-2" id="sectie-contact">
            Contact
          </h2>
          <p className="utrecht-paragraph">Hoe kunnen inwoners en verwijzers de dienst bereiken?</p>
          {errors.contactChannels ? (
            <div className="utrecht-form-field-error-message" id={fieldId("contactChannels-fout")}>
              {errors.contactChannels}
            </div>
          ) : null}
          {values.contactChannels.map((channel, i) => (
            <fieldset key={channel.id} className="schakel-row schakel-row--contact">
              <legend className="schakel-row__legend">Contactmogelijkheid {i + 1}</legend>
              <SelectField
                id={fieldId(`contactChannels.${i}.kind`)}
                name={`contactChannels.${i}.kind`}
                label="Soort"
                value={channel.kind}
                options={kindOptions}
                onChange={(kind) => setContact(i, { kind })}
                error={errors[`contactChannels.${i}.kind`]}
              />
              <Input
                field={`contactChannels.${i}.value`}
                label={valueLabels[channel.kind]}
                kind={valueKinds[channel.kind]}
                maxLength={MAX_LENGTH.contactValue}
                value={channel.value}
                onChange={(value) => setContact(i, { value })}
                error={errors[`contactChannels.${i}.value`]}
              />
              <Input
                field={`contactChannels.${i}.note`}
                label="Toelichting (niet verplicht)"
                maxLength={MAX_LENGTH.contactNote}
                value={channel.note}
                onChange={(note) => setContact(i, { note })}
                error={errors[`contactChannels.${i}.note`]}
              />
              <RemoveRowButton
                what={`contactmogelijkheid ${i + 1}`}
                onRemove={() => {
                  set(
                    "contactChannels",
                    values.contactChannels.filter((c) => c.id !== channel.id),
                  );
                  withoutRowErrors("contactChannels");
                  setFocusTarget(fieldId("contactChannels-toevoegen"));
                }}
              />
            </fieldset>
          ))}
          <AddRowButton
            id={fieldId("contactChannels-toevoegen")}
            onAdd={() => {
              const row = emptyContactRow(values.contactChannels.length === 0 ? "telefoon" : "email");
              set("contactChannels", [...values.contactChannels, row]);
              setFocusTarget(fieldId(`contactChannels.${values.contactChannels.length}.kind`));
            }}
          >
            Contactmogelijkheid toevoegen
          </AddRowButton>
        </section>

        <section className="schakel-form-section" aria-labelledby="sectie-praktisch">
          <h2 className="utrecht-heading-2" id="sectie-praktisch">
            Praktisch
          </h2>
          <CheckboxGroup
            field="languages"
            legend="Talen"
            description="In welke talen kan de dienst helpen?"
            options={languageOptions(values)}
            values={values.languages}
            onChange={(v) => set("languages", v)}
            error={errors.languages}
            columns
          />
          <Input
            field="cost"
            label="Kosten (niet verplicht)"
            description="Bijvoorbeeld: gratis, of een eigen bijdrage van 10 euro per maand."
            value={values.cost}
            onChange={(v) => set("cost", v)}
            error={errors.cost}
            maxLength={MAX_LENGTH.cost}
          />
          <TextArea
            field="openingHours"
            label="Openingstijden (niet verplicht)"
            value={values.openingHours}
            onChange={(v) => set("openingHours", v)}
            error={errors.openingHours}
            maxLength={MAX_LENGTH.openingHours}
            rows={3}
          />
        </section>

        <section className="schakel-form-section" aria-labelledby="sectie-verwijzen">
          <h2 className="utrecht-heading-2" id="sectie-verwijzen">
            Verwijzen via Schakel
          </h2>
          <Checkbox
            field="acceptsReferrals"
            label="Deze dienst neemt verwijzingen via Schakel aan"
            checked={values.acceptsReferrals}
            onChange={(v) => set("acceptsReferrals", v)}
          />
          <Input
            field="responseTargetDays"
            label="Reageert binnen (werkdagen)"
            description="Binnen hoeveel werkdagen laat de dienst de verwijzer weten wat er met een verwijzing gebeurt?"
            kind="numeric"
            size="short"
            maxLength={2}
            value={values.responseTargetDays}
            onChange={(v) => set("responseTargetDays", v)}
            error={errors.responseTargetDays}
          />
          <fieldset className="schakel-fieldset" aria-describedby="ladder-uitleg">
            <legend className="utrecht-form-label">Als er niet op tijd wordt gereageerd (niet verplicht)</legend>
            <p className="utrecht-paragraph schakel-hint" id="ladder-uitleg">
              Schakel stuurt de ontvanger een herinnering zodra de reactietermijn voorbij is. Daarna, als er nog niets gebeurt,
              licht Schakel de verwijzer in (standaard na 5 werkdagen) en laat de verwijzing verlopen (standaard na 15 werkdagen),
              zodat de verwijzer ergens anders kan verwijzen. Laat een veld leeg voor de standaard. Spoedverwijzingen volgen
              altijd de korte termijnen: 1 werkdag, dan 1 en daarna 4 werkdagen.
            </p>
            <Input
              field="escalationTell"
              label="Verwijzer inlichten na (werkdagen na de reactietermijn)"
              description="Leeg: 5 werkdagen."
              kind="numeric"
              size="short"
              maxLength={2}
              value={values.escalationTell}
              onChange={(v) => set("escalationTell", v)}
              error={errors.escalationTell}
            />
            <Input
              field="escalationExpire"
              label="Laten verlopen na (werkdagen na de reactietermijn)"
              description="Leeg: 15 werkdagen. Alleen zolang er nog geen contact met de inwoner is."
              kind="numeric"
              size="short"
              maxLength={2}
              value={values.escalationNeverExpire ? "" : values.escalationExpire}
              onChange={(v) => set("escalationExpire", v)}
              error={errors.escalationExpire}
            />
            <Checkbox
              field="escalationNeverExpire"
              label="Nooit automatisch laten verlopen"
              checked={values.escalationNeverExpire}
              onChange={(v) => set("escalationNeverExpire", v)}
            />
            <Input
              field="escalationAccepted"
              label="Na accepteren contact met de inwoner binnen (werkdagen)"
              description="Leeg: 10 werkdagen. Daarna krijgt de ontvanger een herinnering."
              kind="numeric"
              size="short"
              maxLength={2}
              value={values.escalationAccepted}
              onChange={(v) => set("escalationAccepted", v)}
              error={errors.escalationAccepted}
            />
            <Input
              field="escalationInContact"
              label="Na het eerste contact verder binnen (werkdagen)"
              description="Leeg: 15 werkdagen. Daarna krijgt de ontvanger een herinnering."
              kind="numeric"
              size="short"
              maxLength={3}
              value={values.escalationInContact}
              onChange={(v) => set("escalationInContact", v)}
              error={errors.escalationInContact}
            />
          </fieldset>
          <TextArea
            field="warmHandover"
            label="Warme overdracht (niet verplicht)"
            description="Hoe gaat de overdracht? Bijvoorbeeld: na de aanmelding volgt een driegesprek met de verwijzer."
            value={values.warmHandover}
            onChange={(v) => set("warmHandover", v)}
            error={errors.warmHandover}
            maxLength={MAX_LENGTH.warmHandover}
            rows={3}
          />
        </section>

        <section className="schakel-form-section" aria-labelledby="sectie-status">
          <h2 className="utrecht-heading-2" id="sectie-status">
            Status
          </h2>
          <SelectField
            id={fieldId("status")}
            name="status"
            label="Status op de sociale kaart"
            value={values.status}
            options={statusOptions}
            onChange={(v) => set("status", v)}
            description="Alleen actieve diensten zijn te vinden op de sociale kaart. Kies ‘Tijdelijk gesloten’, ‘Niet actief’ of ‘Opgeheven’ om de dienst van de kaart te halen."
            error={errors.status}
          />
        </section>

        <div className="utrecht-button-group schakel-actions">
          <SubmitButton busy={busy} busyText="Bezig met opslaan…">
            Opslaan
          </SubmitButton>
          <Link to="/diensten" className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action">
            Annuleren
          </Link>
        </div>
      </form>
    </>
  );
}

/** "Verwijderen" for one row of a repeatable group; `what` names the row for screen readers. */
function RemoveRowButton({ what, onRemove }: { what: string; onRemove: () => void }) {
  return (
    <div className="schakel-row__action">
      <button type="button" className="utrecht-button utrecht-button--subtle" onClick={onRemove}>
        Verwijderen<span className="schakel-visually-hidden"> {what}</span>
      </button>
    </div>
  );
}

/** The button under a repeatable group that adds a row. */
function AddRowButton({ id, onAdd, children }: { id: string; onAdd: () => void; children: ReactNode }) {
  return (
    <p className="utrecht-paragraph">
      <button type="button" id={id} className="utrecht-button utrecht-button--secondary-action" onClick={onAdd}>
        {children}
      </button>
    </p>
  );
}
