import { z } from "zod";
import { EmailSchema } from "./fields";
import { passwordWeakness } from "./password-strength";

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

/**
 * Why this new password will not do, or null when it will: too short or too long, or too easy to
 * guess (common and leaked passwords, Dutch words, repeats such as "aaaaaaaaaaaa", the person's own
 * e-mail address or name). The one rule for every new password: accepting an invitation, changing
 * it, resetting it — and the web app shows the same message before it asks the API.
 */
export async function passwordProblem(password: string, userInputs: string[] = []): Promise<string | null> {
  return NewPasswordSchema.safeParse(password).error?.issues[0]?.message ?? (await passwordWeakness(password, userInputs));
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

const CurrentPasswordSchema = z
  .string({ error: "Vul je huidige wachtwoord in." })
  .min(1, "Vul je huidige wachtwoord in.")
  .max(PASSWORD_MAX_LENGTH, `Kies een wachtwoord van hoogstens ${PASSWORD_MAX_LENGTH} tekens.`);

/** Changing one's own password: the current one proves it is the owner at the keyboard. */
export const PasswordChangeSchema = z.object({
  currentPassword: CurrentPasswordSchema,
  newPassword: NewPasswordSchema,
});
export type PasswordChange = z.infer<typeof PasswordChangeSchema>;

/** Asking for a reset link: the answer is the same whether or not the address has an account. */
export const PasswordResetRequestSchema = z.object({ email: EmailSchema });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequestSchema>;

/** A reset link is used once, within this many minutes. */
export const PASSWORD_RESET_VALID_MINUTES = 30;

/** Setting a new password with the token from a reset link. */
export const PasswordResetSchema = z.object({
  token: z.string().min(10, "Deze herstellink is niet compleet.").max(200, "Deze herstellink klopt niet."),
  password: NewPasswordSchema,
});
export type PasswordReset = z.infer<typeof PasswordResetSchema>;

/** A code from the authenticator app: six digits (spaces allowed, as apps show "123 456"). */
export const TotpCodeSchema = z
  .string({ error: "Vul de code van zes cijfers uit je authenticator-app in." })
  .transform((code) => code.replace(/\s/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Vul de code van zes cijfers uit je authenticator-app in."));

/** A code to confirm something with the authenticator. */
export const TotpCodeInputSchema = z.object({ code: TotpCodeSchema });
export type TotpCodeInput = z.infer<typeof TotpCodeInputSchema>;

/**
 * The second step of signing in: a code from the authenticator app, or one of the recovery codes
 * (when the phone is lost). Exactly one of the two.
 */
export const SecondFactorVerificationSchema = z
  .object({
    code: TotpCodeSchema.optional(),
    recoveryCode: z.string().trim().min(1, "Vul een herstelcode in.").max(40, "Deze herstelcode klopt niet.").optional(),
  })
  .refine((v) => (v.code === undefined) !== (v.recoveryCode === undefined), {
    message: "Vul de code uit je authenticator-app of een herstelcode in.",
  });
export type SecondFactorVerification = z.infer<typeof SecondFactorVerificationSchema>;
