import type { ReactNode, Ref } from "react";

type AlertType = "info" | "ok" | "warning" | "error";

/**
 * A message box. Errors are role="alert", so screen readers announce them at once; messages that
 * appear after a successful action go in a LiveRegion instead.
 */
export function Alert({ type, children, ref }: { type: AlertType; children: ReactNode; ref?: Ref<HTMLDivElement> }) {
  return (
    <div ref={ref} className={`utrecht-alert utrecht-alert--${type} schakel-alert`} role={type === "error" ? "alert" : undefined}>
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message">{children}</div>
      </div>
    </div>
  );
}

/**
 * Announces messages politely. The region stays in the page and only its content changes,
 * which is what screen readers pick up.
 */
export function LiveRegion({ children }: { children?: ReactNode }) {
  return <div role="status">{children}</div>;
}
