import { roleLabels } from "@schakel/core";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { Membership } from "../../api/types";
import { Alert } from "../../components/alert";
import { Page } from "../../components/page";
import { useSignedIn } from "../../lib/session";

/** Shows its content only to admins of the current organisation; others get a clear message. */
export function AdminOnly({ title, children }: { title: string; children: (membership: Membership) => ReactNode }) {
  const { membership } = useSignedIn();
  if (membership?.role === "admin") return <>{children(membership)}</>;
  return (
    <Page title={title}>
      <Alert type="warning">
        <p className="utrecht-paragraph">
          Alleen beheerders kunnen de diensten van een organisatie op de sociale kaart beheren.
          {membership
            ? ` Je bent ${roleLabels[membership.role].toLowerCase()} bij ${membership.organizationName}.`
            : " Je bent geen lid van een organisatie."}{" "}
          Moet er iets veranderen? Vraag het aan een beheerder van je organisatie.
        </p>
      </Alert>
      <p className="utrecht-paragraph">
        <Link to="/kaart" className="utrecht-link utrecht-link--html-a">
          Naar de sociale kaart
        </Link>
      </p>
    </Page>
  );
}
