import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as dutch from "@zxcvbn-ts/language-nl-be";

/**
 * zxcvbn's score runs 0–4; 3 means "safely unguessable: moderate protection from an offline
 * slow-hash scenario" (about 10^8 guesses and more). Below that a password is refused.
 */
export const PASSWORD_MIN_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;
// Built on first use: the dictionaries are large, and most requests never check a password.
const zxcvbn = () =>
  (estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...dutch.dictionary },
    graphs: common.adjacencyGraphs,
    translations: dutch.translations,
  }));

/**
 * Why this password is too easy to guess, in plain Dutch, or null when it is strong enough.
 * Checks against common (leaked) passwords, Dutch words and names, repeats, sequences, keyboard
 * patterns, dates and the person's own details (`userInputs`: their e-mail address and name).
 */
export function passwordWeakness(password: string, userInputs: string[] = []): string | null {
  const inputs = userInputs.flatMap((input) => [input, ...input.split(/[@.\s_-]+/)]).filter((s) => s.length >= 3);
  const result = zxcvbn().check(password, inputs);
  if (result.score >= PASSWORD_MIN_SCORE) return null;
  const why = result.feedback.warning ?? "Dit wachtwoord is te makkelijk te raden.";
  return `${why} Kies een wachtwoord dat moeilijker te raden is, bijvoorbeeld een zin van vier of meer gewone woorden.`;
}
