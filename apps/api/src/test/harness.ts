import { type ApiClient, createApiClient } from "@schakel/api-client";
import type { Role } from "@schakel/core";
import type { DbHandle } from "@schakel/db";
import { createTestDb, makeMember, makeOrganization } from "@schakel/db/testing";
import { createApp } from "../app";
import { hashPassword } from "../auth/passwords";
import { createSessionManager } from "../auth/sessions";
import type { AppConfig } from "../config";
import type { Clock } from "../lib/clock";
import { type Logger, silentLogger } from "../lib/logger";
import type { Mailer, MailMessage } from "../mail/mailer";
import type { Actor, ServiceContext } from "../services/context";

export const TEST_ORIGIN = "http://schakel.test";
export const TEST_PASSWORD = "test-wachtwoord-123";

/** A clock tests can move. */
export function testClock(start = new Date()): Clock & { advance(ms: number): void; set(d: Date): void } {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms) => (now += ms), set: (d) => (now = d.getTime()) };
}

/** Captures mails in memory (the SMTP path itself is tested against a real SMTP server). */
export class MemoryMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  async send(message: MailMessage) {
    this.sent.push(message);
  }
}

type App = ReturnType<typeof createApp>;

/**
 * A client as one browser would be: its own cookie jar, our Origin on every request (unless
 * `origin` says otherwise), requests answered in-process by the app.
 */
export function browserClient(app: App, options: { origin?: string | null; address?: string } = {}) {
  const jar = new Map<string, string>();
  const fetcher = async (input: Request) => {
    const headers = new Headers(input.headers);
    const origin = options.origin === undefined ? TEST_ORIGIN : options.origin;
    if (origin) headers.set("Origin", origin);
    if (options.address) headers.set("X-Forwarded-For", options.address);
    if (jar.size > 0) headers.set("Cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await app.fetch(new Request(input, { headers }));
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const [name, value] = (pair ?? "").split("=");
      if (!name) continue;
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "";
      if (expired) jar.delete(name.trim());
      else jar.set(name.trim(), value ?? "");
    }
    return res;
  };
  const client: ApiClient = createApiClient({ baseUrl: `${TEST_ORIGIN}/api/v1`, fetch: fetcher });
  return { client, jar, fetch: fetcher };
}

export interface TestContextOptions {
  config?: Partial<AppConfig>;
  mailer?: Mailer;
  /** Where the app logs (default: nowhere), for tests that check what a log line holds. */
  logger?: Logger;
  /** The database to use (default: createTestDb()), e.g. one reached through a proxy a test can cut; closed with the context. */
  db?: DbHandle;
}

/** One test file's world: a migrated database, the app on it, factories and clients. */
export async function createTestContext(options: TestContextOptions = {}) {
  const handle = options.db ?? (await createTestDb());
  const clock = testClock();
  const mailer = options.mailer ?? new MemoryMailer();
  // Tests of other features sign admins in with the password alone; second-factor.test.ts turns the requirement on.
  const config: AppConfig = {
    production: false,
    trustProxy: true,
    devMailbox: false,
    requireSecondFactor: false,
    publicUrl: TEST_ORIGIN,
    ...options.config,
  };
  const logger = options.logger ?? silentLogger;
  const app = createApp({ db: handle.db, config, clock, mailer, logger });
  const passwordHash = await hashPassword(TEST_PASSWORD);

  /** A ServiceContext as a request would build it, for tests that call services directly. */
  const serviceContext = (actor: Actor | null = null): ServiceContext => ({
    db: handle.db,
    config,
    clock,
    mailer,
    logger,
    sessions: createSessionManager(handle.db, { production: false, clock }),
    actor,
    baseUrl: TEST_ORIGIN,
  });

  const make = {
    organization: (overrides: Parameters<typeof makeOrganization>[1] = {}) => makeOrganization(handle.db, overrides),
    member: (organizationId: string, role: Role, extra: { email?: string; name?: string } = {}) =>
      makeMember(handle.db, { organizationId, role, passwordHash, ...extra }),
  };

  /** A browser signed in as the given e-mail (with TEST_PASSWORD). */
  async function signedIn(email: string, options: { address?: string } = {}) {
    const browser = browserClient(app, { address: options.address ?? `10.0.0.${Math.floor(Math.random() * 250) + 1}` });
    const { response } = await browser.client.POST("/auth/login", { body: { email, password: TEST_PASSWORD } });
    if (response.status !== 200) throw new Error(`sign-in as ${email} failed: ${response.status}`);
    return browser;
  }

  /** An organization with an active admin and worker, each signed in. */
  async function organizationWithStaff() {
    const organization = await make.organization();
    const admin = await make.member(organization.id, "admin");
    const worker = await make.member(organization.id, "worker");
    return {
      organization,
      admin: { ...admin, browser: await signedIn(admin.user.email) },
      worker: { ...worker, browser: await signedIn(worker.user.email) },
    };
  }

  return {
    db: handle.db,
    app,
    clock,
    mailer,
    make,
    serviceContext,
    signedIn,
    organizationWithStaff,
    anonymous: () => browserClient(app),
    close: () => handle.close(),
  };
}

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;

// For tests outside this package (the browser tests) that start the real app.
export { hashPassword } from "../auth/passwords";
export { totpCode } from "../auth/totp";
export { silentLogger } from "../lib/logger";
export { createSmtpMailer } from "../mail/mailer";
export { MAX_MAIL_ATTEMPTS } from "../mail/outbox";
// A system move (no actor) from a test, as the scheduler's jobs make them.
export { systemContext } from "../scheduler/scheduler";
export { withTransaction } from "../services/context";
export { applyMove } from "../services/referrals/move";
export { recordWebhookEvent } from "../services/webhooks/outbox";
