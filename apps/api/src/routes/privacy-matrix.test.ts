import { describe, expect, test } from "vitest";
import { matrixCases } from "../test/privacy-matrix/cases";
import { ACTORS, useMatrixWorld } from "../test/privacy-matrix/fixtures";
import { referralOperations, runCell } from "../test/privacy-matrix/runner";

/**
 * The privacy matrix (issue "Warm handover", item 7): every referral-related operation of the API,
 * as five actors — anonymous, a worker of an unrelated organization, the sender, the receiver, and
 * the receiver after the resident withdrew consent — with the status each must get, the personal
 * data each must (not) see, the access log each read must leave, and the data a refused write must
 * leave alone. The operations come from the OpenAPI document: a new one without a case fails here.
 *
 * The cases are in `test/privacy-matrix/cases.ts`, the runner that plays one case as one actor in
 * `runner.ts`, the network and its referrals in `fixtures.ts`, the resident and its markers in
 * `secrets.ts`.
 */

const m = useMatrixWorld();
const CASES = matrixCases(m);

describe("the privacy matrix", () => {
  for (const c of CASES) {
    describe(`${c.operationId}: ${c.title}`, () => {
      for (const actor of ACTORS) {
        test(`${actor} → ${c.status[actor]}`, () => runCell(m, c, actor));
      }
    });
  }
});

describe("completeness", () => {
  test("every referral-related operation in the OpenAPI document has a row in the matrix", () => {
    const operations = referralOperations();
    expect(operations.length).toBeGreaterThan(20);
    const covered = new Set(CASES.map((c) => c.operationId));
    const missing = operations
      .filter((o) => !o.operationId || !covered.has(o.operationId))
      .map((o) => `${o.label} (${o.operationId})`);
    expect(missing, "add a case for these operations to test/privacy-matrix/cases.ts").toEqual([]);
    const known = new Set(operations.map((o) => o.operationId));
    expect(
      CASES.filter((c) => !known.has(c.operationId)).map((c) => c.operationId),
      "cases for operations that no longer exist",
    ).toEqual([]);
  });
});
