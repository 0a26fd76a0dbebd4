import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import { useNavigate } from "react-router";
import { onUnauthorized } from "../api/client";
import { type Problem, toProblem } from "../api/problem";
import { forgetSession, type Me, sessionQueries, setSignedIn, useSignOut } from "../api/session";
import type { Membership } from "../api/types";
import { SessionTimeout } from "../components/session-timeout";
import { discardAllDrafts } from "../forms/drafts";

const ORGANIZATION_KEY = "schakel.organisatie";

export type SessionState =
  | { status: "loading" }
  | { status: "signed-out"; reason: SignedOutReason }
  | { status: "unavailable"; problem: Problem }
  /** `expired`: the session ended while the page was open; a sign-in dialog is over the page. */
  | { status: "signed-in"; me: Me; expired: boolean };

type SignedOutReason = "none" | "signed-out" | "expired";

interface SessionValue {
  state: SessionState;
  /** The membership the user works in now: their last choice, else the first one. */
  membership: Membership | null;
  chooseOrganization(organizationId: string): void;
  signedIn(me: Me): void;
  signOut(): Promise<Problem | null>;
  /** Whether signing out is under way. */
  signingOut: boolean;
  /** Why the last sign-out failed (the session is still there), if it did. */
  signOutProblem: Problem | null;
  reload(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

function storedOrganization(): string | null {
  try {
    return localStorage.getItem(ORGANIZATION_KEY);
  } catch {
    return null; // storage can be blocked; then the choice lasts only this visit
  }
}

function storeOrganization(organizationId: string) {
  try {
    localStorage.setItem(ORGANIZATION_KEY, organizationId);
  } catch {
    // see storedOrganization
  }
}

/**
 * The session stands on the `me` query: its answer is the user, or null when nobody is signed in.
 * Signing in sets that answer; signing out clears every cached query.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery(sessionQueries.me());
  const signOut = useSignOut();
  // Why nobody is signed in: the sign-in page says "you signed out" or "your session ended".
  const [reason, setReason] = useState<SignedOutReason>("none");
  // The session ended under an open page: the page stays (with what was typed) under a sign-in dialog.
  const [expired, setExpired] = useState(false);
  const navigate = useNavigate();
  const [organizationId, setOrganizationId] = useState<string | null>(storedOrganization);

  // Any call answered 401 (but the sign-in itself) means the session ended while signed in.
  useEffect(
    () =>
      onUnauthorized(() => {
        if (queryClient.getQueryData(sessionQueries.me().queryKey)) setExpired(true);
      }),
    [queryClient],
  );

  const state: SessionState = me.isPending
    ? { status: "loading" }
    : me.data === undefined
      ? { status: "unavailable", problem: toProblem(me.error) }
      : me.data === null
        ? { status: "signed-out", reason }
        : { status: "signed-in", me: me.data, expired };

  const memberships = state.status === "signed-in" ? state.me.memberships : [];
  const value: SessionValue = {
    state,
    membership: memberships.find((m) => m.organizationId === organizationId) ?? memberships[0] ?? null,
    signingOut: signOut.isPending,
    signOutProblem: signOut.error && toProblem(signOut.error).status !== 401 ? toProblem(signOut.error) : null,
    async reload() {
      await me.refetch();
    },
    chooseOrganization(id) {
      storeOrganization(id);
      setOrganizationId(id);
    },
    signedIn(user) {
      setExpired(false);
      setSignedIn(queryClient, user);
    },
    async signOut() {
      try {
        await signOut.mutateAsync({});
      } catch (error) {
        const problem = toProblem(error);
        // 401: the session had already ended, which is what the user wanted.
        if (problem.status !== 401) return problem;
      }
      setReason("signed-out");
      setExpired(false);
      discardAllDrafts();
      await forgetSession(queryClient);
      return null;
    },
  };

  return (
    <SessionContext.Provider value={value}>
      {children}
      {state.status === "signed-in" ? (
        <SessionTimeout
          email={state.me.user.email}
          expired={expired}
          onSignedIn={(user) => value.signedIn(user)}
          onSignOut={() => {
            void value.signOut().then((problem) => {
              if (!problem) navigate("/inloggen", { replace: true, state: { reason: "signed-out" } });
            });
          }}
        />
      ) : null}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession needs a SessionProvider");
  return value;
}

/** For pages inside RequireSession: the signed-in user and their current membership. */
export function useSignedIn(): { me: Me; membership: Membership | null } & Omit<SessionValue, "state" | "membership"> {
  const session = useSession();
  if (session.state.status !== "signed-in") throw new Error("useSignedIn used outside RequireSession");
  return { ...session, me: session.state.me, membership: session.membership };
}
