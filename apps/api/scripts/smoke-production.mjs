// Production smoke test (issue 9), run by CI after the test legs: the compiled server with
// NODE_ENV=production on a fresh PostgreSQL database, as a real installation starts.
//   pnpm smoke:production   (PG_URL_BASE, default postgres://postgres@127.0.0.1:5432;
//   SMOKE_SKIP_BUILD=1 uses the current build)
// It builds, creates a database, starts an SMTP server in this process, runs
// `pnpm setup-network` to invite the first admin, reads the invitation from SMTP, accepts it
// (sets a password), enrols a TOTP factor, signs in with password and code, and checks that no
// demo account exists, that a 2 MB body is 413 and a forged cursor 400, and that nothing
// personal, no token and no secret appears in what the server or the command printed.
// Exit code 0 when every check passed, 1 otherwise; the database is dropped either way.
import { execFile, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { simpleParser } from "mailparser";
import { Secret, TOTP } from "otpauth";
import postgres from "postgres";
import { SMTPServer } from "smtp-server";

const root = new URL("../../..", import.meta.url).pathname;
const pgBase = process.env.PG_URL_BASE ?? "postgres://postgres@127.0.0.1:5432";
const ADMIN = { name: "Smoke Beheerder Zeldzaamnaam", email: "smoke.beheerder@voorbeeld-gemeente.example" };
const PASSWORD = "een-lang-smoke-wachtwoord-7";

const results = [];
function check(what, ok, detail = "") {
  results.push({ what, ok });
  console.log(`${ok ? "ok  " : "FAIL"} ${what}${detail && !ok ? ` — ${detail}` : ""}`);
}

if (!process.env.SMOKE_SKIP_BUILD) execFileSync("pnpm", ["build"], { cwd: root, stdio: "inherit" });

// SMTP in this process: every message, parsed.
const received = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream)
      .then((mail) => {
        received.push(mail);
        callback();
      })
      .catch(callback);
  },
});
await new Promise((resolve, reject) => {
  smtp.server.once("error", reject);
  smtp.listen(0, "127.0.0.1", resolve);
});
const smtpUrl = `smtp://127.0.0.1:${smtp.server.address().port}`;

