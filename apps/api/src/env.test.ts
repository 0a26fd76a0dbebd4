import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { appConfigFromEnv } from "./config";
import { ConfigError, parseEnv, wantsDemoNetwork } from "./env";

/** The ConfigError parseEnv throws for this environment (fails the test if it does not throw one). */
function configError(source: Record<string, string | undefined>): ConfigError {
  try {
    parseEnv(source);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error("parseEnv accepted a bad environment");
}

describe("happy path", () => {
  test("an empty environment gets the documented defaults", () => {
    const env = parseEnv({ INIT_CWD: "/srv/schakel" });
    expect(env.PORT).toBe(3000);
    expect(env.DATA_DIR).toBe(resolve("/srv/schakel", "./.data"));
    expect(env.NODE_ENV).toBe("development");
    expect(env.TRUST_PROXY).toBe(false);
    expect(env.MAIL_FROM).toMatch(/Schakel/);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.DEMO_PASSWORD).toBeUndefined();
    expect(env.CONSENT_MAX_DAYS).toBe(730);
    expect(env.RETENTION_MONTHS).toBe(24);
    expect(env.ACCESS_LOG_RETENTION_YEARS).toBe(5);
    expect(env.DATABASE_STATEMENT_TIMEOUT_SECONDS).toBe(15);
  });

  test("the statement timeout is a whole number of seconds, at least one", () => {
    expect(parseEnv({ DATABASE_STATEMENT_TIMEOUT_SECONDS: "30" }).DATABASE_STATEMENT_TIMEOUT_SECONDS).toBe(30);
    expect(configError({ DATABASE_STATEMENT_TIMEOUT_SECONDS: "0" }).message).toMatch(/DATABASE_STATEMENT_TIMEOUT_SECONDS/);
    expect(configError({ DATABASE_STATEMENT_TIMEOUT_SECONDS: "1.5" }).message).toMatch(/DATABASE_STATEMENT_TIMEOUT_SECONDS/);
  });

  test("the periods of docs/privacy.md are settings, checked and carried into the app's configuration", () => {
    const env = parseEnv({ CONSENT_MAX_DAYS: "365", RETENTION_MONTHS: "36", ACCESS_LOG_RETENTION_YEARS: "7" });
    expect(appConfigFromEnv(env).periods).toEqual({ consentMaxDays: 365, retentionMonths: 36, accessLogYears: 7 });
    expect(configError({ RETENTION_MONTHS: "0" }).message).toMatch(/RETENTION_MONTHS/);
    expect(configError({ CONSENT_MAX_DAYS: "twee jaar" }).message).toMatch(/CONSENT_MAX_DAYS/);
  });

  test("DATA_DIR is relative to where the command was started, or the working directory", () => {
    expect(parseEnv({ INIT_CWD: "/home/a", DATA_DIR: "data" }).DATA_DIR).toBe("/home/a/data");
    expect(parseEnv({ DATA_DIR: "/var/lib/schakel" }).DATA_DIR).toBe("/var/lib/schakel");
    expect(parseEnv({}).DATA_DIR).toBe(resolve(process.cwd(), ".data"));
  });

  test("valid settings are parsed and typed", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      PORT: "8080",
      DATABASE_URL: "postgres://schakel:geheim@db.example:5432/schakel",
      SMTP_URL: "smtps://user:pass@mail.example:465",
      DEMO_PASSWORD: "twaalf-tekens",
      PUBLIC_URL: "https://schakel.example",
      TRUST_PROXY: "1",
    });
    expect(env).toMatchObject({
      NODE_ENV: "production",
      PORT: 8080,
      DATABASE_URL: "postgres://schakel:geheim@db.example:5432/schakel",
      SMTP_URL: "smtps://user:pass@mail.example:465",
      DEMO_PASSWORD: "twaalf-tekens",
      PUBLIC_URL: "https://schakel.example",
      TRUST_PROXY: true,
    });
    expect(parseEnv({ DATABASE_URL: "postgresql://localhost/schakel" }).DATABASE_URL).toBe("postgresql://localhost/schakel");
    expect(parseEnv({ SMTP_URL: "smtp://localhost:1025", PUBLIC_URL: "http://localhost:3000" }).SMTP_URL).toBe(
      "smtp://localhost:1025",
    );
    expect(parseEnv({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "true" }).TRUST_PROXY).toBe(true);
  });

  test("an empty value counts as unset", () => {
    const env = parseEnv({ PORT: "", DATABASE_URL: "", SMTP_URL: "", DEMO_PASSWORD: "" });
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.DEMO_PASSWORD).toBeUndefined();
  });
});

