import { transitionFieldProblems } from "@schakel/core";
import { describe, expect, test } from "vitest";
import { emptyMove, MoveFormSchema } from "./move-form";

const issues = (input: unknown) => {
  const result = MoveFormSchema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("the move form", () => {
  test("core's rules, word for word: a reason to decline or pause, an outcome to complete", () => {
    expect(issues(emptyMove("declined"))).toEqual({ reason: transitionFieldProblems({ to: "declined" }).reason });
    expect(issues(emptyMove("on_hold"))).toEqual({ reason: transitionFieldProblems({ to: "on_hold" }).reason });
    expect(issues(emptyMove("completed"))).toEqual({ outcome: "Kies de uitkomst: geholpen of niet geholpen." });
    expect(issues(emptyMove("accepted"))).toEqual({});
  });

  test("typed euros become cents; anything else is named on the field", () => {
    expect(MoveFormSchema.parse({ ...emptyMove("completed"), outcome: "helped", moneyOutcomeCents: "1.250" })).toEqual({
      to: "completed",
      outcome: "helped",
      moneyOutcomeCents: 125000,
    });
    expect(issues({ ...emptyMove("completed"), outcome: "helped", moneyOutcomeCents: "veel" })).toEqual({
      moneyOutcomeCents: "Vul een bedrag in euro's in, zoals 500 of 1.250,50.",
    });
  });

  test("only what belongs to the move is sent, trimmed", () => {
    expect(
      MoveFormSchema.parse({
        ...emptyMove("declined"),
        reason: " Past niet ",
        note: " ",
        suggestedServiceId: "",
        outcome: "helped",
      }),
    ).toEqual({ to: "declined", reason: "Past niet" });
    expect(MoveFormSchema.parse({ ...emptyMove("accepted"), reason: "vergeten", note: "Graag" })).toEqual({
      to: "accepted",
      note: "Graag",
    });
  });

  test("core's length limit on the note shows before sending", () => {
    expect(issues({ ...emptyMove("accepted"), note: "x".repeat(1001) })).toEqual({ note: "Gebruik hoogstens 1000 tekens." });
  });
});
