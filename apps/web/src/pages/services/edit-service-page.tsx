import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { Membership, Service } from "../../api/types";
import { Alert } from "../../components/alert";
import { Page } from "../../components/page";
import { QueryState } from "../../components/query-state";
import { formatDate } from "../../lib/format";
import { useSignedIn } from "../../lib/session";
import { isNotFound, isUuid, useService } from "../../lib/use-service";
import { AdminOnly } from "./admin-only";
import { PartnerLightSetting } from "./partner-light-setting";
import { ServiceForm } from "./service-form";
import { newServiceValues, valuesFromService } from "./service-form-state";

const backLink = (
  <p className="utrecht-paragraph schakel-back">
    <Link to="/diensten" className="utrecht-link utrecht-link--html-a">
      Terug naar onze diensten
    </Link>
  </p>
);

/** /diensten/nieuw */
export function NewServicePage() {
  const navigate = useNavigate();
  const [initial] = useState(newServiceValues);
  return (
    <AdminOnly title="Dienst toevoegen">
      {(membership) => (
        <Page title="Dienst toevoegen" before={backLink}>
          <p className="utrecht-paragraph">
            Zet een dienst van {membership.organizationName} op de sociale kaart. Iedereen kan hem daarna vinden.
          </p>
          <ServiceForm
            key={membership.organizationId}
            service={null}
            organizationId={membership.organizationId}
            initial={initial}
            onSaved={(_service, notice) => navigate("/diensten", { state: { notice, saved: true } })}
          />
        </Page>
      )}
    </AdminOnly>
  );
}

/** /diensten/:serviceId/bewerken */
export function EditServicePage() {
  return (
    <AdminOnly title="Dienst bewerken">
      {(membership) => <EditService key={membership.organizationId} membership={membership} />}
    </AdminOnly>
  );
}

function EditService({ membership }: { membership: Membership }) {
  const { serviceId = "" } = useParams();
  if (!isUuid(serviceId)) return <EditServiceNotFound />;
  return <LoadedEditService serviceId={serviceId} membership={membership} />;
}

function EditServiceNotFound() {
  return (
    <Page title="Dienst niet gevonden" heading="Deze dienst bestaat niet" before={backLink}>
      <p className="utrecht-paragraph">Misschien is het adres niet goed. Kies de dienst in de lijst met diensten.</p>
    </Page>
  );
}

function LoadedEditService({ serviceId, membership }: { serviceId: string; membership: Membership }) {
  const query = useService(serviceId);
  if (!query.data) {
    return (
      <Page title="Dienst bewerken" before={backLink}>
        <QueryState
          query={query}
          loading="De dienst wordt geladen…"
          errorFor={(problem) => (isNotFound(problem) ? <EditServiceNotFound /> : null)}
        >
          {() => null}
        </QueryState>
      </Page>
    );
  }
  return <EditLoadedService service={query.data} membership={membership} />;
}

function EditLoadedService({ service, membership }: { service: Service; membership: Membership }) {
  const navigate = useNavigate();
  const { me, chooseOrganization } = useSignedIn();

  if (service.organization.id !== membership.organizationId) {
    const owner = me.memberships.find((m) => m.organizationId === service.organization.id && m.role === "admin");
    return (
      <Page title="Dienst bewerken" before={backLink}>
        <Alert type="warning">
          <p className="utrecht-paragraph">
            ‘{service.name}’ is een dienst van {service.organization.name}. Je werkt nu voor {membership.organizationName}, en
            kunt alleen de diensten van {membership.organizationName} bewerken.
          </p>
        </Alert>
        {owner ? (
          <p className="utrecht-paragraph">
            <button
              type="button"
              className="utrecht-button utrecht-button--secondary-action"
              onClick={() => chooseOrganization(owner.organizationId)}
            >
              Werken voor {owner.organizationName}
            </button>
          </p>
        ) : null}
      </Page>
    );
  }

  return (
    <Page title={`${service.name} bewerken`} heading="Dienst bewerken" before={backLink}>
      <p className="utrecht-paragraph">
        <strong>{service.name}</strong> van {service.organization.name}. Laatst gecontroleerd:{" "}
        {formatDate(service.lastVerifiedAt)}. Klopt alles nog? Klik dan ook op Opslaan: dan ziet iedereen dat de gegevens vandaag
        zijn gecontroleerd.
      </p>
      <p className="utrecht-paragraph">
        <Link to={`/kaart/diensten/${service.id}`} className="utrecht-link utrecht-link--html-a">
          Bekijk de dienst op de sociale kaart
        </Link>
      </p>
      <ServiceForm
        key={service.id}
        service={service}
        organizationId={membership.organizationId}
        initial={valuesFromService(service)}
        onSaved={(_saved, notice) => navigate("/diensten", { state: { notice, saved: true } })}
      />
      <PartnerLightSetting service={service} />
    </Page>
  );
}
