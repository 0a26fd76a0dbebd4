/**
 * TOTP (RFC 6238) through otpauth: 6 digits, 30-second steps, SHA-1 — what every authenticator
 * app reads from an otpauth:// URI. A code is accepted for the current step or one step either
 * side (clock drift), and only for a step later than the last one accepted (no replay).
 */
import { randomBytes } from "node:crypto";
import { type Database, recoveryCodes, totpFactors } from "@schakel/db";
import { and, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { hashToken } from "../lib/tokens";

export const TOTP_PERIOD_SECONDS = 30;
const ISSUER = "Schakel";
export const RECOVERY_CODE_COUNT = 10;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label = "") {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** The otpauth:// URI an authenticator app reads (as a QR code or typed in); the label is the account's e-mail address. */
export function totpUri(secret: string, label: string): string {
  return totp(secret, label).toString();
}

/** The code for a moment (tests and the browser test sign in with it). */
export function totpCode(secret: string, at: Date): string {
  return totp(secret).generate({ timestamp: at.getTime() });
}

/** The 30-second step a valid code belongs to, or null. */
export function totpStep(secret: string, code: string, at: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secret).validate({ token: code, timestamp: at.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS) + delta;
}

/**
 * Accepts a code for the user's confirmed factor: true once, false for a wrong code or a replay.
 * The step is claimed with one conditional UPDATE, so two requests with the same code cannot both pass.
 */
export async function useTotpCode(db: Database, userId: string, code: string, at: Date): Promise<boolean> {
  const [factor] = await db
    .select({ secret: totpFactors.secret })
    .from(totpFactors)
    .where(and(eq(totpFactors.userId, userId), isNotNull(totpFactors.confirmedAt)));
  if (!factor) return false;
  const step = totpStep(factor.secret, code, at);
  if (step === null) return false;
  const claimed = await db
    .update(totpFactors)
    .set({ lastUsedStep: step })
    .where(and(eq(totpFactors.userId, userId), or(isNull(totpFactors.lastUsedStep), lt(totpFactors.lastUsedStep, step))))
    .returning({ userId: totpFactors.userId });
  return claimed.length === 1;
}

/** Recovery codes look like "k7pq-2mxd-9tfa": 60 bits from a 32-letter alphabet without 0/o, 1/l/i. */
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
function recoveryCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8, 12)].map((g) => g.join("")).join("-");
}

/** Typed in by a person: case, spaces and dashes do not matter. */
export const normalizeRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Replaces the user's recovery codes with new ones; returns them (the only time they are seen). */
export async function replaceRecoveryCodes(db: Database, userId: string, at: Date): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, recoveryCode);
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db
    .insert(recoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: hashToken(normalizeRecoveryCode(code)), createdAt: at })));
  return codes;
}

/** Uses up one recovery code: true once per code. */
export async function useRecoveryCode(db: Database, userId: string, code: string, at: Date): Promise<boolean> {
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: at })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashToken(normalizeRecoveryCode(code))),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return used.length === 1;
}
