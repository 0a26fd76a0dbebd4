import type { ServiceResponsiveness } from "../api/types";

/** One figure as the kaart shows it: a short value and what it means, in plain Dutch. */
export interface ResponsivenessFact {
  label: string;
  value: string;
  meaning: string;
}

export type ResponsivenessText =
  | { kind: "too-few"; text: string }
  | { kind: "figures"; facts: ResponsivenessFact[]; basis: string };

const decimal = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 1 });
const percent = (share: number) => `${Math.round(share * 100)}%`;
const workingDays = (days: number) => `${decimal.format(days)} ${days === 1 ? "werkdag" : "werkdagen"}`;

/**
 * The three responsiveness figures in plain Dutch, or "nog te weinig verwijzingen" while there
 * are fewer than the API's minimum.
 */
export function responsivenessText(r: ServiceResponsiveness): ResponsivenessText {
  const { figures } = r;
  if (!figures) {
    return {
      kind: "too-few",
      text: `Nog te weinig verwijzingen om te laten zien hoe snel deze dienst reageert. Dat kan vanaf ${r.minimumReferrals} verwijzingen via Schakel in de afgelopen 12 maanden.`,
    };
  }
  const median = figures.medianWorkingDays;
  const facts: ResponsivenessFact[] = [
    median === null
      ? {
          label: "Eerste reactie",
          value: "Nog niet bekend",
          meaning: "De dienst heeft nog op geen enkele verwijzing gereageerd.",
        }
      : {
          label: "Eerste reactie",
          value: median === 0 ? "Dezelfde werkdag" : `Na ${workingDays(median)}`,
          meaning:
            median === 0
              ? "De helft van de verwijzingen kreeg nog dezelfde werkdag een eerste reactie: aangenomen of afgewezen."
              : `De helft van de verwijzingen kreeg binnen ${workingDays(median)} een eerste reactie: aangenomen of afgewezen. Bij de andere helft duurde het langer.`,
        },
    figures.acceptedShare === null
      ? { label: "Aangenomen", value: "Nog niet bekend", meaning: "Er is nog geen verwijzing aangenomen of afgewezen." }
      : {
          label: "Aangenomen",
          value: percent(figures.acceptedShare),
          meaning: `Van de verwijzingen waarop de dienst reageerde, nam de dienst er ${percent(figures.acceptedShare)} aan.`,
        },
    figures.withinTargetShare === null
      ? { label: "Op tijd", value: "Nog niet bekend", meaning: "Van geen enkele verwijzing is de reactietermijn al voorbij." }
      : {
          label: "Op tijd",
          value: percent(figures.withinTargetShare),
          meaning: `${percent(figures.withinTargetShare)} van de verwijzingen kreeg een reactie binnen de termijn die de dienst belooft. Een verwijzing zonder reactie na die termijn telt als te laat.`,
        },
  ];
  return {
    kind: "figures",
    facts,
    basis: `Uit ${figures.referrals} ${figures.referrals === 1 ? "verwijzing" : "verwijzingen"} via Schakel in de afgelopen 12 maanden. Feestdagen en sluitingsdagen tellen niet als werkdag.`,
  };
}
