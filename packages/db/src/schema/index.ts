export * from "./access-log";
export * from "./auth";
export * from "./mail";
export * from "./organizations";
export * from "./referrals";
export * from "./services";
export * from "./users";
