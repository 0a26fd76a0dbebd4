import { createRoutesFromElements, Route } from "react-router";
import { Layout } from "./components/layout";
import { RequireSession } from "./components/require-session";
import { SessionProvider } from "./lib/session";
import { AcceptInvitationPage } from "./pages/accept-invitation-page";
import { HomePage } from "./pages/home-page";
import { KaartPage } from "./pages/kaart/kaart-page";
import { ServiceDetailPage } from "./pages/kaart/service-detail-page";
import { LateReferralsPage } from "./pages/late-referrals-page";
import { MembersPage } from "./pages/members-page";
import { NetworkPage } from "./pages/network/network-page";
import { SecurityLogPage } from "./pages/network/security-log-page";
import { NotFoundPage } from "./pages/not-found-page";
import { ApiTokensPage } from "./pages/organization/api-tokens-page";
import { OrganizationSettingsPage } from "./pages/organization/organization-settings-page";
import { PartnerPage } from "./pages/partner/partner-page";
import { ForgotPasswordPage, ResetPasswordPage } from "./pages/password-pages";
import { AccessLogPage } from "./pages/privacy/access-log-page";
import { ResidentPrivacyPage } from "./pages/privacy/resident-privacy-page";
import { ReferPage } from "./pages/referrals/refer-page";
import { ReferralListPage } from "./pages/referrals/referral-list-page";
import { ReferralPage } from "./pages/referrals/referral-page";
import { SecondFactorPage } from "./pages/second-factor-page";
import { EditServicePage, NewServicePage } from "./pages/services/edit-service-page";
import { OurServicesPage } from "./pages/services/our-services-page";
import { SettingsPage } from "./pages/settings-page";
import { SignInPage } from "./pages/sign-in-page";
import { WebhookPage } from "./pages/webhooks/webhook-page";
import { WebhooksPage } from "./pages/webhooks/webhooks-page";

/** The session and the page frame around every page (inside the router: they use its hooks). */
function Shell() {
  return (
    <SessionProvider>
      <Layout />
    </SessionProvider>
  );
}

/**
 * Every page of the web app. A data router (createBrowserRouter in main.tsx), so forms can ask
 * before a link or Back leaves unsaved input (useBlocker). Every path here is also in
 * route-paths.ts, which the server uses to answer 404 elsewhere (checked by app-routes.test.ts).
 */
export const appRoutes = createRoutesFromElements(
  <Route element={<Shell />}>
    <Route path="inloggen" element={<SignInPage />} />
    <Route path="uitnodiging" element={<AcceptInvitationPage />} />
    <Route path="wachtwoord-vergeten" element={<ForgotPasswordPage />} />
    <Route path="wachtwoord-herstellen" element={<ResetPasswordPage />} />
    <Route path="partner" element={<PartnerPage />} />
    <Route path="kaart" element={<KaartPage />} />
    <Route path="kaart/diensten/:serviceId" element={<ServiceDetailPage />} />
    {/* Visitors without an account land on the sociale kaart; signed-in users on their start page. */}
    <Route element={<RequireSession anonymousTo="/kaart" />}>
      <Route index element={<HomePage />} />
    </Route>
    <Route element={<RequireSession />}>
      <Route path="leden" element={<MembersPage />} />
      <Route path="organisatie" element={<OrganizationSettingsPage />} />
      <Route path="organisatie/webhooks" element={<WebhooksPage />} />
      <Route path="organisatie/webhooks/:subscriptionId" element={<WebhookPage />} />
      <Route path="organisatie/koppelingen" element={<ApiTokensPage />} />
      <Route path="diensten" element={<OurServicesPage />} />
      <Route path="diensten/nieuw" element={<NewServicePage />} />
      <Route path="diensten/:serviceId/bewerken" element={<EditServicePage />} />
      <Route path="kaart/diensten/:serviceId/verwijzen" element={<ReferPage />} />
      <Route path="verwijzingen" element={<ReferralListPage />} />
      <Route path="verwijzingen/:referralId" element={<ReferralPage />} />
      <Route path="te-laat" element={<LateReferralsPage />} />
      <Route path="privacy" element={<AccessLogPage />} />
      <Route path="privacy/inwoners/:residentId" element={<ResidentPrivacyPage />} />
      <Route path="instellingen" element={<SettingsPage />} />
      <Route path="netwerk" element={<NetworkPage />} />
      <Route path="netwerk/beveiligingslog" element={<SecurityLogPage />} />
      <Route path="tweede-stap" element={<SecondFactorPage />} />
    </Route>
    <Route path="*" element={<NotFoundPage />} />
  </Route>,
);
