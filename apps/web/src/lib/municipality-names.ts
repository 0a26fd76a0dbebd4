import { useQuery } from "@tanstack/react-query";
import { referenceQueries } from "../api/reference-data";

/**
 * The name of a municipality by its CBS code, from GET /municipalities. While the list loads, or
 * for a code it does not hold, the code itself is shown.
 */
export function useMunicipalityName(): (code: string) => string {
  const { data } = useQuery({
    ...referenceQueries.municipalities(),
    select: (list) => new Map(list.data.map((m) => [m.code, m.name])),
  });
  return (code) => data?.get(code) ?? code;
}
