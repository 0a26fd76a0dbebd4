import type { ReactNode } from "react";
import { Link } from "react-router";
import { Alert } from "./alert";
import { Page } from "./page";

/**
 * What someone sees at a page's address that their role does not open (the API refuses them
 * too): who may use it and what to do instead (`children`, one paragraph's text), and the way home.
 */
export function NotAllowed({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Page title={title}>
      <Alert type="warning">
        <p className="utrecht-paragraph">{children}</p>
      </Alert>
      <p className="utrecht-paragraph">
        <Link to="/" className="utrecht-link utrecht-link--html-a">
          Naar de startpagina
        </Link>
      </p>
    </Page>
  );
}
