import { createMiddleware } from "hono/factory";
import { HttpProblem } from "../lib/problem";

/** JSON endpoints take JSON only: a body of any other type gets 415. */
export const requireJsonBody = () =>
  createMiddleware(async (c, next) => {
    const method = c.req.method;
    if (method === "POST" || method === "PUT" || method === "PATCH") {
      const type = c.req.header("Content-Type") ?? "";
      const hasBody = c.req.header("Content-Length") !== "0" && (c.req.raw.body !== null || type !== "");
      if (hasBody && !/^application\/(.+\+)?json\s*(;|$)/i.test(type)) {
        throw new HttpProblem("unsupported-media-type", "Stuur de gegevens als application/json.", {
          headers: { "Accept-Post": "application/json" },
        });
      }
    }
    await next();
  });