describe("errors", () => {
  test("every bad setting is named in one ConfigError", () => {
    const err = configError({
      PORT: "drieduizend",
      DATABASE_URL: "mysql://localhost/schakel",
      SMTP_URL: "http://mail.example",
      DEMO_PASSWORD: "kort",
    });
    expect(err.name).toBe("ConfigError");
    for (const key of ["PORT", "DATABASE_URL", "SMTP_URL", "DEMO_PASSWORD"]) expect(err.message).toContain(key);
    // One line per bad key.
    expect(err.message.split("\n").filter((l) => /^\s+[A-Z_]+:/.test(l))).toHaveLength(4);
  });

  test.each([
    ["PORT", "0"],
    ["PORT", "65536"],
    ["PORT", "80.5"],
    ["PORT", "abc"],
    ["DATABASE_URL", "not a url"],
    ["DATABASE_URL", "mysql://localhost/schakel"],
    ["SMTP_URL", "mail.example:25"],
    ["SMTP_URL", "https://mail.example"],
    ["DEMO_PASSWORD", "elf-tekens!"],
    ["NODE_ENV", "staging"],
    ["TRUST_PROXY", "yes"],
    ["PUBLIC_URL", "ftp://schakel.example"],
  ])("%s=%s is refused and named", (key, value) => {
    const err = configError({ [key]: value });
    expect(err.message).toContain(key);
    // Only the bad key is named.
    const named = err.message.split("\n").filter((l) => /^\s+[A-Z_]+:/.test(l));
    expect(named).toHaveLength(1);
  });

  test("the message does not repeat the secrets it refuses", () => {
    const err = configError({ DEMO_PASSWORD: "geheim-1", DATABASE_URL: "mysql://root:supergeheim@db/x" });
    expect(err.message).not.toContain("geheim-1");
    expect(err.message).not.toContain("supergeheim");
  });
});

describe("production", () => {
  const SMTP_URL = "smtp://mail.example:587";
  test("PUBLIC_URL is required, so links in e-mails never come from a Host header", () => {
    expect(configError({ NODE_ENV: "production", SMTP_URL }).message).toMatch(/PUBLIC_URL/);
    expect(parseEnv({ NODE_ENV: "production", SMTP_URL, PUBLIC_URL: "https://schakel.example" }).PUBLIC_URL).toBe(
      "https://schakel.example",
    );
  });

  test("SMTP_URL is required: production never pretends to send mail while it goes to the log", () => {
    const err = configError({ NODE_ENV: "production", PUBLIC_URL: "https://schakel.example" });
    expect(err.message).toMatch(/SMTP_URL/);
    expect(err.message).not.toMatch(/PUBLIC_URL/);
  });

  test("PUBLIC_URL is required whenever mail leaves the process, also outside production", () => {
    expect(configError({ SMTP_URL }).message).toMatch(/PUBLIC_URL/);
    expect(appConfigFromEnv(parseEnv({ SMTP_URL, PUBLIC_URL: "https://schakel.example/" })).publicUrl).toBe(
      "https://schakel.example",
    );
  });

  test("without SMTP_URL links point at this machine, not at whatever Host a request names", () => {
    expect(appConfigFromEnv(parseEnv({ PORT: "4123" })).publicUrl).toBe("http://localhost:4123");
  });

  test("writes must come from PUBLIC_URL's origin when it is set; without it, from the request's own (CSRF)", () => {
    expect(appConfigFromEnv(parseEnv({ SMTP_URL, PUBLIC_URL: "https://schakel.example:8443/pad" })).trustedOrigin).toBe(
      "https://schakel.example:8443",
    );
    // Development: Schakel opened as localhost or as 127.0.0.1 both work.
    expect(appConfigFromEnv(parseEnv({ PORT: "4123" })).trustedOrigin).toBeUndefined();
  });
});

