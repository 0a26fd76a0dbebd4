// Applies the retention periods of docs/privacy.md once, as the server's daily job does:
//   pnpm retention            anonymise old closed referrals and their residents, delete old access-log entries and Idempotency-Keys
//   pnpm retention --dry-run  list what it would do (counts and ids, nothing personal) and change nothing
// Uses the database Schakel itself uses (DATABASE_URL, else the PGlite folder DATA_DIR) and migrates
// it first; the periods come from RETENTION_MONTHS and ACCESS_LOG_RETENTION_YEARS. Exit code: 0 done,
// 2 nothing done (unknown option, bad configuration, database error).
import { mkdirSync } from "node:fs";
import { createDb } from "@schakel/db";
import { appConfigFromEnv } from "../src/config";
import { ConfigError, parseEnv } from "../src/env";
import { systemClock } from "../src/lib/clock";
import { consoleLogger } from "../src/lib/logger";
import { DevMailbox } from "../src/mail/mailer";
import { systemContext } from "../src/scheduler/scheduler";
import { formatRetentionReport, runRetention } from "../src/services/privacy/retention";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== "--dry-run");
  if (unknown.length > 0) {
    console.error(`Onbekende optie: ${unknown.join(" ")}\nGebruik: pnpm retention [--dry-run]`);
    return 2;
  }
  const dryRun = args.includes("--dry-run");
  const env = parseEnv();
  const config = appConfigFromEnv(env);
  if (!env.DATABASE_URL) mkdirSync(env.DATA_DIR, { recursive: true });
  const handle = env.DATABASE_URL
    ? createDb({ url: env.DATABASE_URL, max: 1, statementTimeoutSeconds: env.DATABASE_STATEMENT_TIMEOUT_SECONDS })
    : createDb({ dataDir: env.DATA_DIR });
  try {
    await handle.migrate();
    console.log(`Database: ${handle.engine === "pglite" ? `PGlite in ${env.DATA_DIR}` : "PostgreSQL (DATABASE_URL)"}`);
    console.log(
      `Bewaartermijnen: verwijzingen ${env.RETENTION_MONTHS} maanden na afsluiten, toegangslog ${env.ACCESS_LOG_RETENTION_YEARS} jaar\n`,
    );
    const ctx = systemContext({
      db: handle.db,
      config,
      clock: systemClock,
      mailer: new DevMailbox(env.MAIL_FROM, consoleLogger),
      logger: consoleLogger,
      fallbackBaseUrl: `http://localhost:${env.PORT}`,
    });
    const report = await runRetention(ctx, systemClock.now(), { dryRun });
    console.log(formatRetentionReport(report));
    return 0;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    // Never the error itself: a failed query's message carries its parameters.
    if (err instanceof ConfigError) console.error(err.message);
    else consoleLogger.error("command failed", err);
    process.exit(2);
  },
);
