import { z } from "@hono/zod-openapi";
import { organizationKinds } from "@schakel/core";
import { PageMetaSchema, PageQuerySchema, UuidSchema } from "./common";

export const OrganizationSchema = z
  .object({
    id: z.uuid().openapi({ description: "Organization id", example: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f" }),
    slug: z.string().openapi({ description: "Stable readable key", example: "opr-echt" }),
    name: z.string().openapi({ description: "Name", example: "Opr€cht" }),
    kind: z.enum(organizationKinds).openapi({ description: "Kind of organization", example: "welzijn" }),
    description: z
      .string()
      .openapi({ description: "What the organization does, in plain Dutch", example: "Jongerenwerk in Arnhem." }),
    website: z.string().nullable().openapi({ description: "Website", example: "https://example.org/opr-echt" }),
    email: z.string().nullable().openapi({ description: "General e-mail address", example: "info@example.org" }),
    phone: z.string().nullable().openapi({ description: "General phone number", example: "06-12345678" }),
    municipalityCodes: z
      .array(z.string())
      .openapi({ description: "CBS codes of the municipalities it works in", example: ["GM0202"] }),
    isNational: z.boolean().openapi({ description: "Works nationwide", example: false }),
  })
  .openapi("Organization");

export const OrganizationListSchema = z
  .object({ data: z.array(OrganizationSchema), meta: PageMetaSchema })
  .openapi("OrganizationList");

export const OrganizationParamsSchema = z.object({
  organizationId: UuidSchema.openapi({ param: { name: "organizationId", in: "path" }, description: "Organization id" }),
});

export const OrganizationListQuerySchema = PageQuerySchema.extend({
  municipality: z
    .string()
    .regex(/^GM\d{4}$/, "Gebruik een CBS-gemeentecode zoals GM0202.")
    .optional()
    .openapi({ description: "Only organizations working in this municipality (CBS code) or nationwide", example: "GM0202" }),
});
