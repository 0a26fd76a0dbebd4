import { describe, expect, test } from "vitest";
import type { ServiceResponsiveness } from "../api/types";
import { responsivenessText } from "./responsiveness";

const base: ServiceResponsiveness = {
  serviceId: "8d6c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
  since: "2025-12-02T10:00:00Z",
  until: "2026-12-02T10:00:00Z",
  minimumReferrals: 5,
  figures: null,
};

describe("responsivenessText", () => {
  test("below the minimum: nog te weinig verwijzingen, and from how many on", () => {
    const text = responsivenessText(base);
    expect(text).toEqual({ kind: "too-few", text: expect.stringMatching(/^Nog te weinig verwijzingen .* vanaf 5 verwijzingen/) });
  });

  test("the three figures in plain Dutch, with what they mean", () => {
    const text = responsivenessText({
      ...base,
      figures: { referrals: 23, responded: 21, medianWorkingDays: 2.5, acceptedShare: 0.8095, withinTargetShare: 0.9 },
    });
    if (text.kind !== "figures") throw new Error("figures expected");
    expect(text.facts.map((f) => [f.label, f.value])).toEqual([
      ["Eerste reactie", "Na 2,5 werkdagen"],
      ["Aangenomen", "81%"],
      ["Op tijd", "90%"],
    ]);
    expect(text.facts[0]?.meaning).toBe(
      "De helft van de verwijzingen kreeg binnen 2,5 werkdagen een eerste reactie: aangenomen of afgewezen. Bij de andere helft duurde het langer.",
    );
    expect(text.facts[1]?.meaning).toBe("Van de verwijzingen waarop de dienst reageerde, nam de dienst er 81% aan.");
    expect(text.basis).toMatch(/^Uit 23 verwijzingen via Schakel in de afgelopen 12 maanden\./);
  });

  test("the same day, one working day, and figures not known yet", () => {
    const sameDay = responsivenessText({
      ...base,
      figures: { referrals: 5, responded: 5, medianWorkingDays: 0, acceptedShare: 1, withinTargetShare: 1 },
    });
    expect(sameDay.kind === "figures" && sameDay.facts[0]?.value).toBe("Dezelfde werkdag");
    const one = responsivenessText({
      ...base,
      figures: { referrals: 5, responded: 5, medianWorkingDays: 1, acceptedShare: 1, withinTargetShare: 1 },
    });
    expect(one.kind === "figures" && one.facts[0]?.value).toBe("Na 1 werkdag");
    const none = responsivenessText({
      ...base,
      figures: { referrals: 5, responded: 0, medianWorkingDays: null, acceptedShare: null, withinTargetShare: null },
    });
    expect(none.kind === "figures" && none.facts.map((f) => f.value)).toEqual([
      "Nog niet bekend",
      "Nog niet bekend",
      "Nog niet bekend",
    ]);
  });
});
