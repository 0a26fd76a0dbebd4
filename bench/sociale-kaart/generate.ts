/**
 * Generates a realistic national sociale kaart: organizations and services with Dutch names and
 * descriptions, all life domains, every municipality, varied target groups. Deterministic for a
 * given seed, so runs are comparable.
 */
import { type LifeDomain, lifeDomainLabels } from "@schakel/core";
import type { BenchMunicipality } from "./municipalities";

/** mulberry32: small, fast, seedable. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, pick, int, chance: (p: number) => next() < p };
}

interface Theme {
  domains: LifeDomain[];
  names: string[];
  sentences: string[];
}

const themes: Theme[] = [
  {
    domains: ["schulden", "financien"],
    names: [
      "Schuldhulpverlening",
      "Schulddienstverlening",
      "Schuldregeling",
      "Hulp bij schulden",
      "Schuldhulpmaatje",
      "Vroegsignalering schulden",
    ],
    sentences: [
      "Wij helpen inwoners met problematische schulden op weg naar een schuldenvrije toekomst.",
      "Samen maken we een overzicht van alle schuldeisers en een plan van aanpak.",
      "Bij een betalingsachterstand nemen we snel contact op, nog voordat de schuld groeit.",
      "We regelen een betalingsregeling of een minnelijke schuldregeling.",
      "Een vrijwilliger helpt met het ordenen van rekeningen en brieven van incassobureaus.",
    ],
  },
  {
    domains: ["financien", "administratie"],
    names: [
      "Budgetcoaching",
      "Thuisadministratie",
      "Geldzaken op orde",
      "Budgetbeheer",
      "Formulierenhulp",
      "Spreekuur geldzaken",
    ],
    sentences: [
      "Een budgetcoach maakt samen met u een overzicht van inkomsten en uitgaven.",
      "Hulp bij het invullen van formulieren en het ordenen van post.",
      "Wij leren u hoe u rondkomt van uw budget en onverwachte kosten opvangt.",
      "Bij budgetbeheer betalen wij de vaste lasten voor u, zodat er rust komt.",
    ],
  },
  {
    domains: ["inkomen", "financien"],
    names: [
      "Toeslagenhulp",
      "Voorzieningenwijzer",
      "Inkomenscheck",
      "Bijzondere bijstand",
      "Minimaregelingen",
      "Belastingaangifte hulp",
    ],
    sentences: [
      "We kijken welke toeslagen en regelingen u kunt krijgen, zoals huurtoeslag en zorgtoeslag.",
      "Een adviseur komt thuis en zoekt uit waar u recht op hebt.",
      "Wie een laag inkomen heeft, kan bijzondere bijstand aanvragen voor noodzakelijke kosten.",
      "Hulp bij de belastingaangifte en het aanvragen van voorlopige teruggaaf.",
    ],
  },
  {
    domains: ["zorgverzekering", "schulden"],
    names: ["Hulp bij zorgpremie", "Uit de wanbetalersregeling", "Zorgverzekering op orde", "CAK-regeling hulp"],
    sentences: [
      "Wie de zorgpremie niet betaalt, komt in de wanbetalersregeling van het CAK.",
      "Wij helpen met een betalingsregeling bij de zorgverzekeraar.",
      "Samen kiezen we een passende zorgverzekering en gemeentepolis.",
    ],
  },
  {
    domains: ["voedsel"],
    names: ["Voedselbank", "Voedselpakketten", "Sociale supermarkt", "Maaltijdhulp", "Boodschappenbon"],
    sentences: [
      "Huishoudens die niet genoeg geld hebben voor eten krijgen wekelijks een voedselpakket.",
      "In de sociale supermarkt doet u boodschappen tegen een lage prijs.",
      "Een gezamenlijke maaltijd in de buurt, met aandacht voor elkaar.",
    ],
  },
  {
    domains: ["wonen", "schulden"],
    names: ["Huurteam", "Hulp bij huurachterstand", "Voorkomen huisuitzetting", "Woonbegeleiding"],
    sentences: [
      "Bij een huurachterstand zoeken wij samen met de verhuurder naar een oplossing.",
      "We voorkomen een ontruiming door snel een betalingsregeling te treffen.",
      "Het huurteam controleert of uw huur niet te hoog is.",
    ],
  },
  {
    domains: ["energie", "financien"],
    names: ["Energiecoach", "Energiefonds", "Hulp bij energierekening", "Energiebox"],
    sentences: [
      "Een energiecoach geeft tips om energie te besparen en de rekening omlaag te brengen.",
      "Bij een dreigende afsluiting van gas of stroom helpen we direct.",
      "Het energiefonds betaalt een deel van de energierekening voor huishoudens met een laag inkomen.",
    ],
  },
  {
    domains: ["jongeren", "schulden", "werk"],
    names: ["Jongerenloket", "Jongerencoach", "Schuldenvrij jong", "Startersbegeleiding", "Jongeren Perspectief"],
    sentences: [
      "Jongeren met schulden krijgen een vaste coach die meedenkt over school, werk en geld.",
      "Voor jongvolwassenen die zelfstandig gaan wonen en willen leren rondkomen.",
      "We helpen jongeren naar werk of een opleiding en ruimen samen de schulden op.",
    ],
  },
  {
    domains: ["gezin-kinderen", "financien"],
    names: ["Stichting Leergeld", "Jeugdfonds sport en cultuur", "Verjaardagsbox", "Kindpakket", "Gezinscoach"],
    sentences: [
      "Kinderen uit gezinnen met weinig geld kunnen toch sporten, zwemles volgen of op schoolreis.",
      "Een gezinscoach ondersteunt ouders bij opvoeding en geldzorgen.",
      "Voor schoolspullen, een fiets of een laptop voor school.",
    ],
  },
  {
    domains: ["sociaal-netwerk"],
    names: ["Maatjesproject", "Buurtkamer", "Vrijwillige thuishulp", "Ontmoetingscentrum", "Buddy"],
    sentences: [
      "Een vrijwilliger komt regelmatig langs voor een praatje en praktische hulp.",
      "In de buurtkamer ontmoet u buurtgenoten en kunt u terecht met vragen.",
      "Een buddy helpt u weer contacten op te bouwen.",
    ],
  },
  {
    domains: ["juridisch", "schulden"],
    names: ["Sociaal raadslieden", "Juridisch loket", "Beschermingsbewind", "Rechtshulp"],
    sentences: [
      "Gratis advies over recht, uitkeringen, contracten en beslag op loon.",
      "Een bewindvoerder beheert uw inkomen en betaalt uw rekeningen.",
      "Wij helpen met bezwaar maken tegen een besluit van de gemeente of het UWV.",
    ],
  },
  {
    domains: ["gezondheid", "sociaal-netwerk"],
    names: ["Wijkverpleging", "Praktijkondersteuner", "Welzijn op recept", "Mantelzorgsteunpunt"],
    sentences: [
      "Stress door geldzorgen raakt uw gezondheid; wij helpen u op weg.",
      "Ondersteuning voor mantelzorgers die zelf ook geldzorgen hebben.",
    ],
  },
  {
    domains: ["werk", "inkomen"],
    names: ["Werkcoach", "Participatieplek", "Ondernemersloket", "Schuldhulp voor ondernemers"],
    sentences: [
      "Een werkcoach helpt u van een uitkering naar betaald werk.",
      "Voor zzp'ers en ondernemers met betalingsproblemen.",
      "Vrijwilligerswerk of een leerwerkplek als opstap naar een baan.",
    ],
  },
];

const orgKinds = [
  "Stichting",
  "Gemeente",
  "Wijkteam",
  "Buurtteam",
  "Welzijn",
  "Humanitas",
  "Schuldhulpmaatje",
  "Kredietbank",
  "Sociaal team",
];
const channels = ["telefoon", "email", "whatsapp", "huisbezoek", "brief", "inloop"] as const;

export interface BenchOrganization {
  slug: string;
  name: string;
  municipalityCode: string | null;
}

export interface BenchService {
  organizationSlug: string;
  name: string;
  description: string;
  lifeDomains: LifeDomain[];
  ageMin: number | null;
  ageMax: number | null;
  eligibility: string | null;
  requiresBijstand: boolean | null;
  debtMin: number | null;
  debtMax: number | null;
  isNational: boolean;
  municipalityCodes: string[];
  postcodeRanges: string;
  contactChannels: { kind: string; value?: string }[];
  acceptsReferrals: boolean;
  responseTargetDays: number;
  status: "active" | "inactive" | "temporarily_closed" | "defunct";
  lastVerifiedAt: Date;
  searchKeywords: string;
}

/**
 * `services` services spread over municipalities by a Zipf-like weight (big cities have more),
 * about 0.5% national (national help — Nibud, Juridisch Loket, landelijke fondsen — is a few hundred
 * listings, not thousands); ten services per organization on average.
 */
