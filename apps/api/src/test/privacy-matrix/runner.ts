import { expect } from "vitest";
import { openApiDocument } from "../../app";
import type { Call, Case } from "./cases";
import type { Actor, MatrixWorld } from "./fixtures";
import { secretsIn } from "./secrets";

/**
 * The privacy matrix's runner: one case as one actor. It checks the status, that a refusal is a
 * problem and shows nothing, that the parties see what they should and outsiders or a withdrawn
 * consent nothing, that every read of personal data left an access-log row, and that a refused
 * write left its data alone.
 */

const ok = (status: number) => status >= 200 && status < 300;

export async function runCell(m: MatrixWorld, c: Case, actor: Actor) {
  const fx =
    c.stage === "shared"
      ? actor === "withdrawn"
        ? m.shared.withdrawn
        : m.shared.live
      : await m.mint(c.stage, { withdrawn: actor === "withdrawn" });
  const { browser, userId } = m.actorOf(actor, c.role ?? "worker");
  const call: Call = { b: browser, actor, fx };
  const before = c.probe ? await c.probe(call) : undefined;
  const logBefore = userId ? await m.logRows(userId) : 0;

  const reply = await c.run(call);

  const where = `${c.operationId} (${c.title}) as ${actor}`;
  expect(reply.status, `${where}: ${reply.body.slice(0, 300)}`).toBe(c.status[actor]);
  if (!ok(reply.status)) expect(reply.contentType, where).toMatch(/^application\/problem\+json/);

  const seen = secretsIn(reply.body);
  if (!ok(reply.status) || actor === "anonymous" || actor === "unrelated") {
    expect(seen, `${where}: a refusal shows no personal data`).toEqual([]);
  }
  if (actor === "withdrawn") expect(seen, `${where}: after withdrawal no personal data`).toEqual([]);
  if (actor === "sender" || actor === "receiver") {
    const missing = (c.reveals?.[actor] ?? []).filter((s) => !seen.includes(s));
    expect(missing, `${where}: the consented data it should show`).toEqual([]);
  }
  if (seen.length > 0 && userId) {
    expect(await m.logRows(userId), `${where}: showed ${seen.join(", ")} without an access-log row`).toBeGreaterThan(logBefore);
  }

  if (c.probe) {
    const after = await c.probe(call);
    if (!ok(reply.status) || actor === "anonymous" || actor === "unrelated") {
      expect(after, `${where}: a refused write changes nothing`).toEqual(before);
    } else if (c.changes) {
      expect(after, `${where}: the write took effect`).not.toEqual(before);
    }
  }
  await c.check?.(call, reply);
}

// ---- completeness: every referral-related operation has a case ----

const IN_SCOPE = /^\/(referrals|residents|consents|notifications|access-log)(\/|$)/;
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"] as const;

/** The referral-related operations of the OpenAPI document, each with its method and path. */
export function referralOperations() {
  const paths = (openApiDocument().paths ?? {}) as Record<string, Partial<Record<string, { operationId?: string }>>>;
  return Object.entries(paths)
    .filter(([path]) => IN_SCOPE.test(path))
    .flatMap(([path, item]) =>
      METHODS.filter((method) => item[method]).map((method) => ({
        operationId: item[method]?.operationId ?? "",
        label: `${method.toUpperCase()} ${path}`,
      })),
    );
}
