import { createRoute, z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { createRouter, json } from "../lib/openapi";
import { HttpProblem, problemResponses } from "../lib/problem";

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

export const healthRoutes = createRouter().openapi(getHealthRoute, async (c) => {
  try {
    await c.var.deps.db.execute(sql`select 1`);
    return c.json({ status: "ok" as const, database: "reachable" as const }, 200);
  } catch (err) {
    c.var.deps.logger.error("health check: database unreachable", err);
    throw new HttpProblem("database-unreachable", "De database is niet bereikbaar.");
  }
});
