/** Kinds of organization in the network, as the demo network and the field name them. */
export const organizationKinds = [
  "gemeente",
  "wijkteam",
  "schuldhulpverlening",
  "fonds",
  "welzijn",
  "vrijwilligers",
  "voedselhulp",
  "zorgverzekeraar",
  "uitvoeringsorganisatie",
  "overig",
] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export const organizationKindLabels: Record<OrganizationKind, string> = {
  gemeente: "Gemeente",
  wijkteam: "Wijkteam",
  schuldhulpverlening: "Schuldhulpverlening",
  fonds: "Fonds",
  welzijn: "Welzijn",
  vrijwilligers: "Vrijwilligers",
  voedselhulp: "Voedselhulp",
  zorgverzekeraar: "Zorgverzekeraar",
  uitvoeringsorganisatie: "Uitvoeringsorganisatie",
  overig: "Overig",
};
