import { createRoute, z } from "@hono/zod-openapi";
import { createRouter, json } from "../lib/openapi";
import { problemResponses } from "../lib/problem";
import { getHealth } from "../services/health/get-health";

const HealthSchema = z
  .object({
    status: z.literal("ok").openapi({ description: "Schakel can serve requests", example: "ok" }),
    database: z.literal("reachable").openapi({ description: "The database answers", example: "reachable" }),
  })
  .openapi("Health");

const getHealthRoute = createRoute({
  operationId: "getHealth",
  method: "get",
  path: "/health",
  tags: ["Health"],
  summary: "Whether Schakel and its database are up",
  responses: { 200: json(HealthSchema, "Up"), ...problemResponses(503) },
});

export const healthRoutes = createRouter().openapi(getHealthRoute, async (c) => c.json(await getHealth(c.var.ctx), 200));
