import { describe, expect, test } from "vitest";
import { emptyPartnerMove, isLinkRefusal, PartnerMoveFormSchema, tokenFromHash } from "./partner-move-form";

describe("the partner page's form", () => {
  test("declining needs a reason; completing needs an outcome and takes euros as cents", () => {
    const decline = PartnerMoveFormSchema.safeParse(emptyPartnerMove("declined"));
    expect(decline.success).toBe(false);
    expect(decline.error?.issues.map((i) => i.path.join("."))).toEqual(["reason"]);
    expect(PartnerMoveFormSchema.parse({ ...emptyPartnerMove("declined"), reason: "Vol" })).toEqual({
      to: "declined",
      reason: "Vol",
    });

    expect(PartnerMoveFormSchema.safeParse(emptyPartnerMove("completed")).error?.issues[0]?.path).toEqual(["outcome"]);
    expect(
      PartnerMoveFormSchema.parse({ ...emptyPartnerMove("completed"), outcome: "helped", moneyOutcomeCents: "1.250,50" }),
    ).toEqual({ to: "completed", outcome: "helped", moneyOutcomeCents: 125050 });
    expect(
      PartnerMoveFormSchema.safeParse({ ...emptyPartnerMove("completed"), outcome: "helped", moneyOutcomeCents: "veel" }).error
        ?.issues[0]?.path,
    ).toEqual(["moneyOutcomeCents"]);
  });

  test("contact made says how; other steps send only the step", () => {
    expect(PartnerMoveFormSchema.parse({ ...emptyPartnerMove("in_contact"), channel: "home_visit" })).toEqual({
      to: "in_contact",
      channel: "home_visit",
    });
    expect(PartnerMoveFormSchema.parse({ ...emptyPartnerMove("accepted"), reason: "typed before" })).toEqual({ to: "accepted" });
  });

  test("the token comes from the fragment only, and only when it looks like one", () => {
    expect(tokenFromHash("#t=q3Vb0kH6m2pX9rT1sY4uW7zA8cD")).toBe("q3Vb0kH6m2pX9rT1sY4uW7zA8cD");
    expect(tokenFromHash("")).toBeNull();
    expect(tokenFromHash("#t=kort")).toBeNull();
    expect(tokenFromHash("#t=<script>alert(1)</script>aaaaaaaaaaaaaaaa")).toBeNull();
  });

  test("knows a refused link from other problems", () => {
    expect(isLinkRefusal("https://schakel.example/problems/partner-link-moved-on")).toBe(true);
    expect(isLinkRefusal("https://schakel.example/problems/partner-link-unknown")).toBe(true);
    expect(isLinkRefusal("https://schakel.example/problems/conflict")).toBe(false);
  });
});
