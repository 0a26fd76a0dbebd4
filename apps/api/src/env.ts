import { resolve } from "node:path";
import { DEFAULT_STATEMENT_TIMEOUT_SECONDS } from "@schakel/db";
import { z } from "zod";

/** Schakel's configuration: every setting, its default and its meaning, in one place. */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Port for the API and the web app. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Folder for the embedded PGlite database, used when DATABASE_URL is unset; relative to where the command was started. */
  DATA_DIR: z.string().min(1).default("./.data"),
  /** postgres://user:pass@host:5432/db — use a PostgreSQL server instead of PGlite. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "moet een postgres://-adres zijn" }).optional(),
  /** Seconds a database statement may run before PostgreSQL cancels it and the request answers 503 (PostgreSQL only). */
  DATABASE_STATEMENT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(DEFAULT_STATEMENT_TIMEOUT_SECONDS),
  /** smtp://user:pass@host:587 or smtps://… — send mail over SMTP (required in production); unset: mail stays in the development mailbox at /dev/mail. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "moet een smtp://- of smtps://-adres zijn" }).optional(),
  /** Sender address of Schakel's e-mails. */
  MAIL_FROM: z.string().min(3).default("Schakel <noreply@schakel.localhost>"),
  /**
   * Load the demo network into an empty database: 1/true asks for it (also on PostgreSQL), 0/false
   * refuses it; unset, only the embedded database outside production gets it (the README's first
   * command). Never with NODE_ENV=production.
   */
  DEMO: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true" || v === "1")),
  /** Password for all demo accounts; unset: one is generated and printed on first start. */
  DEMO_PASSWORD: z.string().min(12, "moet minstens 12 tekens lang zijn").optional(),
  /** Public address of this Schakel, for links in e-mails (required with SMTP_URL); unset: http://localhost:PORT. Never taken from a request. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Trust X-Forwarded-For for the client address (only behind a reverse proxy you run). */
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  /** How many days ahead a resident's consent may run at most (the web app explains the default, two years). */
  CONSENT_MAX_DAYS: z.coerce.number().int().min(1).max(3650).default(730),
  /** Months after a referral closed before the retention job anonymises it and, once none is open or recent, its resident. */
  RETENTION_MONTHS: z.coerce.number().int().min(1).max(240).default(24),
  /** Years the access log is kept before the retention job deletes its older entries. */
  ACCESS_LOG_RETENTION_YEARS: z.coerce.number().int().min(1).max(50).default(5),
  /**
   * Let webhook callbacks be http:// and on this machine or a private network (loopback,
   * link-local, RFC 1918 …): for development and tests only; refused with NODE_ENV=production.
   */
  /**
   * The CloudEvents `source` of this hub's events, a URN as the NL GOV profile recommends, e.g.
   * urn:nld:oin:<the gemeente's OIN>:systeem:schakel; unset: urn:nld:schakel:<PUBLIC_URL's host>.
   */
  WEBHOOK_SOURCE_URN: z
    .string()
    .regex(
      /^urn:[a-z0-9][a-z0-9-]{0,31}:[\x21-\x7e]+$/i,
      "moet een URN zijn, bijvoorbeeld urn:nld:oin:00000001234567890000:systeem:schakel",
    )
    .optional(),
  WEBHOOK_ALLOW_LOCAL_URLS: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  /**
   * `off`: the server does not deliver webhooks itself; separate `pnpm webhooks:dispatch`
   * processes do (ADR 0030). Default `on`: the server's own dispatcher delivers them.
   */
  WEBHOOK_DISPATCHER: z.enum(["on", "off"]).default("on"),
  /** Webhook deliveries in flight at once per dispatcher (at most a quarter of them to one subscription). */
  WEBHOOK_DISPATCH_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(32),
  /**
   * Seconds a dispatcher holds a delivery it claimed; after a crash the delivery goes out again once
   * it runs out. Keep it well over the 10 s timeout (in production at least 30).
   */
  WEBHOOK_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
});

export type Env = z.infer<typeof EnvSchema>;

/** Rules across settings. */
const ProductionRules = EnvSchema.superRefine((env, ctx) => {
  if (env.NODE_ENV === "production" && !env.SMTP_URL) {
    ctx.addIssue({
      code: "custom",
      path: ["SMTP_URL"],
      message: "is verplicht als NODE_ENV=production (zonder SMTP gaat geen uitnodiging of melding de deur uit)",
    });
  }
  // (A malformed SMTP_URL is already named by its own rule.)
  const mailLeaves = typeof env.SMTP_URL === "string" && /^smtps?:\/\//.test(env.SMTP_URL);
  if ((env.NODE_ENV === "production" || mailLeaves) && !env.PUBLIC_URL) {
    ctx.addIssue({
      code: "custom",
      path: ["PUBLIC_URL"],
      message:
        "is verplicht als NODE_ENV=production of SMTP_URL is gezet (links in e-mails mogen niet van de Host-header afhangen)",
    });
  }
  if (env.NODE_ENV === "production" && env.WEBHOOK_ALLOW_LOCAL_URLS) {
    ctx.addIssue({
      code: "custom",
      path: ["WEBHOOK_ALLOW_LOCAL_URLS"],
      message: "kan niet samen met NODE_ENV=production: webhooks gaan daar alleen naar https-adressen op het internet",
    });
  }
  if (env.NODE_ENV === "production" && env.WEBHOOK_LEASE_SECONDS < 30) {
    ctx.addIssue({
      code: "custom",
      path: ["WEBHOOK_LEASE_SECONDS"],
      message: "moet in productie minstens 30 zijn: ruim boven de 10 seconden die een ontvanger krijgt",
    });
  }
  if (env.NODE_ENV === "production" && env.DEMO) {
    ctx.addIssue({
      code: "custom",
      path: ["DEMO"],
      message: "kan niet samen met NODE_ENV=production: een echte installatie begint leeg (pnpm setup-network)",
    });
  }
});

/**
 * Whether a start loads the demo network into an empty database: when asked (DEMO=1), or by
 * default on the embedded database outside production; never in production (parseEnv refuses DEMO=1 there).
 */
export function wantsDemoNetwork(env: Pick<Env, "NODE_ENV" | "DATABASE_URL" | "DEMO">): boolean {
  if (env.NODE_ENV === "production") return false;
  return env.DEMO ?? !env.DATABASE_URL;
}

/** Parses the environment or throws one readable message naming every bad setting. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = ProductionRules.safeParse(cleaned);
  if (result.success) {
    // npm and pnpm run workspace scripts in the package folder; INIT_CWD is where the user typed the command.
    return { ...result.data, DATA_DIR: resolve(source.INIT_CWD ?? process.cwd(), result.data.DATA_DIR) };
  }
  const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
  throw new ConfigError(`Ongeldige configuratie:\n${lines.join("\n")}`);
}

export class ConfigError extends Error {
  override name = "ConfigError";
}
