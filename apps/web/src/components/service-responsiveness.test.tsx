import { screen } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { fakeApi, renderWithQuery } from "../test/render";
import { ServiceResponsivenessLine, ServiceResponsivenessSection } from "./service-responsiveness";

const SERVICE = "8d6c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
const answer = (figures: unknown) =>
  fakeApi(({ path }) =>
    path === `/services/${SERVICE}/responsiveness`
      ? {
          status: 200,
          body: {
            serviceId: SERVICE,
            since: "2025-12-02T10:00:00Z",
            until: "2026-12-02T10:00:00Z",
            minimumReferrals: 5,
            figures,
          },
        }
      : { status: 404 },
  );

describe("service responsiveness", () => {
  test("on the service page: each figure with what it means", async () => {
    answer({ referrals: 12, responded: 10, medianWorkingDays: 2, acceptedShare: 0.7, withinTargetShare: 0.75 });
    renderWithQuery(<ServiceResponsivenessSection serviceId={SERVICE} />);
    expect(await screen.findByText("Na 2 werkdagen")).toBeInTheDocument();
    expect(screen.getByText("70%")).toBeInTheDocument();
    expect(screen.getByText("75%")).toBeInTheDocument();
    expect(screen.getByText(/Uit 12 verwijzingen via Schakel in de afgelopen 12 maanden/)).toBeInTheDocument();
  });

  test("below five referrals: nog te weinig verwijzingen, on the page and in the list", async () => {
    answer(null);
    renderWithQuery(
      <>
        <ServiceResponsivenessSection serviceId={SERVICE} />
        <ServiceResponsivenessLine serviceId={SERVICE} />
      </>,
    );
    expect(await screen.findByText(/^Nog te weinig verwijzingen om te laten zien/)).toBeInTheDocument();
    expect(await screen.findByText("Reactiecijfers: nog te weinig verwijzingen.")).toBeInTheDocument();
  });
});
