import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { serviceContext } from "../lib/request";

/** Builds the request's ServiceContext once, after loadSession() has resolved the actor: `c.var.ctx`. */
export const provideServiceContext = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    c.set("ctx", serviceContext(c));
    await next();
  });
