import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { appPathMatcher, webRoutes } from "./web";

function builtWebApp(routes: unknown) {
  const dir = mkdtempSync(join(tmpdir(), "schakel-web-"));
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>Schakel</title><div id=root></div>");
  writeFileSync(join(dir, "routes.json"), JSON.stringify(routes));
  return dir;
}

describe("webRoutes", () => {
  const web = webRoutes(builtWebApp(["/", "/kaart", "/kaart/diensten/:serviceId", "/verwijzingen/:referralId"]));

  test("the app's own addresses get the page with 200", async () => {
    for (const path of ["/", "/kaart", "/kaart/diensten/abc", "/verwijzingen/6f1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"]) {
      const response = await web.request(path);
      expect(response.status, path).toBe(200);
      expect(await response.text()).toContain("<div id=root>");
    }
  });

  test("any other address gets the same page with 404, so the app can say it was not found", async () => {
    for (const path of ["/bestaat-niet", "/kaart/", "/kaart/diensten", "/kaart/diensten/abc/extra", "/verwijzingen//"]) {
      const response = await web.request(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    }
  });

  test("a build without routes.json, or a damaged one, stops the start with a clear error", () => {
    const dir = builtWebApp(["/"]);
    writeFileSync(join(dir, "routes.json"), '{"not":"a list"}');
    expect(() => webRoutes(dir)).toThrow(/not a list of paths/);
  });
});

describe("appPathMatcher", () => {
  test("a parameter stands for exactly one non-empty segment", () => {
    const matches = appPathMatcher(["/diensten/:serviceId/bewerken"]);
    expect(matches("/diensten/x/bewerken")).toBe(true);
    expect(matches("/diensten//bewerken")).toBe(false);
    expect(matches("/diensten/x/y/bewerken")).toBe(false);
  });
});
