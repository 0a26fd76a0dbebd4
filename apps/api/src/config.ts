import { DEFAULT_CONSENT_MAX_DAYS } from "@schakel/core";
import type { Env } from "./env";

/** The part of the environment the app itself uses (not the database or mail wiring). */
export interface AppConfig {
  production: boolean;
  /** Where links in e-mails point (PUBLIC_URL, without a trailing slash); never a request's Host. */
  publicUrl?: string;
  /**
   * The origin a signed-in write's Origin header must match (CSRF): PUBLIC_URL's, when it is set
   * (behind a proxy that ends TLS the request itself arrives as http://). Unset — development, where
   * Schakel may be opened as localhost or 127.0.0.1 — the request's own origin counts.
   */
  trustedOrigin?: string;
  trustProxy: boolean;
  /** Folder with the built web app to serve at /, if any. */
  webDist?: string;
  /** Whether to expose /dev/mail. */
  devMailbox: boolean;
  /** How long personal data is kept (unset: the defaults, DEFAULT_PERIODS). */
  periods?: DataPeriods;
  /**
   * Whether admins, coordinators (and workers where their organisation says so) must set up a
   * second factor before they can use the app (ADR 0023). Always on from the environment; only
   * code can switch it off, for the tests of other features whose accounts predate the factor.
   */
  requireSecondFactor?: boolean;
  /** Whether webhook callbacks may be http:// and local or private addresses (WEBHOOK_ALLOW_LOCAL_URLS; never in production). */
  webhookAllowLocalUrls?: boolean;
  /** The CloudEvents `source` of the hub's events (WEBHOOK_SOURCE_URN); unset: see {@link eventSource}. */
  webhookSourceUrn?: string;
}

/** The CloudEvents `source`: WEBHOOK_SOURCE_URN, or urn:nld:schakel:<the public host>. */
export const eventSource = (config: AppConfig): string =>
  config.webhookSourceUrn ?? `urn:nld:schakel:${new URL(mailBaseUrl(config)).host}`;

export const secondFactorEnforced = (config: AppConfig) => config.requireSecondFactor !== false;

/** The periods of docs/privacy.md: how far ahead a consent may run, and how long data is kept. */
export interface DataPeriods {
  /** A consent's end lies at most this many days ahead. */
  consentMaxDays: number;
  /** A referral closed this many months ago is anonymised. */
  retentionMonths: number;
  /** Access-log entries older than this many years are deleted. */
  accessLogYears: number;
}

export const DEFAULT_PERIODS: DataPeriods = { consentMaxDays: DEFAULT_CONSENT_MAX_DAYS, retentionMonths: 24, accessLogYears: 5 };

export const periodsOf = (config: AppConfig): DataPeriods => config.periods ?? DEFAULT_PERIODS;

/** Where links in e-mails point: PUBLIC_URL, or (a configuration made by hand, in tests) this machine. */
export const mailBaseUrl = (config: AppConfig): string => (config.publicUrl ?? "http://localhost:3000").replace(/\/$/, "");

export function appConfigFromEnv(env: Env, webDist?: string): AppConfig {
  return {
    production: env.NODE_ENV === "production",
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    trustedOrigin: env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : undefined,
    trustProxy: env.TRUST_PROXY,
    webDist,
    devMailbox: env.NODE_ENV !== "production" && !env.SMTP_URL,
    periods: {
      consentMaxDays: env.CONSENT_MAX_DAYS,
      retentionMonths: env.RETENTION_MONTHS,
      accessLogYears: env.ACCESS_LOG_RETENTION_YEARS,
    },
    webhookAllowLocalUrls: env.WEBHOOK_ALLOW_LOCAL_URLS,
    webhookSourceUrn: env.WEBHOOK_SOURCE_URN,
  };
}
