export * from "./accounts";
export * from "./life-domains";
export * from "./memberships";
export * from "./organizations";
export * from "./roles";
export * from "./search";
export * from "./services";
export * from "./sessions";
