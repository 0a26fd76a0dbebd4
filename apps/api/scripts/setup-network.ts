// Sets up a new installation, or adds organizations to it (docs/operations.md):
//   pnpm setup-network <plan.json>
// The plan names the network's first organizations (or an HSDS 3.0 file to import them from),
// each one's first admin, and the first network admin; each of them gets a one-time invitation
// link (72 hours) through the mail outbox. Running it again adds nothing twice and sends fresh
// links to whoever has not accepted yet. Uses DATABASE_URL, else the PGlite folder DATA_DIR
// (stop the server first: PGlite is one process's). With SMTP_URL the mails go out at once;
// without it (not allowed in production) they are printed here, for development.
// Exit code: 0 done, 1 the plan was refused (nothing changed), 2 bad configuration or file.
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createDb } from "@schakel/db";
import { z } from "zod";
import { nl } from "zod/locales";
import { createSessionManager } from "../src/auth/sessions";
import { appConfigFromEnv } from "../src/config";
import { ConfigError, parseEnv } from "../src/env";
import { systemClock } from "../src/lib/clock";
import { consoleLogger } from "../src/lib/logger";
import { HttpProblem } from "../src/lib/problem";
import { createSmtpMailer, DevMailbox } from "../src/mail/mailer";
import { formatImportReport, importHsds } from "../src/services/hsds/import-hsds";
import { NetworkPlanSchema, NetworkSetupError, setUpNetwork } from "../src/services/organizations/network-setup";

z.config(nl());

async function main(): Promise<number> {
  const [file] = process.argv.slice(2);
  if (!file || file.startsWith("-")) {
    console.error('Gebruik: pnpm setup-network <plan.json>  (zie docs/operations.md, "Een nieuwe installatie inrichten")');
    return 2;
  }
  const env = parseEnv();
  if (env.NODE_ENV === "production" && !env.SMTP_URL) {
    console.error(
      "Ongeldige configuratie:\n  SMTP_URL: is verplicht als NODE_ENV=production (de uitnodigingen moeten per e-mail weg)",
    );
    return 2;
  }
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    console.error(`Kan ${path} niet lezen als JSON: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  const parsed = NetworkPlanSchema.safeParse(raw);
  if (!parsed.success) {
    console.error(`Het plan in ${path} klopt niet:`);
    for (const issue of parsed.error.issues) console.error(`  ${issue.path.join(".") || "(plan)"}: ${issue.message}`);
    return 1;
  }
  const plan = parsed.data;

  if (!env.DATABASE_URL) mkdirSync(env.DATA_DIR, { recursive: true });
  const handle = env.DATABASE_URL
    ? createDb({ url: env.DATABASE_URL, max: 1, statementTimeoutSeconds: env.DATABASE_STATEMENT_TIMEOUT_SECONDS })
    : createDb({ dataDir: env.DATA_DIR });
  const mailer = env.SMTP_URL ? createSmtpMailer(env.SMTP_URL, env.MAIL_FROM) : new DevMailbox(env.MAIL_FROM, consoleLogger);
  try {
    await handle.migrate();
    console.log(`Database: ${handle.engine === "pglite" ? `PGlite in ${env.DATA_DIR}` : "PostgreSQL (DATABASE_URL)"}`);
    if (plan.hsds) {
      const dataset = JSON.parse(readFileSync(resolve(dirname(path), plan.hsds), "utf8"));
      console.log(`HSDS-import van ${plan.hsds}`);
      console.log(formatImportReport(await importHsds(handle.db, dataset, { clock: systemClock })));
    }
    const config = appConfigFromEnv(env);
    const report = await setUpNetwork(
      {
        db: handle.db,
        config,
        clock: systemClock,
        mailer,
        logger: consoleLogger,
        sessions: createSessionManager(handle.db, { production: config.production, clock: systemClock }),
        actor: null,
        baseUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
      },
      plan,
    );
    for (const line of report.lines) console.log(`  ${line}`);
    console.log(
      `\n${report.organizationsCreated} organisatie(s) toegevoegd, ${report.invitationsSent} uitnodiging(en) verstuurd (via de mail-outbox; de server probeert het opnieuw als de mailserver niet bereikbaar was).`,
    );
    return 0;
  } catch (err) {
    if (err instanceof NetworkSetupError || err instanceof HttpProblem) {
      console.error(`Niets veranderd: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    if ("close" in mailer) mailer.close();
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(2);
  },
);
