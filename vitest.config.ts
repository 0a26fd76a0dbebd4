import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["./scripts/vitest-global-setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          include: ["apps/*/src/**/*.test.ts", "packages/*/src/**/*.test.ts", "examples/*/src/**/*.test.ts"],
          exclude: ["**/node_modules/**", "**/dist/**", "apps/web/**"],
        },
      },
      {
        // The web app's pure modules and components, in a simulated DOM (the browser suites
        // in apps/e2e test whole journeys in Chromium).
        extends: true,
        test: {
          name: "web",
          include: ["apps/web/src/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          setupFiles: ["./apps/web/src/test/setup.ts"],
        },
      },
    ],
  },
});
