import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import {
  encodeFunctionData,
  getAddress,
  getContractAddress,
  parseEther,
  zeroAddress,
  type Address,
  type Hash,
} from "viem";

import {
  DAY,
  PactStatus,
  activePact,
  as,
  createPact,
  deliveredPact,
  deploySuretyWithCooperative,
  disputedPact,
  hashOf,
  makeTerms,
  mineAt,
  nextTxAt,
  statusOf,
  usd,
  type CooperativeFixture,
  type SuretyFixture,
  type Terms,
} from "../helpers/fixture.ts";

describe("Surety cooperative paths", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;

  /** The fixture, with the cooperative paths bound at Surety's own address. */
  const load = () => networkHelpers.loadFixture(deploySuretyWithCooperative);
  type Fixture = CooperativeFixture;

  const stake = async (f: SuretyFixture, agent: Address) => {
    const [staked, locked] = await f.surety.read.stakeOf([agent]);
    return { staked, locked };
  };
  const balances = async (f: SuretyFixture) => ({
    buyer: await f.usdc.read.balanceOf([f.buyer.account.address]),
    agent: await f.usdc.read.balanceOf([f.agent.account.address]),
    arbiter: await f.usdc.read.balanceOf([f.arbiter.account.address]),
  });
  /** The timestamp of the block that included transaction `hash`. */
  const timeOf = async (f: SuretyFixture, hash: Hash) => {
    const { blockNumber } = await f.publicClient.waitForTransactionReceipt({ hash });
    return Number((await f.publicClient.getBlock({ blockNumber })).timestamp);
  };

  /*//////////////////////////////////////////////////////////////
                          proposeSettlement
  //////////////////////////////////////////////////////////////*/

  describe("proposeSettlement", () => {
    it("test_GivenProposalsByBothParties_TheyStandSideBySideAndANewerOneReplacesTheOlder", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);

      await f.coop.write.proposeSettlement([pactId, terms, 7_000], as(f.buyer));
      const agentAt = await timeOf(f, await f.coop.write.proposeSettlement([pactId, terms, 2_000], as(f.agent)));
      const buyerAt = await timeOf(f, await f.coop.write.proposeSettlement([pactId, terms, 6_000], as(f.buyer)));

      assert.deepEqual(await f.coop.read.proposalsOf([pactId, terms]), {
        status: PactStatus.Active,
        buyerSplitAt: buyerAt,
        buyerSplitBps: 6_000,
        agentSplitAt: agentAt,
        agentSplitBps: 2_000,
        buyerDeliverBy: 0,
        agentDeliverBy: 0,
      });
      const events = await f.coop.getEvents.SettlementProposed({ pactId }, { fromBlock: 0n });
      assert.deepEqual(
        events.map((e) => [e.args.party, e.args.buyerBps]),
        [
          [getAddress(f.buyer.account.address), 7_000],
          [getAddress(f.agent.account.address), 2_000],
          [getAddress(f.buyer.account.address), 6_000],
        ],
      );
      assert.equal(await statusOf(f, pactId), PactStatus.Active);
    });

    it("test_GivenAZeroShare_IsRecordedAsAProposal", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await deliveredPact(f, terms);
      const at = await timeOf(f, await f.coop.write.proposeSettlement([pactId, terms, 0], as(f.agent)));
      const proposals = await f.coop.read.proposalsOf([pactId, terms]);
      assert.equal(proposals.status, PactStatus.Delivered);
      assert.equal(proposals.agentSplitAt, at);
      assert.equal(proposals.agentSplitBps, 0);
    });

    it("test_RevertWhen_CallerNotParty", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      for (const caller of [f.arbiter, f.stranger, f.operator]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.coop.write.proposeSettlement([pactId, terms, 5_000], as(caller)),
          f.coop,
          "Surety_CallerNotParty",
          [pactId, caller.account.address],
        );
      }
    });

    it("test_RevertWhen_ShareAboveAllOfThePrice", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.proposeSettlement([pactId, terms, 10_001], as(f.buyer)),
        f.coop,
        "Surety_BpsTooHigh",
        [10_001],
      );
    });

    it("test_RevertWhen_PactOpenOrEnded", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const open = await createPact(f, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.proposeSettlement([open, terms, 5_000], as(f.buyer)),
        f.coop,
        "Surety_InvalidStatus",
        [open, PactStatus.Open],
      );
      const released = await deliveredPact(f, { ...terms, termsHash: hashOf("released") });
      const releasedTerms = { ...terms, termsHash: hashOf("released") };
      await f.surety.write.releasePact([released, releasedTerms], as(f.buyer));
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.proposeSettlement([released, releasedTerms, 5_000], as(f.agent)),
        f.coop,
        "Surety_InvalidStatus",
        [released, PactStatus.Released],
      );
    });

    it("test_RevertWhen_TermsDoNotMatch", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.proposeSettlement([pactId, { ...terms, price: terms.price - 1n }, 5_000], as(f.buyer)),
        f.coop,
        "Surety_TermsMismatch",
        [pactId],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.proposeSettlement([999n, terms, 5_000], as(f.buyer)),
        f.coop,
        "Surety_PactNotFound",
        [999n],
      );
    });

    it("test_RevertWhen_EthSentWithTheCall", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      const data = encodeFunctionData({
        abi: f.coop.abi,
        functionName: "proposeSettlement",
        args: [pactId, terms, 5_000],
      });
      await assert.rejects(f.buyer.sendTransaction({ to: f.surety.address, data, value: 1n }));
      assert.equal((await f.coop.read.proposalsOf([pactId, terms])).buyerSplitAt, 0);
    });
  });

  /*//////////////////////////////////////////////////////////////
                          acceptSettlement
  //////////////////////////////////////////////////////////////*/

  describe("acceptSettlement", () => {
    it("test_GivenActivePact_WhenBuyerAcceptsAgentsProposal_SplitsUnlocksWithoutSlashAndEnds", async () => {
      const f = await load();
      const terms = await makeTerms(f, { price: usd("100") + 3n });
      const pactId = await activePact(f, terms);
      const before = await balances(f);
      const stakeBefore = await stake(f, f.agent.account.address);

      await f.coop.write.proposeSettlement([pactId, terms, 3_333], as(f.agent));
      await f.coop.write.acceptSettlement([pactId, terms, 3_333], as(f.buyer));

      // The buyer's share rounds down, the agent gets the rest.
      const toBuyer = ((usd("100") + 3n) * 3_333n) / 10_000n;
      const toAgent = terms.price - toBuyer;
      const after = await balances(f);
      assert.equal(after.buyer - before.buyer, toBuyer);
      assert.equal(after.agent - before.agent, toAgent);
      assert.equal(after.arbiter, before.arbiter);
      const stakeAfter = await stake(f, f.agent.account.address);
      assert.equal(stakeAfter.staked, stakeBefore.staked);
      assert.equal(stakeBefore.locked - stakeAfter.locked, terms.collateral);
      assert.equal(await statusOf(f, pactId), PactStatus.Settled);

      const [event] = await f.coop.getEvents.PactSettled({ pactId }, { fromBlock: 0n });
      assert.deepEqual(event.args, {
        pactId,
        proposer: getAddress(f.agent.account.address),
        buyerBps: 3_333,
        toBuyer,
        toAgent,
        feeRefund: 0n,
      });
      // An ended pact has no standing proposals.
      assert.deepEqual(await f.coop.read.proposalsOf([pactId, terms]), {
        status: PactStatus.Settled,
        buyerSplitAt: 0,
        buyerSplitBps: 0,
        agentSplitAt: 0,
        agentSplitBps: 0,
        buyerDeliverBy: 0,
        agentDeliverBy: 0,
      });
    });

    it("test_GivenDeliveredPact_WhenAgentAcceptsBuyersProposal_Settles", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await deliveredPact(f, terms);
      const before = await balances(f);
      await f.coop.write.proposeSettlement([pactId, terms, 10_000], as(f.buyer));
      await f.coop.write.acceptSettlement([pactId, terms, 10_000], as(f.agent));
      const after = await balances(f);
      assert.equal(after.buyer - before.buyer, terms.price);
      assert.equal(after.agent, before.agent);
      assert.equal(await statusOf(f, pactId), PactStatus.Settled);
    });

    it("test_GivenDisputedPact_WhenSettled_TheArbiterFeeGoesBackToTheBuyer", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);
      const before = await balances(f);
      const held = await f.usdc.read.balanceOf([f.surety.address]);
      await f.coop.write.proposeSettlement([pactId, terms, 5_000], as(f.buyer));
      await f.coop.write.acceptSettlement([pactId, terms, 5_000], as(f.agent));
      const after = await balances(f);
      assert.equal(after.buyer - before.buyer, terms.price / 2n + terms.arbiterFee);
      assert.equal(after.agent - before.agent, terms.price / 2n);
      assert.equal(after.arbiter, before.arbiter);
      const [event] = await f.coop.getEvents.PactSettled({ pactId }, { fromBlock: 0n });
      assert.equal(event.args.feeRefund, terms.arbiterFee);
      assert.equal(held - (await f.usdc.read.balanceOf([f.surety.address])), terms.price + terms.arbiterFee);
    });

    it("test_GivenEthPact_WhenSettled_PaysBothInEth", async () => {
      const f = await load();
      const terms = await makeTerms(f, { token: zeroAddress, price: parseEther("1"), arbiterFee: 0n });
      const pactId = await activePact(f, terms);
      await f.coop.write.proposeSettlement([pactId, terms, 2_500], as(f.buyer));
      const agentBefore = await f.publicClient.getBalance({ address: f.agent.account.address });
      await f.coop.write.acceptSettlement([pactId, terms, 2_500], { account: f.agent.account });
      assert.equal(await f.publicClient.getBalance({ address: f.surety.address }), 0n);
      const agentAfter = await f.publicClient.getBalance({ address: f.agent.account.address });
      // The agent paid the acceptance's gas out of its 0.75 ETH.
      assert.ok(agentAfter - agentBefore > parseEther("0.74") && agentAfter - agentBefore < parseEther("0.75"));
    });

    it("test_GivenProposalsCrossing_EitherPartyMayAcceptTheOthersAndTheRestLapse", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await deliveredPact(f, terms);
      await f.coop.write.proposeSettlement([pactId, terms, 6_000], as(f.buyer));
      await f.coop.write.proposeSettlement([pactId, terms, 4_000], as(f.agent));

      // The buyer accepts the agent's 40%, not its own 60%.
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.acceptSettlement([pactId, terms, 6_000], as(f.buyer)),
        f.coop,
        "Surety_SettlementMismatch",
        [pactId, 4_000, 6_000],
      );
      await f.coop.write.acceptSettlement([pactId, terms, 4_000], as(f.buyer));
      assert.equal(await statusOf(f, pactId), PactStatus.Settled);

      // The buyer's own proposal can no longer be accepted: the pact has ended.
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.acceptSettlement([pactId, terms, 6_000], as(f.agent)),
        f.coop,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Settled],
      );
    });

    it("test_RevertWhen_TheProposalWasReplacedBeforeTheAcceptance", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      await f.coop.write.proposeSettlement([pactId, terms, 5_000], as(f.agent));
      await f.coop.write.proposeSettlement([pactId, terms, 1_000], as(f.agent));
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.acceptSettlement([pactId, terms, 5_000], as(f.buyer)),
        f.coop,
        "Surety_SettlementMismatch",
        [pactId, 1_000, 5_000],
      );
      assert.equal(await statusOf(f, pactId), PactStatus.Active);
    });

    it("test_RevertWhen_NoProposalFromTheOtherParty", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.acceptSettlement([pactId, terms, 5_000], as(f.agent)),
        f.coop,
        "Surety_NoSettlementProposal",
        [pactId, f.buyer.account.address],
      );
      // A party cannot accept its own proposal.
      await f.coop.write.proposeSettlement([pactId, terms, 5_000], as(f.agent));
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.acceptSettlement([pactId, terms, 5_000], as(f.agent)),
        f.coop,
        "Surety_NoSettlementProposal",
        [pactId, f.buyer.account.address],
      );
    });

    it("test_RevertWhen_CallerNotParty", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);
      await f.coop.write.proposeSettlement([pactId, terms, 5_000], as(f.agent));
      for (const caller of [f.arbiter, f.stranger]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.coop.write.acceptSettlement([pactId, terms, 5_000], as(caller)),
          f.coop,
          "Surety_CallerNotParty",
          [pactId, caller.account.address],
        );
      }
    });

    it("test_RevertWhen_AcceptedAfterTheArbiterRuled", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);
      await f.coop.write.proposeSettlement([pactId, terms, 5_000], as(f.agent));
      await f.surety.write.resolveDispute([pactId, terms, 10_000, terms.penalty, hashOf("ruling")], as(f.arbiter));
      const before = await balances(f);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.acceptSettlement([pactId, terms, 5_000], as(f.buyer)),
        f.coop,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Resolved],
      );
      assert.deepEqual(await balances(f), before);
    });

    it("test_GivenASettlement_TheArbiterCanNoLongerRule", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);
      await f.coop.write.proposeSettlement([pactId, terms, 5_000], as(f.agent));
      await f.coop.write.acceptSettlement([pactId, terms, 5_000], as(f.buyer));
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.resolveDispute([pactId, terms, 10_000, terms.penalty, hashOf("ruling")], as(f.arbiter)),
        f.surety,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Settled],
      );
    });
  });

  /*//////////////////////////////////////////////////////////////
                            refundByAgent
  //////////////////////////////////////////////////////////////*/

  describe("refundByAgent", () => {
    it("test_GivenActivePact_RefundsThePriceAndSlashesThePenaltyAsAMissedDeadlineWould", async () => {
      const f = await load();
      const owned = await makeTerms(f, { termsHash: hashOf("owned up") });
      const hidden = await makeTerms(f, { termsHash: hashOf("hidden") });
      const ownedId = await activePact(f, owned);
      const hiddenId = await activePact(f, hidden);

      const b0 = await balances(f);
      const s0 = await stake(f, f.agent.account.address);
      await f.coop.write.refundByAgent([ownedId, owned], as(f.agent));
      const b1 = await balances(f);
      const s1 = await stake(f, f.agent.account.address);
      assert.equal(await statusOf(f, ownedId), PactStatus.Refunded);
      assert.equal(b1.buyer - b0.buyer, owned.price + owned.penalty);
      assert.equal(s0.staked - s1.staked, owned.penalty);
      assert.equal(s0.locked - s1.locked, owned.collateral);
      const [event] = await f.coop.getEvents.PactRefundedByAgent({ pactId: ownedId }, { fromBlock: 0n });
      assert.deepEqual(event.args, {
        pactId: ownedId,
        buyer: getAddress(f.buyer.account.address),
        agent: getAddress(f.agent.account.address),
        refund: owned.price,
        slashed: owned.penalty,
      });

      // Hiding until the deadline costs the agent exactly as much, never less.
      await mineAt(f, hidden.deliverBy + 1);
      await f.surety.write.claimRefund([hiddenId, hidden], as(f.stranger));
      const b2 = await balances(f);
      const s2 = await stake(f, f.agent.account.address);
      assert.equal(b2.buyer - b1.buyer, b1.buyer - b0.buyer);
      assert.equal(s1.staked - s2.staked, s0.staked - s1.staked);
    });

    it("test_GivenTheLastSecondBeforeTheDeadline_Refunds", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      await nextTxAt(f, terms.deliverBy);
      await f.coop.write.refundByAgent([pactId, terms], as(f.agent));
      assert.equal(await statusOf(f, pactId), PactStatus.Refunded);
    });

    it("test_RevertWhen_TheDeadlineHasPassed", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      await nextTxAt(f, terms.deliverBy + 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.refundByAgent([pactId, terms], as(f.agent)),
        f.coop,
        "Surety_DeadlinePassed",
        [pactId, BigInt(terms.deliverBy)],
      );
    });

    it("test_RevertWhen_CallerNotAgentOrPactNotActive", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      for (const caller of [f.buyer, f.arbiter, f.stranger]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.coop.write.refundByAgent([pactId, terms], as(caller)),
          f.coop,
          "Surety_CallerNotAgent",
          [pactId, caller.account.address],
        );
      }
      await f.surety.write.deliverPact([pactId, terms, hashOf("delivery")], as(f.agent));
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.refundByAgent([pactId, terms], as(f.agent)),
        f.coop,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Delivered],
      );
    });
  });

  /*//////////////////////////////////////////////////////////////
                            extendDeadline
  //////////////////////////////////////////////////////////////*/

  describe("extendDeadline", () => {
    it("test_GivenBothPartiesAskForTheSameDeadline_ItTakesEffectAndTheTermsChange", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      const later = terms.deliverBy + Number(2n * DAY);

      await f.coop.write.extendDeadline([pactId, terms, later], as(f.agent));
      assert.equal((await f.coop.read.proposalsOf([pactId, terms])).agentDeliverBy, later);
      assert.equal((await f.coop.getEvents.DeadlineExtended({ pactId }, { fromBlock: 0n })).length, 0);
      await f.coop.write.extendDeadline([pactId, terms, later], as(f.buyer));

      const [event] = await f.coop.getEvents.DeadlineExtended({ pactId }, { fromBlock: 0n });
      assert.deepEqual(event.args, { pactId, previousDeliverBy: terms.deliverBy, deliverBy: later });
      const extended: Terms = { ...terms, deliverBy: later };
      assert.equal((await f.surety.read.getPact([pactId]))[2], await f.surety.read.commitmentOf([extended]));
      const proposals = await f.coop.read.proposalsOf([pactId, extended]);
      assert.equal(proposals.buyerDeliverBy, 0);
      assert.equal(proposals.agentDeliverBy, 0);

      // The old terms no longer match; past the old deadline the agent still delivers and is paid.
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.deliverPact([pactId, terms, hashOf("delivery")], as(f.agent)),
        f.surety,
        "Surety_TermsMismatch",
        [pactId],
      );
      await mineAt(f, terms.deliverBy + 10);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.claimRefund([pactId, extended], as(f.stranger)),
        f.surety,
        "Surety_DeadlineNotPassed",
        [pactId, BigInt(later)],
      );
      await f.surety.write.deliverPact([pactId, extended, hashOf("delivery")], as(f.agent));
      await f.surety.write.releasePact([pactId, extended], as(f.buyer));
      assert.equal(await statusOf(f, pactId), PactStatus.Released);
    });

    it("test_GivenDifferentAsks_NothingChangesUntilTheyMatch", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      const [a, b] = [terms.deliverBy + 3_600, terms.deliverBy + 7_200];
      await f.coop.write.extendDeadline([pactId, terms, a], as(f.buyer));
      await f.coop.write.extendDeadline([pactId, terms, b], as(f.agent));
      assert.equal((await f.surety.read.getPact([pactId]))[2], await f.surety.read.commitmentOf([terms]));
      await f.coop.write.extendDeadline([pactId, terms, b], as(f.buyer));
      const [event] = await f.coop.getEvents.DeadlineExtended({ pactId }, { fromBlock: 0n });
      assert.equal(event.args.deliverBy, b);
    });

    it("test_RevertWhen_NotLaterThanTheCurrentDeadline", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      for (const asked of [terms.deliverBy, terms.deliverBy - 1]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.coop.write.extendDeadline([pactId, terms, asked], as(f.buyer)),
          f.coop,
          "Surety_DeadlineNotLater",
          [pactId, terms.deliverBy, asked],
        );
      }
    });

    it("test_RevertWhen_TheCurrentDeadlineHasPassed", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      await f.coop.write.extendDeadline([pactId, terms, terms.deliverBy + 3_600], as(f.agent));
      await nextTxAt(f, terms.deliverBy + 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.extendDeadline([pactId, terms, terms.deliverBy + 3_600], as(f.buyer)),
        f.coop,
        "Surety_DeadlinePassed",
        [pactId, BigInt(terms.deliverBy)],
      );
    });

    it("test_RevertWhen_CallerNotPartyOrPactNotActive", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await createPact(f, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.extendDeadline([pactId, terms, terms.deliverBy + 1], as(f.buyer)),
        f.coop,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Open],
      );
      await f.surety.write.acceptPact([pactId, terms], as(f.agent));
      for (const caller of [f.arbiter, f.stranger]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.coop.write.extendDeadline([pactId, terms, terms.deliverBy + 1], as(caller)),
          f.coop,
          "Surety_CallerNotParty",
          [pactId, caller.account.address],
        );
      }
    });
  });

  /*//////////////////////////////////////////////////////////////
                             claimPayouts
  //////////////////////////////////////////////////////////////*/

  describe("claimPayouts", () => {
    /** Two blocklist tokens in which the buyer's refunds fail and are credited. */
    async function credited(f: Fixture) {
      const tokens = [await viem.deployContract("MockBlocklistToken"), await viem.deployContract("MockBlocklistToken")];
      for (const [i, token] of tokens.entries()) {
        await f.surety.write.registerArbiter([token.address, 0n, 60 * 86_400], as(f.arbiter));
        await token.write.mint([f.buyer.account.address, usd("1000")]);
        await token.write.approve([f.surety.address, usd("1000")], as(f.buyer));
        const terms = await makeTerms(f, { token: token.address, price: usd(String(10 + i)), arbiterFee: 0n });
        const pactId = await createPact(f, terms);
        await token.write.setBlocked([f.buyer.account.address, true]);
        await f.surety.write.cancelPact([pactId, terms], as(f.buyer));
        await token.write.setBlocked([f.buyer.account.address, false]);
      }
      return tokens;
    }

    it("test_GivenCreditsInTwoTokens_ClaimsBothInOneCall", async () => {
      const f = await load();
      const [a, b] = await credited(f);
      assert.equal(await f.surety.read.creditOf([a.address, f.buyer.account.address]), usd("10"));
      await f.coop.write.claimPayouts([[a.address, b.address], f.stranger.account.address], as(f.buyer));
      assert.equal(await a.read.balanceOf([f.stranger.account.address]), usd("10"));
      assert.equal(await b.read.balanceOf([f.stranger.account.address]), usd("11"));
      assert.equal(await f.surety.read.creditOf([a.address, f.buyer.account.address]), 0n);
      assert.equal(await f.surety.read.creditOf([b.address, f.buyer.account.address]), 0n);
      const claimed = await f.surety.getEvents.PayoutClaimed({ account: f.buyer.account.address }, { fromBlock: 0n });
      assert.deepEqual(
        claimed.map((e) => [e.args.token, e.args.amount]),
        [
          [getAddress(a.address), usd("10")],
          [getAddress(b.address), usd("11")],
        ],
      );
    });

    it("test_WhenATokenHasNoCreditOrRepeats_RevertsAndNothingIsClaimed", async () => {
      const f = await load();
      const [a, b] = await credited(f);
      for (const tokens of [
        [a.address, f.usdc.address],
        [a.address, b.address, a.address],
      ]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.coop.write.claimPayouts([tokens, f.buyer.account.address], as(f.buyer)),
          f.coop,
          "Surety_NoCredit",
          [tokens.at(-1)!, f.buyer.account.address],
        );
      }
      assert.equal(await f.surety.read.creditOf([a.address, f.buyer.account.address]), usd("10"));
    });

    it("test_RevertWhen_RecipientIsZeroOrSurety", async () => {
      const f = await load();
      const [a] = await credited(f);
      for (const recipient of [zeroAddress, f.surety.address]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.coop.write.claimPayouts([[a.address], recipient], as(f.buyer)),
          f.coop,
          "Surety_InvalidRecipient",
          [recipient],
        );
      }
    });
  });

  /*//////////////////////////////////////////////////////////////
                              the module
  //////////////////////////////////////////////////////////////*/

  describe("module", () => {
    it("test_GivenTheModuleCalledDirectly_ItSeesNoPactAndNoCredit", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      // The module's address is the first contract Surety created.
      const module = await viem.getContractAt(
        "SuretyCooperative",
        getContractAddress({ from: f.surety.address, nonce: 1n }),
      );
      assert.ok((await f.publicClient.getCode({ address: module.address }))!.length > 2);
      await viem.assertions.revertWithCustomErrorWithArgs(
        module.write.proposeSettlement([pactId, terms, 5_000], as(f.buyer)),
        module,
        "Surety_PactNotFound",
        [pactId],
      );
      assert.equal((await f.coop.read.proposalsOf([pactId, terms])).buyerSplitAt, 0);
    });

    it("test_RevertWhen_PlainEthOrUnknownCall", async () => {
      const f = await load();
      await assert.rejects(f.buyer.sendTransaction({ to: f.surety.address, value: 1n }));
      await assert.rejects(f.buyer.sendTransaction({ to: f.surety.address, data: "0xdeadbeef" }));
      assert.equal(await f.publicClient.getBalance({ address: f.surety.address }), 0n);
    });
  });
});
