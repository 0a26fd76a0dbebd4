import http from "node:http";
import https from "node:https";
import { Webhook } from "standardwebhooks";
import { type CallbackPolicy, CallbackRefused, guardedLookup, parseCallbackUrl } from "./callback-address";

/** How long a receiver may take to answer before the attempt counts as failed (issue 10: 10 s). */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** We read at most this much of an answer (and keep none of it): a receiver cannot make us buffer more. */
const MAX_RESPONSE_BYTES = 64 * 1024;

export interface WebhookMessage {
  /** The `webhook-id`: the same on every attempt, so the receiver can drop duplicates. */
  id: string;
  /** The `webhook-timestamp` (the time of this attempt). */
  timestamp: Date;
  body: string;
  contentType: string;
}

export type WebhookResult =
  | { ok: true; status: number; durationMs: number }
  | { ok: false; status: number | null; error: string; durationMs: number };

/**
 * The Standard Webhooks signature header: one `v1,<base64>` per secret, space-separated, so a
 * receiver that still holds the previous secret during a rotation verifies it too.
 */
export function signatureHeader(message: Pick<WebhookMessage, "id" | "timestamp" | "body">, secrets: readonly string[]) {
  return secrets.map((secret) => new Webhook(secret).sign(message.id, message.timestamp, message.body)).join(" ");
}

/**
 * POSTs one signed message to a callback and says how it went: 2xx is delivered; anything else, a
 * redirect (never followed), a refused address, a timeout or a broken connection is a failure with
 * a short reason (never the response body). Never throws.
 */
export async function postWebhook(
  callbackUrl: string,
  message: WebhookMessage,
  secrets: readonly string[],
  policy: CallbackPolicy,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
): Promise<WebhookResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = parseCallbackUrl(callbackUrl, policy);
  } catch (err) {
    return { ok: false, status: null, error: err instanceof CallbackRefused ? err.message : "Ongeldig adres.", durationMs: 0 };
  }
  const headers = {
    "content-type": message.contentType,
    "content-length": String(Buffer.byteLength(message.body)),
    "user-agent": "Schakel-Webhooks/1",
    "webhook-id": message.id,
    "webhook-timestamp": String(Math.floor(message.timestamp.getTime() / 1000)),
    "webhook-signature": signatureHeader(message, secrets),
  };
  const transport = url.protocol === "https:" ? https : http;
  return new Promise<WebhookResult>((resolve) => {
    let settled = false;
    const finish = (result: WebhookResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = transport.request(url, { method: "POST", headers, lookup: guardedLookup(policy), agent: false }, (res) => {
      const status = res.statusCode ?? 0;
      let read = 0;
      res.on("data", (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_RESPONSE_BYTES) res.destroy();
      });
      const done = () =>
        finish(
          status >= 200 && status < 300
            ? { ok: true, status, durationMs: elapsed() }
            : { ok: false, status, error: `De ontvanger antwoordde met HTTP ${status}.`, durationMs: elapsed() },
        );
      res.on("end", done);
      res.on("close", done);
      res.on("error", done);
    });
    const timer = setTimeout(() => {
      finish({ ok: false, status: null, error: `Geen antwoord binnen ${timeoutMs / 1000} seconden.`, durationMs: elapsed() });
      req.destroy();
    }, timeoutMs);
    req.on("error", (err: NodeJS.ErrnoException) =>
      finish({ ok: false, status: null, error: describe(err), durationMs: elapsed() }),
    );
    req.end(message.body);
  });
}

function describe(err: NodeJS.ErrnoException): string {
  if (err instanceof CallbackRefused) return err.message;
  switch (err.code) {
    case "ECONNREFUSED":
      return "De ontvanger weigerde de verbinding.";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "Het adres van de ontvanger is niet te vinden.";
    case "ECONNRESET":
      return "De ontvanger verbrak de verbinding.";
    default:
      return err.code?.startsWith("ERR_TLS") || err.code?.includes("CERT")
        ? "Het certificaat van de ontvanger is niet geldig."
        : `De verbinding mislukte (${err.code ?? "onbekend"}).`;
  }
}
