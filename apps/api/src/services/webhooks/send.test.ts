import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { HTTP } from "cloudevents";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPublicAddress } from "./callback-address";
import { CLOUD_EVENTS_CONTENT_TYPE, cloudEventBody, toCloudEvent } from "./cloud-event";
import { postWebhook, signatureHeader } from "./send";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const OLD_SECRET = "whsec_dGhlIHByZXZpb3VzIHNpZ25pbmcga2V5ISE=";
const local = { allowLocal: true };
const production = { allowLocal: false };

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}
let server: http.Server;
let base: string;
const received: Received[] = [];
let answer: (res: http.ServerResponse) => void = (res) => res.writeHead(204).end();

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    received.push({ headers: req.headers, body });
    answer(res);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const event = () =>
  toCloudEvent(
    {
      id: "0f3c2c0e-8e5e-4a3b-9d0e-6e7a1c2b3d4e",
      type: "nl.schakel.referral.status-changed",
      time: new Date("2026-12-04T10:00:00Z"),
      resourcePath: "/api/v1/referrals/5b1f0c8e-1d2a-4c3b-8e9f-0a1b2c3d4e5f",
      sequence: 7,
      data: { referralId: "5b1f0c8e-1d2a-4c3b-8e9f-0a1b2c3d4e5f", status: "accepted" },
    },
    { source: "urn:nld:schakel:schakel.test", baseUrl: "https://schakel.test" },
  );

const message = (body = cloudEventBody(event())) => ({
  id: "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W",
  timestamp: new Date(),
  body,
  contentType: CLOUD_EVENTS_CONTENT_TYPE,
});

describe("postWebhook", () => {
  it("delivers a CloudEvent the official SDKs accept: the standardwebhooks signature verifies, the cloudevents parser reads it", async () => {
    received.length = 0;
    const result = await postWebhook(`${base}/hook`, message(), [SECRET], local);
    expect(result).toMatchObject({ ok: true, status: 204 });
    const [got] = received;
    if (!got) throw new Error("nothing received");
    const headers = Object.fromEntries(Object.entries(got.headers).map(([k, v]) => [k, String(v)]));
    expect(new Webhook(SECRET).verify(got.body, headers)).toMatchObject({ type: "nl.schakel.referral.status-changed" });
    const parsed = HTTP.toEvent({ headers, body: got.body });
    const cloudEvent = Array.isArray(parsed) ? parsed[0] : parsed;
    expect(cloudEvent).toMatchObject({
      specversion: "1.0",
      source: "urn:nld:schakel:schakel.test",
      type: "nl.schakel.referral.status-changed",
      dataref: "https://schakel.test/api/v1/referrals/5b1f0c8e-1d2a-4c3b-8e9f-0a1b2c3d4e5f",
      sequence: "0000000007",
      time: "2026-12-04T10:00:00.000Z",
    });
    expect(cloudEvent?.subject).toBeUndefined();
    // Signed with another key, it does not verify.
    expect(() => new Webhook(OLD_SECRET).verify(got.body, headers)).toThrow();
  });

  it("signs with both secrets during a rotation, so either verifies", async () => {
    const m = message();
    const header = signatureHeader(m, [SECRET, OLD_SECRET]);
    expect(header.split(" ")).toHaveLength(2);
    const headers = {
      "webhook-id": m.id,
      "webhook-timestamp": String(Math.floor(m.timestamp.getTime() / 1000)),
      "webhook-signature": header,
    };
    expect(() => new Webhook(SECRET).verify(m.body, headers)).not.toThrow();
    expect(() => new Webhook(OLD_SECRET).verify(m.body, headers)).not.toThrow();
  });

  it("counts an error status and a redirect as failures, with the status and a reason but no body", async () => {
    answer = (res) => res.writeHead(500).end("stack trace with secrets");
    const failed = await postWebhook(`${base}/hook`, message(), [SECRET], local);
    expect(failed).toMatchObject({ ok: false, status: 500, error: "De ontvanger antwoordde met HTTP 500." });
    answer = (res) => res.writeHead(302, { location: "http://169.254.169.254/" }).end();
    expect(await postWebhook(`${base}/hook`, message(), [SECRET], local)).toMatchObject({ ok: false, status: 302 });
    answer = (res) => res.writeHead(204).end();
  });

  it("gives up on a receiver that does not answer in time", async () => {
    answer = () => {}; // never answers
    const result = await postWebhook(`${base}/slow`, message(), [SECRET], local, 300);
    expect(result).toMatchObject({ ok: false, status: null, error: "Geen antwoord binnen 0.3 seconden." });
    expect(result.durationMs).toBeLessThan(2000);
    answer = (res) => res.writeHead(204).end();
  });

  it("says so when nobody listens", async () => {
    const closed = http.createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    expect(await postWebhook(`http://127.0.0.1:${port}/`, message(), [SECRET], local)).toMatchObject({
      ok: false,
      error: "De ontvanger weigerde de verbinding.",
    });
  });
});

describe("no SSRF: outside development only https:// on the public internet", () => {
  it.each([
    ["http, not https", "http://partner.example/hook", "Het adres moet met https:// beginnen."],
    ["loopback", "https://127.0.0.1/hook", "intern of lokaal netwerk"],
    ["IPv6 loopback", "https://[::1]/hook", "intern of lokaal netwerk"],
    ["mapped loopback", "https://[::ffff:127.0.0.1]/hook", "intern of lokaal netwerk"],
    ["private", "https://10.1.2.3/hook", "intern of lokaal netwerk"],
    ["cloud metadata", "https://169.254.169.254/latest/meta-data", "intern of lokaal netwerk"],
    ["credentials", "https://user:pass@partner.example/hook", "gebruikersnaam of wachtwoord"],
  ])("refuses %s before connecting", async (_name, url, reason) => {
    received.length = 0;
    const result = await postWebhook(url, message(), [SECRET], production);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(reason);
  });

  it("refuses a name that resolves to this machine, at connection time", async () => {
    received.length = 0;
    const port = (server.address() as AddressInfo).port;
    // https:// to pass the scheme rule; the lookup refuses before any TLS is tried.
    const result = await postWebhook(`https://localhost:${port}/hook`, message(), [SECRET], production);
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining("intern of lokaal netwerk") });
    expect(received).toHaveLength(0);
  });

  it("classifies addresses", () => {
    for (const a of ["8.8.8.8", "145.21.1.1", "2a00:1450:4001:82a::200e", "::ffff:8.8.8.8"])
      expect(isPublicAddress(a)).toBe(true);
    for (const a of ["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "100.64.0.1", "169.254.1.1", "0.0.0.0", "224.0.0.1"])
      expect(isPublicAddress(a)).toBe(false);
    for (const a of ["::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "::ffff:10.0.0.1", "2001:db8::1", "not-an-ip"])
      expect(isPublicAddress(a)).toBe(false);
  });
});
