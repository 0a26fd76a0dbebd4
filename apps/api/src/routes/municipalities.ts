import { createRoute, z } from "@hono/zod-openapi";
import { createRouter, json } from "../lib/openapi";
import { problemResponses } from "../lib/problem";
import { listMunicipalities } from "../services/sociale-kaart/list-municipalities";

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

export const municipalitiesRoutes = createRouter().openapi(listMunicipalitiesRoute, async (c) =>
  c.json(await listMunicipalities(c.var.ctx), 200),
);
