import type { z } from "zod";
import { Alert } from "./alert";

/**
 * A list page whose filters come from its address (so Back and a shared link work) says which of
 * them are wrong when someone edited the address by hand, instead of loading anything.
 */
export function InvalidFilters({ error }: { error: z.ZodError | undefined }) {
  return (
    <Alert type="error">
      <p className="utrecht-paragraph">De filters in het adres kloppen niet:</p>
      <ul className="utrecht-unordered-list">
        {error?.issues.map((issue) => (
          <li key={`${issue.path.join(".")}-${issue.message}`} className="utrecht-unordered-list__item">
            {issue.message}
          </li>
        ))}
      </ul>
      <p className="utrecht-paragraph">Pas ze hierboven aan, of haal alle filters weg.</p>
    </Alert>
  );
}