export function generateNetwork(municipalities: BenchMunicipality[], services: number, seed = 42) {
  const r = random(seed);
  const weights = municipalities.map((_, i) => 1 / (i + 1) ** 0.6);
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) {
    acc += w / total;
    cumulative.push(acc);
  }
  const pickMunicipality = () => {
    const x = r.next();
    const i = cumulative.findIndex((c) => c >= x);
    return municipalities[i === -1 ? municipalities.length - 1 : i] as BenchMunicipality;
  };

  const organizations: BenchOrganization[] = [];
  const out: BenchService[] = [];
  const now = Date.UTC(2026, 10, 1);
  while (out.length < services) {
    const national = r.chance(0.005);
    const home = pickMunicipality();
    const theme = r.pick(themes);
    const orgName = national ? `${r.pick(theme.names)} Nederland` : `${r.pick(orgKinds)} ${r.pick(theme.names)} ${home.name}`;
    const org: BenchOrganization = {
      slug: `bench-${organizations.length}`,
      name: orgName,
      municipalityCode: national ? null : home.code,
    };
    organizations.push(org);
    const count = r.int(5, 15);
    for (let i = 0; i < count && out.length < services; i++) {
      const t = i === 0 ? theme : r.pick(themes);
      const domains = [
        ...new Set([
          ...t.domains.slice(0, r.int(1, t.domains.length)),
          ...(r.chance(0.2) ? [r.pick(themes).domains[0] as LifeDomain] : []),
        ]),
      ];
      const youth = domains.includes("jongeren") || r.chance(0.1);
      const ageMin = youth ? r.pick([16, 18, 18, 21]) : r.chance(0.3) ? 18 : null;
      const ageMax = youth ? r.pick([23, 26, 27, 27]) : r.chance(0.1) ? r.pick([65, 67]) : null;
      const neighbours = r.chance(0.25) ? [pickMunicipality().code] : [];
      const sentences = [r.pick(t.sentences), r.pick(t.sentences), r.pick(themes).sentences[0] as string];
      const debt = domains.includes("schulden") && r.chance(0.3);
      const serviceName = `${r.pick(t.names)}${r.chance(0.5) ? ` ${national ? "landelijk" : home.name}` : ""}`;
      const municipalityCodes = national ? [] : [...new Set([home.code, ...neighbours])];
      out.push({
        organizationSlug: org.slug,
        name: serviceName,
        description: [...new Set(sentences)].join(" "),
        lifeDomains: domains,
        ageMin,
        ageMax,
        eligibility: youth
          ? `Jongeren van ${ageMin ?? 16} tot en met ${ageMax ?? 27} jaar.`
          : r.chance(0.3)
            ? "Inwoners met een laag inkomen."
            : null,
        requiresBijstand: r.chance(0.1) ? true : null,
        debtMin: debt ? r.pick([0, 500, 1000]) : null,
        debtMax: debt ? r.pick([4000, 10000, 50000]) : null,
        isNational: national,
        municipalityCodes,
        postcodeRanges: r.chance(0.05) ? `{[${home.postcodeFrom},${home.postcodeFrom + 3})}` : "{}",
        contactChannels: [...new Set([r.pick(channels), r.pick(channels)])].map((kind) => ({
          kind,
          value: kind === "email" ? "info@example.org" : "06-12345678",
        })),
        acceptsReferrals: r.chance(0.6),
        responseTargetDays: r.pick([1, 3, 5, 5, 5, 10]),
        status: r.chance(0.9) ? "active" : r.pick(["inactive", "temporarily_closed", "defunct"] as const),
        lastVerifiedAt: new Date(now - r.int(0, 730) * 86_400_000 - r.int(0, 86_399_999)),
        searchKeywords: [
          orgName,
          ...(national ? ["landelijk"] : municipalityCodes.map((c) => municipalities.find((m) => m.code === c)?.name ?? "")),
          ...domains.map((d) => lifeDomainLabels[d]),
        ].join(" "),
      });
    }
  }
  return { organizations, services: out };
}
