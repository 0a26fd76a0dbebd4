import { useQueryClient } from "@tanstack/react-query";
import { $api } from "./client";
import { sessionQueries } from "./session";

/** The signed-in user's own account: the second factor and the password. */

/** POST /me/totp-enrolments: a new secret for the authenticator app, shown once. */
export function useStartTotpEnrolment() {
  return $api.useMutation("post", "/me/totp-enrolments");
}

/** POST /me/totp-confirmations: the first code confirms the app; answers the recovery codes. */
export function useConfirmTotpEnrolment() {
  const queryClient = useQueryClient();
  return $api.useMutation("post", "/me/totp-confirmations", {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueries.me().queryKey }),
  });
}

/** POST /me/recovery-codes: new recovery codes, confirmed with a current code. */
export function useRegenerateRecoveryCodes() {
  const queryClient = useQueryClient();
  return $api.useMutation("post", "/me/recovery-codes", {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueries.me().queryKey }),
  });
}

/** POST /me/password-changes: a new password; the other sessions end. */
export function useChangePassword() {
  return $api.useMutation("post", "/me/password-changes");
}

/** POST /auth/password-reset-requests: "wachtwoord vergeten". */
export function useRequestPasswordReset() {
  return $api.useMutation("post", "/auth/password-reset-requests");
}

/** POST /auth/password-resets: the new password with the link's token. */
export function useResetPassword() {
  return $api.useMutation("post", "/auth/password-resets");
}
