import { describe, expect, it } from "vitest";

import { splitStandsUntil, standingProposals, stands, type ProposalColumns } from "../../src/lib/proposals.ts";

describe("splitStandsUntil and stands", () => {
  it("test_GivenASplitProposedByTheDeadline_LapsesWhenTheDeadlinePassesItsSecondIncluded", () => {
    expect(splitStandsUntil(100n, 200n)).toBe(200n);
    expect(splitStandsUntil(200n, 200n)).toBe(200n);
    expect(stands(200n, 200n)).toBe(true);
    expect(stands(200n, 201n)).toBe(false);
  });

  it("test_GivenASplitProposedAfterTheDeadline_KeepsItAsFreshConsentUntilTheStatusChanges", () => {
    expect(splitStandsUntil(201n, 200n)).toBeNull();
    expect(stands(null, 10n ** 12n)).toBe(true);
  });
});

describe("standingProposals", () => {
  const pact = (columns: Partial<ProposalColumns>): ProposalColumns => ({
    status: "active",
    deliverBy: 1_000n,
    buyerProposedBps: 6_000,
    buyerProposedAt: 500n,
    buyerProposalStandsUntil: 1_000n,
    agentProposedBps: 4_000,
    agentProposedAt: 1_100n,
    agentProposalStandsUntil: null,
    buyerProposedDeliverBy: 2_000n,
    agentProposedDeliverBy: 3_000n,
    ...columns,
  });

  it("test_GivenTheDeadlineHolds_ReadsEveryProposalWithWhenEachSplitWasProposed", () => {
    expect(standingProposals(pact({}), 1_000n)).toEqual({
      buyerBps: 6_000,
      buyerSplitAt: 500n,
      agentBps: 4_000,
      agentSplitAt: 1_100n,
      buyerDeliverBy: 2_000n,
      agentDeliverBy: 3_000n,
    });
  });

  it("test_GivenTheDeliveryDeadlinePassed_ReadsLapsedSplitsAndDeadlineRequestsAsNone", () => {
    expect(standingProposals(pact({}), 1_001n)).toEqual({
      buyerBps: null,
      buyerSplitAt: null,
      agentBps: 4_000,
      agentSplitAt: 1_100n,
      buyerDeliverBy: null,
      agentDeliverBy: null,
    });
  });

  it("test_GivenThePactIsNotActive_ReadsDeadlineRequestsAsNone", () => {
    const delivered = standingProposals(pact({ status: "delivered" }), 900n);
    expect([delivered.buyerDeliverBy, delivered.agentDeliverBy]).toEqual([null, null]);
  });

  it("test_GivenNoSplitProposed_ReadsNone", () => {
    const none = pact({ buyerProposedBps: null, buyerProposedAt: null, buyerProposalStandsUntil: null });
    expect(standingProposals(none, 0n).buyerBps).toBeNull();
  });
});
