import { canManageMembers, roleLabels } from "@schakel/core";
import { Link } from "react-router";
import { Alert } from "../components/alert";
import { Page } from "../components/page";
import { useSignedIn } from "../lib/session";
import { MemberManagement } from "./members/member-management";

/** /leden: member management for the admins of the current organisation. */
export function MembersPage() {
  const { membership } = useSignedIn();

  if (!membership || !canManageMembers(membership.role)) {
    return (
      <Page title="Leden">
        <Alert type="warning">
          <p className="utrecht-paragraph">
            Alleen beheerders kunnen leden beheren.
            {membership
              ? ` Je bent ${roleLabels[membership.role].toLowerCase()} bij ${membership.organizationName}.`
              : " Je bent geen lid van een organisatie."}{" "}
            Moet er iets veranderen? Vraag het aan een beheerder van je organisatie.
          </p>
        </Alert>
        <p className="utrecht-paragraph">
          <Link to="/" className="utrecht-link utrecht-link--html-a">
            Naar de startpagina
          </Link>
        </p>
      </Page>
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
