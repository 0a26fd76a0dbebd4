import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import { type ServerType, serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { silentLogger } from "../lib/logger";
import { DevMailbox } from "../mail/mailer";
import { createTestContext, TEST_PASSWORD, type TestContext } from "../test/harness";

/** A plain HTTP request to the real server, with headers a browser could not forge but a client can. */
function call(
  host: string,
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = httpRequest(
      {
        host,
        port,
        path,
        method: options.method ?? "GET",
        headers: { ...(body ? { "Content-Type": "application/json" } : {}), ...options.headers },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

const PUBLIC_URL = "https://schakel.gemeente.example";
const mailbox = new DevMailbox("Schakel <noreply@schakel.test>", silentLogger);
let t: TestContext;
let server: ServerType;
let port: number;

beforeAll(async () => {
  t = await createTestContext({ mailer: mailbox, config: { devMailbox: true, publicUrl: PUBLIC_URL, trustProxy: true } });
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: "0.0.0.0" }, () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

describe("authorisation", () => {
  test("the development mailbox answers a client on this machine, by the socket's address", async () => {
    await mailbox.send({ to: "lokaal@test.example", subject: "Proef", text: "token=geheim-123" });
    const local = await call("127.0.0.1", port, "/dev/mail.json");
    expect(local.status).toBe(200);
    expect(local.text).toContain("geheim-123");
  });

  test("a client on another machine gets 404, whatever X-Forwarded-For or Host it sends", async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === "IPv4" && !i.internal)?.address;
    if (!external) return; // no network address on this machine to come from
    for (const path of ["/dev/mail.json", "/dev/mail"]) {
      const res = await call(external, port, path, { headers: { "X-Forwarded-For": "127.0.0.1", Host: "localhost" } });
      expect(res.status).toBe(404);
      expect(res.text).not.toContain("geheim-123");
    }
  });

  test("an in-process request (no socket) is not on this machine either", async () => {
    const res = await t.app.request("http://localhost/dev/mail.json", { headers: { "X-Forwarded-For": "127.0.0.1" } });
    expect(res.status).toBe(404);
  });
});

describe("errors", () => {
  test("a forged Host does not move the link in an invitation: links come from PUBLIC_URL", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const forged = "evil.example";
    const login = await call("127.0.0.1", port, "/api/v1/auth/login", {
      method: "POST",
      headers: { Host: forged, Origin: `http://${forged}` },
      body: { email: admin.user.email, password: TEST_PASSWORD },
    });
    expect(login.status).toBe(200);
    const cookie = ([login.headers["set-cookie"]].flat().filter(Boolean) as string[]).map((c) => c.split(";")[0]).join("; ");
    const email = `host-${crypto.randomUUID().slice(0, 8)}@test.example`;
    const invited = await call("127.0.0.1", port, `/api/v1/organizations/${organization.id}/members`, {
      method: "POST",
      headers: { Host: forged, Origin: `http://${forged}`, Cookie: cookie },
      body: { email, name: "Hanna Host", role: "worker" },
    });
    expect(invited.status).toBe(201);
    const mail = mailbox.mails.find((m) => m.to === email);
    expect(mail?.text).toContain(`${PUBLIC_URL}/uitnodiging#token=`);
    expect(mail?.text).not.toContain(forged);
  });
});
