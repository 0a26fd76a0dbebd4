import { createHash, randomBytes } from "node:crypto";

/** A random token of 160 bits, base64url — for cookies and one-time links. */
export function generateToken(): string {
  return randomBytes(20).toString("base64url");
}

/** SHA-256 hex: what the database stores instead of a token. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
