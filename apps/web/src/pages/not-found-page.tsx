import { Link, useLocation } from "react-router";
import { Page } from "../components/page";

/**
 * Any address the app does not know (the server answers it with 404, see route-paths.ts): the
 * page names the address and says plainly that it does not exist.
 */
export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <Page title="Pagina niet gevonden" heading="Deze pagina bestaat niet">
      <p className="utrecht-paragraph">
        Op het adres <code className="schakel-address">{pathname}</code> staat geen pagina van Schakel (foutcode 404: niet
        gevonden).
      </p>
      <p className="utrecht-paragraph">
        Misschien is het adres verkeerd getypt, of is de pagina verplaatst. Controleer het adres, of ga verder via een van deze
        links.
      </p>
      <ul className="utrecht-unordered-list">
        <li className="utrecht-unordered-list__item">
          <Link to="/kaart" className="utrecht-link utrecht-link--html-a">
            Hulp zoeken op de sociale kaart
          </Link>
        </li>
        <li className="utrecht-unordered-list__item">
          <Link to="/" className="utrecht-link utrecht-link--html-a">
            Naar de startpagina
          </Link>
        </li>
      </ul>
    </Page>
  );
}
