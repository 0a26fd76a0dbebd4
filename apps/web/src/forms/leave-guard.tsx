import { useEffect, useRef } from "react";
import { useBlocker } from "react-router";

/**
 * Asks before leaving a form with input that was not saved: for a link or Back inside the app a
 * dialog (Blijven / Pagina verlaten), for a reload or closing the tab the browser's own question.
 * `dirty` is normally `form.formState.isDirty`; a form that navigates after saving passes
 * `state: { saved: true }` (or `sameForm: true` between its own steps) so it is let through.
 */
export function LeaveGuard({ dirty }: { dirty: boolean }) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty &&
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search) &&
      // a form that moves between its own steps in the address is not being left, and one that
      // navigates after saving leaves nothing unsaved
      !(nextLocation.state as { sameForm?: boolean; saved?: boolean } | null)?.sameForm &&
      !(nextLocation.state as { saved?: boolean } | null)?.saved,
  );
  const dialog = useRef<HTMLDialogElement>(null);
  const stay = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [dirty]);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (blocker.state === "blocked" && !d.open) {
      d.showModal();
      stay.current?.focus();
    } else if (blocker.state !== "blocked" && d.open) {
      d.close();
    }
  }, [blocker.state]);

  return (
    <dialog
      ref={dialog}
      className="schakel-dialog"
      aria-labelledby="verlaten-titel"
      onCancel={(e) => {
        e.preventDefault();
        blocker.reset?.();
      }}
    >
      <h2 id="verlaten-titel" className="utrecht-heading-2">
        Wil je deze pagina verlaten?
      </h2>
      <p className="utrecht-paragraph">Je hebt gegevens ingevuld die nog niet zijn opgeslagen of verstuurd.</p>
      <p className="utrecht-button-group">
        <button
          ref={stay}
          type="button"
          className="utrecht-button utrecht-button--primary-action"
          onClick={() => blocker.reset?.()}
        >
          Blijven
        </button>
        <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => blocker.proceed?.()}>
          Pagina verlaten
        </button>
      </p>
    </dialog>
  );
}
