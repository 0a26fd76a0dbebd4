import { $api } from "./client";

/** What the API serves as reference data: it changes rarely, so it is kept fresh for an hour. */
const HOUR_MS = 60 * 60 * 1000;

export const referenceQueries = {
  municipalities: () => $api.queryOptions("get", "/municipalities", {}, { staleTime: HOUR_MS }),
  categories: () => $api.queryOptions("get", "/categories", {}, { staleTime: HOUR_MS }),
};
