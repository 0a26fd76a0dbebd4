import { existsSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { setFlagsFromString } from "node:v8";
import { createDb } from "@schakel/db";
import { createApp } from "./app";
import { appConfigFromEnv } from "./config";
import { loadDemoNetworkOnStart } from "./demo-start";
import { ConfigError, parseEnv } from "./env";
import { systemClock } from "./lib/clock";
import { consoleLogger as logger } from "./lib/logger";
import { createSmtpMailer, DevMailbox } from "./mail/mailer";
import { allJobs } from "./scheduler/jobs";
import { startScheduler } from "./scheduler/scheduler";
import { listen, portOf } from "./server";
import { startWebhookDispatcher } from "./services/webhooks/dispatcher";

const startedAt = performance.now();

async function main() {
  const env = parseEnv();
  const webDist = resolve(import.meta.dirname, "../../web/dist");
  const config = appConfigFromEnv(env, existsSync(resolve(webDist, "index.html")) ? webDist : undefined);

  if (!env.DATABASE_URL) {
    // PGlite is PostgreSQL compiled to WebAssembly, in this process. V8 first compiles it with its
    // baseline compiler and then recompiles hot functions with its optimising one in background
    // threads, whose working memory (about 60 MiB) the process keeps. Baseline code alone keeps the
    // embedded server near 180 MiB instead of 230–280 MiB, and its searches are as fast (ADR 0033).
    // Before createDb: the flag counts when the module is compiled.
    setFlagsFromString("--liftoff-only");
    mkdirSync(env.DATA_DIR, { recursive: true });
  }
  const handle = env.DATABASE_URL
    ? createDb({ url: env.DATABASE_URL, statementTimeoutSeconds: env.DATABASE_STATEMENT_TIMEOUT_SECONDS })
    : createDb({ dataDir: env.DATA_DIR });
  await handle.migrate();

  // Demo data only on the embedded database outside production, or with DEMO=1 (never in production).
  await loadDemoNetworkOnStart(handle.db, env);

  const mailer = env.SMTP_URL ? createSmtpMailer(env.SMTP_URL, env.MAIL_FROM) : new DevMailbox(env.MAIL_FROM, logger);
  const app = createApp({ db: handle.db, config, clock: systemClock, mailer, logger });

  // The background work — mail retries, housekeeping, the escalation ladder, digests, consent
  // expiry, retention — runs in the scheduler; several processes may run it side by side (ADR 0017).
  const scheduler = startScheduler({ db: handle.db, config, clock: systemClock, mailer, logger }, allJobs);

  // Webhooks go out from here unless WEBHOOK_DISPATCHER=off leaves them to `pnpm webhooks:dispatch` (ADR 0030).
  // On PostgreSQL it has a small pool of its own, so a burst of requests does not queue its claims.
  const dispatcherDb =
    env.WEBHOOK_DISPATCHER === "on" && env.DATABASE_URL
      ? createDb({ url: env.DATABASE_URL, max: 3, statementTimeoutSeconds: env.DATABASE_STATEMENT_TIMEOUT_SECONDS })
      : null;
  const dispatcher =
    env.WEBHOOK_DISPATCHER === "on"
      ? startWebhookDispatcher(
          { db: (dispatcherDb ?? handle).db, config, clock: systemClock, mailer, logger },
          { concurrency: env.WEBHOOK_DISPATCH_CONCURRENCY, leaseMs: env.WEBHOOK_LEASE_SECONDS * 1000 },
        )
      : null;

  const server = await listen(app.fetch, { port: env.PORT });
  const port = portOf(server);
  logger.info("Schakel is gestart", {
    url: `http://localhost:${port}`,
    database: handle.engine === "pglite" ? `PGlite in ${resolve(env.DATA_DIR)}` : "PostgreSQL (DATABASE_URL)",
    mail: env.SMTP_URL ? "SMTP" : `ontwikkel-postvak op http://localhost:${port}/dev/mail (alleen vanaf deze machine)`,
    web: config.webDist ? "ingebouwd" : "niet gebouwd (pnpm build)",
    webhooks: dispatcher ? "in dit proces" : "door aparte processen (WEBHOOK_DISPATCHER=off)",
    startupMs: Math.round(performance.now() - startedAt),
  });

  const shutdown = () => {
    server.close();
    Promise.all([scheduler.stop(), dispatcher?.stop()])
      .then(() => Promise.all([handle.close(), dispatcherDb?.close()]))
      .finally(() => process.exit(0));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    logger.error("Schakel kon niet starten", err);
  }
  process.exit(1);
});
