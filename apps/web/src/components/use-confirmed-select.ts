import { type ChangeEvent, type KeyboardEvent, useRef, useState } from "react";

/**
 * A select box that applies a choice only once it is confirmed (WCAG 3.2.2): picking an option
 * with the mouse or touch, pressing Enter, or leaving the box. Arrow keys on a closed select box
 * change its value at every press; those changes wait, so a search or a switch does not run
 * for every option passed on the way.
 */
export function useConfirmedSelect(value: string, onConfirm: (value: string) => void) {
  const [pending, setPending] = useState<string | null>(null);
  const byKeyboard = useRef(false);

  const confirm = (chosen: string) => {
    setPending(null);
    if (chosen !== value) onConfirm(chosen);
  };

  return {
    /** The choice not yet confirmed, if any. */
    pending,
    props: {
      value: pending ?? value,
      onPointerDown: () => {
        byKeyboard.current = false;
      },
      onKeyDown: (event: KeyboardEvent<HTMLSelectElement>) => {
        byKeyboard.current = true;
        if (event.key === "Enter") {
          event.preventDefault();
          confirm(event.currentTarget.value);
        }
      },
      onChange: (event: ChangeEvent<HTMLSelectElement>) => {
        if (byKeyboard.current) setPending(event.target.value);
        else confirm(event.target.value);
      },
      onBlur: () => {
        byKeyboard.current = false;
        if (pending !== null) confirm(pending);
      },
    },
  };
}
