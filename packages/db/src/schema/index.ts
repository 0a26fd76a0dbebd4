export * from "./access-log";
export * from "./auth";
export * from "./organizations";
export * from "./users";
