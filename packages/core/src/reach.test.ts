import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { preferredChannels } from "./contact";
import { checkContactRoute, contactRouteProblem, contactSharingProblem, detailForChannel, reachRoute } from "./reach";

const none = { phone: null, email: null, address: null, preferredChannel: null, reachableViaSender: false };

describe("contactRouteProblem", () => {
  test("WhatsApp and telefoon need a phone number, e-mail an address, brief and huisbezoek a street", () => {
    expect(contactRouteProblem({ ...none, preferredChannel: "whatsapp", email: "sam@example.org" })).toEqual({
      field: "phone",
      message: "Vul een telefoonnummer in: de inwoner wil contact via WhatsApp. Of kies 'Bereikbaar via mij'.",
    });
    expect(contactRouteProblem({ ...none, preferredChannel: "telefoon", phone: "06-12345678" })).toBeNull();
    expect(contactRouteProblem({ ...none, preferredChannel: "email", phone: "06-12345678" })?.field).toBe("email");
    expect(contactRouteProblem({ ...none, preferredChannel: "brief", phone: "06-12345678" })?.field).toBe("address");
    expect(contactRouteProblem({ ...none, preferredChannel: "huisbezoek", address: "Dorpsstraat 1" })).toBeNull();
  });

  test("blank text is no detail", () => {
    expect(contactRouteProblem({ ...none, preferredChannel: "telefoon", phone: "   " })?.field).toBe("phone");
    expect(contactRouteProblem({ ...none, email: " " })?.message).toMatch(/telefoonnummer, e-mailadres of adres/);
  });

  test("without a preference any one detail will do", () => {
    expect(contactRouteProblem(none)?.field).toBe("phone");
    expect(contactRouteProblem({ ...none, email: "sam@example.org" })).toBeNull();
    expect(contactRouteProblem({ ...none, address: "Dorpsstraat 1" })).toBeNull();
  });

  test("'Bereikbaar via mij' is always a way, and the detail the channel needs always is one", () => {
    fc.assert(
      fc.property(fc.constantFrom(...preferredChannels), (channel) => {
        expect(contactRouteProblem({ ...none, preferredChannel: channel, reachableViaSender: true })).toBeNull();
        expect(contactRouteProblem({ ...none, preferredChannel: channel, [detailForChannel[channel]]: "x" })).toBeNull();
        expect(contactRouteProblem({ ...none, preferredChannel: channel })?.field).toBe(detailForChannel[channel]);
      }),
    );
  });

  test("as a refinement it reports on the missing detail", () => {
    const schema = z
      .object({
        phone: z.string().nullable(),
        email: z.string().nullable(),
        address: z.string().nullable(),
        preferredChannel: z.enum(preferredChannels).nullable(),
        reachableViaSender: z.boolean(),
      })
      .superRefine(checkContactRoute);
    const result = schema.safeParse({ ...none, preferredChannel: "email" });
    expect(result.error?.issues.map((i) => i.path)).toEqual([["email"]]);
    expect(schema.safeParse({ ...none, preferredChannel: "email", reachableViaSender: true }).success).toBe(true);
  });
});

describe("contactSharingProblem and reachRoute", () => {
  test("without contact data shared only the referring worker is a way", () => {
    expect(contactSharingProblem({ dataCategories: ["request"], reachableViaSender: false })).toMatch(/Bereikbaar via mij/);
    expect(contactSharingProblem({ dataCategories: ["request"], reachableViaSender: true })).toBeNull();
    expect(contactSharingProblem({ dataCategories: ["contact"], reachableViaSender: false })).toBeNull();
  });

  test("the receiver goes through the sender when chosen or when it may not see the contact details", () => {
    expect(reachRoute({ reachableViaSender: false, seesContact: true })).toBe("resident");
    expect(reachRoute({ reachableViaSender: true, seesContact: true })).toBe("sender");
    expect(reachRoute({ reachableViaSender: false, seesContact: false })).toBe("sender");
  });
});
