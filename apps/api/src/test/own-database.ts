import { randomUUID } from "node:crypto";
import { createDb, type DbHandle } from "@schakel/db";
import { createTestDb } from "@schakel/db/testing";
import postgres from "postgres";

/**
 * A database no other test file shares, for tests whose code works every row of a table — a
 * webhook dispatcher claims every due delivery, and must not touch (or POST) another file's. On
 * PostgreSQL (DATABASE_URL) a fresh, migrated database on the same server, dropped by `close()`;
 * its `url` is for processes the test starts. On PGlite the file's own in-memory database already is.
 */
export async function ownTestDatabase(): Promise<{ handle: DbHandle; url: string | null }> {
  const shared = process.env.DATABASE_URL;
  if (!shared) return { handle: await createTestDb(), url: null };
  const name = `schakel_own_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const server = new URL(shared);
  server.pathname = "/postgres";
  const admin = postgres(server.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const own = new URL(shared);
  own.pathname = `/${name}`;
  const url = own.toString();
  const handle = createDb({ url, max: 4 });
  await handle.migrate();
  return {
    url,
    handle: {
      ...handle,
      close: async () => {
        await handle.close();
        const drop = postgres(server.toString(), { max: 1, onnotice: () => {} });
        await drop.unsafe(`drop database if exists ${name} with (force)`);
        await drop.end();
      },
    },
  };
}
