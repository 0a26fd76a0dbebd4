import { useQueryClient } from "@tanstack/react-query";
import { $api } from "./client";

const settingsKey = ["get", "/organizations/{organizationId}/settings"] as const;
const closingDaysKey = ["get", "/organizations/{organizationId}/closing-days"] as const;

/** An organisation's own settings, for its admins: the intake address and the closing days. */
export const organizationQueries = {
  settings: (organizationId: string) =>
    $api.queryOptions("get", "/organizations/{organizationId}/settings", { params: { path: { organizationId } } }),
  closingDays: (organizationId: string) =>
    $api.queryOptions("get", "/organizations/{organizationId}/closing-days", { params: { path: { organizationId } } }),
};

/** PATCH /organizations/{organizationId}/settings: set or clear the intake address. */
export function useUpdateOrganizationSettings() {
  const queryClient = useQueryClient();
  return $api.useMutation("patch", "/organizations/{organizationId}/settings", {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsKey }),
  });
}

function useInvalidateClosingDays() {
  const queryClient = useQueryClient();
  // Closing days change the working days of received referrals, and so the kaart's figures.
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: closingDaysKey }),
      queryClient.invalidateQueries({ queryKey: ["get", "/services/{serviceId}/responsiveness"] }),
    ]);
}

/** POST /organizations/{organizationId}/closing-days. */
export function useCreateClosingDay() {
  const invalidate = useInvalidateClosingDays();
  return $api.useMutation("post", "/organizations/{organizationId}/closing-days", { onSuccess: () => invalidate() });
}

/** DELETE /organizations/{organizationId}/closing-days/{day}. */
export function useDeleteClosingDay() {
  const invalidate = useInvalidateClosingDays();
  return $api.useMutation("delete", "/organizations/{organizationId}/closing-days/{day}", { onSuccess: () => invalidate() });
}

const failedMailsKey = ["get", "/organizations/{organizationId}/failed-mails"] as const;

/** Mails to the organisation that Schakel gave up on, for its admins (never their text). */
export const failedMailQueries = {
  list: (organizationId: string) =>
    $api.queryOptions("get", "/organizations/{organizationId}/failed-mails", { params: { path: { organizationId } } }),
};

/** POST /organizations/{organizationId}/failed-mails/{mailId}/retries: one more attempt; a mail that went out leaves the list. */
export function useRetryFailedMail() {
  const queryClient = useQueryClient();
  return $api.useMutation("post", "/organizations/{organizationId}/failed-mails/{mailId}/retries", {
    onSuccess: (result) => {
      if (result.sent) return queryClient.invalidateQueries({ queryKey: failedMailsKey });
    },
  });
}
