import { Route, Routes } from "react-router";
import { Layout } from "./components/layout";
import { RequireSession } from "./components/require-session";
import { SessionProvider } from "./lib/session";
import { AcceptInvitationPage } from "./pages/accept-invitation-page";
import { HomePage } from "./pages/home-page";
import { MembersPage } from "./pages/members-page";
import { NotFoundPage } from "./pages/not-found-page";
import { SignInPage } from "./pages/sign-in-page";

export function App() {
  return (
    <SessionProvider>
      <Routes>
        <Route element={<Layout />}>
          <Route path="inloggen" element={<SignInPage />} />
          <Route path="uitnodiging" element={<AcceptInvitationPage />} />
          <Route element={<RequireSession />}>
            <Route index element={<HomePage />} />
            <Route path="leden" element={<MembersPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </SessionProvider>
  );
}
