import { useEffect, useRef, useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { discardDraft, loadDraft, saveDraft } from "./drafts";

const SAVE_DELAY_MS = 400;

/**
 * Keeps a react-hook-form form's values as a draft in this tab (see drafts.ts): restores a draft
 * when the form mounts, saves what is typed shortly after each change, and forgets it on
 * `discard()` (after a successful send, or when the user starts over).
 */
export function useDraft<T extends FieldValues>(
  form: Pick<UseFormReturn<T, unknown, unknown>, "watch" | "reset" | "getValues">,
  { key, userId }: { key: string; userId: string },
): { restored: boolean; discard: () => void } {
  const [restored, setRestored] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // biome-ignore lint/correctness/useExhaustiveDependencies: restore once per form key and user
  useEffect(() => {
    const draft = loadDraft<T>(key, userId);
    if (draft) {
      form.reset(draft, { keepDefaultValues: true });
      setRestored(true);
    }
  }, [key, userId]);

  useEffect(() => {
    const subscription = form.watch(() => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => saveDraft(key, userId, form.getValues()), SAVE_DELAY_MS);
    });
    return () => {
      clearTimeout(timer.current);
      subscription.unsubscribe();
    };
  }, [form, key, userId]);

  return {
    restored,
    discard() {
      clearTimeout(timer.current);
      discardDraft(key);
      setRestored(false);
    },
  };
}
