import { Link } from "react-router";
import { Page } from "../components/page";

export function NotFoundPage() {
  return (
    <Page title="Pagina niet gevonden" heading="Deze pagina bestaat niet">
      <p className="utrecht-paragraph">
        Misschien is het adres verkeerd getypt, of is de pagina verplaatst. Controleer het adres, of ga naar de startpagina.
      </p>
      <p className="utrecht-paragraph">
        <Link to="/" className="utrecht-link utrecht-link--html-a">
          Naar de startpagina
        </Link>
      </p>
    </Page>
  );
}
