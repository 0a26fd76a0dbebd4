/**
 * Every address the web app answers, as React Router patterns. The build writes them to
 * `dist/routes.json`, so the server can answer 404 for any other address (the page itself then
 * says "niet gevonden"); `app-routes.test.ts` checks this list against the router's routes.
 */
export const WEB_PATHS = [
  "/",
  "/inloggen",
  "/uitnodiging",
  "/kaart",
  "/kaart/diensten/:serviceId",
  "/kaart/diensten/:serviceId/verwijzen",
  "/leden",
  "/organisatie",
  "/organisatie/webhooks",
  "/organisatie/webhooks/:subscriptionId",
  "/organisatie/koppelingen",
  "/diensten",
  "/diensten/nieuw",
  "/diensten/:serviceId/bewerken",
  "/verwijzingen",
  "/verwijzingen/:referralId",
  "/te-laat",
  "/privacy",
  "/privacy/inwoners/:residentId",
  "/instellingen",
  "/netwerk",
  "/netwerk/beveiligingslog",
  "/tweede-stap",
  "/wachtwoord-vergeten",
  "/wachtwoord-herstellen",
  "/partner",
] as const;
