import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useLocation } from "react-router";
import { api, run } from "../lib/api";
import { formatDateTime } from "../lib/format";
import type { Notification } from "../lib/referrals";

const POLL_MS = 30_000;

/**
 * The bell in the header: how many notifications are unread (polled every 30 seconds and on
 * every navigation), and a panel that lists them. A higher count is announced politely.
 */
export function Notifications() {
  const { pathname, search } = useLocation();
  const [unread, setUnread] = useState<number | null>(null);
  const [items, setItems] = useState<Notification[] | null>(null);
  const [open, setOpen] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [error, setError] = useState<string | null>(null);
  const last = useRef<number | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const refresh = useCallback(async (withList: boolean) => {
    const r = await run(api.GET("/notifications", { params: { query: { limit: withList ? 20 : 1 } } }));
    if (!r.ok) {
      if (withList) setError(r.problem.detail);
      return;
    }
    setError(null);
    const count = r.data.meta.unreadCount;
    if (last.current !== null && count > last.current) {
      setAnnouncement(count === 1 ? "Je hebt 1 nieuwe melding." : `Je hebt ${count} nieuwe meldingen.`);
    }
    last.current = count;
    setUnread(count);
    if (withList) setItems(r.data.data);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the address is the trigger to look again
  useEffect(() => {
    void refresh(open);
  }, [pathname, search, refresh]);

  useEffect(() => {
    const timer = setInterval(() => void refresh(open), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh, open]);

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

  // A link in the panel goes to another page: close the panel.
  // biome-ignore lint/correctness/useExhaustiveDependencies: closes on navigation
  useEffect(() => {
    setOpen(false);
  }, [pathname]);

  async function markRead(id: string) {
    const r = await run(api.POST("/notifications/{notificationId}/read", { params: { path: { notificationId: id } } }));
    if (r.ok) await refresh(true);
    else setError(r.problem.detail);
  }

  async function markAll() {
    const r = await run(api.POST("/notifications/read-all"));
    if (r.ok) await refresh(true);
    else setError(r.problem.detail);
  }

  return (
    <div className="schakel-notifications">
      <button
        ref={buttonRef}
        type="button"
        className="utrecht-button utrecht-button--secondary-action schakel-notifications__button"
        aria-expanded={open}
        aria-controls="meldingen-paneel"
        onClick={() => {
          const next = !open;
          setOpen(next);
          if (next) void refresh(true);
        }}
      >
        Meldingen
        {unread ? (
          <span className="schakel-notifications__count">
            {unread}
            <span className="schakel-visually-hidden"> ongelezen</span>
          </span>
        ) : null}
      </button>
      <div className="schakel-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
      {open ? (
        <section id="meldingen-paneel" className="schakel-notifications__panel" aria-labelledby="meldingen-titel">
          <div className="schakel-notifications__head">
            <h2 className="utrecht-heading-3" id="meldingen-titel">
              Meldingen
            </h2>
            {unread ? (
              <button
                type="button"
                className="utrecht-button utrecht-button--subtle schakel-link-button"
                onClick={() => void markAll()}
              >
                Alles gelezen
              </button>
            ) : null}
          </div>
          {error ? (
            <p className="utrecht-paragraph" role="alert">
              {error}
            </p>
          ) : null}
          {items === null ? (
            <p className="utrecht-paragraph">De meldingen worden geladen…</p>
          ) : items.length === 0 ? (
            <p className="utrecht-paragraph">Je hebt geen meldingen.</p>
          ) : (
            <ul className="schakel-notifications__list">
              {items.map((n) => (
                <li key={n.id} className={`schakel-notifications__item${n.readAt ? "" : " schakel-notifications__item--unread"}`}>
                  <p className="utrecht-paragraph">
                    {n.readAt ? null : <span className="schakel-visually-hidden">Nieuw: </span>}
                    {n.referralId ? (
                      <Link
                        to={`/verwijzingen/${n.referralId}`}
                        className="utrecht-link utrecht-link--html-a"
                        onClick={() => {
                          if (!n.readAt) void markRead(n.id);
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
                          onClick={() => void markRead(n.id)}
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
        </section>
      ) : null}
    </div>
  );
}
