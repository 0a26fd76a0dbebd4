// Imports an HSDS 3.0 (Open Referral) JSON dataset into the sociale kaart:
//   pnpm import:hsds <file.json>
// Uses the database Schakel itself uses (DATABASE_URL, else the PGlite folder DATA_DIR) and
// migrates it first. Exit code: 0 all imported, 1 some records rejected (the others are
// imported), 2 nothing done (no file, unreadable JSON, bad configuration).
import { mkdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createDb } from "@schakel/db";
import { z } from "zod";
import { nl } from "zod/locales";
import { ConfigError, parseEnv } from "../src/env";
import { systemClock } from "../src/lib/clock";
import { consoleLogger } from "../src/lib/logger";
import { formatImportReport, importHsds } from "../src/services/hsds/import-hsds";

// The same Dutch validation messages as the API's.
z.config(nl());

async function main(): Promise<number> {
  const [file] = process.argv.slice(2);
  if (!file) {
    console.error("Gebruik: pnpm import:hsds <bestand.json>  (een HSDS 3.0-dataset)");
    return 2;
  }
  const env = parseEnv();
  const path = resolve(file);
  let dataset: unknown;
  try {
    dataset = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    console.error(`Kan ${path} niet lezen als JSON: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }

  if (!env.DATABASE_URL) mkdirSync(env.DATA_DIR, { recursive: true });
  const handle = env.DATABASE_URL
    ? createDb({ url: env.DATABASE_URL, max: 1, statementTimeoutSeconds: env.DATABASE_STATEMENT_TIMEOUT_SECONDS })
    : createDb({ dataDir: env.DATA_DIR });
  try {
    await handle.migrate();
    console.log(`HSDS-import van ${path}`);
    console.log(`Database: ${handle.engine === "pglite" ? `PGlite in ${env.DATA_DIR}` : "PostgreSQL (DATABASE_URL)"}\n`);
    const report = await importHsds(handle.db, dataset, { clock: systemClock });
    console.log(formatImportReport(report));
    return report.rejected.length > 0 ? 1 : 0;
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
