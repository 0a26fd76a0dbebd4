import { createRoute } from "@hono/zod-openapi";
import { createRouter, json } from "../lib/openapi";
import { problemResponses } from "../lib/problem";
import { requireSession, setCookie } from "../middleware/session";
import { MeSchema } from "../schemas/auth";
import {
  ColleagueListSchema,
  InvitationAcceptanceSchema,
  MemberInviteSchema,
  MemberListQuerySchema,
  MemberListSchema,
  MemberParamsSchema,
  MemberSchema,
  MemberUpdateSchema,
} from "../schemas/members";
import { OrganizationParamsSchema } from "../schemas/organizations";
import { getMe } from "../services/auth/get-me";
import { asActor } from "../services/context";
import { acceptInvitation } from "../services/members/accept-invitation";
import { inviteMember } from "../services/members/invite-member";
import { listColleagues } from "../services/members/list-colleagues";
import { listMembers } from "../services/members/list-members";
import { updateMember } from "../services/members/update-member";

const security = [{ cookieAuth: [] }];

const listMembersRoute = createRoute({
  operationId: "listMembers",
  method: "get",
  path: "/organizations/{organizationId}/members",
  tags: ["Members"],
  summary: "The organization's members (admins only)",
  description: "Sorted by name, cursor-paginated. Other organizations' admins get 404. Every read is written to the access log.",
  security,
  middleware: [requireSession()] as const,
  request: { params: OrganizationParamsSchema, query: MemberListQuerySchema },
  responses: { 200: json(MemberListSchema, "A page of members"), ...problemResponses(400, 401, 403, 404) },
});

const listColleaguesRoute = createRoute({
  operationId: "listColleagues",
  method: "get",
  path: "/organizations/{organizationId}/colleagues",
  tags: ["Members"],
  summary: "Your organization's active workers and admins, by name",
  description:
    "For giving a referral to a colleague: ids and names only, sorted by name (at most 500). For the organization's own workers and admins; others get 404, a coordinator 403.",
  security,
  middleware: [requireSession()] as const,
  request: { params: OrganizationParamsSchema },
  responses: { 200: json(ColleagueListSchema, "The colleagues"), ...problemResponses(400, 401, 403, 404) },
});

const inviteMemberRoute = createRoute({
  operationId: "inviteMember",
  method: "post",
  path: "/organizations/{organizationId}/members",
  tags: ["Members"],
  summary: "Invite a member by e-mail (admins only)",
  description:
    "Sends a one-time link, valid 72 hours, to set a password, through the mail outbox (retried until delivered). Inviting an address that is still invited sends a new link and voids the old one. The answer does not tell whether the address already has an account: the member carries the name given here until they accept. The name is one line without control characters or web addresses (it goes into the e-mail).",
  security,
  middleware: [requireSession()] as const,
  request: {
    params: OrganizationParamsSchema,
    body: { required: true, content: { "application/json": { schema: MemberInviteSchema } } },
  },
  responses: {
    201: json(MemberSchema, "Invited; the e-mail is queued in the outbox"),
    ...problemResponses(400, 401, 403, 404, 409, 415),
  },
});

const updateMemberRoute = createRoute({
  operationId: "updateMember",
  method: "patch",
  path: "/organizations/{organizationId}/members/{memberId}",
  tags: ["Members"],
  summary: "Change a member's role or deactivate them (admins only)",
  description: "Deactivating ends all of the member's sessions at once. The last active admin cannot be removed (409).",
  security,
  middleware: [requireSession()] as const,
  request: {
    params: MemberParamsSchema,
    body: { required: true, content: { "application/json": { schema: MemberUpdateSchema } } },
  },
  responses: { 200: json(MemberSchema, "The updated member"), ...problemResponses(400, 401, 403, 404, 409, 415) },
});

const acceptInvitationRoute = createRoute({
  operationId: "acceptInvitation",
  method: "post",
  path: "/invitation-acceptances",
  tags: ["Members"],
  summary: "Accept an invitation and sign in",
  description: "Redeems the token from the invitation link once: sets the password (new account) and signs in.",
  request: { body: { required: true, content: { "application/json": { schema: InvitationAcceptanceSchema } } } },
  responses: { 201: json(MeSchema, "Accepted and signed in"), ...problemResponses(400, 404, 409, 415, 422) },
});

export const membersRoutes = createRouter()
  .openapi(listColleaguesRoute, async (c) =>
    c.json(await listColleagues(c.var.ctx, { organizationId: c.req.valid("param").organizationId }), 200),
  )
  .openapi(listMembersRoute, async (c) => {
    const { organizationId } = c.req.valid("param");
    const page = await listMembers(c.var.ctx, {
      organizationId,
      ...c.req.valid("query"),
    });
    return c.json(page, 200);
  })
  .openapi(inviteMemberRoute, async (c) => {
    const { organizationId } = c.req.valid("param");
    const { member } = await inviteMember(c.var.ctx, {
      organizationId,
      ...c.req.valid("json"),
    });
    return c.json(member, 201);
  })
  .openapi(updateMemberRoute, async (c) => {
    const member = await updateMember(c.var.ctx, {
      ...c.req.valid("param"),
      ...c.req.valid("json"),
    });
    return c.json(member, 200);
  })
  .openapi(acceptInvitationRoute, async (c) => {
    const ctx = c.var.ctx;
    const session = await acceptInvitation(ctx, c.req.valid("json"));
    if (ctx.actor?.kind === "session") await ctx.sessions.invalidate(ctx.actor.sessionId);
    setCookie(c, session.cookie);
    return c.json(await getMe(asActor(ctx, session.actor)), 201);
  });
