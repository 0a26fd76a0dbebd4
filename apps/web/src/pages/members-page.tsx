import { canManageMembers, roleLabels } from "@schakel/core";
import { NotAllowed } from "../components/not-allowed";
import { useSignedIn } from "../lib/session";
import { MemberManagement } from "./members/member-management";

/** /leden: member management for the admins of the current organisation. */
export function MembersPage() {
  const { membership } = useSignedIn();

  if (!membership || !canManageMembers(membership.role)) {
    return (
      <NotAllowed title="Leden">
        Alleen beheerders kunnen leden beheren.
        {membership
          ? ` Je bent ${roleLabels[membership.role].toLowerCase()} bij ${membership.organizationName}.`
          : " Je bent geen lid van een organisatie."}{" "}
        Moet er iets veranderen? Vraag het aan een beheerder van je organisatie.
      </NotAllowed>
    );
  }

  return (
    <MemberManagement
      key={membership.organizationId}
      organizationId={membership.organizationId}
      organizationName={membership.organizationName}
    />
  );
}
