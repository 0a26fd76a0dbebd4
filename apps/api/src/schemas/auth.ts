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
  })
  .openapi("Me");

export const SessionStatusSchema = z
  .object({
    expiresAt: timestamp("When the session ends unless it is used again (the idle or the absolute expiry, whichever is sooner)"),
    absoluteExpiresAt: timestamp("When the session ends however often it is used"),
  })
  .openapi("SessionStatus");
