import { createDb } from "@schakel/db";
import { parseEnv } from "./env";

const env = parseEnv();
const handle = env.DATABASE_URL ? createDb({ url: env.DATABASE_URL }) : createDb({ dataDir: env.DATA_DIR });
await handle.migrate();
await handle.close();
console.log("Migraties toegepast.");
