import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { Alert } from "../../components/alert";
import { Page } from "../../components/page";
import type { Membership } from "../../lib/api";
import { formatDate } from "../../lib/format";
import { useSignedIn } from "../../lib/session";
import { useService } from "../../lib/use-service";
import { AdminOnly } from "./admin-only";
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
            onSaved={(_service, notice) => navigate("/diensten", { state: { notice } })}
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
  const navigate = useNavigate();
  const { me, chooseOrganization } = useSignedIn();
  const { state, retry } = useService(serviceId);

  if (state.status === "loading") {
    return (
      <Page title="Dienst bewerken" before={backLink}>
        <p className="utrecht-paragraph" role="status">
          De dienst wordt geladen…
        </p>
      </Page>
    );
  }
  if (state.status === "not-found") {
    return (
      <Page title="Dienst niet gevonden" heading="Deze dienst bestaat niet" before={backLink}>
        <p className="utrecht-paragraph">Misschien is het adres niet goed. Kies de dienst in de lijst met diensten.</p>
      </Page>
    );
  }
  if (state.status === "error") {
    return (
      <Page title="Dienst bewerken" before={backLink}>
        <Alert type="error">
          <p className="utrecht-paragraph">{state.problem.detail}</p>
        </Alert>
        <p className="utrecht-paragraph">
          <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={retry}>
            Opnieuw proberen
          </button>
        </p>
      </Page>
    );
  }

  const { service } = state;
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
        onSaved={(_saved, notice) => navigate("/diensten", { state: { notice } })}
      />
    </Page>
  );
}
