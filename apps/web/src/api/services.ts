import type { paths } from "@schakel/api-client";
import { infiniteQueryOptions, queryOptions, useQueryClient } from "@tanstack/react-query";
import { $api, api } from "./client";
import { cursorPaging } from "./cursor-pages";

/** GET /services's query without the cursor: what a search asks for. */
export type ServiceSearchQuery = Omit<NonNullable<paths["/services"]["get"]["parameters"]["query"]>, "cursor">;
type ServiceStatus = NonNullable<ServiceSearchQuery["status"]>;

/** Enough for any organisation; past this many pages per status the list says it is incomplete. */
const MAX_PAGES = 20;
const ORGANIZATION_PAGE_SIZE = 50;

/** Every key below starts with this, so invalidating it reaches every search and list of services. */
const searchKey = $api.queryOptions("get", "/services").queryKey;
/** Every service detail ([method, path, init]); invalidating it reaches all of them. */
const detailKey = ["get", "/services/{serviceId}"] as const;

/**
 * The sociale kaart's services: query options (their keys are [method, path, init], so
 * invalidating ["get", "/services/{serviceId}"] reaches every service detail) and mutations.
 */
export const serviceQueries = {
  detail: (serviceId: string) => $api.queryOptions("get", "/services/{serviceId}", { params: { path: { serviceId } } }),

  /** How the service answers referrals (aggregates of the last 12 months; public). */
  responsiveness: (serviceId: string) =>
    $api.queryOptions("get", "/services/{serviceId}/responsiveness", { params: { path: { serviceId } } }),

  /** A search of the sociale kaart, page after page ("Meer laden"). */
  search: (query: ServiceSearchQuery) =>
    infiniteQueryOptions({
      queryKey: [...$api.queryOptions("get", "/services", { params: { query } }).queryKey, "pages"] as const,
      queryFn: async ({ pageParam, signal }) => {
        const { data, error } = await api.GET("/services", { params: { query: { ...query, cursor: pageParam } }, signal });
        if (error) throw error;
        return data;
      },
      ...cursorPaging,
    }),

  /** All of one organisation's services, of every status, sorted by name (for its admins). */
  ofOrganization: (organizationId: string, statuses: readonly ServiceStatus[]) =>
    queryOptions({
      queryKey: [...searchKey, { params: { query: { organization: organizationId } } }, "all"] as const,
      queryFn: async ({ signal }) => {
        const lists = await Promise.all(statuses.map((status) => servicesWithStatus(organizationId, status, signal)));
        const services = lists.flatMap((list) => list.services);
        services.sort((a, b) => a.name.localeCompare(b.name, "nl", { sensitivity: "base" }));
        return { services, complete: lists.every((list) => list.complete) };
      },
    }),
};

async function servicesWithStatus(organizationId: string, status: ServiceStatus, signal: AbortSignal) {
  const services = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { data, error } = await api.GET("/services", {
      params: { query: { organization: organizationId, status, limit: ORGANIZATION_PAGE_SIZE, cursor } },
      signal,
    });
    if (error) throw error;
    services.push(...data.data);
    cursor = data.meta.nextCursor ?? undefined;
    if (!cursor) return { services, complete: true };
  }
  return { services, complete: false };
}

/** After a service changed, every search, list and detail may show it: look again. */
function useInvalidateServices() {
  const queryClient = useQueryClient();
  // Lists not on screen are dropped rather than marked stale: the page that opens next (the list
  // after saving) must not first show the service as it was before the change.
  return () => {
    queryClient.removeQueries({ queryKey: searchKey, type: "inactive" });
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: searchKey }),
      queryClient.invalidateQueries({ queryKey: detailKey }),
    ]);
  };
}

/** POST /services. */
export function useCreateService() {
  const invalidate = useInvalidateServices();
  return $api.useMutation("post", "/services", { onSuccess: () => invalidate() });
}

/** PUT /services/{serviceId}/partner-light: the service works without an account (ADR 0029). */
export function useSetServicePartnerLight() {
  const invalidate = useInvalidateServices();
  return $api.useMutation("put", "/services/{serviceId}/partner-light", { onSuccess: () => invalidate() });
}

/** PATCH /services/{serviceId}. */
export function useUpdateService() {
  const invalidate = useInvalidateServices();
  return $api.useMutation("patch", "/services/{serviceId}", { onSuccess: () => invalidate() });
}
