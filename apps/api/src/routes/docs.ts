import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Hono } from "hono";
import { API_BASE } from "../lib/openapi";

// Swagger UI's assets come from the swagger-ui-dist package and are served by us: the docs page
// works offline and under our strict CSP (no inline script, no CDN).
const assetsDir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
const asset = (name: string) => readFileSync(join(assetsDir, name));

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Schakel API</title>
  <link rel="stylesheet" href="${API_BASE}/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${API_BASE}/docs/swagger-ui-bundle.js"></script>
  <script src="${API_BASE}/docs/init.js"></script>
</body>
</html>`;

const init = `window.ui = SwaggerUIBundle({ url: "${API_BASE}/openapi.json", dom_id: "#swagger-ui", deepLinking: true });`;

export function docsRoutes() {
  const css = asset("swagger-ui.css");
  const bundle = asset("swagger-ui-bundle.js");
  const cached = { "Cache-Control": "public, max-age=86400" };
  return new Hono({ strict: true })
    .get("/docs", (c) => c.html(page))
    .get("/docs/swagger-ui.css", (c) => c.body(css, 200, { "Content-Type": "text/css; charset=utf-8", ...cached }))
    .get("/docs/swagger-ui-bundle.js", (c) =>
      c.body(bundle, 200, { "Content-Type": "text/javascript; charset=utf-8", ...cached }),
    )
    .get("/docs/init.js", (c) => c.body(init, 200, { "Content-Type": "text/javascript; charset=utf-8" }));
}
