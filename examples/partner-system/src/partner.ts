/**
 * What a partner's case system does with Schakel, in the few calls it needs: read its inbox and
 * accept a referral with an API token (the typed client from packages/api-client), and receive
 * webhooks — verify the Standard Webhooks signature, read the CloudEvent, drop duplicates, then
 * fetch what changed (events carry no personal data; the referral itself is read with the token).
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import { type ApiClient, createApiClient, type Schemas } from "@schakel/api-client";
import { type CloudEventV1, HTTP } from "cloudevents";
import { Webhook, WebhookVerificationError } from "standardwebhooks";

/** A client that acts as the partner's organization with its token (`Authorization: Bearer …`). */
export function partnerClient(hubUrl: string, token: string): ApiClient {
  return createApiClient({
    baseUrl: `${hubUrl.replace(/\/$/, "")}/api/v1`,
    credentials: "omit",
    headers: { Authorization: `Bearer ${token}` },
  });
}

export class SchakelError extends Error {
  constructor(
    readonly status: number,
    readonly problem: unknown,
  ) {
    super(`Schakel answered ${status}: ${JSON.stringify(problem)}`);
  }
}

/** The referrals the partner received that are still open, every page of them. */
export async function inbox(client: ApiClient): Promise<Schemas["ReferralSummary"][]> {
  const all: Schemas["ReferralSummary"][] = [];
  let cursor: string | undefined;
  do {
    const { data, error, response } = await client.GET("/referrals", { params: { query: { box: "inbox", cursor } } });
    if (!data) throw new SchakelError(response.status, error);
    all.push(...data.data);
    cursor = data.meta.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** Accepts a referral: read it for its ETag, then move it with If-Match so nobody's change is overwritten. */
export async function accept(client: ApiClient, referralId: string, note?: string) {
  const read = await client.GET("/referrals/{referralId}", { params: { path: { referralId } } });
  if (!read.data) throw new SchakelError(read.response.status, read.error);
  const etag = read.response.headers.get("etag");
  if (!etag) throw new Error("Schakel sent no ETag");
  const moved = await client.POST("/referrals/{referralId}/transitions", {
    params: { path: { referralId }, header: { "if-match": etag } },
    body: { to: "accepted", ...(note ? { note } : {}) },
  });
  if (!moved.data) throw new SchakelError(moved.response.status, moved.error);
  return moved.data;
}

export interface ReceivedEvent {
  webhookId: string;
  event: CloudEventV1<unknown>;
}

/**
 * An HTTP endpoint for Schakel's webhooks. It answers 401 to a signature that does not verify
 * (the secret is the `whsec_…` shown once when the subscription was made), 204 to the rest, and
 * hands each event on once: a redelivery (the same `webhook-id`) is acknowledged and dropped.
 * Schakel sends a signed test event when the subscription is made, before anyone could store its
 * secret here: that first test fails, and after storing the secret the admin presses "Test opnieuw"
 * — so `secret` may be a function, read at every request.
 */
export function webhookReceiver(options: {
  secret: string | (() => string);
  onEvent: (received: ReceivedEvent) => void | Promise<void>;
}) {
  const secretNow = typeof options.secret === "function" ? options.secret : () => options.secret as string;
  const seen = new Set<string>();
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : (value ?? "")]),
    );
    try {
      new Webhook(secretNow()).verify(body, headers);
    } catch (err) {
      res.writeHead(err instanceof WebhookVerificationError ? 401 : 400).end();
      return;
    }
    const webhookId = headers["webhook-id"] ?? "";
    if (!seen.has(webhookId)) {
      seen.add(webhookId);
      const parsed = HTTP.toEvent({ headers, body });
      const event = (Array.isArray(parsed) ? parsed[0] : parsed) as CloudEventV1<unknown>;
      try {
        await options.onEvent({ webhookId, event });
      } catch {
        // Not handled: answer 500 so Schakel delivers it again later.
        seen.delete(webhookId);
        res.writeHead(500).end();
        return;
      }
    }
    res.writeHead(204).end();
  });
  return server;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The referral id an event is about, from its `dataref` (…/referrals/<id>), if it is about a referral. */
export function referralIdOf(event: CloudEventV1<unknown>): string | undefined {
  const dataref = typeof event.dataref === "string" ? event.dataref : "";
  return dataref.match(/\/referrals\/([0-9a-f-]{36})$/)?.[1];
}
