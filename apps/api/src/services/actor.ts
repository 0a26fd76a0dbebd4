import { caseworkerRoles, type Role } from "@schakel/core";
import type { Database } from "@schakel/db";
import type { Actor } from "../context";
import { notFound } from "../lib/problem";
import { requireOrganizationAdmin } from "./members/authorize";
import { activeOrganizationIds } from "./membership";

/**
 * The few things services need to know about who acts, for a person and for an API token alike
 * (ADR 0028). Services open to tokens use these, never `actor.userId` directly.
 */

/** The person acting, or null for an API token (a token is nobody: it never is "the assigned worker"). */
export const actingUserId = (actor: Actor): string | null => (actor.kind === "session" ? actor.userId : null);

/** The API token acting, or null for a person. */
export const actingTokenId = (actor: Actor): string | null => (actor.kind === "token" ? actor.tokenId : null);

/**
 * The organizations the actor acts for with one of these roles: a person's active memberships; a
 * token, its own organization, as a caseworker (never a coordinator or an admin).
 */
export async function actingOrganizationIds(
  db: Database,
  actor: Actor,
  roles: readonly Role[] = caseworkerRoles,
): Promise<Set<string>> {
  if (actor.kind === "session") return activeOrganizationIds(db, actor.userId, roles);
  return new Set(roles.includes("worker") ? [actor.organizationId] : []);
}

/** What an event stores of its actor beside the organization (recordEvent, applyMove): the person, or the token. */
export const eventActor = (actor: Actor) => ({ actorUserId: actingUserId(actor), actorApiTokenId: actingTokenId(actor) });

/** Who acts, as the access log (logResidentAccess) and a referral's Viewer record it: the person, or the token. */
export interface ActingAs {
  userId: string | null;
  apiTokenId: string | null;
}

export const actingAs = (actor: Actor): ActingAs => ({ userId: actingUserId(actor), apiTokenId: actingTokenId(actor) });

/**
 * For what an organization's admin does to its own records (its services on the kaart): a person
 * must be its active admin (requireOrganizationAdmin: 404 outside it, 403 for a worker); a token —
 * whose scope the service already checked — must be that organization's own (404 otherwise).
 */
export async function requireOwnOrganizationAdmin(db: Database, actor: Actor, organizationId: string) {
  if (actor.kind === "session") {
    await requireOrganizationAdmin(db, actor.userId, organizationId);
    return;
  }
  if (actor.organizationId !== organizationId) throw notFound("Deze organisatie bestaat niet of je bent er geen lid van.");
}
