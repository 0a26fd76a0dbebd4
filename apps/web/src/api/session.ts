import type { Schemas } from "@schakel/api-client";
import { type QueryClient, queryOptions, useQueryClient } from "@tanstack/react-query";
import { $api } from "./client";
import { isProblem } from "./problem";

export type Me = Schemas["Me"];
/** The answer to a sign-in: the user, or (202) a request for the second factor. */
export type SignInAnswer = Me | Schemas["LoginPending"];

/** The password was right, but the account has a second factor: the code comes next. */
export const needsSecondFactor = (answer: SignInAnswer): answer is Schemas["LoginPending"] => "secondFactorRequired" in answer;

const meBase = $api.queryOptions("get", "/me");

/**
 * Who is signed in. The answer is the user, or null when nobody is (the API's 401): being
 * signed out is a state of the session, not a failure to show.
 */
export const sessionQueries = {
  me: () =>
    queryOptions<Me | null>({
      queryKey: meBase.queryKey,
      queryFn: async (context) => {
        try {
          return await meBase.queryFn({ ...context, queryKey: meBase.queryKey });
        } catch (error) {
          if (isProblem(error) && error.status === 401) return null;
          throw error;
        }
      },
    }),
};

/** The session now holds this user (after signing in or accepting an invitation). */
export function setSignedIn(queryClient: QueryClient, me: Me) {
  queryClient.setQueryData(sessionQueries.me().queryKey, me);
}

/**
 * Nobody is signed in any more: every cached answer and every finished request (their input held
 * passwords) goes, so nothing of the previous user stays in memory.
 */
export async function forgetSession(queryClient: QueryClient) {
  const meKey = sessionQueries.me().queryKey;
  await queryClient.cancelQueries();
  queryClient.getMutationCache().clear();
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] || query.queryKey[1] !== meKey[1] });
  queryClient.setQueryData(meKey, null);
}

/** POST /auth/login; on success the session holds the user, unless the second factor is still to come. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return $api.useMutation("post", "/auth/login", {
    onSuccess: (answer) => {
      if (!needsSecondFactor(answer)) setSignedIn(queryClient, answer);
    },
  });
}

/** POST /auth/second-factor-verifications: the code (or a recovery code) after the password; then signed in. */
export function useVerifySecondFactor() {
  const queryClient = useQueryClient();
  return $api.useMutation("post", "/auth/second-factor-verifications", { onSuccess: (me) => setSignedIn(queryClient, me) });
}

/** POST /auth/logout; the session then forgets the user with forgetSession. */
export function useSignOut() {
  return $api.useMutation("post", "/auth/logout");
}

/** POST /invitation-acceptances; on success the new member is signed in. */
export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return $api.useMutation("post", "/invitation-acceptances", { onSuccess: (me) => setSignedIn(queryClient, me) });
}
