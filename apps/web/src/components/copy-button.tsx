import { useMutation } from "@tanstack/react-query";
import type { ReactNode } from "react";

/** Copying `text` to the clipboard, as a mutation: pending, success and failure for the page to say. */
export const useCopy = (text: string) => useMutation({ mutationFn: () => navigator.clipboard.writeText(text) });

/**
 * The button that copies; while a copy runs it stays focusable but does nothing (aria-disabled).
 * What it says afterwards (copied, or "select it yourself") is the page's, next to what was copied.
 */
export function CopyButton({
  copy,
  primary = false,
  children,
}: {
  copy: ReturnType<typeof useCopy>;
  primary?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={`utrecht-button ${primary ? "utrecht-button--primary-action" : "utrecht-button--secondary-action"}`}
      aria-disabled={copy.isPending || undefined}
      onClick={() => {
        if (!copy.isPending) copy.mutate();
      }}
    >
      {children}
    </button>
  );
}
