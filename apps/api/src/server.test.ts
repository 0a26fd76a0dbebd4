import { request as httpRequest, type Server } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MAX_BODY_BYTES } from "./app";
import { problemType } from "./lib/problem";
import { listen, portOf } from "./server";
import { createTestContext, TEST_ORIGIN, type TestContext } from "./test/harness";

let t: TestContext;
let server: Server;
let port: number;
beforeAll(async () => {
  t = await createTestContext();
  server = await listen(t.app.fetch, { port: 0, hostname: "127.0.0.1" });
  port = portOf(server);
});
afterAll(async () => {
  await new Promise((done) => server.close(done));
  await t.close();
});

const twoMegabytes = () => JSON.stringify({ email: "a@b.example", password: "x".repeat(2 * 1024 * 1024) });

function expectProblem(status: number, contentType: string | null | undefined, body: string, slug: string) {
  expect(contentType).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(body);
  expect(problem).toMatchObject({ type: problemType(slug as never), status });
  expect(problem.detail).toEqual(expect.any(String));
}

describe("request body limit", () => {
  test("a 2 MB body from anyone is 413 problem+json", async () => {
    const res = await t.app.request(`${TEST_ORIGIN}/api/v1/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: TEST_ORIGIN },
      body: twoMegabytes(),
    });
    expect(res.status).toBe(413);
    expectProblem(413, res.headers.get("Content-Type"), await res.text(), "body-too-large");
  });

  test("a 2 MB body from a signed-in member is 413 too", async () => {
    const { worker } = await t.organizationWithStaff();
    const res = await worker.browser.fetch(
      new Request(`${TEST_ORIGIN}/api/v1/residents`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }),
      }),
    );
    expect(res.status).toBe(413);
    expectProblem(413, res.headers.get("Content-Type"), await res.text(), "body-too-large");
  });

  test("a body just under the limit is read (here: refused as bad JSON, not as too large)", async () => {
    const res = await t.app.request(`${TEST_ORIGIN}/api/v1/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: TEST_ORIGIN },
      body: `{${" ".repeat(MAX_BODY_BYTES - 10)}`,
    });
    expect(res.status).toBe(400);
  });

  test("a chunked body without Content-Length is refused once it passes 1 MB, before it ends", async () => {
    const answer = await new Promise<{ status: number; type: string | undefined; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/api/v1/auth/login",
          headers: { "Content-Type": "application/json", Origin: `http://127.0.0.1:${port}` },
        },
        (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (chunk) => {
            body += chunk;
          });
          res.on("end", () => {
            resolve({ status: res.statusCode ?? 0, type: res.headers["content-type"], body });
            req.destroy();
          });
        },
      );
      req.on("error", reject);
      // 1.5 MB in 64 KiB chunks, and the request is never ended: only a server that stops
      // reading at the limit can answer.
      const chunk = Buffer.alloc(64 * 1024, " ");
      for (let sent = 0; sent < 1.5 * 1024 * 1024; sent += chunk.length) req.write(chunk);
    });
    expect(answer.status).toBe(413);
    expectProblem(413, answer.type, answer.body, "body-too-large");
  });
});

/** Writes `request` on a plain socket and reads the answer until the server closes it. */
function rawExchange(request: string): Promise<{ head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(request));
    let data = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => {
      data += chunk;
    });
    socket.on("end", () => {
      const [head = "", body = ""] = data.split("\r\n\r\n");
      resolve({ head, body });
    });
    socket.on("error", reject);
  });
}

describe("oversized request line or headers", () => {
  test("a 20 KiB URL is 431 problem+json, on the raw socket", async () => {
    const { head, body } = await rawExchange(
      `GET /api/v1/organizations?q=${"a".repeat(20 * 1024)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
    );
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expectProblem(431, head.match(/^content-type: (.*)$/im)?.[1], body, "header-too-large");
  });

  test("a malformed request is 400 problem+json", async () => {
    const { head, body } = await rawExchange("NONSENSE\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expectProblem(400, head.match(/^content-type: (.*)$/im)?.[1], body, "invalid-request");
  });
});
