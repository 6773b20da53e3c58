import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import type { Address } from "viem";

import {
  PactStatus,
  activePact,
  as,
  deliveredPact,
  deploySuretyWithCooperative,
  disputedPact,
  hashOf,
  makeTerms,
  nextTxAt,
  statusOf,
  type CooperativeFixture,
  type SuretyFixture,
  type Terms,
} from "../helpers/fixture.ts";

/**
 * The attacks on stale settlement proposals (issue 14, part 1), each performed as the hostile party would, asserting
 * the honest outcome: a proposal binds only the state it was made in, so an agent cannot turn a buyer's old offer into
 * an escape from the penalty, the missed-delivery slash or a ruling.
 */
describe("Surety stale proposals: attacks", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;

  const load = () => networkHelpers.loadFixture(deploySuretyWithCooperative);
  type Fixture = CooperativeFixture;

  const usdcOf = (f: SuretyFixture, who: Address) => f.usdc.read.balanceOf([who]);
  const bondedOf = async (f: SuretyFixture, agent: Address) => (await f.surety.read.stakeAccount([agent])).bonded;

  /** The buyer offers early to take its price back (10,000 bps) while the pact is Active and on time. */
  async function buyerOffersFullRefund(f: Fixture, terms: Terms, pactId: bigint) {
    await f.coop.write.proposeSettlement([pactId, terms, 10_000], as(f.buyer));
  }

  it("test_Attack_AgentSettlesPastDeliverByOnBuyersEarlyProposal_FrontRunningClaimRefund_RefundWithPenaltyStands", async () => {
    const f = await load();
    const terms = await makeTerms(f);
    const pactId = await activePact(f, terms);
    await buyerOffersFullRefund(f, terms, pactId);
    const buyerBefore = await usdcOf(f, f.buyer.account.address);
    const bondedBefore = await bondedOf(f, f.agent.account.address);

    // The deadline passes undelivered. The agent sees the buyer's claimRefund coming and tries to settle first.
    await nextTxAt(f, terms.deliverBy + 1);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.coop.write.acceptSettlement([pactId, terms, 10_000], as(f.agent)),
      f.surety,
      "Surety_ProposalLapsed",
      [pactId, f.buyer.account.address],
    );
    await f.surety.write.claimRefund([pactId, terms], as(f.buyer));

    assert.equal(await statusOf(f, pactId), PactStatus.Refunded);
    assert.equal((await usdcOf(f, f.buyer.account.address)) - buyerBefore, terms.price + terms.penalty);
    assert.equal(bondedBefore - (await bondedOf(f, f.agent.account.address)), terms.penalty);
  });

  it("test_Attack_AgentAcceptsAtTheLastSecondBeforeDeliverBy_StillTheBuyersOwnOffer_NoBetterThanRefundByAgentAfter", async () => {
    // The boundary: at deliverBy itself the proposal still binds (the buyer offered it for this state); one second
    // later it does not, and the agent's only ways out are the penalty paths.
    const f = await load();
    const terms = await makeTerms(f);
    const pactId = await activePact(f, terms);
    await buyerOffersFullRefund(f, terms, pactId);
    const id = await networkHelpers.takeSnapshot();

    await nextTxAt(f, terms.deliverBy);
    await f.coop.write.acceptSettlement([pactId, terms, 10_000], as(f.agent));
    assert.equal(await statusOf(f, pactId), PactStatus.Settled);

    await id.restore();
    await nextTxAt(f, terms.deliverBy + 1);
    await viem.assertions.revertWithCustomError(
      f.coop.write.acceptSettlement([pactId, terms, 10_000], as(f.agent)),
      f.surety,
      "Surety_ProposalLapsed",
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.coop.write.refundByAgent([pactId, terms], as(f.agent)),
      f.surety,
      "Surety_DeadlinePassed",
      [pactId, BigInt(terms.deliverBy)],
    );
  });

  it("test_Attack_AgentFrontRunsTheArbitersSlashingRulingWithTheBuyersPreDisputeProposal_RulingApplies", async () => {
    const f = await load();
    const terms = await makeTerms(f);
    const pactId = await deliveredPact(f, terms);
    // During review the buyer floats a split, then disputes instead.
    await f.coop.write.proposeSettlement([pactId, terms, 6_000], as(f.buyer));
    await f.surety.write.disputePact([pactId, terms, hashOf("reason")], as(f.buyer));

    // The arbiter's ruling (refund and slash) is in the mempool; the agent tries to settle on the old split first.
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.coop.write.acceptSettlement([pactId, terms, 6_000], as(f.agent)),
      f.surety,
      "Surety_ProposalLapsed",
      [pactId, f.buyer.account.address],
    );
    const buyerBefore = await usdcOf(f, f.buyer.account.address);
    await f.surety.write.resolveDispute([pactId, terms, 10_000, terms.penalty, hashOf("ruling")], as(f.arbiter));
    assert.equal(await statusOf(f, pactId), PactStatus.Resolved);
    assert.equal((await usdcOf(f, f.buyer.account.address)) - buyerBefore, terms.price + terms.penalty);
  });

  it("test_Attack_AgentSettlesInsteadOfRefundByAgent_OnAProposalMadeBeforeAnExtension_Refused", async () => {
    const f = await load();
    const terms = await makeTerms(f);
    const pactId = await activePact(f, terms);
    await buyerOffersFullRefund(f, terms, pactId);
    const later = terms.deliverBy + 86_400;
    await f.coop.write.extendDeadline([pactId, terms, later], as(f.agent));
    await f.coop.write.extendDeadline([pactId, terms, later], as(f.buyer));
    const extended = { ...terms, deliverBy: later };

    await viem.assertions.revertWithCustomErrorWithArgs(
      f.coop.write.acceptSettlement([pactId, extended, 10_000], as(f.agent)),
      f.surety,
      "Surety_NoSettlementProposal",
      [pactId, f.buyer.account.address],
    );
  });

  it("test_Attack_BuyerAcceptsTheAgentsReviewTimeOfferAfterTheReviewLapsed_AgentIsPaidInFull", async () => {
    // The mirror image: an agent's offer made to avoid a dispute does not outlive the review period it was made in.
    const f = await load();
    const terms = await makeTerms(f);
    const pactId = await deliveredPact(f, terms);
    await f.coop.write.proposeSettlement([pactId, terms, 3_000], as(f.agent));
    const [, deliveredAt] = await f.surety.read.getPact([pactId]);
    const reviewEnd = Number(deliveredAt) + terms.reviewPeriod;

    await nextTxAt(f, reviewEnd + 1);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.coop.write.acceptSettlement([pactId, terms, 3_000], as(f.buyer)),
      f.surety,
      "Surety_ProposalLapsed",
      [pactId, f.agent.account.address],
    );
    const agentBefore = await usdcOf(f, f.agent.account.address);
    await f.surety.write.finalizePact([pactId, terms], as(f.stranger));
    assert.equal((await usdcOf(f, f.agent.account.address)) - agentBefore, terms.price);
  });

  it("test_Attack_PartyAcceptsADisputeTimeProposalAfterTheRulingPeriod_DefaultRulingStands", async () => {
    const f = await load();
    const terms = await makeTerms(f);
    const pactId = await disputedPact(f, terms);
    await f.coop.write.proposeSettlement([pactId, terms, 9_000], as(f.agent));
    const [, disputedAt] = await f.surety.read.getPact([pactId]);
    const rulingEnd = Number(disputedAt) + terms.rulingPeriod;

    await nextTxAt(f, rulingEnd + 1);
    await viem.assertions.revertWithCustomError(
      f.coop.write.acceptSettlement([pactId, terms, 9_000], as(f.buyer)),
      f.surety,
      "Surety_ProposalLapsed",
    );
    await f.surety.write.applyDefaultRuling([pactId, terms], as(f.stranger));
    assert.equal(await statusOf(f, pactId), PactStatus.DefaultRuled);
  });

  it("test_GivenDeliverByPassed_WhenTheBuyerConsentsAfresh_TheAgentMaySettle", async () => {
    // Fresh consent after the deadline is the buyer's to give: a proposal made after deliverBy stands.
    const f = await load();
    const terms = await makeTerms(f);
    const pactId = await activePact(f, terms);
    await nextTxAt(f, terms.deliverBy + 10);
    await f.coop.write.proposeSettlement([pactId, terms, 10_000], as(f.buyer));
    const standing = await f.coop.read.proposalsOf([pactId, terms]);
    assert.equal(standing.buyerSplitBps, 10_000);
    assert.notEqual(standing.buyerSplitAt, 0);

    await f.coop.write.acceptSettlement([pactId, terms, 10_000], as(f.agent));
    assert.equal(await statusOf(f, pactId), PactStatus.Settled);
  });

  it("test_Attack_AgentAcceptsABuyerProposalTheBuyerWithdrew_Refused", async () => {
    const f = await load();
    const terms = await makeTerms(f);
    const pactId = await activePact(f, terms);
    await buyerOffersFullRefund(f, terms, pactId);
    await viem.assertions.emitWithArgs(
      f.coop.write.withdrawProposals([pactId, terms], as(f.buyer)),
      f.surety,
      "ProposalsWithdrawn",
      [pactId, f.buyer.account.address],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.coop.write.acceptSettlement([pactId, terms, 10_000], as(f.agent)),
      f.surety,
      "Surety_NoSettlementProposal",
      [pactId, f.buyer.account.address],
    );
  });

  it("test_Attack_AgentMatchesABuyersOldExtensionAskAfterDelivery_NoExtensionTakesEffect", async () => {
    // Extension asks share the root cause: an ask made while Active does not survive into Delivered, so the agent
    // cannot use it to move the deadline on a pact that later returns to no live Active state.
    const f = await load();
    const terms = await makeTerms(f);
    const pactId = await activePact(f, terms);
    await f.coop.write.extendDeadline([pactId, terms, terms.deliverBy + 86_400], as(f.buyer));
    await f.surety.write.deliverPact([pactId, terms, hashOf("delivery")], as(f.agent));

    const standing = await f.coop.read.proposalsOf([pactId, terms]);
    assert.equal(standing.buyerDeliverBy, 0);
    assert.equal(standing.status, PactStatus.Delivered);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.coop.write.extendDeadline([pactId, terms, terms.deliverBy + 86_400], as(f.agent)),
      f.surety,
      "Surety_InvalidStatus",
      [pactId, PactStatus.Delivered],
    );
  });

  it("test_Attack_OwningUpEarlyIsNeverCheaperThanAMissedDeadline_WithoutFreshConsent", async () => {
    // Every path an undelivering agent can take alone, before and after deliverBy, costs it at least the penalty.
    const f = await load();
    const terms = await makeTerms(f);
    const pactId = await activePact(f, terms);
    await buyerOffersFullRefund(f, terms, pactId);
    await f.coop.write.proposeSettlement([pactId, terms, 10_000], as(f.agent));
    const bondedBefore = await bondedOf(f, f.agent.account.address);
    const id = await networkHelpers.takeSnapshot();

    // Before the deadline: refundByAgent costs the penalty.
    await f.coop.write.refundByAgent([pactId, terms], as(f.agent));
    assert.equal(bondedBefore - (await bondedOf(f, f.agent.account.address)), terms.penalty);

    // After the deadline: the agent's own proposal is not the buyer's consent, and the buyer's lapsed.
    await id.restore();
    await nextTxAt(f, terms.deliverBy + 1);
    await viem.assertions.revertWithCustomError(
      f.coop.write.acceptSettlement([pactId, terms, 10_000], as(f.agent)),
      f.surety,
      "Surety_ProposalLapsed",
    );
    await f.surety.write.claimRefund([pactId, terms], as(f.stranger));
    assert.equal(bondedBefore - (await bondedOf(f, f.agent.account.address)), terms.penalty);
  });
});
