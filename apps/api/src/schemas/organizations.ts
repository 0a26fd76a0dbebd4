import { z } from "@hono/zod-openapi";
import * as rules from "@schakel/core";
import { organizationKinds } from "@schakel/core";
import { emailDoc, PageMetaSchema, PageQuerySchema, UuidSchema } from "./common";
import { documented, documentInner, withMetadata } from "./document";
import { MemberSchema } from "./members";

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
    partnerLight: z.boolean().openapi({
      description: "Works without an account (partner-light, ADR 0029): answers referrals through links in its mail",
      example: false,
    }),
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

const intakeEmailDoc = {
  description:
    "Shared intake mailbox where new referrals nobody has picked up yet are mailed (information-poor: a link and a reference); null when none, then the workers are told",
  example: "intake@plangroep.example",
};

const requireWorkerSecondFactorDoc = {
  description:
    "Workers must also sign in with an authenticator app (admins and coordinators always must); until they set it up they can only do that",
  example: false,
};

export const OrganizationSettingsSchema = z
  .object({
    organizationId: z.uuid().openapi({ description: "Organization id", example: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f" }),
    intakeEmail: z.string().nullable().openapi(intakeEmailDoc),
    requireWorkerSecondFactor: z.boolean().openapi(requireWorkerSecondFactorDoc),
  })
  .openapi("OrganizationSettings");

export const OrganizationSettingsUpdateSchema = documented(rules.OrganizationSettingsUpdateSchema, {
  intakeEmail: { ...emailDoc, ...intakeEmailDoc },
  requireWorkerSecondFactor: {
    ...requireWorkerSecondFactorDoc,
    description: `${requireWorkerSecondFactorDoc.description}; left as it is when omitted`,
  },
}).openapi("OrganizationSettingsUpdate");

const calendarDay = (description: string) =>
  withMetadata(rules.CalendarDaySchema, { description, example: "2027-12-24", format: "date" });

export const ClosingDaySchema = z
  .object({
    day: z.string().openapi({ description: "The day, in Europe/Amsterdam (YYYY-MM-DD)", example: "2027-12-24", format: "date" }),
    label: z.string().openapi({ description: "What day it is", example: "Kerstavond (cao)" }),
  })
  .openapi("ClosingDay");

export const ClosingDayListSchema = z
  .object({ data: z.array(ClosingDaySchema).openapi({ description: "Every closing day, earliest first" }) })
  .openapi("ClosingDayList");

export const ClosingDayCreateSchema = documented(rules.ClosingDayCreateSchema, {
  day: (field) =>
    withMetadata(field, {
      description: "The day, in Europe/Amsterdam (YYYY-MM-DD); today or later",
      example: "2027-12-24",
      format: "date",
    }),
  label: { description: "What day it is", example: "Kerstavond (cao)" },
}).openapi("ClosingDayCreate");

export const ClosingDayParamsSchema = z.object({
  organizationId: UuidSchema.openapi({ param: { name: "organizationId", in: "path" }, description: "Organization id" }),
  day: calendarDay("The closing day (YYYY-MM-DD)").openapi({ param: { name: "day", in: "path" } }),
});

export const OrganizationCreateSchema = documented(rules.OrganizationCreateSchema, {
  name: { description: "Name; its slug is made from it", example: "Stichting Geldzorg Arnhem" },
  kind: { description: "Kind of organization", example: "schuldhulpverlening" },
  municipalityCodes: {
    description: "CBS codes of the municipalities it works in (known to Schakel); may be empty when national",
    example: ["GM0202"],
  },
  isNational: { description: "Works nationwide", example: false },
  admin: (field) =>
    documentInner(field, (inner) =>
      documented(inner as typeof rules.OrganizationCreateSchema.shape.admin, {
        name: { description: "The first admin's name, as it goes into the invitation mail", example: "Sanne de Vries" },
        email: { ...emailDoc, description: "Where the first admin's one-time invitation link goes" },
      }).openapi({ description: "The organization's first admin, invited by e-mail" }),
    ),
}).openapi("OrganizationCreate");

export const OrganizationCreatedSchema = z
  .object({
    organization: OrganizationSchema,
    admin: MemberSchema.openapi({ description: "The first admin, invited (status invited until they accept)" }),
  })
  .openapi("OrganizationCreated");
