import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import {
  badRequest,
  createErrorHandler,
  forbidden,
  HttpProblem,
  notFound,
  problemTypes,
  tooManyRequests,
  unauthorized,
  unprocessable,
  validationProblem,
} from "./problem";

/** A bare app whose one route throws `err`, with the real error handler; returns what it logged. */
function appThrowing(err: unknown) {
  const logged: unknown[] = [];
  const app = new Hono();
  app.onError(createErrorHandler((_msg, e) => logged.push(e)));
  app.get("/boom", () => {
    throw err;
  });
  return { app, logged };
}

describe("happy path", () => {
  test("an HttpProblem renders as problem+json with type, title, status, detail and instance", async () => {
    const { app, logged } = appThrowing(new HttpProblem("conflict", "Al gedaan."));
    const res = await app.request("/boom");
    expect(res.status).toBe(409);
    expect(res.headers.get("Content-Type")).toBe("application/problem+json");
    expect(await res.json()).toEqual({
      type: "https://schakel.example/problems/conflict",
      title: "Conflict",
      status: 409,
      detail: "Al gedaan.",
      instance: "/boom",
    });
    expect(logged).toEqual([]);
  });

  test("a problem's extra headers are sent (Retry-After on 429)", async () => {
    const { app } = appThrowing(tooManyRequests("Wacht even.", 900));
    const res = await app.request("/boom");
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toBe("900");
  });

  test("validationProblem lists every zod issue, named by where it sits in the request", () => {
    const schema = z.object({ email: z.email(), password: z.string(), address: z.object({ city: z.string() }) });
    const result = schema.safeParse({ email: "x", address: {} });
    expect(result.success).toBe(false);
    const problem = validationProblem(result.error as z.ZodError, "json");
    expect(problem.status).toBe(400);
    expect(problem.extra.invalidParams?.map((p) => p.name).sort()).toEqual(["body.address.city", "body.email", "body.password"]);
    for (const p of problem.extra.invalidParams ?? []) {
      expect(p.code).toBeTruthy();
      expect(p.reason).toBeTruthy();
    }
    const query = validationProblem(z.object({ limit: z.number() }).safeParse({}).error as z.ZodError, "query");
    expect(query.extra.invalidParams?.map((p) => p.name)).toEqual(["query.limit"]);
  });
});

describe("the catalogue of problem types", () => {
  test("every entry renders with its own status, title and type URI", async () => {
    for (const [slug, entry] of Object.entries(problemTypes)) {
      expect(slug).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
      const res = await appThrowing(new HttpProblem(slug as keyof typeof problemTypes, "Uitleg.")).app.request("/boom");
      expect(res.status).toBe(entry.status);
      expect(await res.json()).toMatchObject({
        type: `https://schakel.example/problems/${slug}`,
        title: entry.title,
        status: entry.status,
      });
    }
  });

  test("unprocessable names the field of the broken rule in invalidParams", () => {
    const problem = unprocessable("no-area", "Kies een werkgebied.", "body.municipalityCodes");
    expect(problem.status).toBe(422);
    expect(problem.extra.invalidParams).toEqual([
      { name: "body.municipalityCodes", code: "no-area", reason: "Kies een werkgebied." },
    ]);
  });
});

describe("errors", () => {
  test("any other error is a generic 500: the message, SQL and stack stay in the log", async () => {
    const secret = new Error('duplicate key value violates unique constraint "users_email_unique" in select * from users');
    const { app, logged } = appThrowing(secret);
    const res = await app.request("/boom");
    expect(res.status).toBe(500);
    expect(res.headers.get("Content-Type")).toBe("application/problem+json");
    const text = await res.text();
    expect(text).not.toContain("users_email_unique");
    expect(text).not.toMatch(/select|stack|\bError:/i);
    expect(JSON.parse(text)).toMatchObject({ status: 500, type: "https://schakel.example/problems/internal-error" });
    expect(logged).toEqual([secret]);
  });

  test("hono's own 400 (malformed body) becomes a problem+json 400 without its message", async () => {
    const { app, logged } = appThrowing(new HTTPException(400, { message: "Malformed JSON in request body" }));
    const res = await app.request("/boom");
    expect(res.status).toBe(400);
    expect(res.headers.get("Content-Type")).toBe("application/problem+json");
    expect(await res.text()).not.toContain("Malformed JSON in request body");
    expect(logged).toEqual([]);
  });

  test("other HTTPExceptions do not pass their status or message through", async () => {
    const { app } = appThrowing(new HTTPException(418, { message: "interne details" }));
    const res = await app.request("/boom");
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("interne details");
  });

  test("badRequest carries invalidParams only when given", async () => {
    const plain = await appThrowing(badRequest("Fout.")).app.request("/boom");
    expect(await plain.json()).not.toHaveProperty("invalidParams");
    const listed = await appThrowing(badRequest("Fout.", [{ name: "body.x", code: "c", reason: "r" }])).app.request("/boom");
    expect(((await listed.json()) as { invalidParams: unknown[] }).invalidParams).toHaveLength(1);
  });
});

describe("authorisation", () => {
  test("401, 403 and 404 problems have distinct types", async () => {
    const types = await Promise.all(
      [unauthorized(), forbidden("x"), notFound("x")].map(async (p) => {
        const res = await appThrowing(p).app.request("/boom");
        return ((await res.json()) as { type: string }).type;
      }),
    );
    expect(new Set(types).size).toBe(3);
  });
});
