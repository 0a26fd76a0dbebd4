// With DATABASE_URL set, the suite runs against that PostgreSQL server: migrate it once here.
// Without it, each test file migrates its own in-memory PGlite (packages/db/src/testing).
import { createDb } from "@schakel/db";

export async function setup() {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const handle = createDb({ url, max: 1 });
  try {
    await handle.migrate();
  } finally {
    await handle.close();
  }
}
