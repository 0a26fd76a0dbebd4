import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestContext, type TestContext } from "../test/harness";
import { type Browser, DAY } from "../test/referral-world";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const settings = (b: Browser, organizationId: string) =>
  b.client.GET("/organizations/{organizationId}/settings", { params: { path: { organizationId } } });
const setIntake = (b: Browser, organizationId: string, intakeEmail: string | null) =>
  b.client.PATCH("/organizations/{organizationId}/settings", { params: { path: { organizationId } }, body: { intakeEmail } });
const closingDays = (b: Browser, organizationId: string) =>
  b.client.GET("/organizations/{organizationId}/closing-days", { params: { path: { organizationId } } });
const addDay = (b: Browser, organizationId: string, day: string, label = "Studiedag") =>
  b.client.POST("/organizations/{organizationId}/closing-days", { params: { path: { organizationId } }, body: { day, label } });
const removeDay = (b: Browser, organizationId: string, day: string) =>
  b.client.DELETE("/organizations/{organizationId}/closing-days/{day}", { params: { path: { organizationId, day } } });

describe("happy path", () => {
  test("an admin sets the intake address, reads it back and clears it", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    expect((await settings(admin.browser, organization.id)).data).toEqual({
      organizationId: organization.id,
      intakeEmail: null,
      requireWorkerSecondFactor: false,
    });
    const set = await setIntake(admin.browser, organization.id, "  Intake@Plangroep.example ");
    expect(set.response.status).toBe(200);
    expect(set.data?.intakeEmail).toBe("Intake@Plangroep.example");
    expect((await settings(admin.browser, organization.id)).data?.intakeEmail).toBe("Intake@Plangroep.example");
    expect((await setIntake(admin.browser, organization.id, null)).data?.intakeEmail).toBeNull();
  });

  test("closing days: added today or later, listed earliest first with past ones, removed", async () => {
    t.clock.set(new Date("2027-12-23T10:00:00Z"));
    const { organization, admin } = await t.organizationWithStaff();
    const later = await addDay(admin.browser, organization.id, "2027-12-31", "Oudejaarsdag (cao)");
    expect(later.response.status).toBe(201);
    expect(later.data).toEqual({ day: "2027-12-31", label: "Oudejaarsdag (cao)" });
    expect((await addDay(admin.browser, organization.id, "2027-12-23", "Vandaag")).response.status).toBe(201);

    // Once the days have passed they stay on the list.
    t.clock.advance(30 * DAY);
    const browser = await t.signedIn(admin.user.email);
    expect((await closingDays(browser, organization.id)).data?.data).toEqual([
      { day: "2027-12-23", label: "Vandaag" },
      { day: "2027-12-31", label: "Oudejaarsdag (cao)" },
    ]);
    expect((await removeDay(browser, organization.id, "2027-12-23")).response.status).toBe(204);
    expect((await closingDays(browser, organization.id)).data?.data.map((d) => d.day)).toEqual(["2027-12-31"]);
  });
});

describe("errors", () => {
  test("the intake address must be an e-mail address", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const { response, error } = await setIntake(admin.browser, organization.id, "intake bij plangroep");
    expect(response.status).toBe(400);
    expect(error?.invalidParams).toEqual([
      { name: "body.intakeEmail", code: expect.any(String), reason: "Vul een geldig e-mailadres in." },
    ]);
  });

  test("a past day cannot be added (in Amsterdam), nor a day twice, nor a date that does not exist", async () => {
    // 23:30 UTC on 3 March is already 4 March in Amsterdam.
    t.clock.set(new Date("2027-03-03T23:30:00Z"));
    const { organization, admin } = await t.organizationWithStaff();
    const past = await addDay(admin.browser, organization.id, "2027-03-03");
    expect(past.response.status).toBe(422);
    expect(past.response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(past.error).toMatchObject({ type: expect.stringMatching(/closing-day-past$/), invalidParams: [{ name: "body.day" }] });
    expect((await addDay(admin.browser, organization.id, "2027-03-04")).response.status).toBe(201);
    const twice = await addDay(admin.browser, organization.id, "2027-03-04", "Nog eens");
    expect(twice.response.status).toBe(409);
    expect(twice.error?.detail).toBe("Deze dag staat al in de lijst met sluitingsdagen.");
    expect((await addDay(admin.browser, organization.id, "2027-02-30")).response.status).toBe(400);
    expect((await addDay(admin.browser, organization.id, "2027-03-05", "")).response.status).toBe(400);
    expect((await removeDay(admin.browser, organization.id, "2027-03-05")).response.status).toBe(404);
    expect((await removeDay(admin.browser, organization.id, "morgen")).response.status).toBe(400);
    expect((await closingDays(admin.browser, organization.id)).data?.data).toEqual([{ day: "2027-03-04", label: "Studiedag" }]);
  });
});

describe("authorisation", () => {
  test("anonymous 401, a worker 403, another organization's admin 404; nothing changes", async () => {
    t.clock.set(new Date("2027-06-01T10:00:00Z"));
    const { organization, admin, worker } = await t.organizationWithStaff();
    const other = await t.organizationWithStaff();
    await setIntake(admin.browser, organization.id, "intake@ours.example");
    await addDay(admin.browser, organization.id, "2027-06-10");
    const anonymous = t.anonymous();

    for (const [who, status] of [
      [anonymous, 401],
      [worker.browser, 403],
      [other.admin.browser, 404],
    ] as const) {
      expect((await settings(who, organization.id)).response.status, `get as ${status}`).toBe(status);
      expect((await setIntake(who, organization.id, "evil@example.org")).response.status).toBe(status);
      expect((await closingDays(who, organization.id)).response.status).toBe(status);
      expect((await addDay(who, organization.id, "2027-06-11")).response.status).toBe(status);
      const removal = await removeDay(who, organization.id, "2027-06-10");
      expect(removal.response.status).toBe(status);
      expect(removal.response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    }
    expect((await settings(worker.browser, organization.id)).error?.detail).toMatch(/Alleen beheerders/);
    // An organization that does not exist looks the same as another one.
    expect((await settings(admin.browser, randomUUID())).response.status).toBe(404);

    expect((await settings(admin.browser, organization.id)).data?.intakeEmail).toBe("intake@ours.example");
    expect((await closingDays(admin.browser, organization.id)).data?.data).toEqual([{ day: "2027-06-10", label: "Studiedag" }]);
  });

  test("an admin demoted to worker can no longer change the settings", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const second = await t.make.member(organization.id, "admin");
    const secondBrowser = await t.signedIn(second.user.email);
    expect((await setIntake(secondBrowser, organization.id, "intake@ours.example")).response.status).toBe(200);
    const demoted = await admin.browser.client.PATCH("/organizations/{organizationId}/members/{memberId}", {
      params: { path: { organizationId: organization.id, memberId: second.membership.id } },
      body: { role: "worker" },
    });
    expect(demoted.response.status).toBe(200);
    expect((await setIntake(secondBrowser, organization.id, null)).response.status).toBe(403);
    expect((await addDay(secondBrowser, organization.id, "2099-01-02")).response.status).toBe(403);
    expect((await settings(admin.browser, organization.id)).data?.intakeEmail).toBe("intake@ours.example");
  });
});
