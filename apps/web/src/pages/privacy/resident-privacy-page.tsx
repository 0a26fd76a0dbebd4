import { CompleteResidentExportSchema } from "@schakel/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { z } from "zod";
import { privacyQueries } from "../../api/privacy";
import { isProblemType } from "../../api/problem";
import { Alert, LiveRegion } from "../../components/alert";
import { FormTextField } from "../../components/form-text-field";
import { Page } from "../../components/page";
import { QueryState } from "../../components/query-state";
import { useZodForm } from "../../forms/use-zod-form";
import { formatDateTime } from "../../lib/format";
import { useSignedIn } from "../../lib/session";
import { shortId } from "./access-actions";
import { AdminOnly, mayUsePrivacyPages } from "./admin-only";
import { EraseResident } from "./erase-resident";
import { type InzageGroup, type InzageRecord, inzageBlob, inzageFileName, inzageGroups, type ResidentExport } from "./inzage";

const TITLE = "Inzage en wissen";

const back = (
  <p className="utrecht-paragraph schakel-back">
    <Link to="/privacy" className="utrecht-link utrecht-link--html-a">
      Terug naar het toegangslogboek
    </Link>
  </p>
);

/** /privacy/inwoners/:residentId: a resident's inzage (on screen and as a file) and erasure, for admins. */
export function ResidentPrivacyPage() {
  const { membership } = useSignedIn();
  const { residentId = "" } = useParams();
  if (!mayUsePrivacyPages(membership)) return <AdminOnly title={TITLE} membership={membership} />;
  if (!z.uuid().safeParse(residentId).success) {
    return (
      <Page title={TITLE} before={back}>
        <Alert type="error">
          <p className="utrecht-paragraph">
            Dit adres verwijst niet naar een inwoner. Open de inwoner opnieuw vanuit het toegangslogboek.
          </p>
        </Alert>
      </Page>
    );
  }
  return (
    <ResidentPrivacy
      key={`${membership.organizationId}/${residentId}`}
      residentId={residentId}
      organizationName={membership.organizationName}
    />
  );
}

function ResidentPrivacy({ residentId, organizationName }: { residentId: string; organizationName: string }) {
  const [reason, setReason] = useState<string | null>(null);
  return (
    <Page title={TITLE} heading={`Inzage en wissen: inwoner ${shortId(residentId)}`} before={back}>
      {reason === null ? (
        <ReasonForm organizationName={organizationName} onReason={setReason} />
      ) : (
        <CompleteInzage residentId={residentId} reason={reason} organizationName={organizationName} />
      )}
    </Page>
  );
}

/**
 * The complete inzage shows everything the organisation holds, also what the resident chose not
 * to let the referrer hear back: an admin makes it for a reason, which goes in the access log.
 */
function ReasonForm({ organizationName, onReason }: { organizationName: string; onReason: (reason: string) => void }) {
  const form = useZodForm(CompleteResidentExportSchema, { defaultValues: { reason: "" } });
  return (
    <section aria-labelledby="reden-titel" className="schakel-section schakel-section--first">
      <h2 className="utrecht-heading-2" id="reden-titel">
        Volledige inzage maken (AVG artikel 15)
      </h2>
      <p className="utrecht-paragraph">
        De volledige inzage laat alles zien wat {organizationName} in Schakel over deze inwoner bewaart: ook de uitkomst en de
        notities van de ontvanger die de inwoner niet aan jullie liet terugkoppelen. Maak haar alleen als de inwoner om inzage
        vraagt, of als je de gegevens wilt wissen. Schrijf waarom; de reden komt met de inzage in het toegangslogboek.
      </p>
      <form noValidate onSubmit={form.handleSubmit((values) => onReason(values.reason))}>
        <FormTextField
          form={form}
          name="reason"
          label="Reden"
          autoComplete="off"
          description="Bijvoorbeeld: inzageverzoek van de inwoner, per brief van 1 december. Zet er geen naam in."
        />
        <p className="utrecht-paragraph">
          <button type="submit" className="utrecht-button utrecht-button--primary-action">
            Volledige inzage maken
          </button>
        </p>
      </form>
    </section>
  );
}

function CompleteInzage({
  residentId,
  reason,
  organizationName,
}: {
  residentId: string;
  reason: string;
  organizationName: string;
}) {
  const inzage = useQuery(privacyQueries.completeExport(residentId, reason));
  return (
    <QueryState
      query={inzage}
      loading="De inzage wordt gemaakt…"
      errorFor={(problem) =>
        problem.status === 404 || isProblemType(problem, "not-found") ? (
          <Alert type="error">
            <p className="utrecht-paragraph">
              Deze inwoner is niet gevonden, of is niet door {organizationName} vastgelegd. Inzage en wissen kan alleen de
              organisatie die de inwoner heeft vastgelegd; vraag het daar na.
            </p>
          </Alert>
        ) : null
      }
    >
      {(data) => <ResidentExportView residentId={residentId} data={data} />}
    </QueryState>
  );
}

