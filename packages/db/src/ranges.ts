/** Inclusive [from, to] integer ranges as a PostgreSQL int4multirange literal: [[6811, 6846]] → {[6811,6847)}. */
export function toMultirange(ranges: readonly (readonly [number, number])[]): string {
  return `{${ranges.map(([from, to]) => `[${from},${to + 1})`).join(",")}}`;
}

/** The inverse of toMultirange, for int4multirange text as PostgreSQL returns it. */
export function fromMultirange(text: string): [number, number][] {
  return [...text.matchAll(/\[(\d+),(\d+)\)/g)].map((m) => [Number(m[1]), Number(m[2]) - 1]);
}
