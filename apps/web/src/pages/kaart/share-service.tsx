import type { Service } from "../../api/types";
import { LiveRegion } from "../../components/alert";
import { CopyButton, useCopy } from "../../components/copy-button";

/** The public address of a service on the sociale kaart. */
export function serviceUrl(serviceId: string, origin = window.location.origin): string {
  return `${origin}/kaart/diensten/${serviceId}`;
}

/**
 * An e-mail to the resident about the service: no address filled in and nothing about the
 * resident in it, only the service, its organisation and its link.
 */
export function serviceMailto(service: Pick<Service, "id" | "name" | "organization">, origin?: string): string {
  const subject = `Hulp bij geldzorgen: ${service.name}`;
  const body = [
    "Hallo,",
    "",
    `Hier vind je meer over ${service.name} van ${service.organization.name}, met de manieren om contact op te nemen:`,
    serviceUrl(service.id, origin),
    "",
    "Met vriendelijke groet,",
  ].join("\n");
  return `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

/** Share the service with the resident (copy its link, or an e-mail without personal data), or print it. */
export function ShareService({ service }: { service: Service }) {
  const url = serviceUrl(service.id);
  const copy = useCopy(url);

  return (
    <>
      <p className="utrecht-paragraph schakel-print-only">Deze pagina op de sociale kaart: {url}</p>
      <section className="schakel-section schakel-share" aria-labelledby="dienst-delen">
        <h2 className="utrecht-heading-2" id="dienst-delen">
          Delen met de inwoner
        </h2>
        <p className="utrecht-paragraph">
          Stuur de inwoner de link naar deze pagina, of druk hem af. Er staat niets over de inwoner in.
        </p>
        <div className="utrecht-button-group">
          <CopyButton copy={copy}>Link kopiëren</CopyButton>
          <a
            href={serviceMailto(service)}
            className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
          >
            Mailen
          </a>
          <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => window.print()}>
            Afdrukken
          </button>
        </div>
        <LiveRegion>
          {copy.isSuccess ? (
            <p className="utrecht-paragraph">De link is gekopieerd. Plak hem in een bericht aan de inwoner.</p>
          ) : null}
        </LiveRegion>
        {copy.isError ? (
          <div className="utrecht-form-field">
            <p className="utrecht-paragraph" id="dienst-link-uitleg">
              Kopiëren lukte niet. Selecteer de link en kopieer hem zelf:
            </p>
            <label className="schakel-visually-hidden" htmlFor="dienst-link">
              Link naar deze dienst
            </label>
            <input
              id="dienst-link"
              className="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--readonly"
              readOnly
              value={url}
              aria-describedby="dienst-link-uitleg"
              onFocus={(e) => e.currentTarget.select()}
            />
          </div>
        ) : null}
      </section>
    </>
  );
}
