import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";

/**
 * Serves the built web app. A GET outside /api for one of the app's own addresses (the patterns
 * the build writes to `routes.json`) gets index.html with 200; any other address gets the same page
 * with 404, so the app shows "niet gevonden" and a link checker, a monitor or a search engine
 * hears that the address does not exist.
 */
export function webRoutes(distDir: string) {
  const indexFile = join(distDir, "index.html");
  if (!existsSync(indexFile)) throw new Error(`Web app not built: ${indexFile} is missing (run pnpm build)`);
  const index = readFileSync(indexFile, "utf8");
  const isAppPath = appPathMatcher(readRoutes(join(distDir, "routes.json")));
  return new Hono()
    .use(
      "/assets/*",
      serveStatic({
        root: distDir,
        onFound: (_path, c) => {
          c.header("Cache-Control", "public, max-age=31536000, immutable");
        },
      }),
    )
    .use("/favicon.svg", serveStatic({ root: distDir }))
    .get("*", (c) => c.html(index, isAppPath(c.req.path) ? 200 : 404));
}

function readRoutes(file: string): string[] {
  if (!existsSync(file)) throw new Error(`Web app build is incomplete: ${file} is missing (run pnpm build)`);
  const routes: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (!Array.isArray(routes) || !routes.every((r) => typeof r === "string")) throw new Error(`${file} is not a list of paths`);
  return routes;
}

/** Whether a path matches one of the patterns; `:name` stands for one non-empty segment. */
export function appPathMatcher(patterns: readonly string[]): (path: string) => boolean {
  const split = (path: string) => (path === "/" ? [] : path.replace(/^\//, "").split("/"));
  const compiled = patterns.map(split);
  return (path) => {
    const segments = split(path);
    return compiled.some(
      (pattern) =>
        pattern.length === segments.length &&
        pattern.every((part, i) => (part.startsWith(":") ? (segments[i] ?? "") !== "" : part === segments[i])),
    );
  };
}
