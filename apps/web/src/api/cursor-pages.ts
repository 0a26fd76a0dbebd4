import type { InfiniteData } from "@tanstack/react-query";

/** A collection page as the API sends it: `{ data, meta: { nextCursor } }`. */
export interface CursorPage<T> {
  data: T[];
  meta: { nextCursor: string | null };
}

/**
 * The paging options of an infinite query over a cursor collection: the first page has no
 * cursor, the next one takes `meta.nextCursor`, and a null cursor means there is no next page.
 */
export const cursorPaging = {
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last: CursorPage<unknown>): string | undefined => last.meta.nextCursor ?? undefined,
};

/**
 * Every item of the pages loaded so far, in order, each once: a page fetched after a change can
 * repeat an item the page before already held.
 */
export function pageItems<T extends { id: string }>(data: InfiniteData<CursorPage<T>, unknown> | undefined): T[] {
  if (!data) return [];
  const seen = new Set<string>();
  const items: T[] = [];
  for (const page of data.pages) {
    for (const item of page.data) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      items.push(item);
    }
  }
  return items;
}
