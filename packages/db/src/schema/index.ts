export * from "./access-log";
export * from "./auth";
export * from "./organizations";
export * from "./services";
export * from "./users";
