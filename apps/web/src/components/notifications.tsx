import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, useLocation } from "react-router";
import {
  notificationQueries,
  useInvalidateNotifications,
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
} from "../api/notifications";
import { toProblem } from "../api/problem";
import { formatDateTime } from "../lib/format";
import { referenceText } from "../lib/referrals";
import { Alert } from "./alert";
import { QueryState } from "./query-state";

const POLL_MS = 30_000;

function announcementFor(count: number): string {
  return count === 1 ? "Je hebt 1 nieuwe melding." : `Je hebt ${count} nieuwe meldingen.`;
}

/**
 * The bell in the header: how many notifications are unread (polled every 30 seconds, when the
 * window gets focus and on every navigation), and a panel that lists them. A higher count is
 * announced politely.
 */
export function Notifications({ pollMs = POLL_MS }: { pollMs?: number }) {
  const { pathname, search } = useLocation();
  const unread = useQuery({ ...notificationQueries.unreadCount(), refetchInterval: pollMs, refetchOnWindowFocus: "always" });
  const invalidate = useInvalidateNotifications();
  const [open, setOpen] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  // The count the announcement compares with: set while rendering, so a higher one is said once.
  const [seen, setSeen] = useState<number | undefined>(undefined);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const count = unread.data;
  if (count !== undefined && count !== seen) {
    if (seen !== undefined && count > seen) setAnnouncement(announcementFor(count));
    setSeen(count);
  }

  // A new address is a moment to look again (not the first one: the query has just loaded).
  const address = `${pathname}${search}`;
  const lastAddress = useRef(address);
  useEffect(() => {
    if (address === lastAddress.current) return;
    lastAddress.current = address;
    void invalidate();
  }, [address, invalidate]);
  // A link in the panel goes to another page: close the panel.
  // biome-ignore lint/correctness/useExhaustiveDependencies: closes on navigation
  useEffect(() => {
    setOpen(false);
  }, [pathname]);

  useEffect(() => {
    if (!open) return;
    function onKey(e: KeyboardEvent) {
      if (e.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <div className="schakel-notifications">
      <button
        ref={buttonRef}
        type="button"
        className="utrecht-button utrecht-button--secondary-action schakel-notifications__button"
        aria-expanded={open}
        aria-controls="meldingen-paneel"
        onClick={() => setOpen(!open)}
      >
        Meldingen
        {count ? (
          <span className="schakel-notifications__count">
            {count}
            <span className="schakel-visually-hidden"> ongelezen</span>
          </span>
        ) : null}
      </button>
      <div className="schakel-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
      {open ? <NotificationPanel unread={count ?? 0} /> : null}
    </div>
  );
}

/** The panel: the newest notifications (loaded each time it opens), mark one or all as read. */
function NotificationPanel({ unread }: { unread: number }) {
  const list = useQuery({ ...notificationQueries.list(), refetchOnMount: "always" });
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const failed = markRead.error ?? markAll.error;

  const read = (notificationId: string) => {
    markAll.reset();
    markRead.mutate({ params: { path: { notificationId } } });
  };

  return (
    <section id="meldingen-paneel" className="schakel-notifications__panel" aria-labelledby="meldingen-titel">
      <div className="schakel-notifications__head">
        <h2 className="utrecht-heading-3" id="meldingen-titel">
          Meldingen
        </h2>
        {unread ? (
          <button
            type="button"
            className="utrecht-button utrecht-button--subtle schakel-link-button"
            aria-disabled={markAll.isPending || undefined}
            onClick={() => {
              if (markAll.isPending) return;
              markRead.reset();
              markAll.mutate({});
            }}
          >
            {markAll.isPending ? "Bezig…" : "Alles gelezen"}
          </button>
        ) : null}
      </div>
      {failed ? <Alert type="error">{toProblem(failed).detail}</Alert> : null}
      <QueryState
        query={list}
        loading="De meldingen worden geladen…"
        isEmpty={(page) => page.data.length === 0}
        empty={<p className="utrecht-paragraph">Je hebt geen meldingen.</p>}
      >
        {(page) => (
          <ul className="schakel-notifications__list">
            {page.data.map((n) => (
              <li key={n.id} className={`schakel-notifications__item${n.readAt ? "" : " schakel-notifications__item--unread"}`}>
                <p className="utrecht-paragraph">
                  {n.readAt ? null : <span className="schakel-visually-hidden">Nieuw: </span>}
                  {n.referral ? (
                    <span className="schakel-block schakel-notifications__about">
                      {referenceText(n.referral.reference)} · {n.referral.serviceName}
                    </span>
                  ) : null}
                  {n.referralId ? (
                    <Link
                      to={`/verwijzingen/${n.referralId}`}
                      className="utrecht-link utrecht-link--html-a"
                      onClick={() => {
                        if (!n.readAt) read(n.id);
                      }}
                    >
                      {n.text}
                    </Link>
                  ) : (
                    n.text
                  )}
                </p>
                <p className="utrecht-paragraph schakel-muted">
                  {formatDateTime(n.createdAt)}
                  {n.readAt ? null : (
                    <>
                      {" · "}
                      <button
                        type="button"
                        className="utrecht-button utrecht-button--subtle schakel-link-button"
                        aria-disabled={
                          (markRead.isPending && markRead.variables?.params.path.notificationId === n.id) || undefined
                        }
                        onClick={() => read(n.id)}
                      >
                        Markeer als gelezen
                      </button>
                    </>
                  )}
                </p>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
