import { Navigate, Outlet, useLocation } from "react-router";
import { useSession } from "../lib/session";
import { QueryError } from "./query-state";

/**
 * Shows its child routes only when signed in; otherwise sends the user to /inloggen, or, for a
 * visitor who was never signed in this visit, to `anonymousTo` when given. Someone who must set up
 * a second factor and has not is sent to /tweede-stap.
 */
export function RequireSession({ anonymousTo }: { anonymousTo?: string } = {}) {
  const session = useSession();
  const location = useLocation();
  const { state } = session;

  if (state.status === "loading") {
    return (
      <p className="utrecht-paragraph" role="status">
        Even geduld, Schakel wordt geladen…
      </p>
    );
  }
  if (state.status === "unavailable") {
    return <QueryError problem={state.problem} retry={() => void session.reload()} />;
  }
  if (state.status === "signed-out" && state.reason === "none" && anonymousTo) {
    return <Navigate to={anonymousTo} replace />;
  }
  if (state.status === "signed-out") {
    // After "Uitloggen" a new sign-in starts at the start page; otherwise it returns here.
    const from = state.reason === "signed-out" ? undefined : `${location.pathname}${location.search}`;
    return <Navigate to="/inloggen" replace state={{ from, reason: state.reason }} />;
  }
  const secondFactor = state.me.secondFactor as typeof state.me.secondFactor | undefined;
  if (secondFactor?.required && !secondFactor.enabled && location.pathname !== "/tweede-stap") {
    // The API refuses everything else until the second factor is set up (ADR 0023).
    return <Navigate to="/tweede-stap" replace />;
  }
  return <Outlet />;
}
