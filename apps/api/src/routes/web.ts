import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";

/** Serves the built web app; any other GET outside /api gets index.html (client-side routing). */
export function webRoutes(distDir: string) {
  const indexFile = join(distDir, "index.html");
  if (!existsSync(indexFile)) throw new Error(`Web app not built: ${indexFile} is missing (run pnpm build)`);
  const index = readFileSync(indexFile, "utf8");
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
    .get("*", (c) => c.html(index));
}
