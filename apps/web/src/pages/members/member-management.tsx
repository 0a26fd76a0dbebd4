import { useInfiniteQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { pageItems } from "../../api/cursor-pages";
import { memberQueries } from "../../api/members";
import { toProblem } from "../../api/problem";
import type { Member } from "../../api/types";
import { Alert, LiveRegion } from "../../components/alert";
import { Page } from "../../components/page";
import { QueryState } from "../../components/query-state";
import { useSignedIn } from "../../lib/session";
import { InviteMemberForm } from "./invite-member-form";
import { MemberRow } from "./member-row";

export type Notice = { type: "ok" | "error"; text: string };

export function MemberManagement({ organizationId, organizationName }: { organizationId: string; organizationName: string }) {
  const { me, reload } = useSignedIn();
  const list = useInfiniteQuery(memberQueries.list(organizationId));
  const [moreLoaded, setMoreLoaded] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const endRef = useRef<HTMLParagraphElement>(null);

  async function loadMore() {
    if (!list.hasNextPage || list.isFetching) return;
    setMoreLoaded(null);
    const before = pageItems(list.data).length;
    const next = await list.fetchNextPage();
    if (next.isFetchNextPageError) return;
    const added = pageItems(next.data).length - before;
    setMoreLoaded(added === 1 ? "1 lid erbij geladen." : `${added} leden erbij geladen.`);
    // The button is gone on the last page: put focus on the line that replaces it.
    if (!next.hasNextPage) requestAnimationFrame(() => endRef.current?.focus());
  }

  function memberChanged(member: Member, text: string) {
    setNotice({ type: "ok", text });
    // Your own role or status changed: what you may see changes with it.
    if (member.userId === me.user.id) void reload();
  }

  return (
    <Page title="Leden" heading={`Leden van ${organizationName}`}>
      <p className="utrecht-paragraph">
        Hier zie je wie er bij {organizationName} met Schakel werkt. Je kunt collega's uitnodigen, hun rol veranderen en leden
        deactiveren.
      </p>

      <section aria-labelledby="leden-titel" className="schakel-section">
        <h2 className="utrecht-heading-2" id="leden-titel">
          Leden
        </h2>
        <LiveRegion>{notice?.type === "ok" ? <Alert type="ok">{notice.text}</Alert> : null}</LiveRegion>
        {notice?.type === "error" ? <Alert type="error">{notice.text}</Alert> : null}

        <QueryState
          query={list}
          loading="Leden worden geladen…"
          isEmpty={(data) => data.pages[0]?.data.length === 0}
          empty={<p className="utrecht-paragraph">Nog geen leden. Nodig hieronder je eerste collega uit.</p>}
        >
          {(data) => {
            const members = pageItems(data);
            return (
              <>
                <div className="schakel-table-scroll">
                  <table className="utrecht-table utrecht-table--html-table schakel-members" aria-labelledby="leden-titel">
                    <thead className="utrecht-table__header">
                      <tr className="utrecht-table__row">
                        <th scope="col" className="utrecht-table__header-cell">
                          Naam
                        </th>
                        <th scope="col" className="utrecht-table__header-cell">
                          E-mail
                        </th>
                        <th scope="col" className="utrecht-table__header-cell">
                          Rol
                        </th>
                        <th scope="col" className="utrecht-table__header-cell">
                          Status
                        </th>
                        <th scope="col" className="utrecht-table__header-cell">
                          Acties
                        </th>
                      </tr>
                    </thead>
                    <tbody className="utrecht-table__body">
                      {members.map((member) => (
                        <MemberRow
                          key={member.id}
                          member={member}
                          organizationId={organizationId}
                          isSelf={member.userId === me.user.id}
                          onChanged={memberChanged}
                          onError={(text) => setNotice({ type: "error", text })}
                        />
                      ))}
                    </tbody>
                  </table>
                </div>
                <LiveRegion>{moreLoaded ? <p className="schakel-visually-hidden">{moreLoaded}</p> : null}</LiveRegion>
                {list.isFetchNextPageError ? <Alert type="error">{toProblem(list.error).detail}</Alert> : null}
                {list.hasNextPage ? (
                  <p className="utrecht-paragraph">
                    <button
                      type="button"
                      className="utrecht-button utrecht-button--secondary-action"
                      aria-disabled={list.isFetchingNextPage || undefined}
                      onClick={() => void loadMore()}
                    >
                      {list.isFetchingNextPage ? "Leden worden geladen…" : "Meer laden"}
                    </button>
                  </p>
                ) : (
                  <p className="utrecht-paragraph schakel-muted" ref={endRef} tabIndex={-1}>
                    {members.length === 1 ? "Dit is het enige lid." : `Alle ${members.length} leden staan in de lijst.`}
                  </p>
                )}
              </>
            );
          }}
        </QueryState>
      </section>

      <section aria-labelledby="uitnodigen-titel" className="schakel-section">
        <h2 className="utrecht-heading-2" id="uitnodigen-titel">
          Lid uitnodigen
        </h2>
        <InviteMemberForm organizationId={organizationId} organizationName={organizationName} />
      </section>
    </Page>
  );
}
