import { z } from "@hono/zod-openapi";
import * as rules from "@schakel/core";
import { roles } from "@schakel/core";
import { emailDoc, timestamp } from "./common";
import { documented } from "./document";

export const LoginSchema = documented(rules.LoginSchema, {
  email: emailDoc,
  password: { description: "Password", example: "correct horse battery staple" },
}).openapi("Login");

export const MembershipSummarySchema = z
  .object({
    organizationId: z.uuid().openapi({ description: "Organization id", example: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f" }),
    organizationName: z.string().openapi({ description: "Organization name", example: "Opr€cht" }),
    role: z.enum(roles).openapi({ description: "Role in this organization", example: "worker" }),
  })
  .openapi("MembershipSummary");

export const MeSchema = z
  .object({
    user: z
      .object({
        id: z.uuid().openapi({ description: "User id", example: "0b6f1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d" }),
        name: z.string().openapi({ description: "Display name", example: "Sanne de Vries" }),
        email: z.string().openapi({ description: "E-mail address", example: "sanne@opr-echt.example" }),
      })
      .openapi({ description: "The signed-in user" }),
    memberships: z.array(MembershipSummarySchema).openapi({ description: "Active memberships, by organization name" }),
    networkAdmin: z.boolean().openapi({
      description: "Whether the user is a network admin: adds organizations to the network (ADR 0019)",
      example: false,
    }),
    secondFactor: z
      .object({
        enabled: z.boolean().openapi({ description: "An authenticator app (TOTP) is set up and confirmed", example: true }),
        required: z.boolean().openapi({
          description:
            "The user must have a second factor (admins and coordinators; workers where their organization requires it). " +
            "While `required` and not `enabled`, every endpoint but the enrolment, /me and sign-out answers 403 `second-factor-required`.",
          example: true,
        }),
        recoveryCodesLeft: z.number().int().openapi({ description: "Unused recovery codes", example: 10 }),
      })
      .openapi("SecondFactorStatus"),
  })
  .openapi("Me");

export const LoginPendingSchema = z
  .object({
    secondFactorRequired: z.literal(true).openapi({
      description:
        "The password was right; send a code to POST /auth/second-factor-verifications within 5 minutes to finish signing in",
      example: true,
    }),
  })
  .openapi("LoginPending");

export const SecondFactorVerificationSchema = documented(rules.SecondFactorVerificationSchema, {
  code: { description: "The six-digit code from the authenticator app", example: "123456" },
  recoveryCode: { description: "One of the recovery codes, instead of a code (each works once)", example: "k7pq-2mxd-9tfa" },
}).openapi("SecondFactorVerification");

export const TotpEnrolmentSchema = z
  .object({
    secret: z.string().openapi({
      description: "The shared secret in base32, to type into the app; shown only now",
      example: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    }),
    otpauthUri: z.string().openapi({
      description: "The otpauth:// URI for the QR code",
      example:
        "otpauth://totp/Schakel:sanne%40opr-echt.example?issuer=Schakel&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30",
    }),
  })
  .openapi("TotpEnrolment");

export const TotpCodeInputSchema = documented(rules.TotpCodeInputSchema, {
  code: { description: "The six-digit code from the authenticator app", example: "123456" },
}).openapi("TotpCodeInput");

export const RecoveryCodesSchema = z
  .object({
    recoveryCodes: z.array(z.string()).openapi({
      description: "Ten one-time recovery codes; shown only now, stored hashed",
      example: ["k7pq-2mxd-9tfa", "w3rt-8hnc-4yub"],
    }),
  })
  .openapi("RecoveryCodes");

export const PasswordChangeSchema = documented(rules.PasswordChangeSchema, {
  currentPassword: { description: "The current password", example: "correct horse battery staple" },
  newPassword: { description: "The new password (at least 12 characters, hard to guess)", example: "fiets lamp wolk koffie" },
}).openapi("PasswordChange");

export const PasswordResetRequestSchema = documented(rules.PasswordResetRequestSchema, {
  email: emailDoc,
}).openapi("PasswordResetRequest");

export const PasswordResetSchema = documented(rules.PasswordResetSchema, {
  token: { description: "The token from the reset link", example: "q8Zk2N0pX3vB7yT1mLw9sR4d" },
  password: { description: "The new password (at least 12 characters, hard to guess)", example: "fiets lamp wolk koffie" },
}).openapi("PasswordReset");

export const SessionStatusSchema = z
  .object({
    expiresAt: timestamp("When the session ends unless it is used again (the idle or the absolute expiry, whichever is sooner)"),
    absoluteExpiresAt: timestamp("When the session ends however often it is used"),
  })
  .openapi("SessionStatus");
