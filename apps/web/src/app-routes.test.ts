import type { RouteObject } from "react-router";
import { describe, expect, test } from "vitest";
import { appRoutes } from "./app";
import { WEB_PATHS } from "./route-paths";

/** Every full path the router answers (layout routes without a path add nothing; "*" is the fallback). */
function paths(routes: RouteObject[], parent = ""): string[] {
  return routes.flatMap((route) => {
    const own = route.index ? parent || "/" : route.path ? `${parent}/${route.path}`.replace(/\/+/g, "/") : null;
    const children = route.children ? paths(route.children, route.path ? `${parent}/${route.path}` : parent) : [];
    return [...(own && route.path !== "*" ? [own] : []), ...children];
  });
}

describe("the app's routes", () => {
  test("are exactly the paths the server answers with 200 (route-paths.ts)", () => {
    expect(paths(appRoutes).sort()).toEqual([...WEB_PATHS].sort());
  });
});
