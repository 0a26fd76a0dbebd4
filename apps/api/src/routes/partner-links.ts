import { createRoute, type z } from "@hono/zod-openapi";
import { formatReference } from "@schakel/core";
import { createRouter, json } from "../lib/openapi";
import { problemResponses } from "../lib/problem";
import { clientAddress } from "../lib/request";
import { requireSession } from "../middleware/session";
import { OrganizationParamsSchema } from "../schemas/organizations";
import {
  OrganizationPartnerLightSchema,
  PARTNER_LINK_HEADER,
  PartnerLightSettingSchema,
  PartnerLinkHeaderSchema,
  PartnerLinkMoveResultSchema,
  PartnerLinkMoveSchema,
  PartnerLinkResendSchema,
  PartnerLinkSchema,
} from "../schemas/partner-links";
import { ReferralParamsSchema } from "../schemas/referrals";
import { ServiceParamsSchema, ServiceSchema } from "../schemas/services";
import { getPartnerLink } from "../services/partner-links/get-partner-link";
import { moveWithPartnerLink } from "../services/partner-links/move-with-partner-link";
import { resendPartnerLink } from "../services/partner-links/resend-partner-link";
import { setOrganizationPartnerLight } from "../services/partner-links/set-organization-partner-light";
import { setServicePartnerLight } from "../services/partner-links/set-service-partner-light";

/**
 * Partner-light (ADR 0029): a receiver without an account works its referral from a link in the
 * mail. The link's token comes in the Partner-Link header, so it is never in a logged URL.
 */

const tags = ["Partner links"];
const cookie = [{ cookieAuth: [] }];
const link = [{ partnerLinkAuth: [] }];
const body = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

const getPartnerLinkRoute = createRoute({
  operationId: "getPartnerLink",
  method: "get",
  path: "/partner-link",
  tags,
  summary: "What a partner-light link may see",
  description:
    "Without signing in, with the token in the Partner-Link header: the service, the reference, the status, the sender's contact route and the steps the link can take — never the resident. Every view is in the receiving organization's access log. A link that is unknown (404), expired, revoked or of an organization that works with an account again (403), or stale because the referral moved on, was used, or closed (409) is refused and written to the security log; too many refused links from one address are throttled (429).",
  security: link,
  request: { headers: PartnerLinkHeaderSchema },
  responses: { 200: json(PartnerLinkSchema, "What the link shows"), ...problemResponses(400, 403, 404, 409, 429) },
});

const movePartnerLinkRoute = createRoute({
  operationId: "createPartnerLinkMove",
  method: "post",
  path: "/partner-link/moves",
  tags,
  summary: "Take one step with a partner-light link",
  description:
    "Confirm receipt, accept, decline (with a reason), report contact made (recorded as a contact attempt that reached the resident) or complete (with an outcome, and an amount if any), as the lifecycle allows — as the receiving organization, with nobody signed in. Each link takes one step: afterwards it is stale, and the intake address gets a mail with the link for the next step. The resident's consent must be in force (409 otherwise).",
  security: link,
  request: { headers: PartnerLinkHeaderSchema, body: body(PartnerLinkMoveSchema) },
  responses: {
    201: json(PartnerLinkMoveResultSchema, "The step is taken"),
    ...problemResponses(400, 403, 404, 409, 415, 422, 429),
  },
});

const resendPartnerLinkRoute = createRoute({
  operationId: "createPartnerLink",
  method: "post",
  path: "/referrals/{referralId}/partner-links",
  tags,
  summary: "Send the partner-light receiver a fresh link",
  description:
    "The sending side revokes the referral's link and mails a fresh one to the receiver's intake address as it is now (e.g. after it changed). 403 for the receiving side; 409 once the referral is closed; 422 when the receiver works with an account.",
  security: cookie,
  middleware: [requireSession()] as const,
  request: { params: ReferralParamsSchema },
  responses: {
    201: json(PartnerLinkResendSchema, "The fresh link is mailed"),
    ...problemResponses(400, 401, 403, 404, 409, 422),
  },
});

const setOrganizationPartnerLightRoute = createRoute({
  operationId: "updateOrganizationPartnerLight",
  method: "put",
  path: "/organizations/{organizationId}/partner-light",
  tags,
  summary: "Let an organization work without an account (network admins)",
  description:
    "Partner-light: its intake address gets a link per referral to report its steps. Only network admins (403). Switching it on needs the organization's intake address (422).",
  security: cookie,
  middleware: [requireSession()] as const,
  request: { params: OrganizationParamsSchema, body: body(PartnerLightSettingSchema) },
  responses: { 200: json(OrganizationPartnerLightSchema, "The setting"), ...problemResponses(400, 401, 403, 404, 415, 422) },
});

const setServicePartnerLightRoute = createRoute({
  operationId: "updateServicePartnerLight",
  method: "put",
  path: "/services/{serviceId}/partner-light",
  tags,
  summary: "Let one service work without an account",
  description:
    "For the service's organization's admins (or a network admin). Switching it on needs the organization's intake address (422).",
  security: cookie,
  middleware: [requireSession()] as const,
  request: { params: ServiceParamsSchema, body: body(PartnerLightSettingSchema) },
  responses: { 200: json(ServiceSchema, "The service"), ...problemResponses(400, 401, 403, 404, 415, 422) },
});

export const partnerLinksRoutes = createRouter()
  .openapi(getPartnerLinkRoute, async (c) => {
    const token = c.req.valid("header")[PARTNER_LINK_HEADER] ?? "";
    return c.json(await getPartnerLink(c.var.ctx, { token, address: clientAddress(c) }), 200);
  })
  .openapi(movePartnerLinkRoute, async (c) => {
    const token = c.req.valid("header")[PARTNER_LINK_HEADER] ?? "";
    const result = await moveWithPartnerLink(c.var.ctx, { token, address: clientAddress(c), move: c.req.valid("json") });
    return c.json({ ...result, reference: formatReference(result.reference) }, 201);
  })
  .openapi(resendPartnerLinkRoute, async (c) =>
    c.json(await resendPartnerLink(c.var.ctx, { referralId: c.req.valid("param").referralId }), 201),
  )
  .openapi(setOrganizationPartnerLightRoute, async (c) =>
    c.json(
      await setOrganizationPartnerLight(c.var.ctx, {
        organizationId: c.req.valid("param").organizationId,
        partnerLight: c.req.valid("json").partnerLight,
      }),
      200,
    ),
  )
  .openapi(setServicePartnerLightRoute, async (c) =>
    c.json(
      await setServicePartnerLight(c.var.ctx, {
        serviceId: c.req.valid("param").serviceId,
        partnerLight: c.req.valid("json").partnerLight,
      }),
      200,
    ),
  );

partnerLinksRoutes.openAPIRegistry.registerComponent("securitySchemes", "partnerLinkAuth", {
  type: "apiKey",
  in: "header",
  name: "Partner-Link",
  description: "The token of a partner-light link (from the fragment #t=… of the link in the mail)",
});
