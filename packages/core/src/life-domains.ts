import { z } from "zod";

/** The life domains (leefgebieden) of the sociale kaart: the fixed list of the demo network. */
export const lifeDomains = [
  "schulden",
  "financien",
  "inkomen",
  "zorgverzekering",
  "gezondheid",
  "wonen",
  "energie",
  "voedsel",
  "werk",
  "administratie",
  "juridisch",
  "jongeren",
  "gezin-kinderen",
  "sociaal-netwerk",
] as const;
export type LifeDomain = (typeof lifeDomains)[number];

export const lifeDomainLabels: Record<LifeDomain, string> = {
  schulden: "Schulden",
  financien: "Geldzaken",
  inkomen: "Inkomen en toeslagen",
  zorgverzekering: "Zorgverzekering",
  gezondheid: "Gezondheid",
  wonen: "Wonen",
  energie: "Energie",
  voedsel: "Voedsel",
  werk: "Werk",
  administratie: "Administratie",
  juridisch: "Juridisch",
  jongeren: "Jongeren",
  "gezin-kinderen": "Gezin en kinderen",
  "sociaal-netwerk": "Sociaal netwerk",
};

export const lifeDomainDescriptions: Record<LifeDomain, string> = {
  schulden: "Hulp bij schulden en betalingsachterstanden",
  financien: "Hulp bij geld, budget en rondkomen",
  inkomen: "Uitkering, toeslagen en andere inkomsten",
  zorgverzekering: "Zorgpremie, CAK-regeling en zorgkosten",
  gezondheid: "Lichamelijke en psychische gezondheid",
  wonen: "Huur, huisvesting en dreigende uitzetting",
  energie: "Energierekening, afsluiting en energiebesparing",
  voedsel: "Voedselbank en andere hulp met eten",
  werk: "Werk, dagbesteding en ondernemen",
  administratie: "Post, formulieren en instanties",
  juridisch: "Recht, bewind en regelingen",
  jongeren: "Hulp voor jongeren en jongvolwassenen",
  "gezin-kinderen": "Hulp voor gezinnen en kinderen",
  "sociaal-netwerk": "Contact, buddy's en vrijwilligers",
};

export const LifeDomainSchema = z.enum(lifeDomains, { error: "Kies een bestaand leefgebied (zie /categories)." });
