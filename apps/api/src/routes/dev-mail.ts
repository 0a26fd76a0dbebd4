import { getConnInfo } from "@hono/node-server/conninfo";
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { html } from "hono/html";
import { notFound, renderProblem } from "../lib/problem";
import type { DevMailbox } from "../mail/mailer";

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/**
 * The mailbox holds every invitation and reset link, so it answers only a client on this machine:
 * judged by the socket's remote address, never by a header (X-Forwarded-For, Host) a client can
 * write. A request without a socket (in-process) is not on this machine either. Others get 404.
 */
const loopbackOnly = () =>
  createMiddleware(async (c, next) => {
    let address: string | undefined;
    try {
      address = getConnInfo(c).remote.address;
    } catch {
      address = undefined;
    }
    if (!address || !LOOPBACK.test(address)) return renderProblem(c, notFound("Deze pagina of dit adres bestaat niet."));
    await next();
  });

/** /dev/mail: the mails Schakel would have sent, for development without SMTP. Never in production. */
export function devMailRoutes(mailbox: DevMailbox) {
  return new Hono({ strict: true })
    .use("/dev/*", loopbackOnly())
    .get("/dev/mail.json", (c) => c.json(mailbox.mails))
    .get("/dev/mail", (c) =>
      c.html(html`<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>Ontwikkel-postvak — Schakel</title>
<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
article{border:1px solid #8a8a8a;border-radius:4px;padding:1rem;margin:1rem 0}pre{white-space:pre-wrap}</style></head>
<body>
<h1>Ontwikkel-postvak</h1>
<p>Zonder <code>SMTP_URL</code> verstuurt Schakel geen e-mail. De berichten staan hier (nieuwste eerst, alleen in het geheugen).</p>
${
  mailbox.mails.length === 0
    ? html`<p>Nog geen berichten.</p>`
    : mailbox.mails.map(
        (m) => html`<article><h2>${m.subject}</h2><p>Aan: ${m.to} · ${m.sentAt}</p><pre>${m.text}</pre></article>`,
      )
}
</body></html>`),
    );
}
