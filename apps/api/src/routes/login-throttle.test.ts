import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { browserClient, createTestContext, TEST_PASSWORD, type TestContext } from "../test/harness";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

/** An address no other test signs in from. */
const uniqueAddress = () => `2001:db8:b17::${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}`;

async function account() {
  const organization = await t.make.organization();
  return (await t.make.member(organization.id, "worker")).user;
}

const login = (address: string, email: string, password = TEST_PASSWORD) =>
  browserClient(t.app, { address }).client.POST("/auth/login", { body: { email, password } });

// PGlite answers one request at a time; only PostgreSQL lets the guesses overlap.
describe.runIf(Boolean(process.env.DATABASE_URL))("parallel guesses on PostgreSQL", () => {
  test("40 guesses at once from one address check at most 5 passwords", async () => {
    const user = await account();
    const address = uniqueAddress();
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login(address, user.email, `fout-${i}`)));
    const statuses = answers.map((a) => a.response.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    // The owner, elsewhere, is not locked out.
    expect((await login(uniqueAddress(), user.email)).response.status).toBe(200);
  });
});
