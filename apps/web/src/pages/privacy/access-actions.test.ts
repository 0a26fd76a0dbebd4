import { lawfulBasisLabels } from "@schakel/core";
import { describe, expect, test } from "vitest";
import {
  accessActionLabel,
  accessActionOptions,
  actorLabel,
  reasonLabel,
  residentsOf,
  shortId,
  subjectTypeLabel,
} from "./access-actions";

describe("kinds of access in Dutch", () => {
  test("known kinds by their label, an unknown kind by its code so nothing is hidden", () => {
    expect(accessActionLabel("referral.read")).toBe("Verwijzing bekeken");
    expect(accessActionLabel("resident.erase")).toBe("Gegevens van een inwoner gewist");
    expect(accessActionLabel("webhook.deliver")).toBe("Andere toegang (webhook.deliver)");
    expect(accessActionOptions).toContainEqual({
      value: "resident.export.complete",
      label: "Volledige inzage gemaakt (alles over een inwoner, AVG art. 15)",
    });
    expect(new Set(accessActionOptions.map((o) => o.label)).size, "every label tells its kind apart").toBe(
      accessActionOptions.length,
    );
  });

  test("subject kinds and actors", () => {
    expect(subjectTypeLabel("organization")).toBe("organisatie");
    expect(subjectTypeLabel("consent")).toBe("consent");
    expect(
      actorLabel({ user: { id: "u", name: "Sanne de Vries" }, apiToken: null, organization: { id: "o", name: "Opr€cht" } }),
    ).toBe("Sanne de Vries (Opr€cht)");
    expect(actorLabel({ user: null, apiToken: null, organization: null })).toBe("Schakel zelf");
    expect(
      actorLabel({ user: null, apiToken: { id: "t", name: "Zaaksysteem" }, organization: { id: "o", name: "Opr€cht" } }),
    ).toBe("Via koppeling Zaaksysteem (Opr€cht)");
  });

  test("a partner without an account, working from a mailed link, is shown as via maillink", () => {
    const voedselbank = { user: null, apiToken: null, organization: { id: "o", name: "Voedselbank" } };
    expect(actorLabel(voedselbank, { partnerLinkId: "l1", referralId: "r1" })).toBe("via maillink (Voedselbank)");
    expect(actorLabel(voedselbank, { referralId: "r1" })).toBe("Schakel zelf (Voedselbank)");
    expect(accessActionLabel("partner_link.move")).toBe("Status van een verwijzing veranderd via maillink (zonder account)");
    expect(subjectTypeLabel("referral")).toBe("verwijzing");
  });

  test("residentsOf: the subject, or the residents named on a list", () => {
    expect(residentsOf({ subjectType: "resident", subjectId: "r1", details: null })).toEqual(["r1"]);
    expect(residentsOf({ subjectType: "resident", subjectId: null, details: { residentIds: ["r1", 7, "r2"] } })).toEqual([
      "r1",
      "r2",
    ]);
    expect(residentsOf({ subjectType: "organization", subjectId: "o1", details: null })).toEqual([]);
    expect(shortId("1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f")).toBe("1c2d3e4f");
  });

  test("reasonLabel: a lawful basis by core's label, any other reason as written", () => {
    expect(reasonLabel("consent")).toBe(lawfulBasisLabels.consent);
    expect(reasonLabel("wgs_task")).toBe(lawfulBasisLabels.wgs_task);
    expect(reasonLabel("inzageverzoek (AVG art. 15)")).toBe("inzageverzoek (AVG art. 15)");
  });
});
