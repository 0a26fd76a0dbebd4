import { canManageResidentPrivacy, roleLabels } from "@schakel/core";
import type { Membership } from "../../api/types";
import { NotAllowed } from "../../components/not-allowed";

/** Whether the privacy pages are open to this membership: only an organisation's admins (the API refuses everyone else). */
export function mayUsePrivacyPages(membership: Pick<Membership, "role"> | null): membership is Membership {
  return membership !== null && canManageResidentPrivacy(membership.role);
}

/** What a member who is not an admin sees at a privacy page's address. */
export function AdminOnly({ title, membership }: { title: string; membership: Membership | null }) {
  return (
    <NotAllowed title={title}>
      Alleen beheerders kunnen het toegangslogboek bekijken, een inzage maken en gegevens van inwoners wissen.
      {membership
        ? ` Je bent ${roleLabels[membership.role].toLowerCase()} bij ${membership.organizationName}.`
        : " Je bent geen lid van een organisatie."}{" "}
      Heeft een inwoner om inzage of wissen gevraagd? Geef het door aan een beheerder van je organisatie.
    </NotAllowed>
  );
}
