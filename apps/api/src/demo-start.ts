import { randomBytes } from "node:crypto";
import { type Database, DEMO_NETWORK_ADMIN, type DemoLogin, seedDemoNetwork } from "@schakel/db";
import { hashPassword } from "./auth/passwords";
import { type Env, wantsDemoNetwork } from "./env";

/**
 * The demo network on start: loaded into an empty database only where it belongs (wantsDemoNetwork:
 * DEMO=1, or the embedded database outside production), with its logins and password printed —
 * which therefore never happens in production. Returns the logins, or null when nothing was loaded.
 */
export async function loadDemoNetworkOnStart(
  db: Database,
  env: Pick<Env, "NODE_ENV" | "DATABASE_URL" | "DEMO" | "DEMO_PASSWORD">,
  print: (line: string) => void = console.log,
): Promise<DemoLogin[] | null> {
  if (!wantsDemoNetwork(env)) return null;
  const password = env.DEMO_PASSWORD ?? randomBytes(12).toString("base64url");
  const logins = await seedDemoNetwork(db, await hashPassword(password));
  if (logins) printDemoLogins(logins, env.DEMO_PASSWORD ? null : password, print);
  return logins;
}

function printDemoLogins(logins: DemoLogin[], generatedPassword: string | null, print: (line: string) => void) {
  const byOrganization = new Map<string, DemoLogin[]>();
  for (const l of logins) byOrganization.set(l.organization, [...(byOrganization.get(l.organization) ?? []), l]);
  print(`\nDemonetwerk geladen: ${byOrganization.size} organisaties, elk met een beheerder en een medewerker.`);
  for (const [organization, accounts] of byOrganization) {
    print(`  ${accounts.map((a) => a.email).join("  ")}  (${organization})`);
  }
  if (logins.some((l) => l.email === DEMO_NETWORK_ADMIN)) {
    print(`${DEMO_NETWORK_ADMIN} is ook netwerkbeheerder: organisaties toevoegen op /netwerk.`);
  }
  print(
    generatedPassword
      ? `Wachtwoord van alle demo-accounts: ${generatedPassword}  (kies er zelf een met DEMO_PASSWORD)\n`
      : "Wachtwoord van alle demo-accounts: de waarde van DEMO_PASSWORD.\n",
  );
}
