import { useCallback, useEffect, useRef, useState } from "react";
import { Alert, LiveRegion } from "../../components/alert";
import { Page } from "../../components/page";
import { api, type Member, type Problem, run } from "../../lib/api";
import { useSignedIn } from "../../lib/session";
import { InviteMemberForm } from "./invite-member-form";
import { MemberRow } from "./member-row";

const PAGE_SIZE = 25;

type ListState =
  | { status: "loading" }
  | { status: "error"; problem: Problem }
  | { status: "ready"; members: Member[]; nextCursor: string | null };

export type Notice = { type: "ok" | "error"; text: string };

const byName = (a: Member, b: Member) => a.name.localeCompare(b.name, "nl", { sensitivity: "base" });

/** Adds or replaces members by id, keeping the list sorted by name as the API sorts it. */
function merge(list: Member[], incoming: Member[]): Member[] {
  const byId = new Map(list.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort(byName);
}

export function MemberManagement({ organizationId, organizationName }: { organizationId: string; organizationName: string }) {
  const { me, reload } = useSignedIn();
  const [list, setList] = useState<ListState>({ status: "loading" });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreNotice, setMoreNotice] = useState<Notice | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const endRef = useRef<HTMLParagraphElement>(null);

  const loadFirstPage = useCallback(async () => {
    setList({ status: "loading" });
    const result = await run(
      api.GET("/organizations/{organizationId}/members", { params: { path: { organizationId }, query: { limit: PAGE_SIZE } } }),
    );
    if (result.ok) setList({ status: "ready", members: result.data.data, nextCursor: result.data.meta.nextCursor });
    else setList({ status: "error", problem: result.problem });
  }, [organizationId]);

  useEffect(() => {
    void loadFirstPage();
  }, [loadFirstPage]);

  async function loadMore() {
    if (list.status !== "ready" || !list.nextCursor || loadingMore) return;
    setLoadingMore(true);
    setMoreNotice(null);
    const result = await run(
      api.GET("/organizations/{organizationId}/members", {
        params: { path: { organizationId }, query: { limit: PAGE_SIZE, cursor: list.nextCursor } },
      }),
    );
    setLoadingMore(false);
    if (!result.ok) {
      setMoreNotice({ type: "error", text: result.problem.detail });
      return;
    }
    const { data, meta } = result.data;
    setList((current) =>
      current.status === "ready"
        ? { status: "ready", members: merge(current.members, data), nextCursor: meta.nextCursor }
        : current,
    );
    setMoreNotice({ type: "ok", text: data.length === 1 ? "1 lid erbij geladen." : `${data.length} leden erbij geladen.` });
    // The button is gone on the last page: put focus on the line that replaces it.
    if (!meta.nextCursor) requestAnimationFrame(() => endRef.current?.focus());
  }

  function memberChanged(member: Member, text: string) {
    setList((current) => (current.status === "ready" ? { ...current, members: merge(current.members, [member]) } : current));
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

        {list.status === "loading" ? (
          <p className="utrecht-paragraph" role="status">
            Leden worden geladen…
          </p>
        ) : null}
        {list.status === "error" ? (
          <>
            <Alert type="error">
              <p className="utrecht-paragraph">{list.problem.detail}</p>
            </Alert>
            <p className="utrecht-paragraph">
              <button
                type="button"
                className="utrecht-button utrecht-button--secondary-action"
                onClick={() => void loadFirstPage()}
              >
                Opnieuw proberen
              </button>
            </p>
          </>
        ) : null}
        {list.status === "ready" && list.members.length === 0 ? (
          <p className="utrecht-paragraph">Nog geen leden. Nodig hieronder je eerste collega uit.</p>
        ) : null}
        {list.status === "ready" && list.members.length > 0 ? (
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
                  {list.members.map((member) => (
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
            <LiveRegion>
              {moreNotice?.type === "ok" ? <p className="schakel-visually-hidden">{moreNotice.text}</p> : null}
            </LiveRegion>
            {moreNotice?.type === "error" ? <Alert type="error">{moreNotice.text}</Alert> : null}
            {list.nextCursor ? (
              <p className="utrecht-paragraph">
                <button
                  type="button"
                  className="utrecht-button utrecht-button--secondary-action"
                  aria-disabled={loadingMore || undefined}
                  onClick={() => void loadMore()}
                >
                  {loadingMore ? "Leden worden geladen…" : "Meer laden"}
                </button>
              </p>
            ) : (
              <p className="utrecht-paragraph schakel-muted" ref={endRef} tabIndex={-1}>
                {list.members.length === 1 ? "Dit is het enige lid." : `Alle ${list.members.length} leden staan in de lijst.`}
              </p>
            )}
          </>
        ) : null}
      </section>

      <section aria-labelledby="uitnodigen-titel" className="schakel-section">
        <h2 className="utrecht-heading-2" id="uitnodigen-titel">
          Lid uitnodigen
        </h2>
        <InviteMemberForm
          organizationId={organizationId}
          organizationName={organizationName}
          onInvited={(member) =>
            setList((current) =>
              current.status === "ready" ? { ...current, members: merge(current.members, [member]) } : current,
            )
          }
        />
      </section>
    </Page>
  );
}
