/**
 * The municipalities of the demo network (CBS codes), for the area select and to show names. The
 * API has no municipality list yet; a code not in this list is shown as the code itself.
 */
export const municipalities: readonly { code: string; name: string }[] = [
  { code: "GM0363", name: "Amsterdam" },
  { code: "GM0202", name: "Arnhem" },
  { code: "GM0147", name: "Borne" },
  { code: "GM0518", name: "Den Haag" },
  { code: "GM0153", name: "Enschede" },
  { code: "GM0392", name: "Haarlem" },
  { code: "GM0158", name: "Haaksbergen" },
  { code: "GM0164", name: "Hengelo" },
  { code: "GM1735", name: "Hof van Twente" },
  { code: "GM1952", name: "Midden-Groningen" },
].sort((a, b) => a.name.localeCompare(b.name, "nl"));

const names = new Map<string, string>(municipalities.map((m) => [m.code, m.name]));

export function municipalityName(code: string): string {
  return names.get(code) ?? code;
}

export function isKnownMunicipality(code: string): boolean {
  return names.has(code);
}