describe("authorisation", () => {
  test("TRUST_PROXY is off unless explicitly switched on", () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "0" }).TRUST_PROXY).toBe(false);
  });
});

describe("webhooks", () => {
  test("local and private callback addresses are off unless switched on, and never in production", () => {
    expect(parseEnv({}).WEBHOOK_ALLOW_LOCAL_URLS).toBe(false);
    expect(parseEnv({ WEBHOOK_ALLOW_LOCAL_URLS: "1" }).WEBHOOK_ALLOW_LOCAL_URLS).toBe(true);
    const err = configError({
      NODE_ENV: "production",
      PUBLIC_URL: "https://schakel.example",
      SMTP_URL: "smtp://mail.example:587",
      WEBHOOK_ALLOW_LOCAL_URLS: "true",
    });
    expect(err.message).toMatch(/WEBHOOK_ALLOW_LOCAL_URLS/);
  });

  test("the dispatcher runs in the server unless WEBHOOK_DISPATCHER=off; a lease under 30 s is refused in production", () => {
    expect(parseEnv({})).toMatchObject({ WEBHOOK_DISPATCHER: "on", WEBHOOK_DISPATCH_CONCURRENCY: 32, WEBHOOK_LEASE_SECONDS: 60 });
    expect(parseEnv({ WEBHOOK_DISPATCHER: "off" }).WEBHOOK_DISPATCHER).toBe("off");
    expect(configError({ WEBHOOK_DISPATCHER: "nee" }).message).toMatch(/WEBHOOK_DISPATCHER/);
    expect(parseEnv({ WEBHOOK_LEASE_SECONDS: "2" }).WEBHOOK_LEASE_SECONDS).toBe(2);
    const err = configError({
      NODE_ENV: "production",
      PUBLIC_URL: "https://schakel.example",
      SMTP_URL: "smtp://mail.example:587",
      WEBHOOK_LEASE_SECONDS: "10",
    });
    expect(err.message).toMatch(/WEBHOOK_LEASE_SECONDS: moet in productie minstens 30 zijn/);
  });
});

describe("demo network", () => {
  test("DEMO=1 with NODE_ENV=production is a configuration error", () => {
    const err = configError({
      NODE_ENV: "production",
      PUBLIC_URL: "https://schakel.example",
      SMTP_URL: "smtp://mail.example:587",
      DEMO: "1",
    });
    expect(err.message).toMatch(/DEMO/);
    expect(err.message.split("\n").filter((l) => /^\s+[A-Z_]+:/.test(l))).toHaveLength(1);
  });

  test("the default: the embedded database outside production only", () => {
    expect(wantsDemoNetwork(parseEnv({}))).toBe(true);
    expect(wantsDemoNetwork(parseEnv({ DATABASE_URL: "postgres://localhost/x" }))).toBe(false);
    expect(wantsDemoNetwork(parseEnv({ DATABASE_URL: "postgres://localhost/x", DEMO: "true" }))).toBe(true);
    expect(wantsDemoNetwork(parseEnv({ DEMO: "0" }))).toBe(false);
    expect(
      wantsDemoNetwork(
        parseEnv({ NODE_ENV: "production", PUBLIC_URL: "https://schakel.example", SMTP_URL: "smtp://mail.example:587" }),
      ),
    ).toBe(false);
    expect(
      wantsDemoNetwork(
        parseEnv({
          NODE_ENV: "production",
          PUBLIC_URL: "https://schakel.example",
          SMTP_URL: "smtp://mail.example:587",
          DEMO: "0",
        }),
      ),
    ).toBe(false);
    expect(configError({ DEMO: "ja" }).message).toMatch(/DEMO/);
  });
});
