import { $api } from "./client";

/**
 * The sociale kaart's services: query options (their keys are [method, path, init], so
 * invalidating ["get", "/services/{serviceId}"] reaches every service detail) and mutations.
 */
export const serviceQueries = {
  detail: (serviceId: string) => $api.queryOptions("get", "/services/{serviceId}", { params: { path: { serviceId } } }),
};
