import { canReferTo, contactChannelKindLabels, serviceStatusLabels } from "@schakel/core";
import type { ReactNode } from "react";
import { Link, useLocation, useParams } from "react-router";
import type { ContactChannel, Service } from "../../api/types";
import { Alert } from "../../components/alert";
import { Page } from "../../components/page";
import { QueryState } from "../../components/query-state";
import { ServiceBadges } from "../../components/service-badges";
import { ServiceResponsivenessSection } from "../../components/service-responsiveness";
import { formatDate } from "../../lib/format";
import { useMunicipalityName } from "../../lib/municipality-names";
import {
  ageText,
  areaText,
  bijstandText,
  contactHref,
  debtText,
  languageName,
  listText,
  readableAddress,
} from "../../lib/services";
import { useSession } from "../../lib/session";
import { isNotFound, isUuid, useService } from "../../lib/use-service";
import { ShareService } from "./share-service";

/** Where "back" goes: the search the visitor came from (handed over in the link's state), else the kaart. */
function kaartLink(state: unknown): { to: string; label: string } {
  if (typeof state === "object" && state !== null && "kaart" in state && typeof state.kaart === "string") {
    return { to: state.kaart ? `/kaart?${state.kaart}` : "/kaart", label: "Terug naar de zoekresultaten" };
  }
  return { to: "/kaart", label: "Naar de sociale kaart" };
}

/** /kaart/diensten/:serviceId: everything about one service, public. */
export function ServiceDetailPage() {
  const { serviceId = "" } = useParams();
  const location = useLocation();
  const back = kaartLink(location.state);
  const backLink = (
    <p className="utrecht-paragraph schakel-back">
      <Link to={back.to} className="utrecht-link utrecht-link--html-a">
        {back.label}
      </Link>
    </p>
  );
  if (!isUuid(serviceId)) return <ServiceNotFound before={backLink} />;
  return <LoadedService serviceId={serviceId} before={backLink} />;
}

function LoadedService({ serviceId, before }: { serviceId: string; before: ReactNode }) {
  const query = useService(serviceId);
  if (query.data) return <ServiceDetail service={query.data} before={before} />;
  return (
    <Page title="Dienst" before={before}>
      <QueryState
        query={query}
        loading="De dienst wordt geladen…"
        errorFor={(problem) => (isNotFound(problem) ? <ServiceNotFound before={before} /> : null)}
      >
        {() => null}
      </QueryState>
    </Page>
  );
}

