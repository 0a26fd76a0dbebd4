import { mailOutbox, organizations } from "@schakel/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { HttpProblem } from "../lib/problem";
import { mailAfterCommit } from "../mail/outbox";
import { createTestContext, type MemoryMailer, type TestContext } from "../test/harness";
import { requireActor, withTransaction } from "./context";

let t: TestContext;
let mailer: MemoryMailer;
beforeAll(async () => {
  t = await createTestContext();
  mailer = t.mailer as MemoryMailer;
});
afterAll(() => t.close());

const mail = (to: string) => ({ to, subject: "Onderwerp", text: "Tekst", at: t.clock.now() });
const outboxTo = (to: string) => t.db.select().from(mailOutbox).where(eq(mailOutbox.to, to));

describe("withTransaction and afterCommit", () => {
  test("a mail registered in the transaction goes out once it has committed", async () => {
    const to = "na-commit@schakel.test";
    await withTransaction(t.serviceContext(), async (_tx, txCtx) => {
      await mailAfterCommit(txCtx, mail(to));
      // Still inside the transaction: nothing sent yet.
      expect(mailer.sent.filter((m) => m.to === to)).toEqual([]);
    });
    expect(mailer.sent.filter((m) => m.to === to)).toHaveLength(1);
    const [row] = await outboxTo(to);
    expect(row?.sentAt).not.toBeNull();
  });

  test("a rollback sends nothing and leaves nothing in the outbox", async () => {
    const to = "teruggedraaid@schakel.test";
    const ran: string[] = [];
    await expect(
      withTransaction(t.serviceContext(), async (_tx, txCtx) => {
        await mailAfterCommit(txCtx, mail(to));
        txCtx.afterCommit(async () => {
          ran.push("task");
        });
        throw new Error("something went wrong after the mail was queued");
      }),
    ).rejects.toThrow("something went wrong");
    expect(ran).toEqual([]);
    expect(mailer.sent.filter((m) => m.to === to)).toEqual([]);
    expect(await outboxTo(to)).toEqual([]);
  });

  test("nested use reuses the outer transaction and its task list", async () => {
    const order: string[] = [];
    const slug = `genest-${crypto.randomUUID()}`;
    await withTransaction(t.serviceContext(), async (outerTx, outer) => {
      await withTransaction(outer, async (innerTx, inner) => {
        expect(innerTx).toBe(outerTx);
        await innerTx.insert(organizations).values({ slug, name: "Genest", kind: "gemeente" });
        inner.afterCommit(async () => {
          order.push("inner");
        });
      });
      // The inner transaction did not commit on its own: its task waits for the outer commit.
      expect(order).toEqual([]);
      outer.afterCommit(async () => {
        order.push("outer");
      });
    });
    expect(order).toEqual(["inner", "outer"]);
    expect(await t.db.select().from(organizations).where(eq(organizations.slug, slug))).toHaveLength(1);
  });

  test("when the outer transaction rolls back, what the nested one registered does not run", async () => {
    const ran: string[] = [];
    const slug = `genest-terug-${crypto.randomUUID()}`;
    await expect(
      withTransaction(t.serviceContext(), async (_tx, outer) => {
        await withTransaction(outer, async (tx, inner) => {
          await tx.insert(organizations).values({ slug, name: "Genest", kind: "gemeente" });
          inner.afterCommit(async () => {
            ran.push("inner");
          });
        });
        throw new Error("outer fails");
      }),
    ).rejects.toThrow("outer fails");
    expect(ran).toEqual([]);
    expect(await t.db.select().from(organizations).where(eq(organizations.slug, slug))).toEqual([]);
  });

  test("tasks get the context outside the transaction; one that fails is logged and the rest still run", async () => {
    const errors: unknown[] = [];
    const ctx = {
      ...t.serviceContext(),
      logger: { ...t.serviceContext().logger, error: (_m: string, e: unknown) => errors.push(e) },
    };
    const seen: unknown[] = [];
    const result = await withTransaction(ctx, async (_tx, txCtx) => {
      txCtx.afterCommit(async () => {
        throw new Error("SMTP down");
      });
      txCtx.afterCommit(async (outside) => {
        seen.push(outside.db);
      });
      return "committed";
    });
    expect(result).toBe("committed");
    expect(seen).toEqual([ctx.db]);
    expect(errors).toEqual([expect.objectContaining({ message: "SMTP down" })]);
  });
});

describe("requireActor", () => {
  test("gives the signed-in actor, or throws the 401 problem", () => {
    const actor = { kind: "session" as const, userId: crypto.randomUUID(), sessionId: "s" };
    expect(requireActor(t.serviceContext(actor))).toBe(actor);
    expect(() => requireActor(t.serviceContext())).toThrow(expect.objectContaining({ status: 401, slug: "unauthorized" }));
  });
});

/** What postgres.js throws when PostgreSQL picks the transaction as a deadlock's victim. */
const deadlock = () => Object.assign(new Error("deadlock detected"), { code: "40P01" });

describe("withTransaction after a deadlock", () => {
  test("runs the work again, and only the committed attempt's after-commit tasks", async () => {
    let attempts = 0;
    const ran: number[] = [];
    const result = await withTransaction(t.serviceContext(), async (_tx, txCtx) => {
      attempts++;
      const attempt = attempts;
      txCtx.afterCommit(async () => ran.push(attempt));
      // drizzle wraps the driver's error; the SQLSTATE is on its cause.
      if (attempt === 1) throw new Error("Failed query", { cause: deadlock() });
      return "done";
    });
    expect(result).toBe("done");
    expect(attempts).toBe(2);
    expect(ran).toEqual([2]);
  });

  test("gives up after three attempts with a 409 problem", async () => {
    let attempts = 0;
    const failing = withTransaction(t.serviceContext(), async () => {
      attempts++;
      throw deadlock();
    });
    await expect(failing).rejects.toBeInstanceOf(HttpProblem);
    await expect(failing).rejects.toMatchObject({ status: 409 });
    expect(attempts).toBe(3);
  });

  test("any other error is not retried", async () => {
    let attempts = 0;
    await expect(
      withTransaction(t.serviceContext(), async () => {
        attempts++;
        throw new Error("something else");
      }),
    ).rejects.toThrow("something else");
    expect(attempts).toBe(1);
  });
});
