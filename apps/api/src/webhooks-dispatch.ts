/**
 * `pnpm webhooks:dispatch`: a webhook dispatcher in a process of its own (ADR 0030), beside the
 * server (which then usually runs with WEBHOOK_DISPATCHER=off) and beside other dispatchers — they
 * share the work through the database (FOR UPDATE SKIP LOCKED and leases). PostgreSQL only: the
 * embedded PGlite database belongs to the server's process. It does not migrate (the server does)
 * and serves no HTTP. SIGTERM or SIGINT: it stops claiming, lets the attempts in flight finish (at
 * most the 10 s timeout), and exits 0; a delivery it could not record goes out again after its lease.
 */
import { createDb } from "@schakel/db";
import { appConfigFromEnv } from "./config";
import { ConfigError, parseEnv } from "./env";
import { systemClock } from "./lib/clock";
import { consoleLogger as logger } from "./lib/logger";
import { createSmtpMailer, DevMailbox } from "./mail/mailer";
import { startWebhookDispatcher } from "./services/webhooks/dispatcher";

function main() {
  const env = parseEnv();
  if (!env.DATABASE_URL) {
    throw new ConfigError(
      "Ongeldige configuratie:\n  DATABASE_URL: is verplicht voor een aparte webhook-dispatcher (de ingebouwde database hoort bij de server)",
    );
  }
  const config = appConfigFromEnv(env);
  const handle = createDb({ url: env.DATABASE_URL, max: 4, statementTimeoutSeconds: env.DATABASE_STATEMENT_TIMEOUT_SECONDS });
  const mailer = env.SMTP_URL ? createSmtpMailer(env.SMTP_URL, env.MAIL_FROM) : new DevMailbox(env.MAIL_FROM, logger);
  const dispatcher = startWebhookDispatcher(
    { db: handle.db, config, clock: systemClock, mailer, logger },
    { concurrency: env.WEBHOOK_DISPATCH_CONCURRENCY, leaseMs: env.WEBHOOK_LEASE_SECONDS * 1000 },
  );
  logger.info("webhook dispatcher started", { pid: process.pid, concurrency: env.WEBHOOK_DISPATCH_CONCURRENCY });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("webhook dispatcher stopping", { signal, inFlight: dispatcher.inFlight() });
    dispatcher
      .stop()
      .then(() => handle.close())
      .finally(() => {
        logger.info("webhook dispatcher stopped", { signal });
        process.exit(0);
      });
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

try {
  main();
} catch (err) {
  if (err instanceof ConfigError) console.error(err.message);
  else logger.error("webhook dispatcher could not start", err);
  process.exit(1);
}
