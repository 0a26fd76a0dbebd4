import { z } from "@hono/zod-openapi";
import * as rules from "@schakel/core";
import { membershipStatuses, roles } from "@schakel/core";
import { emailDoc, PageMetaSchema, PageQuerySchema, timestamp, UuidSchema } from "./common";
import { documented } from "./document";

export const MemberSchema = z
  .object({
    id: z.uuid().openapi({ description: "Membership id", example: "6a1b2c3d-4e5f-4a6b-8c9d-0e1f2a3b4c5d" }),
    userId: z.uuid().openapi({ description: "User id", example: "0b6f1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d" }),
    name: z.string().openapi({ description: "Display name", example: "Sanne de Vries" }),
    email: z.string().openapi({ description: "E-mail address", example: "sanne@opr-echt.example" }),
    role: z.enum(roles).openapi({ description: "Role in this organization", example: "worker" }),
    status: z.enum(membershipStatuses).openapi({ description: "invited, active or deactivated", example: "active" }),
    createdAt: timestamp("When the member was added"),
    invitationExpiresAt: timestamp("Until when the open invitation link works").nullable(),
  })
  .openapi("Member");

export const MemberListSchema = z.object({ data: z.array(MemberSchema), meta: PageMetaSchema }).openapi("MemberList");

export const MemberParamsSchema = z.object({
  organizationId: UuidSchema.openapi({ param: { name: "organizationId", in: "path" }, description: "Organization id" }),
  memberId: UuidSchema.openapi({ param: { name: "memberId", in: "path" }, description: "Membership id" }),
});

export const MemberListQuerySchema = PageQuerySchema.extend({
  status: z.enum(membershipStatuses).optional().openapi({ description: "Only members with this status", example: "active" }),
});

export const MemberInviteSchema = documented(rules.MemberInviteSchema, {
  email: emailDoc,
  name: { description: "Display name", example: "Sanne de Vries" },
  role: { description: "Role", example: "worker" },
}).openapi("MemberInvite");

export const MemberUpdateSchema = documented(rules.MemberUpdateSchema, {
  role: { description: "New role", example: "admin" },
  status: { description: "deactivated ends the member's sessions at once; active restores", example: "deactivated" },
}).openapi("MemberUpdate");

export const InvitationAcceptanceSchema = documented(rules.InvitationAcceptanceSchema, {
  token: { description: "The token from the invitation link", example: "q1W2e3R4t5Y6u7I8o9P0aSdFgHj" },
  password: {
    description: "New password (at least 12 characters); for an existing account its current password",
    example: "een lang wachtwoord",
  },
}).openapi("InvitationAcceptance");

export const ColleagueListSchema = z
  .object({
    data: z.array(
      z
        .object({
          id: z
            .uuid()
            .openapi({ description: "User id (as assignedUserId takes it)", example: "0b6f1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d" }),
          name: z.string().openapi({ description: "Display name", example: "Sanne de Vries" }),
        })
        .openapi("Colleague"),
    ),
  })
  .openapi("ColleagueList");
