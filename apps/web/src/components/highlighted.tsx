import type { TextSegment } from "../api/types";

/** Text from the search API with the parts that matched the query in <mark>; plain text, never HTML. */
export function Highlighted({ segments }: { segments: readonly TextSegment[] }) {
  return (
    <>
      {segments.map((segment, i) =>
        segment.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the segments of one text never reorder
          <mark key={i} className="utrecht-mark schakel-mark">
            {segment.text}
          </mark>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}

export function hasMatch(segments: readonly TextSegment[]): boolean {
  return segments.some((s) => s.match);
}