const database = `schakel_smoke_${Date.now()}_${process.pid}`;
const admin = postgres(`${pgBase}/postgres`, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${database}`);
const port = 4100 + Math.floor(Math.random() * 800);
const base = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  NODE_ENV: "production",
  DATABASE_URL: `${pgBase}/${database}`,
  SMTP_URL: smtpUrl,
  PUBLIC_URL: base,
  PORT: String(port),
  DEMO: "",
  DEMO_PASSWORD: "",
};
const work = mkdtempSync(join(tmpdir(), "schakel-smoke-"));
let output = "";
let server;

try {
  server = spawn(process.execPath, ["apps/api/dist/index.js"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout.on("data", (d) => {
    output += d;
  });
  server.stderr.on("data", (d) => {
    output += d;
  });
  const t0 = performance.now();
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server stopped (exit code ${server.exitCode}):\n${output}`);
    if (performance.now() - t0 > 120_000) throw new Error(`the server did not answer within 120 s:\n${output}`);
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  check("the compiled server starts with NODE_ENV=production on an empty PostgreSQL database", true);

  // A browser, as far as the API cares: one cookie jar, our Origin on writes.
  const jar = new Map();
  const api = async (method, path, body, headers = {}) => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        Origin: base,
        ...(jar.size ? { Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, value = ""] = pair.split("=");
      if (value === "" || /max-age=0/i.test(line)) jar.delete(name.trim());
      else jar.set(name.trim(), value);
    }
    const text = await res.text();
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
    return { status: res.status, type: res.headers.get("Content-Type") ?? "", data };
  };

  const demo = await api("POST", "/auth/login", { email: "admin@opr-echt.example", password: "bench-password-123" });
  check("no demo account: admin@opr-echt.example cannot sign in", demo.status === 401, `status ${demo.status}`);
  const orgsBefore = await api("GET", "/organizations");
  check(
    "no demo organisations",
    orgsBefore.status === 200 && orgsBefore.data.data?.length === 0,
    JSON.stringify(orgsBefore.data).slice(0, 200),
  );

  const plan = join(work, "netwerk.json");
  writeFileSync(
    plan,
    JSON.stringify({
      organizations: [
        { slug: "gemeente-smoke", name: "Gemeente Smoke", kind: "gemeente", municipalityCodes: ["GM0202"], admin: ADMIN },
      ],
      networkAdmin: { ...ADMIN, organization: "gemeente-smoke" },
    }),
  );
  let setupOutput = "";
  try {
    // Not execFileSync: the SMTP server in this process must keep answering while the command sends.
    const { stdout, stderr } = await promisify(execFile)("pnpm", ["setup-network", plan], { cwd: root, env });
    setupOutput = stdout + stderr;
    check("pnpm setup-network invites the first admin", true);
  } catch (err) {
    check("pnpm setup-network invites the first admin", false, `${err.stdout}${err.stderr}`);
  }
  output += setupOutput;

  for (let i = 0; i < 300 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  const invitation = received.find((m) => m.to?.value.some((a) => a.address === ADMIN.email));
  const token = invitation?.text?.match(/\/uitnodiging#token=([\w-]+)/)?.[1];
  check(
    "the invitation arrives over SMTP, with a link to PUBLIC_URL",
    Boolean(token) && invitation.text.includes(`${base}/uitnodiging#token=`),
  );

  const accepted = await api("POST", "/invitation-acceptances", { token, password: PASSWORD });
  check(
    "the admin accepts the invitation and sets a password",
    accepted.status === 201,
    `status ${accepted.status} ${JSON.stringify(accepted.data)}`,
  );

  const enrolment = await api("POST", "/me/totp-enrolments");
  const secret = enrolment.data?.secret;
  const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret ?? "AAAA") });
  const confirmed = await api("POST", "/me/totp-confirmations", { code: totp.generate() });
  check(
    "the admin enrols a TOTP factor",
    enrolment.status === 201 && confirmed.status === 201,
    `enrol ${enrolment.status}, confirm ${confirmed.status}`,
  );

  await api("POST", "/auth/logout", {});
  jar.clear();
  const login = await api("POST", "/auth/login", { email: ADMIN.email, password: PASSWORD });
  // The confirming code's step is used up; the next step's code is accepted (one step of drift).
  const code = totp.generate({ timestamp: Date.now() + 30_000 });
  const verified = await api("POST", "/auth/second-factor-verifications", { code });
  const me = await api("GET", "/me");
  check(
    "the admin signs in with password and code",
    login.status === 202 && verified.status === 200 && me.status === 200,
    `login ${login.status}, code ${verified.status}, me ${me.status}`,
  );

  const big = await api("POST", "/residents", JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }));
  check(
    "a 2 MB body is 413 problem+json",
    big.status === 413 && big.type.startsWith("application/problem+json"),
    `status ${big.status}`,
  );
  const forged = await api("GET", `/organizations?cursor=${encodeURIComponent("bm90LWEtY3Vyc29y")}`);
  check(
    "a forged cursor is 400 problem+json",
    forged.status === 400 && forged.type.startsWith("application/problem+json"),
    `status ${forged.status}`,
  );

  const secrets = [ADMIN.email, ADMIN.name, "Beheerder", PASSWORD, token, secret, code].filter(Boolean);
  const leaked = secrets.filter((s) => output.includes(s));
  check(
    "nothing personal, no token, password or secret in what the server and the command printed",
    leaked.length === 0,
    `found ${leaked.length} of them`,
  );
} catch (err) {
  check("the smoke test ran to the end", false, err instanceof Error ? err.message : String(err));
} finally {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
  await new Promise((r) => smtp.close(r));
  await admin.unsafe(`drop database if exists ${database} with (force)`);
  await admin.end();
  rmSync(work, { recursive: true, force: true });
}

const failed = results.filter((r) => !r.ok).length;
console.log(`\nproduction smoke test: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 && results.length > 0 ? 0 : 1);