function ResidentExportView({ residentId, data }: { residentId: string; data: ResidentExport }) {
  const [downloaded, setDownloaded] = useState<string | null>(null);
  const groups = inzageGroups(data);

  function download() {
    const fileName = inzageFileName(residentId);
    const url = URL.createObjectURL(inzageBlob(data));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
    // Let the browser start the download before the address is given up.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setDownloaded(`Het bestand ${fileName} is gedownload.`);
  }

  return (
    <>
      <p className="utrecht-paragraph">
        Vastgelegd door {data.holder.name}. Deze inzage is gemaakt op {formatDateTime(data.exportedAt)}; dat staat met de reden
        ook in het toegangslogboek.
      </p>

      <section aria-labelledby="inzage-titel" className="schakel-section schakel-section--first">
        <h2 className="utrecht-heading-2" id="inzage-titel">
          Inzage (AVG artikel 15)
        </h2>
        <p className="utrecht-paragraph">{data.explanation}</p>
        <p className="utrecht-paragraph">
          Geef de inwoner het bestand, of laat hieronder op het scherm zien wat er staat. De bestandsnaam bevat alleen het nummer
          van de inwoner, niet de naam.
        </p>
        <p className="utrecht-paragraph">
          <button type="button" className="utrecht-button utrecht-button--primary-action" onClick={download}>
            Inzage downloaden (JSON-bestand)
          </button>
        </p>
        <LiveRegion>{downloaded ? <Alert type="ok">{downloaded}</Alert> : null}</LiveRegion>
      </section>

      <section aria-labelledby="wissen-titel" className="schakel-section">
        <h2 className="utrecht-heading-2" id="wissen-titel">
          Gegevens wissen (AVG artikel 17)
        </h2>
        <EraseResident residentId={residentId} data={data} />
      </section>

      {groups.map((group) => (
        <Group key={group.key} group={group} level={2} />
      ))}

      <section aria-labelledby="log-titel" className="schakel-section">
        <h2 className="utrecht-heading-2" id="log-titel">
          Wie de gegevens bekeek of wijzigde
        </h2>
        <p className="utrecht-paragraph">
          Oudste eerst. Namen van medewerkers staan niet in de inzage; die staan alleen in het toegangslogboek van de organisatie.
        </p>
        {data.accessLog.length === 0 ? (
          <p className="utrecht-paragraph">Niemand.</p>
        ) : (
          <ol className="schakel-timeline">
            {data.accessLog.map((entry, i) => (
              // The export's entries carry no id; their order is fixed (oldest first).
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <li key={i} className="schakel-timeline__item">
                <p className="utrecht-paragraph">
                  <strong>{entry.description}</strong>
                </p>
                <p className="utrecht-paragraph schakel-muted">
                  {formatDateTime(entry.at)} · {entry.organization?.name ?? "Schakel zelf"}
                  {entry.reason ? ` · Reden: ${entry.reason}` : null}
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="niet-titel" className="schakel-section">
        <h2 className="utrecht-heading-2" id="niet-titel">
          Niet in deze inzage
        </h2>
        <ul className="utrecht-unordered-list">
          {data.notIncluded.map((n) => (
            <li key={n.table} className="utrecht-unordered-list__item">
              {n.reason}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

const Heading = ({ level, id, children }: { level: number; id: string; children: string }) => {
  const className = `utrecht-heading-${Math.min(level, 6)}`;
  if (level <= 2)
    return (
      <h2 className={className} id={id}>
        {children}
      </h2>
    );
  if (level === 3)
    return (
      <h3 className={className} id={id}>
        {children}
      </h3>
    );
  if (level === 4)
    return (
      <h4 className={className} id={id}>
        {children}
      </h4>
    );
  if (level === 5)
    return (
      <h5 className={className} id={id}>
        {children}
      </h5>
    );
  return (
    <h6 className="utrecht-heading-6" id={id}>
      {children}
    </h6>
  );
};

function Group({ group, level, prefix = "" }: { group: InzageGroup; level: number; prefix?: string }) {
  const id = `inzage-${prefix}${group.key}`;
  return (
    <section aria-labelledby={id} className={level === 2 ? "schakel-section" : undefined}>
      <Heading level={level} id={id}>
        {group.title}
      </Heading>
      {group.records.length === 0 ? <p className="utrecht-paragraph">Geen.</p> : null}
      {group.records.map((record, i) => (
        <Record
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are shown in the export's fixed order
          key={i}
          record={record}
          level={level + 1}
          prefix={`${prefix}${group.key}-${i}-`}
          single={group.records.length === 1 && level === 2 && group.key === "resident"}
        />
      ))}
    </section>
  );
}

function Record({ record, level, prefix, single }: { record: InzageRecord; level: number; prefix: string; single: boolean }) {
  return (
    <div className={level === 3 ? "schakel-panel" : undefined}>
      {single ? null : (
        <Heading level={level} id={`inzage-${prefix}titel`}>
          {record.title}
        </Heading>
      )}
      <dl className="schakel-detail-list">
        {record.fields.map((field) => (
          <div key={field.key} className="schakel-detail-list__row">
            <dt>{field.label}</dt>
            <dd>{field.value}</dd>
          </div>
        ))}
      </dl>
      {record.groups.map((group) => (
        <Group key={group.key} group={group} level={level + 1} prefix={prefix} />
      ))}
    </div>
  );
}
