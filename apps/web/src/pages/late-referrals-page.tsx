import { referralViewStatusLabels, roleLabels } from "@schakel/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { lateReferralQueries } from "../api/late-referrals";
import { AnnouncedLoadMore } from "../components/load-more";
import { NotAllowed } from "../components/not-allowed";
import { Page } from "../components/page";
import { QueryState } from "../components/query-state";
import { formatDate } from "../lib/format";
import { useSignedIn } from "../lib/session";

const TITLE = "Te laat";

const days = (n: number) => (n === 1 ? "1 werkdag" : `${n} werkdagen`);

/** /te-laat: the network coordinator's list of referrals whose receiver did not respond in time. */
export function LateReferralsPage() {
  const { me, membership } = useSignedIn();
  if (!me.memberships.some((m) => m.role === "coordinator")) {
    return (
      <NotAllowed title={TITLE}>
        Alleen een netwerkcoördinator ziet welke verwijzingen te laat zijn.
        {membership ? ` Je bent ${roleLabels[membership.role].toLowerCase()} bij ${membership.organizationName}.` : ""} Je eigen
        verwijzingen die te laat zijn, zie je bij Verwijzingen.
      </NotAllowed>
    );
  }
  return (
    <Page title={TITLE} heading="Verwijzingen die te laat zijn">
      <p className="utrecht-paragraph">
        Hier staan de verwijzingen in het hele netwerk waarop de ontvangende organisatie niet op tijd heeft gereageerd. De
        ontvanger kreeg eerst een herinnering; daarna is de verwijzer ingelicht. Wat het langst te laat is, staat bovenaan.
      </p>
      <p className="utrecht-paragraph">
        Je ziet geen gegevens van inwoners: alleen het kenmerk, de dienst, de organisaties en hoe lang het al duurt. Zodra de
        ontvanger de verwijzing oppakt, verdwijnt hij van deze lijst.
      </p>
      <LateList />
    </Page>
  );
}

function LateList() {
  const list = useInfiniteQuery(lateReferralQueries.list());
  return (
    <QueryState
      query={list}
      loading="De verwijzingen die te laat zijn worden geladen…"
      isEmpty={(data) => data.pages.every((p) => p.data.length === 0)}
      empty={<p className="utrecht-paragraph schakel-empty">Er zijn geen verwijzingen te laat. Alles is op tijd opgepakt.</p>}
    >
      {(data) => {
        const items = data.pages.flatMap((p) => p.data);
        return (
          <>
            <ul className="schakel-results" aria-label="Verwijzingen die te laat zijn">
              {items.map((item) => (
                <li key={item.id} className="schakel-result">
                  <h2 className="utrecht-heading-3 schakel-result__title">
                    {item.reference} · {item.service.name}
                  </h2>
                  <dl className="schakel-facts">
                    <div>
                      <dt>Ontvanger</dt>
                      <dd>{item.receiver.name}</dd>
                    </div>
                    <div>
                      <dt>Verwijzer</dt>
                      <dd>{item.sender.name}</dd>
                    </div>
                    <div>
                      <dt>Status</dt>
                      <dd>
                        {referralViewStatusLabels[item.status]}
                        {item.urgency === "urgent" ? " (spoed)" : ""}
                      </dd>
                    </div>
                    <div>
                      <dt>Te laat sinds</dt>
                      <dd>
                        {formatDate(item.lateSince)} ({days(item.workingDaysLate)})
                      </dd>
                    </div>
                  </dl>
                </li>
              ))}
            </ul>
            <AnnouncedLoadMore
              query={list}
              loaded={items.length}
              noun={["verwijzing", "verwijzingen"]}
              end={<p className="utrecht-paragraph schakel-muted">Dit zijn alle verwijzingen die te laat zijn.</p>}
            />
          </>
        );
      }}
    </QueryState>
  );
}
