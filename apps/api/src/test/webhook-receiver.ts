import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type CloudEventV1, HTTP } from "cloudevents";
import { Webhook } from "standardwebhooks";

/** One delivery as the receiver saw it: verified with standardwebhooks, parsed with the cloudevents SDK. */
export interface ReceivedWebhook {
  path: string;
  webhookId: string;
  event: CloudEventV1<unknown>;
  /** performance.timeOrigin + performance.now() when the body had arrived. */
  at: number;
}

/**
 * How the receiver answers one request: a status (after an optional delay); "drop" (the socket is
 * destroyed, nothing kept); "accept-then-drop" (kept, as a receiver that stored it and then crashed
 * before answering: the hub must send it again, with the same webhook-id); "hang" (never answers).
 */
export type Answer = { status: number; delayMs?: number } | "drop" | "accept-then-drop" | "hang";

/**
 * A real HTTP receiver for webhook tests, on 127.0.0.1. Each path has its own secret; every request
 * must verify (`new Webhook(secret).verify`) and parse (`HTTP.toEvent`) or the test fails through
 * `problems`. It keeps what was accepted (2xx), what is in flight, and every time one webhook-id was
 * in flight twice at once. `answer` decides each response; `close()`/`open()` take it off the port
 * and back (the connection is then refused).
 */
export class WebhookReceiver {
  private server: http.Server | null = null;
  port = 0;
  readonly secrets = new Map<string, string>();
  /** Accepted deliveries, in the order they arrived. */
  readonly accepted: ReceivedWebhook[] = [];
  /** Every request that reached the handler, accepted or not. */
  requests = 0;
  readonly inFlight = new Map<string, number>();
  readonly concurrentDuplicates: string[] = [];
  readonly problems: string[] = [];
  answer: (r: ReceivedWebhook) => Answer = () => ({ status: 204 });

  /**
   * `now`: the hub's clock, when a test moves it (standardwebhooks refuses a webhook-timestamp more
   * than 5 minutes from its own Date.now(), which verify() then reads from this clock).
   */
  constructor(private readonly now?: () => Date) {}

  url(path: string) {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async open() {
    const server = http.createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 100;
    server.listen(this.port, "127.0.0.1");
    await once(server, "listening");
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async close() {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    let body = "";
    for await (const chunk of req) body += chunk;
    this.requests++;
    const path = req.url ?? "/";
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const secret = this.secrets.get(path);
    const webhookId = headers["webhook-id"] ?? "";
    let event: CloudEventV1<unknown>;
    try {
      if (!secret) throw new Error(`no secret for ${path}`);
      this.verify(secret, body, headers);
      const parsed = HTTP.toEvent({ headers, body });
      const one = Array.isArray(parsed) ? parsed[0] : parsed;
      if (!one) throw new Error("no event");
      event = one;
    } catch (err) {
      this.problems.push(`${path} ${webhookId}: ${err instanceof Error ? err.message : String(err)}`);
      res.writeHead(400).end();
      return;
    }
    const n = this.inFlight.get(webhookId) ?? 0;
    if (n > 0) this.concurrentDuplicates.push(webhookId);
    this.inFlight.set(webhookId, n + 1);
    const received: ReceivedWebhook = { path, webhookId, event, at: performance.timeOrigin + performance.now() };
    const answer = this.answer(received);
    const done = () => {
      const left = (this.inFlight.get(webhookId) ?? 1) - 1;
      if (left === 0) this.inFlight.delete(webhookId);
      else this.inFlight.set(webhookId, left);
    };
    if (answer === "drop" || answer === "accept-then-drop") {
      if (answer === "accept-then-drop") this.accepted.push(received);
      done();
      req.socket.destroy();
      return;
    }
    if (answer === "hang") {
      res.on("close", done);
      return;
    }
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    if (answer.status >= 200 && answer.status < 300) this.accepted.push(received);
    done();
    res.writeHead(answer.status).end();
  }

  private verify(secret: string, body: string, headers: Record<string, string>) {
    const clock = this.now;
    if (!clock) return new Webhook(secret).verify(body, headers);
    const realNow = Date.now;
    Date.now = () => clock().getTime(); // synchronous: nothing else runs meanwhile
    try {
      return new Webhook(secret).verify(body, headers);
    } finally {
      Date.now = realNow;
    }
  }

  /** The accepted deliveries of one path, as (webhook-id, dataref, sequence). */
  of(path: string) {
    return this.accepted
      .filter((r) => r.path === path)
      .map((r) => ({ id: r.webhookId, dataref: String(r.event.dataref), sequence: Number(r.event.sequence) }));
  }
}
