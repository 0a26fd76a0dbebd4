import type { components } from "@schakel/api-client";
import { toProblem } from "../../api/problem";
import { useSetServicePartnerLight } from "../../api/services";
import { LiveRegion } from "../../components/alert";

type Service = components["schemas"]["Service"];

/**
 * On "Dienst bewerken": the organization's admin lets this service work without an account
 * (partner-light, ADR 0029) — its intake address gets a link per referral. Set for the whole
 * organization by a network admin, it is shown and cannot be switched off here.
 */
export function PartnerLightSetting({ service }: { service: Service }) {
  const set = useSetServicePartnerLight();
  const byOrganization = service.partnerLight && !service.partnerLightByService;
  const problem = set.isError ? toProblem(set.error) : null;
  return (
    <section className="schakel-section" aria-labelledby="zonder-account-titel">
      <h2 className="utrecht-heading-2" id="zonder-account-titel">
        Werken zonder account
      </h2>
      <p className="utrecht-paragraph">
        Zonder account krijgt het intake-adres van jullie organisatie per verwijzing een mail met een link. Via die link bevestig
        je de ontvangst, pak je de verwijzing op of wijs je haar af, en rond je haar af. De gegevens van de inwoner staan niet op
        die pagina: die krijg je van de verwijzer.
      </p>
      {byOrganization ? (
        <p className="utrecht-paragraph">De netwerkbeheerder heeft jullie hele organisatie zonder account laten werken.</p>
      ) : (
        <p className="utrecht-paragraph">
          <button
            type="button"
            className="utrecht-button utrecht-button--secondary-action"
            aria-disabled={set.isPending || undefined}
            onClick={() => {
              if (set.isPending) return;
              set.mutate({ params: { path: { serviceId: service.id } }, body: { partnerLight: !service.partnerLightByService } });
            }}
          >
            {service.partnerLightByService ? "Weer met account werken" : "Deze dienst zonder account laten werken"}
          </button>
        </p>
      )}
      <LiveRegion>
        {problem ? (problem.invalidParams?.[0]?.reason ?? problem.detail) : null}
        {set.data
          ? set.data.partnerLightByService
            ? "Deze dienst werkt nu zonder account."
            : "Deze dienst werkt weer met een account."
          : null}
      </LiveRegion>
    </section>
  );
}
