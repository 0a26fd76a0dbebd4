const ORG = "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f";
const SUB = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

/** A webhook as the API sends it, live unless `overrides` say otherwise. */
export const subscription = (overrides: Record<string, unknown> = {}) => ({
  id: SUB,
  organizationId: ORG,
  description: "Zaaksysteem",
  url: "https://zaak.plangroep.example/hooks",
  eventTypes: ["nl.schakel.referral.created", "nl.schakel.referral.status-changed"],
  active: true,
  state: "live",
  verifiedAt: "2026-12-01T09:00:00Z",
  previousSecretExpiresAt: null,
  createdAt: "2026-12-01T09:00:00Z",
  updatedAt: "2026-12-01T09:00:00Z",
  ...overrides,
});
