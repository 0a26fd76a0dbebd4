import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { api, type Me, type Membership, onUnauthorized, type Problem, run } from "./api";

const ORGANIZATION_KEY = "schakel.organisatie";

export type SessionState =
  | { status: "loading" }
  | { status: "signed-out"; reason: "none" | "signed-out" | "expired" }
  | { status: "unavailable"; problem: Problem }
  | { status: "signed-in"; me: Me };

interface SessionValue {
  state: SessionState;
  /** The membership the user works in now: their last choice, else the first one. */
  membership: Membership | null;
  chooseOrganization(organizationId: string): void;
  signedIn(me: Me): void;
  signOut(): Promise<Problem | null>;
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

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });
  const [organizationId, setOrganizationId] = useState<string | null>(storedOrganization);

  const reload = useCallback(async () => {
    const result = await run(api.GET("/me"));
    if (result.ok) setState({ status: "signed-in", me: result.data });
    else if (result.problem.status === 401) setState({ status: "signed-out", reason: "none" });
    else setState({ status: "unavailable", problem: result.problem });
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(
    () =>
      onUnauthorized(() =>
        setState((current) => (current.status === "signed-in" ? { status: "signed-out", reason: "expired" } : current)),
      ),
    [],
  );

  const value = useMemo<SessionValue>(() => {
    const memberships = state.status === "signed-in" ? state.me.memberships : [];
    const membership = memberships.find((m) => m.organizationId === organizationId) ?? memberships[0] ?? null;
    return {
      state,
      membership,
      reload,
      chooseOrganization(id) {
        storeOrganization(id);
        setOrganizationId(id);
      },
      signedIn(me) {
        setState({ status: "signed-in", me });
      },
      async signOut() {
        const result = await run(api.POST("/auth/logout"));
        // 401: the session had already ended, which is what the user wanted.
        if (!result.ok && result.problem.status !== 401) return result.problem;
        setState({ status: "signed-out", reason: "signed-out" });
        return null;
      },
    };
  }, [state, organizationId, reload]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
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
