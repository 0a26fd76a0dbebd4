import type { Env } from "./env";

/** The part of the environment the app itself uses (not the database or mail wiring). */
export interface AppConfig {
  production: boolean;
  publicUrl?: string;
  trustProxy: boolean;
  /** Folder with the built web app to serve at /, if any. */
  webDist?: string;
  /** Whether to expose /dev/mail. */
  devMailbox: boolean;
}

export function appConfigFromEnv(env: Env, webDist?: string): AppConfig {
  return {
    production: env.NODE_ENV === "production",
    publicUrl: env.PUBLIC_URL,
    trustProxy: env.TRUST_PROXY,
    webDist,
    devMailbox: env.NODE_ENV !== "production" && !env.SMTP_URL,
  };
}
