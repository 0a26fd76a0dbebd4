import { describe, expect, test } from "vitest";
import { NewPasswordSchema, normalizeEmail, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from "./accounts";
import {
  canChangeMembershipStatus,
  INVITATION_VALID_HOURS,
  invitationExpiresAt,
  type MembershipStatus,
  membershipStatuses,
} from "./memberships";
import { canManageMembers, roles } from "./roles";
import { LOGIN_THROTTLE, SESSION_ABSOLUTE_TIMEOUT_MS, SESSION_IDLE_TIMEOUT_MS } from "./sessions";

const HOUR = 60 * 60 * 1000;

describe("happy path", () => {
  test("an invitation is valid for exactly 72 hours from when it was issued", () => {
    expect(INVITATION_VALID_HOURS).toBe(72);
    const issued = new Date("2026-03-28T12:00:00Z"); // across the switch to summer time: still 72 real hours
    expect(invitationExpiresAt(issued).getTime() - issued.getTime()).toBe(72 * HOUR);
    expect(invitationExpiresAt(issued).toISOString()).toBe("2026-03-31T12:00:00.000Z");
  });

  test("invitationExpiresAt does not modify its argument", () => {
    const issued = new Date("2026-01-01T00:00:00Z");
    invitationExpiresAt(issued);
    expect(issued.toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });

  test("a hard-to-guess password of 12 to 256 characters is fine, whatever its composition", async () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(await passwordProblem("correct horse battery staple")).toBeNull();
    expect(await passwordProblem("fiets-lamp-wolk-koffie")).toBeNull();
    expect(await passwordProblem("Sterk-genoeg-2027!")).toBeNull();
  });

  test("normalizeEmail trims and lower-cases", () => {
    expect(normalizeEmail("  Sanne.de.Vries@Opr-Echt.Example ")).toBe("sanne.de.vries@opr-echt.example");
    expect(normalizeEmail("a@b.example")).toBe("a@b.example");
    expect(normalizeEmail(normalizeEmail(" X@Y.EXAMPLE "))).toBe("x@y.example");
  });

  test("sessions: 30 minutes idle, 12 hours at most; throttle 5 per account and 20 per address in 15 minutes", () => {
    expect(SESSION_IDLE_TIMEOUT_MS).toBe(30 * 60 * 1000);
    expect(SESSION_ABSOLUTE_TIMEOUT_MS).toBe(12 * HOUR);
    expect(LOGIN_THROTTLE).toEqual({
      windowMs: 15 * 60 * 1000,
      freeFailuresPerAccountAndAddress: 5,
      freeFailuresPerAddress: 20,
      firstDelayMs: 1000,
      maxDelayMs: 15 * 60 * 1000,
    });
  });
});

describe("errors", () => {
  test("a password shorter than 12 characters has a Dutch problem naming the minimum", async () => {
    expect(await passwordProblem("")).toMatch(/12/);
    expect(await passwordProblem("a".repeat(11))).toMatch(/minstens 12 tekens/);
  });

  test("a password that is easy to guess is refused in Dutch, saying why", async () => {
    expect(await passwordProblem("aaaaaaaaaaaa")).toMatch(
      /^Herhalende letters zoals "aaa" zijn makkelijk te raden\. Kies een wachtwoord/,
    );
    expect(await passwordProblem("x".repeat(PASSWORD_MAX_LENGTH))).toMatch(/Herhalende letters/);
    expect(await passwordProblem("qwertyuiop12")).toMatch(/veelvoorkomend wachtwoord/);
    expect(await passwordProblem("wachtwoord123")).toMatch(/te makkelijk te raden/);
    expect(await passwordProblem("Welkom012345")).toMatch(/moeilijker te raden/);
  });

  test("a password made of the person's own e-mail address or name is refused", async () => {
    const email = "sanne.devries@opr-echt.example";
    expect(await passwordProblem(email)).toBeNull();
    expect(await passwordProblem(email, [email, "Sanne de Vries"])).toMatch(/^Vermijd persoonlijke .* moeilijker te raden/);
  });

  test("a password longer than 256 characters has a problem naming the maximum", async () => {
    expect(await passwordProblem("a".repeat(PASSWORD_MAX_LENGTH + 1))).toMatch(/256/);
  });

  test("an invited member is never activated by an admin", () => {
    expect(canChangeMembershipStatus("invited", "active")).toBe(false);
    expect(canChangeMembershipStatus("active", "invited")).toBe(false);
    expect(canChangeMembershipStatus("deactivated", "invited")).toBe(false);
  });
});

describe("authorisation", () => {
  test("the whole membership status transition table", () => {
    const allowed: Record<MembershipStatus, MembershipStatus[]> = {
      invited: ["invited", "deactivated"],
      active: ["active", "deactivated"],
      deactivated: ["deactivated", "active"],
    };
    for (const from of membershipStatuses) {
      for (const to of membershipStatuses) {
        expect(canChangeMembershipStatus(from, to), `${from} → ${to}`).toBe(allowed[from].includes(to));
      }
    }
  });

  test("only admins manage members", () => {
    expect(roles.filter(canManageMembers)).toEqual(["admin"]);
    expect(canManageMembers("worker")).toBe(false);
    expect(canManageMembers("coordinator")).toBe(false);
  });
});

describe("NewPasswordSchema", () => {
  test("a new password has 12 to 256 characters", () => {
    for (const length of [0, 11, 12, 13, 255, 256, 257]) {
      expect(NewPasswordSchema.safeParse("p".repeat(length)).success).toBe(length >= 12 && length <= 256);
    }
    expect(NewPasswordSchema.safeParse("kort").error?.issues[0]?.message).toBe("Kies een wachtwoord van minstens 12 tekens.");
  });
});
