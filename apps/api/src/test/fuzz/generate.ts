/**
 * A small, seeded request generator over the app's own OpenAPI 3.1 document, for the API fuzz
 * (routes/api-fuzz.test.ts). Written here rather than taken from a library: the document uses a
 * handful of JSON Schema keywords (type, enum, format, min/max, items, properties, $ref, anyOf,
 * allOf), and what matters is the hostile values, which no sampler knows about.
 */

/** A deterministic PRNG (mulberry32): the same seed gives the same requests. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
export type Rng = ReturnType<typeof prng>;

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  example?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

export type Parameter = { name: string; in: "path" | "query" | "header" | "cookie"; required?: boolean; schema: JsonSchema };
export type Operation = {
  method: string;
  path: string;
  operationId: string;
  parameters: Parameter[];
  body?: JsonSchema;
};

type Document = {
  paths: Record<string, Record<string, { operationId: string; parameters?: Parameter[]; requestBody?: RequestBody }>>;
  components: { schemas: Record<string, JsonSchema> };
};
type RequestBody = { content: Record<string, { schema: JsonSchema }> };

/** Every operation in the document, with its body schema (application/json) if it takes one. */
export function operationsOf(document: Document): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      operationId: op.operationId,
      parameters: op.parameters ?? [],
      body: op.requestBody?.content["application/json"]?.schema,
    })),
  );
}

/** Real ids of the test world, by the name of the field or parameter that holds them. */
export type KnownIds = Record<string, string[]>;

export const UNKNOWN_UUID = "7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";

/** Hostile strings: control characters, huge and empty text, odd Unicode, markup. */
export const HOSTILE_STRINGS = [
  "\u0000",
  "Jansen\u0000",
  "a\u0007b\u001b[31m",
  "\u007f\u0085",
  "\uD800",
  "😀".repeat(50),
  "x".repeat(70_000),
  "",
  "   ",
  "'; drop table referrals; --",
  "<script>alert(1)</script>",
  "%00",
  "\r\n",
];
export const CONTROL_STRINGS = ["\u0000", "Jansen\u0000", "a\u0007b\u001b[31m", "regel\u0000\nregel"];
/** Numbers beyond an int4 or bigint column, negative, fractional, or absurdly large. */
export const HOSTILE_NUMBERS = [2 ** 31, 2 ** 63, -1, -(2 ** 31) - 1, 1e308, 0.5, -0];
/** Moments and days outside any sane range, or that do not exist. */
export const HOSTILE_DATE_TIMES = [
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59Z",
  "2025-02-30T00:00:00Z",
  "1000-06-01T12:00:00Z",
  "2025-13-01T00:00:00Z",
];
export const HOSTILE_DATES = ["0000-01-01", "9999-12-31", "2025-02-30", "1000-06-01", "2025-13-01"];
export const HOSTILE_IDS = [UNKNOWN_UUID, "00000000-0000-0000-0000-000000000000", "not-a-uuid", "7", "\u0000"];
/** Values of every JSON type, for a field that expects another. */
export const WRONG_TYPES: unknown[] = [null, true, 42, "tekst", [], {}, [1, "a"], { nested: { deeper: [] } }];

/** Cursors we did not issue. */
export const FORGED_CURSORS = [
  "kapot!*",
  Buffer.from("not json").toString("base64url"),
  Buffer.from(JSON.stringify(["0000-01-01T00:00:00.000Z", UNKNOWN_UUID])).toString("base64url"),
  Buffer.from(JSON.stringify([2 ** 63, "x"])).toString("base64url"),
  Buffer.from(JSON.stringify({ at: null })).toString("base64url"),
];

export class SchemaWalker {
  constructor(
    private readonly document: Document,
    private readonly rng: Rng,
    /** The real ids to use, set per caller (its own organization first). */
    public ids: KnownIds,
    private readonly now: Date,
  ) {}

  resolve(schema: JsonSchema): JsonSchema {
    if (!schema.$ref) return schema;
    const name = schema.$ref.replace("#/components/schemas/", "");
    const target = this.document.components.schemas[name];
    if (!target) throw new Error(`unknown $ref ${schema.$ref}`);
    return this.resolve(target);
  }

  /** The schema's types, without null when something else is allowed. */
  private typesOf(schema: JsonSchema): string[] {
    const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
    const nonNull = types.filter((t) => t !== "null");
    return nonNull.length > 0 ? nonNull : types;
  }

