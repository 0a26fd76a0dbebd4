/**
 * Drafts of forms that would be painful to type again (the Verwijzen wizard), kept in this tab's
 * sessionStorage only — never localStorage, never the server, never the address (ADR 0015).
 * A draft belongs to one signed-in user, lasts at most a working day, survives a reload and an
 * expired session in the same tab, and is gone when the tab closes, on sign-out, or once sent.
 */
const PREFIX = "schakel.concept.";
/** A draft older than this is thrown away unread: a working day. */
export const DRAFT_MAX_AGE_MS = 8 * 60 * 60 * 1000;

interface StoredDraft<T> {
  userId: string;
  savedAt: number;
  values: T;
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage can be blocked; drafts then last only as long as the page
  }
}

export function saveDraft<T>(key: string, userId: string, values: T, now = Date.now()): void {
  const stored: StoredDraft<T> = { userId, savedAt: now, values };
  try {
    storage()?.setItem(PREFIX + key, JSON.stringify(stored));
  } catch {
    // full or blocked storage: the draft is not kept, the form itself is untouched
  }
}

/** The draft saved under `key` by this user, if it is younger than a working day. */
export function loadDraft<T>(key: string, userId: string, now = Date.now()): T | null {
  const raw = storage()?.getItem(PREFIX + key);
  if (!raw) return null;
  try {
    const stored = JSON.parse(raw) as StoredDraft<T>;
    if (stored.userId !== userId || now - stored.savedAt > DRAFT_MAX_AGE_MS) {
      discardDraft(key);
      return null;
    }
    return stored.values;
  } catch {
    discardDraft(key);
    return null;
  }
}

export function discardDraft(key: string): void {
  storage()?.removeItem(PREFIX + key);
}

/** On sign-out: every draft in this tab goes, whoever wrote it. */
export function discardAllDrafts(): void {
  const s = storage();
  if (!s) return;
  const keys: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const key = s.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) s.removeItem(key);
}
