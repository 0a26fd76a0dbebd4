import { $api, BACKGROUND_HEADERS } from "./client";

/** How often the app looks when the session ends (without extending it), besides after each use. */
const POLL_MS = 60_000;

export const sessionExpiryQueries = {
  /** When the session ends; asked in the background, so asking does not extend it. */
  status: () =>
    $api.queryOptions(
      "get",
      "/auth/session",
      { headers: BACKGROUND_HEADERS },
      { refetchInterval: POLL_MS, refetchOnWindowFocus: true, staleTime: 0, retry: false },
    ),
};