  /** A value the schema accepts (or nearly: unknown ids and examples are as good as we can do). */
  valid(input: JsonSchema, name = "", depth = 0): unknown {
    const schema = this.resolve(input);
    const { rng } = this;
    if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => this.valid(s, name, depth + 1)));
    if (schema.anyOf) return this.valid(rng.pick(schema.anyOf), name, depth + 1);
    if (schema.enum) return rng.pick(schema.enum);
    const type = rng.pick(this.typesOf(schema).length > 0 ? this.typesOf(schema) : ["string"]);
    switch (type) {
      case "null":
        return null;
      case "boolean":
        return rng.chance(0.5);
      case "integer":
      case "number": {
        const min = schema.minimum ?? 0;
        const max = Math.min(schema.maximum ?? min + 100, min + 10_000);
        return rng.int(min, max);
      }
      case "array": {
        const min = schema.minItems ?? 0;
        const max = Math.min(schema.maxItems ?? 3, min + 3);
        const count = depth > 4 ? min : rng.int(min, Math.max(min, max));
        // The example's items are valid where a pattern or a lookup (municipality codes) decides.
        if (Array.isArray(schema.example) && schema.example.length > 0 && !schema.items?.enum) {
          return Array.from({ length: Math.max(count, min) }, () => rng.pick(schema.example as unknown[]));
        }
        return Array.from({ length: count }, () => (schema.items ? this.valid(schema.items, name, depth + 1) : "x"));
      }
      case "object": {
        const out: Record<string, unknown> = {};
        const required = new Set(schema.required ?? []);
        for (const [key, prop] of Object.entries(schema.properties ?? {})) {
          if (required.has(key) || (depth < 4 && rng.chance(0.6))) out[key] = this.valid(prop, key, depth + 1);
        }
        return out;
      }
      default:
        return this.validString(schema, name);
    }
  }

  private validString(schema: JsonSchema, name: string): string {
    const { rng } = this;
    const day = 86_400_000;
    switch (schema.format) {
      case "uuid":
        return rng.pick(this.ids[name] ?? this.ids[name.replace(/s$/, "")] ?? [UNKNOWN_UUID]);
      case "date-time":
        return new Date(this.now.getTime() + rng.int(-30, 120) * day).toISOString();
      case "date":
        return new Date(this.now.getTime() + rng.int(1, 120) * day).toISOString().slice(0, 10);
      case "email":
        return `fuzz${rng.int(1, 999)}@example.org`;
      case "uri":
        return "https://example.org/pad";
    }
    if (typeof schema.example === "string" && (schema.pattern || rng.chance(0.85))) return schema.example;
    if (typeof schema.default === "string") return schema.default;
    const min = schema.minLength ?? 1;
    const max = Math.min(schema.maxLength ?? 40, 60);
    const text = "Tekst voor de fuzz ";
    return text
      .repeat(10)
      .slice(0, rng.int(min, Math.max(min, max)))
      .padEnd(min, "x");
  }

  /** A hostile value for a field of this schema: mostly of its own kind, sometimes of another type. */
  hostile(input: JsonSchema): unknown {
    const schema = this.resolve(input);
    const { rng } = this;
    if (rng.chance(0.2)) return rng.pick(WRONG_TYPES);
    if (schema.enum) return rng.pick([...HOSTILE_STRINGS, `${String(schema.enum[0])}\u0000`]);
    const types = this.typesOf(schema);
    if (types.includes("integer") || types.includes("number")) return rng.pick(HOSTILE_NUMBERS);
    if (types.includes("array")) return rng.chance(0.5) ? { 0: "x" } : Array.from({ length: 2000 }, () => "x");
    if (types.includes("object"))
      return rng.pick([[this.valid(schema)], "tekst", { ...(this.valid(schema) as object), extra: 1 }]);
    if (types.includes("boolean")) return rng.pick(["true", 1, null]);
    if (schema.format === "date-time") return rng.pick(HOSTILE_DATE_TIMES);
    if (schema.format === "date") return rng.pick(HOSTILE_DATES);
    if (schema.format === "uuid") return rng.pick(HOSTILE_IDS);
    // Control characters half of the time: they are the hostility text fields most often miss.
    return rng.chance(0.5) ? rng.pick(CONTROL_STRINGS) : rng.pick(HOSTILE_STRINGS);
  }

  /**
   * A valid value with one part made hostile: one field somewhere in the tree (the whole value
   * when it has no parts), or an extra field on an object.
   */
  mutate(input: JsonSchema, value: unknown): unknown {
    const schema = this.resolve(input);
    const { rng } = this;
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const props = schema.properties ?? {};
      const keys = Object.keys(props);
      if (keys.length === 0 || rng.chance(0.08))
        return { ...value, [rng.pick(["extra", "id", "__proto__x"])]: rng.pick(WRONG_TYPES) };
      const key = rng.pick(keys);
      const prop = props[key] as JsonSchema;
      const current = (value as Record<string, unknown>)[key];
      const inner = current !== undefined && rng.chance(0.5) ? this.mutate(prop, current) : this.hostile(prop);
      return { ...value, [key]: inner };
    }
    if (Array.isArray(value) && value.length > 0 && schema.items && rng.chance(0.6)) {
      const i = rng.int(0, value.length - 1);
      return value.map((v, j) => (j === i ? this.mutate(schema.items as JsonSchema, v) : v));
    }
    return this.hostile(schema);
  }
}

/** Where in a body one hostile value goes: a property path, [] for the whole body. */
export type Target = string[];

/** Every property path of an object schema down to `depth` levels (objects' own paths included). */
export function targetsOf(walker: SchemaWalker, input: JsonSchema, depth = 2, prefix: Target = []): Target[] {
  const schema = walker.resolve(input);
  const out: Target[] = [];
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    const path = [...prefix, key];
    out.push(path);
    if (depth > 1) out.push(...targetsOf(walker, prop, depth - 1, path));
  }
  return out;
}

/** The valid `value` with the hostile value for its schema at `target`. */
export function mutateAt(walker: SchemaWalker, input: JsonSchema, value: unknown, target: Target): unknown {
  if (target.length === 0) return walker.hostile(input);
  const schema = walker.resolve(input);
  const [key, ...rest] = target as [string, ...string[]];
  const prop = schema.properties?.[key];
  if (!prop) return value;
  const object = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const inner = object[key] === undefined && rest.length > 0 ? walker.valid(prop, key) : object[key];
  return { ...object, [key]: mutateAt(walker, prop, inner, rest) };
}