function ServiceNotFound({ before }: { before: ReactNode }) {
  return (
    <Page title="Dienst niet gevonden" heading="Deze dienst bestaat niet" before={before}>
      <p className="utrecht-paragraph">
        Misschien is het adres niet goed, of staat de dienst niet meer op de sociale kaart. Zoek de hulp opnieuw op de sociale
        kaart.
      </p>
      <p className="utrecht-paragraph">
        <Link to="/kaart" className="utrecht-link utrecht-link--html-a">
          Zoeken op de sociale kaart
        </Link>
      </p>
    </Page>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="schakel-detail-list__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function ServiceDetail({ service, before }: { service: Service; before: ReactNode }) {
  const session = useSession();
  const memberships = session.state.status === "signed-in" ? session.state.me.memberships : [];
  const canEdit = memberships.some((m) => m.organizationId === service.organization.id && m.role === "admin");
  const canRefer = canReferTo(service, session.membership?.role);
  const bijstand = bijstandText(service.requiresBijstand);
  const debt = debtText(service.debtMin, service.debtMax);

  return (
    <Page title={service.name} before={before}>
      <div className="schakel-detail">
        <p className="utrecht-paragraph utrecht-paragraph--lead schakel-detail__organization">
          <span className="schakel-visually-hidden">Organisatie: </span>
          {service.organization.name}
        </p>
        {service.status !== "active" ? (
          <Alert type="warning">
            <p className="utrecht-paragraph">
              <strong>Status: {serviceStatusLabels[service.status].toLowerCase()}.</strong>{" "}
              {service.status === "temporarily_closed"
                ? "Deze dienst is nu gesloten. Kijk later nog eens, of zoek een andere dienst."
                : "Deze dienst helpt nu geen inwoners. Zoek een andere dienst op de sociale kaart."}
            </p>
          </Alert>
        ) : null}
        <ServiceBadges
          lifeDomains={service.lifeDomains}
          acceptsReferrals={service.acceptsReferrals}
          partnerLight={service.partnerLight}
        />
        <p className="utrecht-paragraph schakel-text">{service.description}</p>

        <section className="schakel-section" aria-labelledby="dienst-contact">
          <h2 className="utrecht-heading-2" id="dienst-contact">
            Contact
          </h2>
          {service.contactChannels.length > 0 ? (
            <dl className="schakel-detail-list">
              {service.contactChannels.map((channel, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the list is shown as it is, never reordered
                <Fact key={i} label={contactChannelKindLabels[channel.kind]}>
                  <ContactRoute channel={channel} />
                </Fact>
              ))}
            </dl>
          ) : (
            <p className="utrecht-paragraph">Deze dienst heeft geen contactgegevens op de sociale kaart gezet.</p>
          )}
        </section>

        <section className="schakel-section" aria-labelledby="dienst-voor-wie">
          <h2 className="utrecht-heading-2" id="dienst-voor-wie">
            Voor wie
          </h2>
          <dl className="schakel-detail-list">
            <Fact label="Leeftijd">{ageText(service.ageMin, service.ageMax)}</Fact>
            {service.eligibility ? (
              <Fact label="Wie kan hulp krijgen">
                <span className="schakel-text">{service.eligibility}</span>
              </Fact>
            ) : null}
            {bijstand ? <Fact label="Bijstand">{bijstand}</Fact> : null}
            {debt ? <Fact label="Schulden">{debt}</Fact> : null}
            <Fact label="Waar">
              <Area service={service} />
            </Fact>
          </dl>
        </section>

        <section className="schakel-section" aria-labelledby="dienst-verwijzen">
          <h2 className="utrecht-heading-2" id="dienst-verwijzen">
            Verwijzen via Schakel
          </h2>
          {service.acceptsReferrals ? (
            <p className="utrecht-paragraph">
              Deze dienst neemt verwijzingen via Schakel aan en reageert binnen {service.responseTargetDays}{" "}
              {service.responseTargetDays === 1 ? "werkdag" : "werkdagen"}.
            </p>
          ) : (
            <p className="utrecht-paragraph">
              Deze dienst neemt nog geen verwijzingen via Schakel aan. Neem zelf contact op met de dienst.
            </p>
          )}
          {canRefer ? (
            <p className="utrecht-paragraph schakel-no-print">
              <Link
                to={`/kaart/diensten/${service.id}/verwijzen`}
                className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
              >
                Verwijzen naar deze dienst
              </Link>
            </p>
          ) : null}
          {service.warmHandover ? (
            <dl className="schakel-detail-list">
              <Fact label="Warme overdracht">
                <span className="schakel-text">{service.warmHandover}</span>
              </Fact>
            </dl>
          ) : null}
        </section>

        {service.acceptsReferrals ? <ServiceResponsivenessSection serviceId={service.id} /> : null}

        <section className="schakel-section" aria-labelledby="dienst-praktisch">
          <h2 className="utrecht-heading-2" id="dienst-praktisch">
            Praktisch
          </h2>
          <dl className="schakel-detail-list">
            <Fact label="Talen">{listText(service.languages.map(languageName))}</Fact>
            {service.cost ? <Fact label="Kosten">{service.cost}</Fact> : null}
            {service.openingHours ? (
              <Fact label="Openingstijden">
                <span className="schakel-text">{service.openingHours}</span>
              </Fact>
            ) : null}
          </dl>
        </section>

        <p className="utrecht-paragraph schakel-muted schakel-section">
          Laatst gecontroleerd: {formatDate(service.lastVerifiedAt)}
        </p>
        <ShareService service={service} />
        {canEdit ? (
          <p className="utrecht-paragraph schakel-no-print">
            <Link
              to={`/diensten/${service.id}/bewerken`}
              className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
            >
              Dienst bewerken
            </Link>
          </p>
        ) : null}
      </div>
    </Page>
  );
}

function Area({ service }: { service: Service }) {
  const municipalityName = useMunicipalityName();
  if (service.isNational) return <>Heel Nederland</>;
  const ranges = service.postcodeRanges.map((r) => (r.from === r.to ? `${r.from}` : `${r.from} tot en met ${r.to}`));
  const places = service.municipalityCodes.length > 0 ? areaText(false, service.municipalityCodes, municipalityName) : null;
  return (
    <>
      {places ? (
        <>
          {service.municipalityCodes.length === 1 ? "Gemeente" : "Gemeenten"} {places}
        </>
      ) : null}
      {places && ranges.length > 0 ? <br /> : null}
      {ranges.length > 0 ? <>Postcodes {listText(ranges)}</> : null}
      {!places && ranges.length === 0 ? "Niet bekend" : null}
    </>
  );
}

function ContactRoute({ channel }: { channel: ContactChannel }) {
  const href = contactHref(channel);
  const value = channel.value?.trim();
  let shown: ReactNode = null;
  if (href && value) {
    const text = channel.kind === "website" ? readableAddress(href) : value;
    shown = (
      <a href={href} className="utrecht-link utrecht-link--html-a">
        {channel.kind === "whatsapp" ? `App naar ${text}` : text}
      </a>
    );
  } else if (value) {
    shown = <span className="schakel-text">{value}</span>;
  }
  return (
    <>
      {shown}
      {channel.note ? <span className={shown ? "schakel-block schakel-muted" : undefined}>{channel.note}</span> : null}
      {!shown && !channel.note ? contactChannelKindLabels[channel.kind] : null}
    </>
  );
}
