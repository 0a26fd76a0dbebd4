export { createDb, type Database, type DbHandle, type DbOptions, MIGRATIONS_DIR } from "./client";
export * from "./personal-data";
export { queryRows } from "./query";
export { fromMultirange, toMultirange } from "./ranges";
export * from "./schema/index";
export { DEMO_NETWORK_ADMIN, type DemoLogin, seedDemoNetwork, seedMunicipalities } from "./seed";
