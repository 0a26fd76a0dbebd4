import { Link, useLocation } from "react-router";
import { Page } from "../components/page";

/**
 * Any address the app does not know. The server answers every address outside /api with the app
 * itself (status 200: it does not know the app's routes), so this page says it plainly — the
 * address, and that it does not exist — and asks search engines not to keep it.
 */
export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <Page title="Pagina niet gevonden" heading="Deze pagina bestaat niet">
      <meta name="robots" content="noindex" />
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
