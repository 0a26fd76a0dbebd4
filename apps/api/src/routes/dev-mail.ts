import { Hono } from "hono";
import { html } from "hono/html";
import type { DevMailbox } from "../mail/mailer";

/** /dev/mail: the mails Schakel would have sent, for development without SMTP. Never in production. */
export function devMailRoutes(mailbox: DevMailbox) {
  return new Hono({ strict: true })
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
