import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

/**
 * zxcvbn's score runs 0–4; 3 means "safely unguessable: moderate protection from an offline
 * slow-hash scenario" (about 10^8 guesses and more). Below that a password is refused.
 */
export const PASSWORD_MIN_SCORE = 3;

let estimator: Promise<ZxcvbnFactory> | undefined;
// Loaded on first use: the dictionaries take some 20 MB, and most processes and pages never check
// a password (the server's memory at start, the web app's first download).
const zxcvbn = () =>
  (estimator ??= Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-nl-be"),
  ]).then(
    ([{ ZxcvbnFactory }, common, dutch]) =>
      new ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...dutch.dictionary },
        graphs: common.adjacencyGraphs,
        translations: dutch.translations,
      }),
  ));

/**
 * Why this password is too easy to guess, in plain Dutch, or null when it is strong enough.
 * Checks against common (leaked) passwords, Dutch words and names, repeats, sequences, keyboard
 * patterns, dates and the person's own details (`userInputs`: their e-mail address and name).
 */
export async function passwordWeakness(password: string, userInputs: string[] = []): Promise<string | null> {
  const inputs = userInputs.flatMap((input) => [input, ...input.split(/[@.\s_-]+/)]).filter((s) => s.length >= 3);
  const result = (await zxcvbn()).check(password, inputs);
  if (result.score >= PASSWORD_MIN_SCORE) return null;
  const why = result.feedback.warning ?? "Dit wachtwoord is te makkelijk te raden.";
  return `${why} Kies een wachtwoord dat moeilijker te raden is, bijvoorbeeld een zin van vier of meer gewone woorden.`;
}
