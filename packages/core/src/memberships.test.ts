import { describe, expect, test } from "vitest";
import { InvitationAcceptanceSchema, MemberInviteSchema, MemberUpdateSchema } from "./memberships";
import { canManageResidentPrivacy, caseworkerRoles, isCaseworker, roles } from "./roles";

const issues = (
  schema: { safeParse: (v: unknown) => { error?: { issues: { path: PropertyKey[]; message: string }[] } } },
  input: unknown,
) => Object.fromEntries((schema.safeParse(input).error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("MemberInviteSchema", () => {
  test("an address, a name and a role; the address loses its spaces", () => {
    expect(MemberInviteSchema.parse({ email: " sanne@opr-echt.example ", name: " Sanne de Vries ", role: "worker" })).toEqual({
      email: "sanne@opr-echt.example",
      name: "Sanne de Vries",
      role: "worker",
    });
  });

  test("each rule, with its Dutch message at the field", () => {
    const valid = { email: "sanne@opr-echt.example", name: "Sanne", role: "admin" };
    expect(issues(MemberInviteSchema, { ...valid, email: "sanne" })).toEqual({ email: "Vul een geldig e-mailadres in." });
    expect(issues(MemberInviteSchema, { ...valid, name: "  " })).toEqual({ name: "Vul een naam in." });
    expect(issues(MemberInviteSchema, { ...valid, name: "x".repeat(201) })).toEqual({ name: "Gebruik hoogstens 200 tekens." });
    expect(issues(MemberInviteSchema, { ...valid, role: "owner" })).toEqual({
      role: "Kies een rol: medewerker, beheerder of netwerkcoördinator.",
    });
  });
});

describe("MemberUpdateSchema", () => {
  test("a new role, a new status, or both; never neither", () => {
    expect(issues(MemberUpdateSchema, { role: "admin" })).toEqual({});
    expect(issues(MemberUpdateSchema, { status: "deactivated" })).toEqual({});
    expect(issues(MemberUpdateSchema, { role: "worker", status: "active" })).toEqual({});
    expect(issues(MemberUpdateSchema, {})).toEqual({ "": "Geef een rol of status op." });
  });

  test("an admin cannot set a member to invited", () => {
    expect(issues(MemberUpdateSchema, { status: "invited" })).toEqual({ status: "Kies actief of gedeactiveerd." });
  });
});

describe("InvitationAcceptanceSchema", () => {
  test("the token from the link and a password of at most 256 characters", () => {
    expect(issues(InvitationAcceptanceSchema, { token: "q1W2e3R4t5Y6u7I8o9P0", password: "een lang wachtwoord" })).toEqual({});
    expect(issues(InvitationAcceptanceSchema, { token: "kort", password: "x" })).toEqual({
      token: "Deze uitnodigingslink is niet compleet.",
    });
    expect(issues(InvitationAcceptanceSchema, { token: "q1W2e3R4t5Y6u7I8o9P0", password: "x".repeat(257) })).toEqual({
      password: "Kies een wachtwoord van hoogstens 256 tekens.",
    });
  });
});

describe("role predicates", () => {
  test("workers and admins work on cases; coordinators see aggregates only", () => {
    expect(roles.filter(isCaseworker)).toEqual([...caseworkerRoles]);
    expect(isCaseworker("coordinator")).toBe(false);
  });

  test("only admins manage a resident's privacy (access log, inzage, erasure)", () => {
    expect(roles.filter(canManageResidentPrivacy)).toEqual(["admin"]);
  });
});
