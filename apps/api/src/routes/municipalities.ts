import { createRoute, z } from "@hono/zod-openapi";
import { municipalities } from "@schakel/db";
import { asc } from "drizzle-orm";
import { createRouter, json } from "../lib/openapi";
import { problemResponses } from "../lib/problem";

const MunicipalityListSchema = z
  .object({
    data: z.array(
      z
        .object({
          code: z.string().openapi({ description: "CBS code", example: "GM0202" }),
          name: z.string().openapi({ description: "Name", example: "Arnhem" }),
        })
        .openapi("Municipality"),
    ),
  })
  .openapi("MunicipalityList");

const listMunicipalitiesRoute = createRoute({
  operationId: "listMunicipalities",
  method: "get",
  path: "/municipalities",
  tags: ["Sociale kaart"],
  summary: "The municipalities Schakel knows, by name",
  responses: { 200: json(MunicipalityListSchema, "All municipalities"), ...problemResponses(500) },
});

export const municipalitiesRoutes = createRouter().openapi(listMunicipalitiesRoute, async (c) => {
  const rows = await c.var.deps.db
    .select({ code: municipalities.code, name: municipalities.name })
    .from(municipalities)
    .orderBy(asc(municipalities.name));
  return c.json({ data: rows }, 200);
});
