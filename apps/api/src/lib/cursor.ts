import { isYearInRange } from "@schakel/core";
import { z } from "zod";
import { badRequest } from "./problem";

/**
 * Keyset cursors: every list's `meta.nextCursor` and `cursor` parameter. A cursor is base64url
 * of a JSON array holding the last item's sort key. Clients may send anything back, so decoding
 * checks every part with zod; a cursor that is not one of ours is a 400 naming `query.cursor`.
 */

/** An instant as the database gave it to us (a Date, milliseconds), carried as RFC 3339 in UTC. */
const instant = z.codec(z.iso.datetime().refine(isYearInRange), z.date(), {
  decode: (text) => new Date(text),
  encode: (date) => date.toISOString(),
});

/** The parts a cursor can be made of. */
export const cursorPart = {
  instant,
  /** A timestamp exactly as PostgreSQL wrote it (microseconds and offset kept, so no row is skipped). */
  timestamptz: z.iso.datetime({ offset: true }).refine(isYearInRange),
  /** Any 8-4-4-4-12 hex id, as a PostgreSQL uuid column takes it. */
  uuid: z.guid(),
  /** A bigserial id. */
  serial: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** 0 or 1: a sort rank such as "overdue" or "name matches". */
  flag: z.union([z.literal(0), z.literal(1)]),
  /** A finite number, such as a text-search rank. */
  score: z.number().finite(),
  /** A sort key text, such as a name. */
  text: z.string().max(1000),
};

type Parts = readonly [z.ZodType, ...z.ZodType[]];

export const invalidCursor = (param = "query.cursor") =>
  badRequest("De cursor is ongeldig; begin opnieuw zonder cursor.", [
    { name: param, code: "invalid_cursor", reason: "Deze cursor is niet (meer) geldig." },
  ]);

const Base64Url = z.base64url();

/** A cursor made of these parts, in this order: `encode(values)` and `decode(cursor)` (null when none was sent). */
export function defineCursor<const T extends Parts>(...parts: T) {
  const schema = z.tuple(parts as unknown as [z.ZodType, ...z.ZodType[]]) as unknown as z.ZodTuple<
    [...{ -readonly [K in keyof T]: T[K] }]
  >;
  type Values = z.output<typeof schema>;
  return {
    encode(values: Values): string {
      return Buffer.from(JSON.stringify(z.encode(schema, values))).toString("base64url");
    },
    decode(cursor: string | undefined, param = "query.cursor"): Values | null {
      if (cursor === undefined) return null;
      if (!Base64Url.safeParse(cursor).success) throw invalidCursor(param);
      let json: unknown;
      try {
        json = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
      } catch {
        throw invalidCursor(param);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw invalidCursor(param);
      return parsed.data;
    },
  };
}

/** Cursors of lists sorted by (time, serial id) and (time, uuid), the most common keys. */
export const instantSerialCursor = defineCursor(cursorPart.instant, cursorPart.serial);
export const instantUuidCursor = defineCursor(cursorPart.instant, cursorPart.uuid);
export const textUuidCursor = defineCursor(cursorPart.text, cursorPart.uuid);
/** The inbox/outbox: the instant of the first page, overdue and urgent ranks, last move, id. */
export const referralListCursor = defineCursor(
  cursorPart.instant,
  cursorPart.flag,
  cursorPart.flag,
  cursorPart.instant,
  cursorPart.uuid,
);
/** The sociale-kaart search: name match, text rank, last verified (as PostgreSQL wrote it), id. */
export const serviceSearchCursor = defineCursor(cursorPart.flag, cursorPart.score, cursorPart.timestamptz, cursorPart.uuid);
