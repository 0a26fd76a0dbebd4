// Compiles the server to plain JavaScript (ADR 0024): apps/api/dist/index.js, run with `node`.
// The workspace packages (@schakel/core, @schakel/db) are TypeScript sources, so they are bundled
// in, together with whatever they use that this package does not declare. This package's own
// dependencies stay external and are loaded from node_modules at run time: native and wasm code
// (@node-rs/argon2, @electric-sql/pglite) cannot be bundled, and the others need not be.
// The bundle sits at the same depth as the sources (apps/api/dist vs packages/db/src), so the
// paths it computes from import.meta.url (drizzle/, apps/web/dist) stay right.
import { readFileSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { build } from "esbuild";

const apiDir = new URL("..", import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(`${apiDir}package.json`, "utf8"));
const external = new Set(Object.keys(pkg.dependencies).filter((name) => !name.startsWith("@schakel/")));
const builtins = new Set(builtinModules);

/** The package a bare import names: `drizzle-orm/pglite` → drizzle-orm, `@hono/node-server/x` → @hono/node-server. */
const packageOf = (path) =>
  path
    .split("/")
    .slice(0, path.startsWith("@") ? 2 : 1)
    .join("/");

const declaredDependenciesStayExternal = {
  name: "declared-dependencies-stay-external",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("node:") || builtins.has(args.path)) return { path: args.path, external: true };
      if (external.has(packageOf(args.path))) return { path: args.path, external: true };
      return undefined;
    });
  },
};

rmSync(`${apiDir}dist`, { recursive: true, force: true });
const started = performance.now();
await build({
  absWorkingDir: apiDir,
  entryPoints: ["src/index.ts", "src/webhooks-dispatch.ts"],
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: "linked",
  legalComments: "none",
  logLevel: "warning",
  plugins: [declaredDependenciesStayExternal],
});
console.log(`apps/api/dist/index.js en webhooks-dispatch.js gebouwd in ${Math.round(performance.now() - started)} ms`);
