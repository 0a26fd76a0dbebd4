/**
 * Sessions, on lucia v3 used the way the current lucia-auth.com guide prescribes (ADR 0002):
 * the cookie holds a random 160-bit token, the database holds only its SHA-256 as the session id
 * (lucia's `sessionId` option). Everything lucia-specific stays in this file.
 */
import { SESSION_ABSOLUTE_TIMEOUT_MS, SESSION_IDLE_TIMEOUT_MS } from "@schakel/core";
import { type Database, sessions, users } from "@schakel/db";
import { eq, lte, or } from "drizzle-orm";
import { type Adapter, type DatabaseSession, type DatabaseUser, Lucia, TimeSpan } from "lucia";
import type { Clock } from "../lib/clock";
import { generateToken, hashToken } from "../lib/tokens";

function createAdapter(db: Database): Adapter {
  const toSession = (row: typeof sessions.$inferSelect): DatabaseSession => ({
    id: row.id,
    userId: row.userId,
    expiresAt: row.expiresAt,
    attributes: { absoluteExpiresAt: row.absoluteExpiresAt, awaitingSecondFactor: row.awaitingSecondFactor },
  });
  return {
    async getSessionAndUser(sessionId) {
      const [row] = await db
        .select({ session: sessions, user: { id: users.id } })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.id, sessionId));
      if (!row) return [null, null];
      const user: DatabaseUser = { id: row.user.id, attributes: {} };
      return [toSession(row.session), user];
    },
    async getUserSessions(userId) {
      const rows = await db.select().from(sessions).where(eq(sessions.userId, userId));
      return rows.map(toSession);
    },
    async setSession(session) {
      const { absoluteExpiresAt, awaitingSecondFactor } = session.attributes as SessionAttributes;
      await db.insert(sessions).values({
        id: session.id,
        userId: session.userId,
        expiresAt: session.expiresAt,
        absoluteExpiresAt,
        awaitingSecondFactor,
      });
    },
    async updateSessionExpiration(sessionId, expiresAt) {
      await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, sessionId));
    },
    async deleteSession(sessionId) {
      await db.delete(sessions).where(eq(sessions.id, sessionId));
    },
    async deleteUserSessions(userId) {
      await db.delete(sessions).where(eq(sessions.userId, userId));
    },
    async deleteExpiredSessions() {
      await db.delete(sessions).where(lte(sessions.expiresAt, new Date()));
    },
  };
}

interface SessionAttributes {
  absoluteExpiresAt: Date;
  awaitingSecondFactor: boolean;
}

/** How long a half-session (password right, second factor still to come) lasts. */
export const SECOND_FACTOR_WINDOW_MS = 5 * 60 * 1000;

export interface SessionCookie {
  name: string;
  value: string;
  serialize(): string;
}

export interface ValidSession {
  sessionId: string;
  userId: string;
  cookie: SessionCookie | null;
  /** When the session ends unless it is used again: the idle expiry, or the absolute one if sooner. */
  expiresAt: Date;
  /** When the session ends however much it is used. */
  absoluteExpiresAt: Date;
  /** A half-session: it only lets the browser send its second factor (ADR 0023). */
  awaitingSecondFactor: boolean;
}

export interface SessionManager {
  readonly cookieName: string;
  /**
   * A new session for the user; returns the cookie carrying its token. With
   * `awaitingSecondFactor` it is a half-session that ends after 5 minutes.
   */
  create(userId: string, options?: { awaitingSecondFactor?: boolean }): Promise<{ sessionId: string; cookie: SessionCookie }>;
  /**
   * The session behind a cookie token; `cookie` is set when it must be re-sent. A use extends it
   * (lucia does so in the second half of the idle window), except with `extend: false`: a
   * request the app makes by itself (polling) must not keep an unattended session alive.
   */
  validate(token: string, options?: { extend?: boolean }): Promise<ValidSession | null>;
  invalidate(sessionId: string): Promise<void>;
  invalidateUser(userId: string): Promise<void>;
  blankCookie(): SessionCookie;
}

function expiries(idleExpiresAt: Date, absoluteExpiresAt: Date) {
  const expiresAt = idleExpiresAt.getTime() < absoluteExpiresAt.getTime() ? idleExpiresAt : absoluteExpiresAt;
  return { expiresAt, absoluteExpiresAt };
}

export function createSessionManager(db: Database, options: { production: boolean; clock: Clock }): SessionManager {
  const adapter = createAdapter(db);
  const lucia = new Lucia(adapter, {
    sessionExpiresIn: new TimeSpan(SESSION_IDLE_TIMEOUT_MS / 1000, "s"),
    sessionCookie: {
      // __Host- binds the cookie to this exact origin: Secure, Path=/, no Domain.
      name: options.production ? "__Host-schakel_session" : "schakel_session",
      expires: true,
      attributes: { secure: options.production, sameSite: "lax" },
    },
    // Exposes the absolute expiry stored beside each session (see the adapter) on the session object.
    getSessionAttributes: (attributes) => attributes,
  });

  return {
    cookieName: lucia.sessionCookieName,
    async create(userId, { awaitingSecondFactor = false } = {}) {
      const token = generateToken();
      const lifetime = awaitingSecondFactor ? SECOND_FACTOR_WINDOW_MS : SESSION_ABSOLUTE_TIMEOUT_MS;
      const absoluteExpiresAt = new Date(options.clock.now().getTime() + lifetime);
      const attributes: SessionAttributes = { absoluteExpiresAt, awaitingSecondFactor };
      const session = await lucia.createSession(userId, attributes, { sessionId: hashToken(token) });
      return { sessionId: session.id, cookie: lucia.createSessionCookie(token) };
    },
    async validate(token, { extend = true } = {}) {
      const sessionId = hashToken(token);
      if (!extend) {
        // lucia has no way to look without extending: read the row as its adapter does.
        const [session] = await adapter.getSessionAndUser(sessionId);
        if (!session || session.expiresAt.getTime() <= Date.now()) return null;
        const { absoluteExpiresAt, awaitingSecondFactor } = session.attributes as SessionAttributes;
        if (absoluteExpiresAt.getTime() <= options.clock.now().getTime()) return null;
        return {
          sessionId,
          userId: session.userId,
          cookie: null,
          awaitingSecondFactor,
          ...expiries(session.expiresAt, absoluteExpiresAt),
        };
      }
      const { session } = await lucia.validateSession(sessionId);
      if (!session) return null;
      const { absoluteExpiresAt, awaitingSecondFactor } = session as unknown as SessionAttributes;
      if (absoluteExpiresAt.getTime() <= options.clock.now().getTime()) {
        await lucia.invalidateSession(session.id);
        return null;
      }
      return {
        sessionId: session.id,
        userId: session.userId,
        // lucia extends a session used in the second half of its idle window ("fresh"); re-send the cookie then.
        cookie: session.fresh ? lucia.createSessionCookie(token) : null,
        awaitingSecondFactor,
        ...expiries(session.expiresAt, absoluteExpiresAt),
      };
    },
    invalidate: (sessionId) => lucia.invalidateSession(sessionId),
    invalidateUser: (userId) => lucia.invalidateUserSessions(userId),
    blankCookie: () => lucia.createBlankSessionCookie(),
  };
}

/** Removes sessions past either expiry; run now and then. */
export async function deleteExpiredSessions(db: Database, now: Date): Promise<void> {
  await db.delete(sessions).where(or(lte(sessions.expiresAt, now), lte(sessions.absoluteExpiresAt, now)));
}
