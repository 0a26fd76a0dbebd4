import { useQuery } from "@tanstack/react-query";
import type { Problem } from "../api/problem";
import { serviceQueries } from "../api/services";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a route parameter can be an id at all (else the page is a 404 without asking the API). */
export const isUuid = (value: string) => UUID.test(value);

/** Whether a failed load means the service is not there (no such id, or not a valid one). */
export const isNotFound = (problem: Problem) => problem.status === 404 || problem.status === 400;

/** One service of the sociale kaart; call it only for an id that passed isUuid. */
export function useService(serviceId: string) {
  return useQuery(serviceQueries.detail(serviceId));
}
