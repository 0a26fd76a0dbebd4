/**
 * The API's request schemas are core's rules (`@schakel/core`) plus OpenAPI metadata: these
 * helpers add a description and example to core's schemas without touching their rules.
 *
 * Core's schemas are plain zod. `@hono/zod-openapi` adds `.openapi()` to zod's prototype when it
 * loads, and zod copies prototype methods onto a schema when the schema is created — so a core
 * schema created before that (app.ts loads core first) has no `.openapi()`. Every helper here
 * therefore documents a clone: same definition, same checks and refinements, plus the method.
 */
import type { z } from "@hono/zod-openapi";

/** What `.openapi({ … })` takes for a schema: description, example, format, param … */
export type Metadata<S extends z.ZodType> = NonNullable<Parameters<S["openapi"]>[1]>;

/** A core schema with OpenAPI metadata (and, given a name, as a component). */
export function withMetadata<S extends z.ZodType>(schema: S, metadata: Metadata<S>): S;
export function withMetadata<S extends z.ZodType>(schema: S, name: string, metadata?: Metadata<S>): S;
export function withMetadata<S extends z.ZodType>(schema: S, nameOrMetadata: string | Metadata<S>, metadata?: Metadata<S>): S {
  const copy = schema.clone() as S;
  return typeof nameOrMetadata === "string" ? copy.openapi(nameOrMetadata, metadata) : copy.openapi(nameOrMetadata);
}

/** A field's documentation: its metadata, or a function that documents a nested schema. */
export type FieldDoc<S extends z.ZodType> = Metadata<S> | ((field: S) => S);

/** Every field must be documented (STYLE.md §4: every field has a description and an example). */
export type FieldDocs<Shape> = { [K in keyof Shape]: Shape[K] extends z.ZodType ? FieldDoc<Shape[K]> : never };

/** The object schema with each field documented; its rules and refinements stay as they are. */
export function documented<S extends z.ZodObject>(schema: S, docs: FieldDocs<S["shape"]>): S {
  const shape = Object.fromEntries(
    Object.entries(docs as Record<string, FieldDoc<z.ZodType>>).map(([key, doc]) => {
      const field = schema.shape[key] as z.ZodType;
      return [key, typeof doc === "function" ? doc(field) : withMetadata(field, doc)];
    }),
  );
  return schema.safeExtend(shape) as unknown as S;
}

/**
 * The same field with the schema inside it (under default, optional, nullable and array) replaced
 * by `document(inner)`: a nested core object documented or named as a component, or the items of
 * a list described. Only metadata may change: `document` gets core's schema and returns it with
 * metadata ({@link withMetadata} or {@link documented}).
 */
export function documentInner<S extends z.ZodType>(field: S, document: (inner: z.ZodType) => z.ZodType): S {
  const def = field._zod.def as { type: string; innerType?: z.ZodType; element?: z.ZodType };
  if (def.type === "array" && def.element) return field.clone({ ...def, element: documentInner(def.element, document) } as never);
  if (def.innerType) return field.clone({ ...def, innerType: documentInner(def.innerType, document) } as never);
  return document(field) as S;
}
