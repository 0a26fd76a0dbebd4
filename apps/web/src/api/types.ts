import type { Problem, Schemas } from "@schakel/api-client";

/** Names for the contract's schemas the pages use (generated types; nothing here is written by hand). */

export type { Problem };
export type Me = Schemas["Me"];
export type Membership = Schemas["MembershipSummary"];
export type Member = Schemas["Member"];
export type Role = Member["role"];
export type Service = Schemas["Service"];
export type ServiceCreate = Schemas["ServiceCreate"];
export type ServiceUpdate = Schemas["ServiceUpdate"];
export type ServiceSearch = Schemas["ServiceSearch"];
export type ServiceSearchResult = Schemas["ServiceSearchResult"];
export type TextSegment = Schemas["TextSegment"];
export type ContactChannel = Schemas["ContactChannel"];
export type ContactChannelKind = ContactChannel["kind"];
export type PostcodeRange = Schemas["PostcodeRange"];
export type ServiceResponsiveness = Schemas["ServiceResponsiveness"];
export type OrganizationSettings = Schemas["OrganizationSettings"];
export type ClosingDay = Schemas["ClosingDay"];
export type ApiToken = Schemas["ApiToken"];
export type ApiTokenCreated = Schemas["ApiTokenCreated"];
