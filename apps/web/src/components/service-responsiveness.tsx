import { useQuery } from "@tanstack/react-query";
import { serviceQueries } from "../api/services";
import { responsivenessText } from "../lib/responsiveness";
import { QueryState } from "./query-state";

/** The service page's section: how quickly the service answers referrals, each figure with what it means. */
export function ServiceResponsivenessSection({ serviceId }: { serviceId: string }) {
  const query = useQuery(serviceQueries.responsiveness(serviceId));
  return (
    <section className="schakel-section" aria-labelledby="dienst-reactie">
      <h2 className="utrecht-heading-2" id="dienst-reactie">
        Hoe reageert deze dienst?
      </h2>
      <QueryState query={query} loading="De cijfers worden geladen…">
        {(data) => {
          const text = responsivenessText(data);
          if (text.kind === "too-few") return <p className="utrecht-paragraph">{text.text}</p>;
          return (
            <>
              <dl className="schakel-detail-list">
                {text.facts.map((fact) => (
                  <div key={fact.label} className="schakel-detail-list__row">
                    <dt>{fact.label}</dt>
                    <dd>
                      <strong>{fact.value}</strong>
                      <span className="schakel-block">{fact.meaning}</span>
                    </dd>
                  </div>
                ))}
              </dl>
              <p className="utrecht-paragraph schakel-muted">{text.basis}</p>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

/** One line for a list of services: the three figures, or that there are too few referrals yet. */
export function ServiceResponsivenessLine({ serviceId }: { serviceId: string }) {
  const query = useQuery(serviceQueries.responsiveness(serviceId));
  if (query.isPending) return null;
  if (!query.data) {
    return (
      <p className="utrecht-paragraph schakel-muted schakel-service-list__meta">Reactiecijfers konden niet geladen worden.</p>
    );
  }
  const text = responsivenessText(query.data);
  return (
    <p className="utrecht-paragraph schakel-muted schakel-service-list__meta">
      {text.kind === "too-few"
        ? "Reactiecijfers: nog te weinig verwijzingen."
        : `Reactiecijfers: ${text.facts.map((f) => `${f.label.toLowerCase()} ${f.value.toLowerCase()}`).join(" · ")}.`}
    </p>
  );
}
