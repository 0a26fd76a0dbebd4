import { dataCategoryLabels } from "@schakel/core";
import { describe, expect, test } from "vitest";
import { formatDateTime } from "../../lib/format";
import {
  clearedText,
  fieldLabel,
  formatValue,
  inzageBlob,
  inzageFileName,
  inzageGroups,
  isErased,
  namesOf,
  openReferrals,
  type ResidentExport,
} from "./inzage";

const RESIDENT = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
const SENDER = "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f";
const RECEIVER = "7e6d5c4b-3a2f-4e1d-8c0b-9a8f7e6d5c4b";
const SERVICE = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";

const exported = (overrides: Partial<ResidentExport> = {}): ResidentExport => ({
  residentId: RESIDENT,
  exportedAt: "2026-11-23T10:15:00Z",
  scope: "complete",
  side: null,
  explanation: "Dit is alles wat Schakel over deze inwoner bewaart.",
  holder: { id: SENDER, name: "Wijkteam Noord" },
  resident: {
    id: RESIDENT,
    organizationId: SENDER,
    name: "Fenna Zwartveld",
    birthDate: null,
    preferredChannel: "whatsapp",
    anonymizedAt: null,
    createdAt: "2026-11-20T09:00:00Z",
  },
  records: {
    consents: [
      {
        id: "c1",
        receivingOrganizationId: RECEIVER,
        purpose: "Aanmelding voor schuldhulp",
        dataCategories: ["contact", "finances"],
        recordedAt: "2026-11-20T09:05:00Z",
      },
    ],
    referrals: [
      {
        id: "r1",
        serviceId: SERVICE,
        status: "accepted",
        categoryNotes: { finances: "Bijstand" },
        createdAt: "2026-11-20T09:10:00Z",
        referralEvents: [{ id: "e1", type: "status_changed", toStatus: "sent", at: "2026-11-20T09:10:00Z" }],
        contactAttempts: [],
        driegesprekken: [],
      },
      { id: "r2", serviceId: SERVICE, status: "closed", createdAt: "2026-10-01T09:10:00Z" },
    ],
  },
  organizations: [
    { id: SENDER, name: "Wijkteam Noord" },
    { id: RECEIVER, name: "Schuldhulp Oost" },
  ],
  services: [{ id: SERVICE, name: "Budgetcoaching" }],
  accessLog: [],
  notIncluded: [{ table: "notifications", reason: "Meldingen aan medewerkers." }],
  ...overrides,
});

describe("inzageGroups", () => {
  test("the resident first, then each kind of record, referrals with what happened on them", () => {
    const groups = inzageGroups(exported());
    expect(groups.map((g) => g.title)).toEqual(["Gegevens van de inwoner", "Toestemmingen", "Verwijzingen"]);
    const [resident, consents, referrals] = groups;
    expect(resident?.records[0]?.fields).toContainEqual({ key: "name", label: "Naam", value: "Fenna Zwartveld" });
    expect(resident?.records[0]?.fields).toContainEqual({ key: "preferredChannel", label: "Bereikbaar via", value: "WhatsApp" });
    expect(resident?.records[0]?.fields).toContainEqual({ key: "birthDate", label: "Geboortedatum", value: "(leeg)" });
    expect(resident?.records[0]?.fields).toContainEqual({
      key: "organizationId",
      label: "Vastgelegd door",
      value: "Wijkteam Noord",
    });
    expect(consents?.records[0]?.title).toBe("Toestemming voor Schuldhulp Oost, vastgelegd op 20 november 2026");
    expect(consents?.records[0]?.fields).toContainEqual({
      key: "dataCategories",
      label: "Gegevens",
      value: `${dataCategoryLabels.contact}, ${dataCategoryLabels.finances}`,
    });
    const referral = referrals?.records[0];
    expect(referral?.title).toBe("Verwijzing naar Budgetcoaching van 20 november 2026");
    expect(referral?.fields).toContainEqual({ key: "status", label: "Status", value: "Geaccepteerd" });
    expect(referral?.fields).toContainEqual({
      key: "categoryNotes",
      label: "Toelichting per soort gegevens",
      value: "Inkomen en uitgaven: Bijstand",
    });
    expect(referral?.groups.map((g) => [g.title, g.records.length])).toEqual([
      ["Verloop", 1],
      ["Contactpogingen", 0],
      ["Driegesprek", 0],
    ]);
    expect(referral?.groups[0]?.records[0]?.title).toBe(`Status veranderd op ${formatDateTime("2026-11-20T09:10:00Z")}`);
  });

  test("a column or table without a Dutch label is shown by its name, never dropped", () => {
    const groups = inzageGroups(exported({ records: { signals: [{ id: "s1", shoeSize: 43 }] } }));
    expect(groups[1]).toMatchObject({ title: "signals", records: [{ title: "signals 1" }] });
    expect(groups[1]?.records[0]?.fields).toContainEqual({ key: "shoeSize", label: "shoeSize", value: "43" });
    expect(fieldLabel("shoeSize")).toBe("shoeSize");
  });
});

describe("formatValue", () => {
  const names = namesOf(exported());
  test("dates in Dutch, codes by label, ids of organisations and services by name", () => {
    expect(formatValue("validUntil", "2027-05-20T22:00:00Z", names)).toBe(formatDateTime("2027-05-20T22:00:00Z"));
    expect(formatDateTime("2027-05-20T22:00:00Z")).toMatch(/^2[01] mei om \d\d:00$/);
    expect(formatValue("birthDate", "1987-03-04", names)).toBe("4 maart 1987");
    expect(formatValue("receivingOrganizationId", RECEIVER, names)).toBe("Schuldhulp Oost");
    expect(formatValue("receivingOrganizationId", "onbekend-id", names)).toBe("onbekend-id");
    expect(formatValue("serviceId", SERVICE, names)).toBe("Budgetcoaching");
    expect(formatValue("safetyFlag", false, names)).toBe("Nee");
    expect(formatValue("lifeDomains", [], names)).toBe("(geen)");
    expect(formatValue("note", "", names)).toBe("(leeg)");
  });
});

describe("erasure facts", () => {
  test("open referrals are counted with core's open statuses; an erased resident is recognised", () => {
    expect(openReferrals(exported())).toBe(1);
    expect(openReferrals(exported({ records: {} }))).toBe(0);
    expect(isErased(exported())).toBe(false);
    expect(isErased(exported({ resident: { id: RESIDENT, name: "Geanonimiseerd", anonymizedAt: "2026-11-24T08:00:00Z" } }))).toBe(
      true,
    );
  });

  test("clearedText names the rows cleared per table in a sentence", () => {
    expect(clearedText({ residents: 1, consents: 2, referrals: 0, referralEvents: 7 })).toBe(
      "1 inwoner, 2 toestemmingen en 7 stappen in het verloop",
    );
    expect(clearedText({ residents: 1 })).toBe("1 inwoner");
    expect(clearedText({})).toBe("niets");
  });
});

describe("the download", () => {
  test("a JSON file of the export as sent, named by the resident's number only", async () => {
    const data = exported();
    expect(inzageFileName(RESIDENT)).toBe(`inzage-volledig-${RESIDENT}.json`);
    expect(inzageFileName(RESIDENT)).not.toMatch(/zwartveld/i);
    const blob = inzageBlob(data);
    expect(blob.type).toBe("application/json");
    // jsdom's Blob has no text(); its FileReader reads it.
    const text = await new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error);
      reader.readAsText(blob);
    });
    expect(JSON.parse(text)).toEqual(data);
  });
});
