import { useEffect, useRef, useState } from "react";
import { useEraseResident } from "../../api/privacy";
import { toProblem } from "../../api/problem";
import { Alert, LiveRegion } from "../../components/alert";
import { formatDateTime } from "../../lib/format";
import { clearedText, isErased, openReferrals, type ResidentExport } from "./inzage";

/**
 * Erasure (AVG art. 17) with a confirmation step that says what goes and what stays (see
 * docs/privacy.md, "Wissen"). After the answer, focus moves to the result.
 */
export function EraseResident({ residentId, data }: { residentId: string; data: ResidentExport }) {
  const erase = useEraseResident();
  const [confirming, setConfirming] = useState(false);
  const openButton = useRef<HTMLButtonElement>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const result = useRef<HTMLDivElement>(null);
  const open = openReferrals(data);

  useEffect(() => {
    if (confirming) confirmHeading.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (erase.isSuccess || erase.isError) result.current?.focus();
  }, [erase.isSuccess, erase.isError]);

  if (erase.data) {
    return (
      <LiveRegion>
        <Alert type="ok">
          <div ref={result} tabIndex={-1}>
            <p className="utrecht-paragraph">
              <strong>De persoonsgegevens van deze inwoner zijn gewist</strong> op {formatDateTime(erase.data.anonymizedAt)}.
            </p>
            <p className="utrecht-paragraph">Leeggemaakt: {clearedText(erase.data.cleared)}.</p>
            <p className="utrecht-paragraph">
              De statussen, datums en uitkomsten blijven zonder naam bewaard voor de cijfers. Het wissen staat in het
              toegangslogboek.
            </p>
          </div>
        </Alert>
      </LiveRegion>
    );
  }

  if (isErased(data)) {
    return (
      <Alert type="info">
        <p className="utrecht-paragraph">
          De persoonsgegevens van deze inwoner zijn al gewist
          {typeof data.resident.anonymizedAt === "string" ? ` op ${formatDateTime(data.resident.anonymizedAt)}` : ""}. Er is niets
          meer te wissen.
        </p>
      </Alert>
    );
  }

  return (
    <>
      <p className="utrecht-paragraph">
        Wissen maakt de persoonsgegevens van deze inwoner leeg in heel Schakel, ook bij de organisaties waar de inwoner naartoe is
        verwezen. Dat kan niet ongedaan worden gemaakt. Maak daarom eerst een inzage als de inwoner daarom vroeg.
      </p>
      {open > 0 ? (
        <Alert type="warning">
          <p className="utrecht-paragraph">
            {open === 1 ? "Er loopt nog 1 verwijzing" : `Er lopen nog ${open} verwijzingen`} van deze inwoner. Wissen kan pas als
            alle verwijzingen zijn afgesloten of ingetrokken.
          </p>
        </Alert>
      ) : null}
      {erase.isError ? (
        <div ref={result} tabIndex={-1}>
          <Alert type="error">
            <p className="utrecht-paragraph">Wissen is niet gelukt. {toProblem(erase.error).detail}</p>
          </Alert>
        </div>
      ) : null}
      {confirming ? (
        <section className="schakel-panel" aria-labelledby="wissen-bevestigen">
          <h3 className="utrecht-heading-3" id="wissen-bevestigen" ref={confirmHeading} tabIndex={-1}>
            Weet je zeker dat je de gegevens van deze inwoner wilt wissen?
          </h3>
          <p className="utrecht-paragraph">
            <strong>Dit wordt gewist:</strong>
          </p>
          <ul className="utrecht-unordered-list">
            <li className="utrecht-unordered-list__item">
              de naam (die wordt ‘Geanonimiseerd’), geboortedatum en -jaar, adres, postcode, telefoon, e-mail, hoe de inwoner
              bereikt wil worden en de taal;
            </li>
            <li className="utrecht-unordered-list__item">het doel en de reden van intrekken bij de toestemmingen;</li>
            <li className="utrecht-unordered-list__item">
              de hulpvraag, de toelichtingen, de reden van afwijzen en de toelichting bij de uitkomst van elke verwijzing;
            </li>
            <li className="utrecht-unordered-list__item">
              de tekst van berichten, de notities bij contactpogingen, en de plaats en videolink van het driegesprek.
            </li>
          </ul>
          <p className="utrecht-paragraph">
            <strong>Dit blijft:</strong>
          </p>
          <ul className="utrecht-unordered-list">
            <li className="utrecht-unordered-list__item">
              statussen, datums, soorten gegevens en uitkomsten, zonder naam, voor de cijfers;
            </li>
            <li className="utrecht-unordered-list__item">
              het toegangslogboek: wie wanneer keek. Daar staat geen naam of tekst over de inwoner in. Het wissen zelf komt er ook
              in.
            </li>
          </ul>
          <p className="utrecht-paragraph">
            Toestemmingen die nog gelden, worden ingetrokken. Niet te wissen vanuit Schakel: back-ups van de database, e-mails die
            al verstuurd zijn (die noemen de inwoner niet) en kopieën die iemand buiten Schakel maakte.
          </p>
          <p className="utrecht-paragraph schakel-inline-form">
            <button
              type="button"
              className="utrecht-button utrecht-button--primary-action"
              aria-disabled={erase.isPending || undefined}
              onClick={() => {
                if (erase.isPending) return;
                erase.reset();
                erase.mutate({ params: { path: { residentId } } });
              }}
            >
              {erase.isPending ? "Bezig met wissen…" : "Ja, gegevens wissen"}
            </button>
            <button
              type="button"
              className="utrecht-button utrecht-button--secondary-action"
              onClick={() => {
                setConfirming(false);
                erase.reset();
                requestAnimationFrame(() => openButton.current?.focus());
              }}
            >
              Annuleren
            </button>
          </p>
        </section>
      ) : (
        <p className="utrecht-paragraph">
          <button
            ref={openButton}
            type="button"
            className="utrecht-button utrecht-button--secondary-action"
            onClick={() => setConfirming(true)}
          >
            Gegevens wissen…
          </button>
        </p>
      )}
    </>
  );
}
