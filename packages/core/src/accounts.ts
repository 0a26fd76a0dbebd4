import { z } from "zod";
import { EmailSchema } from "./fields";

/** E-mail addresses compare case-insensitively and without surrounding space. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** NIST SP 800-63B: length over composition rules; 12 characters is our floor. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** A new password (for an existing account the API asks its current one instead). */
export const NewPasswordSchema = z
  .string({ error: `Kies een wachtwoord van minstens ${PASSWORD_MIN_LENGTH} tekens.` })
  .min(PASSWORD_MIN_LENGTH, `Kies een wachtwoord van minstens ${PASSWORD_MIN_LENGTH} tekens.`)
  .max(PASSWORD_MAX_LENGTH, `Kies een wachtwoord van hoogstens ${PASSWORD_MAX_LENGTH} tekens.`);

/** Why this new password will not do, or null when it will. */
export function passwordProblem(password: string): string | null {
  return NewPasswordSchema.safeParse(password).error?.issues[0]?.message ?? null;
}

/** Signing in: the password is not checked for length here, only that there is one. */
export const LoginSchema = z.object({
  email: EmailSchema,
  password: z
    .string({ error: "Vul je wachtwoord in." })
    .min(1, "Vul je wachtwoord in.")
    .max(PASSWORD_MAX_LENGTH, `Kies een wachtwoord van hoogstens ${PASSWORD_MAX_LENGTH} tekens.`),
});
export type Login = z.infer<typeof LoginSchema>;
