import { isCaseworker, roleLabels } from "@schakel/core";
import { Link } from "react-router";
import { Page } from "../components/page";
import { useSignedIn } from "../lib/session";
import { SenderOverview } from "./sender-overview";

export function HomePage() {
  const { me, membership } = useSignedIn();

  if (!membership) {
    return (
      <Page title="Start" heading={`Welkom, ${me.user.name}`}>
        <p className="utrecht-paragraph">
          Je bent op dit moment geen lid van een organisatie in Schakel. Vraag de beheerder van je organisatie om je uit te
          nodigen.
        </p>
      </Page>
    );
  }

  return (
    <Page title="Start" heading={`Welkom, ${me.user.name}`}>
      <p className="utrecht-paragraph utrecht-paragraph--lead">
        Je werkt nu voor <strong>{membership.organizationName}</strong> als {roleLabels[membership.role].toLowerCase()}.
      </p>
      <p className="utrecht-paragraph">
        In Schakel werken organisaties samen om inwoners met geldzorgen snel bij de juiste hulp te brengen.{" "}
        <Link to="/kaart" className="utrecht-link utrecht-link--html-a">
          Zoek hulp op de sociale kaart
        </Link>
        .
      </p>
      {isCaseworker(membership.role) ? <SenderOverview organizationId={membership.organizationId} /> : null}
      {me.memberships.length > 1 ? (
        <p className="utrecht-paragraph">Werk je ook voor een andere organisatie? Kies die bovenaan de pagina.</p>
      ) : null}
      {membership.role === "admin" ? (
        <>
          <h2 className="utrecht-heading-2">Beheer</h2>
          <p className="utrecht-paragraph">
            Je bent beheerder van {membership.organizationName}.{" "}
            <Link to="/leden" className="utrecht-link utrecht-link--html-a">
              Bekijk en beheer de leden
            </Link>
            , of{" "}
            <Link to="/diensten" className="utrecht-link utrecht-link--html-a">
              houd de diensten op de sociale kaart actueel
            </Link>
            .
          </p>
        </>
      ) : null}
    </Page>
  );
}
