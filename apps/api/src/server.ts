import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { serve } from "@hono/node-server";
import { type Problem, problemType, problemTypes } from "./lib/problem";

/** Request line plus headers, at most (Node's default, stated here so it is a decision): a longer URL or header gets 431. */
export const MAX_HEADER_BYTES = 16 * 1024;

type Fetch = (request: Request) => Response | Promise<Response>;

/**
 * The HTTP server for an app: one place for what sits below Hono, used by `index.ts` and the
 * browser tests. Requests Node refuses before Hono sees them (a request line or headers over
 * MAX_HEADER_BYTES, a malformed request) get a problem+json answer too, not Node's bare one.
 */
export function listen(fetch: Fetch, options: { port: number; hostname?: string }): Promise<Server> {
  return new Promise((resolveListen, rejectListen) => {
    const server = serve(
      { fetch, port: options.port, hostname: options.hostname, serverOptions: { maxHeaderSize: MAX_HEADER_BYTES } },
      () => resolveListen(server as Server),
    ) as Server;
    server.once("error", rejectListen);
    server.on("clientError", answerClientError);
  });
}

/** The port a listening server got (for port 0). */
export const portOf = (server: Server) => (server.address() as AddressInfo).port;

type ClientError = Error & { code?: string };

/** Replaces Node's default `clientError` answer (a bare 400/431 or 408) with problem+json, on the raw socket. */
export function answerClientError(err: ClientError, socket: Socket) {
  // A response already under way (keep-alive) or a gone client: nothing can be said any more.
  const pending = (socket as Socket & { _httpMessage?: ServerResponse<IncomingMessage> })._httpMessage;
  if (err.code === "ECONNRESET" || !socket.writable || pending?.headersSent) {
    socket.destroy();
    return;
  }
  if (err.code === "HPE_HEADER_OVERFLOW") {
    socket.end(
      rawProblem(
        431,
        "Request Header Fields Too Large",
        "header-too-large",
        "Het adres of de kopteksten van de aanvraag zijn te lang.",
      ),
    );
  } else if (err.code === "ERR_HTTP_REQUEST_TIMEOUT") {
    // As Node itself answers: the client took too long to send its request.
    socket.end("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  } else {
    socket.end(rawProblem(400, "Bad Request", "invalid-request", "De aanvraag kon niet gelezen worden."));
  }
}

function rawProblem(status: 400 | 431, reason: string, slug: "invalid-request" | "header-too-large", detail: string) {
  const problem: Problem = { type: problemType(slug), title: problemTypes[slug].title, status, detail };
  const body = JSON.stringify(problem);
  return [
    `HTTP/1.1 ${status} ${reason}`,
    "Content-Type: application/problem+json",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "X-Content-Type-Options: nosniff",
    "Cache-Control: no-store",
    "Connection: close",
    "",
    body,
  ].join("\r\n");
}
