export * from "./accounts";
export * from "./memberships";
export * from "./organizations";
export * from "./roles";
export * from "./sessions";
