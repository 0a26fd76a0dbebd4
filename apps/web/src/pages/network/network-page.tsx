import { INVITATION_VALID_HOURS, OrganizationCreateSchema, organizationKindLabels, organizationKinds } from "@schakel/core";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Controller } from "react-hook-form";
import { Link } from "react-router";
import { pageItems } from "../../api/cursor-pages";
import { networkQueries, useCreateOrganization, useSetOrganizationPartnerLight } from "../../api/network";
import { toProblem } from "../../api/problem";
import { referenceQueries } from "../../api/reference-data";
import { Alert, LiveRegion } from "../../components/alert";
import { FormSelectField, FormTextField, formError } from "../../components/form-text-field";
import { NotAllowed } from "../../components/not-allowed";
import { Page } from "../../components/page";
import { QueryState } from "../../components/query-state";
import { SubmitButton } from "../../components/submit-button";
import { applyProblem } from "../../forms/apply-problem";
import { useZodForm } from "../../forms/use-zod-form";
import { useSignedIn } from "../../lib/session";
import { Checkbox, CheckboxGroup } from "../services/form-controls";

/** /netwerk: for the network's admins (the gemeente's regie, ADR 0019): the organizations, and adding one. */
export function NetworkPage() {
  const { me } = useSignedIn();
  if (!me.networkAdmin) {
    return (
      <NotAllowed title="Netwerk">
        Alleen netwerkbeheerders kunnen organisaties aan het netwerk toevoegen. Dat is meestal de regie van de gemeente.
      </NotAllowed>
    );
  }
  return (
    <Page title="Netwerk" heading="Organisaties in het netwerk">
      <p className="utrecht-paragraph">
        Hier voeg je een organisatie toe aan Schakel. De eerste beheerder krijgt een e-mail met een link om een wachtwoord te
        kiezen. Daarna nodigt die beheerder zelf de collega's uit.
      </p>
      <p className="utrecht-paragraph">
        Wil je zien wat Schakel heeft geweigerd, zoals pogingen om gegevens van een andere organisatie te bekijken?{" "}
        <Link to="/netwerk/beveiligingslog" className="utrecht-link utrecht-link--html-a">
          Bekijk het beveiligingslog
        </Link>
      </p>
      <OrganizationList />
      <section aria-labelledby="toevoegen-titel" className="schakel-section">
        <h2 className="utrecht-heading-2" id="toevoegen-titel">
          Organisatie toevoegen
        </h2>
        <AddOrganizationForm />
      </section>
    </Page>
  );
}

