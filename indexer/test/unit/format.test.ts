import { describe, expect, it } from "vitest";

import type { EffectivePactStatus } from "@surety/sdk";

import { amountOf, mean, pendingActionsOf, ratio, type PendingPact } from "../../src/api/format.ts";

const usd = { address: "0x5FbDB2315678afecb367f032d93F642f64180aa3", symbol: "mUSD", decimals: 6 } as const;

describe("amountOf", () => {
  it("test_GivesBaseUnitsAndADecimalStringInTheTokensUnits", () => {
    expect(amountOf(usd, 12_500_000n)).toEqual({
      token: usd.address,
      symbol: "mUSD",
      decimals: 6,
      raw: "12500000",
      amount: "12.5",
    });
  });

  it("test_GivenUnknownDecimals_LeavesTheDecimalStringOut", () => {
    expect(amountOf({ ...usd, symbol: null, decimals: null }, 7n).amount).toBeNull();
  });
});

describe("ratio and mean", () => {
  it("test_GivenNothingToDivideBy_AreNull", () => {
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(0n, 0n)).toBeNull();
    expect(mean(0n, 0)).toBeNull();
  });

  it("test_GivenSomethingToDivideBy_Divide", () => {
    expect(ratio(3, 4)).toBe(0.75);
    expect(ratio(5n, 2n)).toBe(2.5);
    expect(mean(90n, 4)).toBe(22.5);
  });
});

describe("pendingActionsOf", () => {
  const [buyer, agent, arbiter, stranger] = ["0xb0", "0xa0", "0xc0", "0xd0"];
  // A pact delivering by 2,000; proposals made at 1,500 stand until that deadline, unless the test says otherwise.
  const pact = (columns: Partial<PendingPact> = {}): PendingPact => ({
    buyer,
    agent,
    arbiter,
    status: "active",
    deliverBy: 2_000n,
    buyerProposedBps: null,
    buyerProposedAt: null,
    buyerProposalStandsUntil: null,
    agentProposedBps: null,
    agentProposedAt: null,
    agentProposalStandsUntil: null,
    buyerProposedDeliverBy: null,
    agentProposedDeliverBy: null,
    ...columns,
  });
  const byBuyer = { buyerProposedBps: 6_000, buyerProposedAt: 1_500n, buyerProposalStandsUntil: 2_000n };
  const byAgent = { agentProposedBps: 2_000, agentProposedAt: 1_500n, agentProposalStandsUntil: 2_000n };
  const actions = (of: PendingPact, status: EffectivePactStatus, address: string, now = 1_800n) =>
    pendingActionsOf(of, { status, deadline: 2_000 }, address, now).map((item) => `${item.role}:${item.action}`);

  it("test_GivesEachRoleItsNextStep", () => {
    expect(actions(pact(), "active", agent)).toEqual(["agent:deliver"]);
    expect(actions(pact(), "active", buyer)).toEqual([]);
    expect(actions(pact({ status: "disputed" }), "disputed", arbiter)).toEqual(["arbiter:rule"]);
    expect(actions(pact(), "overdue", buyer, 2_001n)).toEqual(["buyer:claim-refund"]);
  });

  it("test_GivenAStandingSplit_AsksTheOtherPartyNotTheProposerToAcceptItByItsLapse", () => {
    const proposed = pact(byBuyer);
    expect(actions(proposed, "active", agent)).toEqual(["agent:deliver", "agent:accept-settlement"]);
    expect(actions(proposed, "active", buyer)).toEqual([]);
    expect(actions(proposed, "active", stranger)).toEqual([]);
    expect(pendingActionsOf(proposed, { status: "active", deadline: 2_000 }, agent, 1_800n)[1]?.deadline).toBe(2_000);
    const disputed = pact({ ...byBuyer, status: "disputed" });
    expect(actions(disputed, "disputed", arbiter)).toEqual(["arbiter:rule"]);
  });

  it("test_GivenASplitLapsedWithItsStatussDeadline_AsksNothing", () => {
    const lapsed = pact({ ...byBuyer, status: "delivered" });
    expect(actions(lapsed, "delivered", agent, 2_000n)).toEqual(["agent:accept-settlement"]);
    expect(actions(lapsed, "finalizable", agent, 2_001n)).toEqual(["agent:finalize"]);
  });

  it("test_GivenASplitProposedAfterTheDeadline_AsksToAcceptItUntilTheStatusChangesWithNoDeadline", () => {
    const fresh = pact({ status: "delivered", buyerProposedBps: 3_000, buyerProposedAt: 2_100n });
    expect(actions(fresh, "finalizable", agent, 9_000n)).toEqual(["agent:finalize", "agent:accept-settlement"]);
    expect(pendingActionsOf(fresh, { status: "finalizable", deadline: 2_000 }, agent, 9_000n)[1]?.deadline).toBeNull();
  });

  it("test_GivenBothProposed_AsksEachSideToAcceptTheOthersSplit", () => {
    const crossing = pact({ ...byBuyer, ...byAgent, status: "delivered" });
    expect(actions(crossing, "delivered", buyer)).toEqual(["buyer:release-or-dispute", "buyer:accept-settlement"]);
    expect(actions(crossing, "delivered", agent)).toEqual(["agent:accept-settlement"]);
  });

  it("test_AsksTheOtherPartyToAgreeALaterDeadlineOnlyWhileTheCurrentOneHolds", () => {
    const asked = pact({ agentProposedDeliverBy: 3_000n });
    expect(actions(asked, "active", buyer)).toEqual(["buyer:agree-extension"]);
    expect(actions(asked, "active", agent)).toEqual(["agent:deliver"]);
    expect(actions(asked, "active", buyer, 2_000n)).toEqual(["buyer:agree-extension"]);
    expect(actions(asked, "overdue", buyer, 2_001n)).toEqual(["buyer:claim-refund"]);
    expect(pendingActionsOf(asked, { status: "active", deadline: 2_000 }, buyer, 1_800n)[0]?.deadline).toBe(2_000);
  });
});
