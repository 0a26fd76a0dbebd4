/** A service's status on the sociale kaart (HSDS service.status). */
export const serviceStatuses = ["active", "inactive", "temporarily_closed", "defunct"] as const;
export type ServiceStatus = (typeof serviceStatuses)[number];

export const serviceStatusLabels: Record<ServiceStatus, string> = {
  active: "Actief",
  inactive: "Niet actief",
  temporarily_closed: "Tijdelijk gesloten",
  defunct: "Opgeheven",
};

/** Working days within which a receiver should respond to a referral, unless the service says otherwise. */
export const DEFAULT_RESPONSE_TARGET_DAYS = 5;
