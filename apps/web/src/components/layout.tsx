import { roleLabels } from "@schakel/core";
import { Link, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { useSession } from "../lib/session";
import { Alert } from "./alert";
import { Notifications } from "./notifications";
import { useConfirmedSelect } from "./use-confirmed-select";

const MAIN_ID = "inhoud";

/** Skip link, header, menu, main and footer around every page. */
export function Layout() {
  const session = useSession();
  const signedIn = session.state.status === "signed-in";
  const isAdmin = session.membership?.role === "admin";
  const { pathname, search } = useLocation();

  return (
    <div className="schakel-page">
      <a
        className="utrecht-skip-link utrecht-skip-link--visible-on-focus"
        href={`#${MAIN_ID}`}
        onClick={(e) => {
          // Keep the URL as it is: /uitnodiging carries its token in the fragment.
          e.preventDefault();
          document.getElementById(MAIN_ID)?.focus();
        }}
      >
        Naar de inhoud
      </a>
      <header className="utrecht-page-header schakel-header">
        <div className="utrecht-page-header__content schakel-header__content">
          <Link to="/" className="schakel-logo">
            Schakel
          </Link>
          {signedIn ? <AccountBar /> : null}
          {session.state.status === "signed-out" && pathname !== "/inloggen" ? (
            <Link
              to="/inloggen"
              // Signing in from a service on the sociale kaart comes back to it (to refer, say);
              // from anywhere else it goes to the start page.
              state={pathname.startsWith("/kaart/diensten/") ? { from: `${pathname}${search}` } : undefined}
              className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
            >
              Inloggen<span className="schakel-visually-hidden"> voor organisaties</span>
            </Link>
          ) : null}
        </div>
      </header>
      <nav className="schakel-nav" aria-label="Hoofdmenu">
        <ul className="schakel-nav__list">
          {signedIn ? (
            <li>
              <NavLink to="/" end className="schakel-nav__link">
                Start
              </NavLink>
            </li>
          ) : null}
          <li>
            <NavLink to="/kaart" className="schakel-nav__link">
              Sociale kaart
            </NavLink>
          </li>
          {signedIn && session.membership && session.membership.role !== "coordinator" ? (
            <li>
              <NavLink to="/verwijzingen" className="schakel-nav__link">
                Verwijzingen
              </NavLink>
            </li>
          ) : null}
          {session.membership?.role === "coordinator" ? (
            <li>
              <NavLink to="/te-laat" className="schakel-nav__link">
                Te laat
              </NavLink>
            </li>
          ) : null}
          {isAdmin ? (
            <>
              <li>
                <NavLink to="/diensten" className="schakel-nav__link">
                  Onze diensten
                </NavLink>
              </li>
              <li>
                <NavLink to="/leden" className="schakel-nav__link">
                  Leden
                </NavLink>
              </li>
              <li>
                <NavLink to="/organisatie" className="schakel-nav__link">
                  Organisatie
                </NavLink>
              </li>
              <li>
                <NavLink to="/privacy" className="schakel-nav__link">
                  Privacy
                </NavLink>
              </li>
            </>
          ) : null}
          {session.state.status === "signed-in" && session.state.me.networkAdmin ? (
            <li>
              <NavLink to="/netwerk" className="schakel-nav__link">
                Netwerk
              </NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
      <main id={MAIN_ID} tabIndex={-1} className="utrecht-page-content schakel-main">
        <Outlet />
      </main>
      <footer className="utrecht-page-footer schakel-footer">
        <div className="utrecht-page-footer__content">
          <p className="utrecht-paragraph">Schakel: samen inwoners met geldzorgen sneller bij de juiste hulp brengen.</p>
        </div>
      </footer>
    </div>
  );
}

/** The current organisation (with a switch when there are several), the user's name, and sign out. */
function AccountBar() {
  const session = useSession();
  const navigate = useNavigate();
  const current = session.membership;
  // Switching organisation changes every page: it applies once confirmed, not per arrow key.
  const organizationSelect = useConfirmedSelect(current?.organizationId ?? "", (id) => session.chooseOrganization(id));
  if (session.state.status !== "signed-in") return null;
  const { me } = session.state;

  return (
    <div className="schakel-account">
      {me.memberships.length > 1 && current ? (
        <div className="schakel-account__organization">
          <label className="utrecht-form-label" htmlFor="organisatie-kiezen">
            Organisatie
          </label>
          <select id="organisatie-kiezen" className="utrecht-select utrecht-select--html-select" {...organizationSelect.props}>
            {me.memberships.map((m) => (
              <option key={m.organizationId} value={m.organizationId}>
                {m.organizationName} ({roleLabels[m.role].toLowerCase()})
              </option>
            ))}
          </select>
        </div>
      ) : current ? (
        <p className="schakel-account__organization">
          <span className="schakel-visually-hidden">Organisatie: </span>
          {current.organizationName}
        </p>
      ) : null}
      {current && current.role !== "coordinator" ? <Notifications /> : null}
      <p className="schakel-account__name">
        <span className="schakel-visually-hidden">Ingelogd als </span>
        {me.user.name}
      </p>
      <Link to="/instellingen" className="schakel-account__settings">
        Instellingen
      </Link>
      <button
        type="button"
        className="utrecht-button utrecht-button--secondary-action"
        aria-disabled={session.signingOut || undefined}
        onClick={async () => {
          if (session.signingOut) return;
          const problem = await session.signOut();
          if (!problem) navigate("/inloggen", { replace: true });
        }}
      >
        {session.signingOut ? "Bezig met uitloggen…" : "Uitloggen"}
      </button>
      {session.signOutProblem ? (
        <div className="schakel-account__error">
          <Alert type="error">{session.signOutProblem.detail}</Alert>
        </div>
      ) : null}
    </div>
  );
}
