export {
  createDb,
  type Database,
  type DbHandle,
  type DbOptions,
  DEFAULT_CONNECT_TIMEOUT_SECONDS,
  DEFAULT_STATEMENT_TIMEOUT_SECONDS,
  MIGRATIONS_DIR,
} from "./client";
export * from "./personal-data";
export { queryRows } from "./query";
export { fromMultirange, toMultirange } from "./ranges";
export * from "./schema/index";
export { DEMO_NETWORK_ADMIN, type DemoLogin, seedDemoNetwork, seedMunicipalities } from "./seed";
