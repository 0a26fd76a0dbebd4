import type { components } from "@schakel/api-client";
import type { Mailer, MailMessage } from "../mail/mailer";
import { MemoryMailer, type TestContext } from "./harness";

export type Browser = Awaited<ReturnType<TestContext["signedIn"]>>;
export type ReferralCreate = components["schemas"]["ReferralCreate"];
export type ConsentCreate = components["schemas"]["ConsentCreate"];

export const DAY = 86_400_000;
export const RESIDENT = { name: "Sam Jansen", phone: "06-12345678", postcode: "6811 AB" };

/** A MemoryMailer that can be told to fail, to show the outbox retries. */
export class FlakyMailer extends MemoryMailer implements Mailer {
  failing = false;
  override async send(message: MailMessage) {
    if (this.failing) throw new Error("SMTP 451: try again later");
    await super.send(message);
  }
}

/**
 * Referral test helpers on one test context (after apps/api/src/routes/referrals.test.ts): a
 * network of sender, receiver with a service, and an outsider; residents with consent; referring
 * and moving through the API.
 */
export function referralWorld(t: TestContext) {
  async function network(
    options: { responseTargetDays?: number; receiverName?: string; receiverWorkerName?: string; serviceName?: string } = {},
  ) {
    const sender = await t.organizationWithStaff();
    const receiverOrg = await t.make.organization({
      kind: "schuldhulpverlening",
      name: options.receiverName ?? "Plangroep Test",
    });
    const receiverWorker = await t.make.member(
      receiverOrg.id,
      "worker",
      options.receiverWorkerName ? { name: options.receiverWorkerName } : {},
    );
    const receiverAdmin = await t.make.member(receiverOrg.id, "admin");
    const receiver = {
      organization: receiverOrg,
      worker: { ...receiverWorker, browser: await t.signedIn(receiverWorker.user.email) },
      admin: { ...receiverAdmin, browser: await t.signedIn(receiverAdmin.user.email) },
    };
    const service = await addService(
      receiver.admin.browser,
      receiverOrg.id,
      options.serviceName ?? "Schulddienstverlening",
      options.responseTargetDays,
    );
    const outsider = await t.organizationWithStaff();
    return { sender, receiver, service, outsider };
  }

  async function addService(
    admin: Browser,
    organizationId: string,
    name: string,
    responseTargetDays = 5,
    description = "Hulp bij het oplossen van schulden.",
  ) {
    const { data: service } = await admin.client.POST("/services", {
      body: {
        organizationId,
        name,
        description,
        lifeDomains: ["schulden"],
        municipalityCodes: ["GM0202"],
        acceptsReferrals: true,
        responseTargetDays,
      } as components["schemas"]["ServiceCreate"],
    });
    if (!service) throw new Error(`service ${name} not created`);
    return service;
  }

  /** A resident of `organizationId`; `fields` replaces the default personal data (RESIDENT, born 2003, WhatsApp). */
  async function resident(
    worker: Browser,
    organizationId: string,
    fields: Record<string, unknown> = { ...RESIDENT, birthYear: 2003, preferredChannel: "whatsapp" },
  ) {
    const { data, response } = await worker.client.POST("/residents", { body: { organizationId, ...fields } as never });
    if (!data) throw new Error(`resident not created: ${response.status}`);
    return data;
  }

  /** Consent of the resident to share with `receiverId` for schuldhulp, half a year valid unless `consent` says otherwise. */
  async function consentFor(worker: Browser, residentId: string, receiverId: string, consent: Partial<ConsentCreate> = {}) {
    const { data: created, response } = await worker.client.POST("/residents/{residentId}/consents", {
      params: { path: { residentId } },
      body: {
        receivingOrganizationId: receiverId,
        purpose: "Aanmelding voor schuldhulp",
        dataCategories: ["contact", "request", "debts"],
        method: "mondeling",
        feedbackLevel: "outcome",
        validUntil: new Date(t.clock.now().getTime() + 180 * DAY).toISOString(),
        ...consent,
      },
    });
    if (!created) throw new Error(`consent not created: ${response.status}`);
    return created;
  }

  /** A resident (default or `fields`) with consent for `receiverId`. */
  async function residentWithConsent(
    worker: Browser,
    organizationId: string,
    receiverId: string,
    consent: Partial<ConsentCreate> = {},
    fields?: Record<string, unknown>,
  ) {
    const created = await resident(worker, organizationId, fields);
    return { resident: created, consent: await consentFor(worker, created.id, receiverId, consent) };
  }

  function referralBody(
    residentId: string,
    serviceId: string,
    consentId: string,
    overrides: Partial<ReferralCreate> = {},
  ): ReferralCreate {
    return {
      residentId,
      serviceId,
      lawfulBasis: "consent",
      consentId,
      dataCategories: ["contact", "request", "debts"],
      request: "Sam wil hulp bij zijn schulden bij de zorgverzekeraar.",
      categoryNotes: { debts: "Ongeveer € 2.500" },
      ...overrides,
    } as ReferralCreate;
  }

  type Network = Awaited<ReturnType<typeof network>>;

  /** One more referral in the network, with its own resident and consent. */
  async function refer(
    n: Network,
    options: {
      consent?: Partial<ConsentCreate>;
      body?: Partial<ReferralCreate>;
      serviceId?: string;
      resident?: Record<string, unknown>;
    } = {},
  ) {
    const w = n.sender.worker.browser;
    const { resident, consent } = await residentWithConsent(
      w,
      n.sender.organization.id,
      n.receiver.organization.id,
      options.consent,
      options.resident,
    );
    const { data, response } = await w.client.POST("/referrals", {
      body: referralBody(resident.id, options.serviceId ?? n.service.id, consent.id, options.body),
    });
    if (!data) throw new Error(`referral not created: ${response.status}`);
    return { resident, consent, referral: data };
  }

  const move = (b: Browser, referralId: string, version: number | null, body: components["schemas"]["ReferralTransition"]) =>
    b.client.POST("/referrals/{referralId}/transitions", {
      params: { path: { referralId }, header: (version === null ? {} : { "if-match": `"${version}"` }) as never },
      body,
    });

  /** Opens the referral as `b` and returns its current version. */
  async function open(b: Browser, referralId: string) {
    const { data } = await b.client.GET("/referrals/{referralId}", { params: { path: { referralId } } });
    if (!data) throw new Error("referral not readable");
    return data;
  }

  /** Moves step by step, each with the version it finds. */
  async function walk(b: Browser, referralId: string, steps: components["schemas"]["ReferralTransition"][]) {
    let view = await open(b, referralId);
    for (const step of steps) {
      const { data, response } = await move(b, referralId, view.version, step);
      if (!data) throw new Error(`move to ${step.to} failed: ${response.status}`);
      view = data;
    }
    return view;
  }

  /** Moves the clock on; sessions do not last that long, so everyone in the network signs in again. */
  async function advance(n: Network, ms: number) {
    t.clock.advance(ms);
    for (const side of [n.sender, n.receiver, n.outsider]) {
      side.worker.browser = await t.signedIn(side.worker.user.email);
      side.admin.browser = await t.signedIn(side.admin.user.email);
    }
  }

  return {
    network,
    addService,
    resident,
    consentFor,
    residentWithConsent,
    referralBody,
    refer,
    move,
    open,
    walk,
    advance,
  };
}
