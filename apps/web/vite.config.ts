import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { WEB_PATHS } from "./src/route-paths.ts";

const api = "http://localhost:3000";

/** Writes the app's addresses to dist/routes.json: the server answers 404 for any other. */
function routeList(): Plugin {
  return {
    name: "schakel-route-list",
    generateBundle() {
      this.emitFile({ type: "asset", fileName: "routes.json", source: `${JSON.stringify(WEB_PATHS, null, 2)}\n` });
    },
  };
}

export default defineConfig({
  plugins: [react(), routeList()],
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      "/api": { target: api },
      "/dev": { target: api },
    },
  },
});