function OrganizationList() {
  const list = useInfiniteQuery(networkQueries.organizations());
  return (
    <section aria-labelledby="organisaties-titel" className="schakel-section">
      <h2 className="utrecht-heading-2" id="organisaties-titel">
        Organisaties
      </h2>
      <QueryState
        query={list}
        loading="Organisaties worden geladen…"
        isEmpty={(data) => data.pages[0]?.data.length === 0}
        empty={<p className="utrecht-paragraph">Er zijn nog geen organisaties in het netwerk. Voeg hieronder de eerste toe.</p>}
      >
        {(data) => {
          const organizations = pageItems(data);
          return (
            <>
              <ul className="utrecht-unordered-list" aria-labelledby="organisaties-titel">
                {organizations.map((o) => (
                  <li key={o.id} className="utrecht-unordered-list__item">
                    {o.name}{" "}
                    <span className="schakel-muted">
                      ({organizationKindLabels[o.kind]}
                      {o.isNational ? ", landelijk" : ""}
                      {o.partnerLight ? ", werkt zonder account" : ""})
                    </span>{" "}
                    <PartnerLightToggle organization={o} />
                  </li>
                ))}
              </ul>
              {list.isFetchNextPageError ? <Alert type="error">{toProblem(list.error).detail}</Alert> : null}
              {list.hasNextPage ? (
                <p className="utrecht-paragraph">
                  <button
                    type="button"
                    className="utrecht-button utrecht-button--secondary-action"
                    aria-disabled={list.isFetchingNextPage || undefined}
                    onClick={() => void list.fetchNextPage()}
                  >
                    {list.isFetchingNextPage ? "Organisaties worden geladen…" : "Meer laden"}
                  </button>
                </p>
              ) : null}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

/**
 * Partner-light (ADR 0029): the organization works without accounts and answers its referrals
 * through links mailed to its intake address. The answer says what happened, or why not.
 */
function PartnerLightToggle({ organization }: { organization: { id: string; name: string; partnerLight: boolean } }) {
  const set = useSetOrganizationPartnerLight();
  const on = organization.partnerLight;
  const message = set.isError
    ? (toProblem(set.error).invalidParams?.[0]?.reason ?? toProblem(set.error).detail)
    : set.isSuccess
      ? on
        ? `${organization.name} werkt nu zonder account: het intake-adres krijgt per verwijzing een link.`
        : `${organization.name} werkt weer met een account.`
      : null;
  return (
    <>
      <button
        type="button"
        className="utrecht-button utrecht-button--subtle schakel-link-button"
        aria-disabled={set.isPending || undefined}
        onClick={() => {
          if (set.isPending) return;
          set.mutate({ params: { path: { organizationId: organization.id } }, body: { partnerLight: !on } });
        }}
      >
        {on ? `${organization.name} weer met account laten werken` : `${organization.name} zonder account laten werken`}
      </button>
      <LiveRegion>{message}</LiveRegion>
    </>
  );
}

const kindOptions = [
  { value: "", label: "Kies…" },
  ...organizationKinds.map((k) => ({ value: k, label: organizationKindLabels[k] })),
];
const empty = {
  name: "",
  kind: "" as never,
  isNational: false,
  municipalityCodes: [] as string[],
  admin: { name: "", email: "" },
};

/** Add an organization: core's rules (the API's) checked before sending, the API's refusals put on their fields. */
function AddOrganizationForm() {
  const form = useZodForm(OrganizationCreateSchema, { defaultValues: empty, shouldFocusError: true });
  const create = useCreateOrganization();
  const municipalities = useQuery(referenceQueries.municipalities());
  const refused = formError(form);
  const added = create.isSuccess ? create.data : null;

  const submit = form.handleSubmit(async (body) => {
    try {
      await create.mutateAsync({ body });
      form.reset(empty);
    } catch (error) {
      applyProblem(toProblem(error), form);
    }
  });

  const municipalityError = form.getFieldState("municipalityCodes", form.formState).error?.message;
  return (
    <form className="schakel-form" noValidate onSubmit={submit} aria-labelledby="toevoegen-titel">
      <LiveRegion>
        {added ? (
          <Alert type="ok">
            {added.organization.name} is toegevoegd. We hebben een uitnodiging gestuurd naar {added.admin.name} (
            {added.admin.email}). De link in de e-mail is {INVITATION_VALID_HOURS} uur geldig.
          </Alert>
        ) : null}
      </LiveRegion>
      {refused ? (
        <Alert type="error">
          <p className="utrecht-paragraph">{refused}</p>
        </Alert>
      ) : null}
      <FormTextField form={form} name="name" label="Naam van de organisatie" autoComplete="organization" />
      <FormSelectField form={form} name="kind" label="Soort organisatie" options={kindOptions} />
      <Controller
        control={form.control}
        name="isNational"
        render={({ field }) => (
          <Checkbox
            field="isNational"
            prefix="organisatie"
            label="Werkt landelijk"
            checked={field.value}
            onChange={field.onChange}
          />
        )}
      />
      <Controller
        control={form.control}
        name="municipalityCodes"
        render={({ field }) => (
          <CheckboxGroup
            field="municipalityCodes"
            prefix="organisatie"
            legend="Gemeenten waar de organisatie werkt"
            description="Kies er minstens één, tenzij de organisatie landelijk werkt."
            columns
            options={(municipalities.data?.data ?? []).map((m) => ({ value: m.code, label: m.name }))}
            values={field.value}
            onChange={field.onChange}
            error={municipalityError}
          />
        )}
      />
      {municipalities.isPending ? <p className="utrecht-paragraph">Gemeenten worden geladen…</p> : null}
      {municipalities.isError ? <Alert type="error">{toProblem(municipalities.error).detail}</Alert> : null}
      <h3 className="utrecht-heading-3">Eerste beheerder</h3>
      <FormTextField form={form} name="admin.name" label="Naam" autoComplete="off" />
      <FormTextField form={form} name="admin.email" label="E-mailadres" type="email" autoComplete="off" />
      <div className="utrecht-button-group schakel-actions">
        <SubmitButton busy={create.isPending} busyText="Organisatie wordt toegevoegd…">
          Organisatie toevoegen
        </SubmitButton>
      </div>
    </form>
  );
}
