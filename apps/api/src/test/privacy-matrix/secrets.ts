/**
 * The resident of the privacy matrix: each piece of personal data with a marker no other text in
 * Schakel contains, and the search for those markers in a response body.
 */

export const RESIDENT = {
  name: "Fenna Zwartveld",
  phone: "06-87654321",
  postcode: "6824 KX",
  address: "Kastanjelaan 9",
  email: "f.zwartveld@example.org",
  birthYear: 1987,
};

export const TEXT = {
  purpose: "Aanmelding bij de budgetcoach (doel-d1x)",
  request: "Huurachterstand; zij vreest ontruiming (hulpvraag-q7k)",
  finances: "Bijstand en vaste lasten rond 1130 euro (financien-f4m)",
  senderMessage: "Bel haar na vier uur (bericht-s2p)",
  receiverMessage: "Voicemail ingesproken (bericht-r8d)",
  attemptNote: "Niemand thuis (poging-a3w)",
  moveNote: "Intake gepland (stap-m5z)",
  place: "Thuis bij de inwoner Lindelaan 4 (plek-p6c)",
  withdrawalReason: "Wil het zelf regelen (reden-w9q)",
};

/** What to look for in a body, lower case: the whole value or its marker. */
export const SECRETS = {
  name: ["zwartveld"],
  phone: ["87654321"],
  postcode: ["6824 kx", "6824kx"],
  address: ["kastanjelaan"],
  email: ["f.zwartveld@"],
  purpose: ["doel-d1x"],
  request: ["hulpvraag-q7k", "vreest ontruiming"],
  finances: ["financien-f4m"],
  senderMessage: ["bericht-s2p"],
  receiverMessage: ["bericht-r8d"],
  attemptNote: ["poging-a3w"],
  moveNote: ["stap-m5z"],
  place: ["plek-p6c", "lindelaan"],
  withdrawalReason: ["reden-w9q"],
} satisfies Record<string, string[]>;
export type Secret = keyof typeof SECRETS;

export const CONTACT: Secret[] = ["name", "phone", "postcode", "address", "email"];
export const ACTIVITY: Secret[] = ["senderMessage", "receiverMessage", "attemptNote", "moveNote"];

/** An iCalendar file as plain text: lines unfolded, escapes undone. */
const unfoldCalendar = (text: string) => text.replace(/\r\n[ \t]/g, "").replace(/\\([,;\\])/g, "$1");

/** The secrets that occur anywhere in a body. */
export function secretsIn(body: string): Secret[] {
  const text = unfoldCalendar(body).toLowerCase();
  return (Object.keys(SECRETS) as Secret[]).filter((s) => SECRETS[s].some((needle) => text.includes(needle)));
}
