import { describe, expect, test } from "vitest";
import { actorText, eurosToCents, formatCents, ifMatch, isClosed, isoToLocal, localToIso, statusBadgeClass } from "./referrals";

describe("lib/referrals", () => {
  test("a datetime-local value becomes an instant and back, in the browser's time zone", () => {
    const iso = localToIso("2026-11-26T10:00");
    expect(iso).toBe(new Date(2026, 10, 26, 10, 0).toISOString());
    expect(isoToLocal(iso ?? "")).toBe("2026-11-26T10:00");
    expect(localToIso("")).toBeNull();
    expect(localToIso("morgen om tien")).toBeNull();
  });

  test("euros as typed in Dutch become cents; anything else is no amount", () => {
    expect(eurosToCents("2.500,50")).toBe(250050);
    expect(eurosToCents("€ 1.250")).toBe(125000);
    expect(eurosToCents("500")).toBe(50000);
    expect(eurosToCents("12,5")).toBe(1250);
    expect(eurosToCents("12,345")).toBeNull();
    expect(eurosToCents("veel")).toBeNull();
    expect(formatCents(125000)).toMatch(/€\s1\.250,00/);
  });

  test("If-Match is the version in quotes, as the ETag", () => {
    expect(ifMatch({ version: 7 })).toBe('"7"');
  });

  test("who did something, as this side may see it", () => {
    const org = { id: "o", name: "Plangroep" };
    const none = { apiToken: null };
    expect(actorText({ side: "receiver", organization: org, user: { id: "u", name: "Jan" }, ...none })).toBe("Jan (Plangroep)");
    expect(actorText({ side: "receiver", organization: org, user: null, ...none })).toBe("Plangroep");
    expect(actorText({ side: "system", organization: null, user: null, ...none })).toBe("Schakel");
    expect(actorText({ side: "receiver", organization: org, user: null, apiToken: { id: "t", name: "Zaaksysteem" } })).toBe(
      "Plangroep, via koppeling Zaaksysteem",
    );
  });

  test("closed statuses and their badges", () => {
    expect(isClosed("completed")).toBe(true);
    expect(isClosed("closed")).toBe(true);
    expect(isClosed("on_hold")).toBe(false);
    expect(isClosed("sent")).toBe(false);
    expect(statusBadgeClass("completed")).toContain("schakel-status--done");
    expect(statusBadgeClass("declined")).toContain("schakel-status--closed");
    expect(statusBadgeClass("on_hold")).toContain("schakel-status--paused");
    expect(statusBadgeClass("accepted")).toContain("schakel-status--open");
  });
});
