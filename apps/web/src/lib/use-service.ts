import { useCallback, useEffect, useState } from "react";
import { api, type Problem, run, type Service } from "./api";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a route parameter can be an id at all (else the page is a 404 without asking the API). */
export const isUuid = (value: string) => UUID.test(value);

export type ServiceState =
  | { status: "loading" }
  | { status: "not-found" }
  | { status: "error"; problem: Problem }
  | { status: "ready"; service: Service };

/** Loads one service of the sociale kaart; `retry` loads it again after an error. */
export function useService(serviceId: string) {
  const [state, setState] = useState<ServiceState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the retry trigger
  useEffect(() => {
    if (!isUuid(serviceId)) {
      setState({ status: "not-found" });
      return;
    }
    const controller = new AbortController();
    setState({ status: "loading" });
    void run(api.GET("/services/{serviceId}", { params: { path: { serviceId } }, signal: controller.signal })).then((result) => {
      if (controller.signal.aborted) return;
      if (result.ok) setState({ status: "ready", service: result.data });
      else if (result.problem.status === 404 || result.problem.status === 400) setState({ status: "not-found" });
      else setState({ status: "error", problem: result.problem });
    });
    return () => controller.abort();
  }, [serviceId, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}
