import { z } from "@hono/zod-openapi";
import { UuidSchema as CoreUuidSchema, dateOutOfRangeMessage, isYearInRange } from "@schakel/core";

/** Core's id rule, as a copy that has `.openapi()` for the schemas here to document (see document.ts). */
export const UuidSchema = CoreUuidSchema.clone();

/** A moment in UTC; as input (a filter), between 1900 and 2999 like every date the API takes. */
export const timestamp = (description: string) =>
  z
    .string()
    .datetime({ offset: false })
    .refine(isYearInRange, dateOutOfRangeMessage)
    .openapi({ description, format: "date-time", example: "2026-11-23T10:15:00Z" });

/** Metadata for core's EmailSchema (surrounding spaces are ignored). */
export const emailDoc = { description: "E-mail address", example: "worker@opr-echt.example", format: "email" };

/** Cursor pagination metadata shared by every list. */
export const PageMetaSchema = z
  .object({
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: "Pass as `cursor` for the next page; null on the last page", example: null }),
  })
  .openapi("PageMeta");

export const PageQuerySchema = z.object({
  cursor: z.string().max(2000).optional().openapi({ description: "Cursor from meta.nextCursor of the previous page" }),
  limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ description: "Items per page (1–100)", example: 50 }),
});

/** Opaque cursor: base64url of the last item's sort key. */
export function encodeCursor(values: string[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

export function decodeCursor(cursor: string, parts: number): string[] | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === parts && parsed.every((p) => typeof p === "string")) return parsed;
  } catch {
    // fall through
  }
  return null;
}
