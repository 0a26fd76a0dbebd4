import type { ReactNode } from "react";

/**
 * A form's primary button that shows it is working. While busy it stays focusable (aria-disabled,
 * not disabled, so focus is not lost) and a second press does nothing.
 */
export function SubmitButton({
  busy,
  busyText,
  children,
  variant = "primary",
}: {
  busy: boolean;
  /** What it says while working: "De verwijzing wordt verstuurd…". */
  busyText: string;
  children: ReactNode;
  variant?: "primary" | "secondary";
}) {
  return (
    <button
      type="submit"
      className={`utrecht-button utrecht-button--${variant}-action`}
      aria-disabled={busy || undefined}
      onClick={(e) => {
        if (busy) e.preventDefault();
      }}
    >
      {busy ? busyText : children}
    </button>
  );
}
