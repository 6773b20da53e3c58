import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";

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
  type CooperativeFixture,
  type SuretyFixture,
  type Terms,
} from "../helpers/fixture.ts";

/**
 * Settlement proposals and deadline asks bind only the state they were made in: `proposalsOf` reads only standing
 * ones, `acceptSettlement` refuses lapsed ones, and each party withdraws its own with `withdrawProposals`.
 */
describe("Surety proposals: lapse and withdrawal", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;

  const load = () => networkHelpers.loadFixture(deploySuretyWithCooperative);
  type Fixture = CooperativeFixture;

  const updatedAt = async (f: SuretyFixture, pactId: bigint) => Number((await f.surety.read.getPact([pactId]))[1]);
  const now = async (f: SuretyFixture) => Number((await f.publicClient.getBlock()).timestamp);
  /** Nothing standing, in a pact of status `status`. */
  const none = (status: number) => ({
    status,
    buyerSplitAt: 0,
    buyerSplitBps: 0,
    agentSplitAt: 0,
    agentSplitBps: 0,
    buyerDeliverBy: 0,
    agentDeliverBy: 0,
  });

  /** A live pact in one status, and the deadline of that status (past it, the status's own outcome opens). */
  type Stage = { terms: Terms; pactId: bigint; deadline: number };
  const STAGES: { name: string; status: number; setup: (f: Fixture) => Promise<Stage> }[] = [
    {
      name: "Active",
      status: PactStatus.Active,
      setup: async (f) => {
        const terms = await makeTerms(f);
        const pactId = await activePact(f, terms);
        return { terms, pactId, deadline: terms.deliverBy };
      },
    },
    {
      name: "Delivered",
      status: PactStatus.Delivered,
      setup: async (f) => {
        const terms = await makeTerms(f);
        const pactId = await deliveredPact(f, terms);
        return { terms, pactId, deadline: (await updatedAt(f, pactId)) + terms.reviewPeriod };
      },
    },
    {
      name: "Disputed",
      status: PactStatus.Disputed,
      setup: async (f) => {
        const terms = await makeTerms(f);
        const pactId = await disputedPact(f, terms);
        return { terms, pactId, deadline: (await updatedAt(f, pactId)) + terms.rulingPeriod };
      },
    },
    {
      // The arbiter held the ruling: the status's deadline is the end of the hold.
      name: "DisputedAndHeld",
      status: PactStatus.Disputed,
      setup: async (f) => {
        const terms = await makeTerms(f);
        const pactId = await disputedPact(f, terms);
        await f.coop.write.holdRuling([pactId, terms], as(f.arbiter));
        return { terms, pactId, deadline: await f.coop.read.rulingHeldUntil([pactId]) };
      },
    },
  ];

  /*//////////////////////////////////////////////////////////////
                      deadlines of each status
  //////////////////////////////////////////////////////////////*/

  for (const stage of STAGES) {
    describe(`given ${stage.name}`, () => {
      it(`test_Given${stage.name}_WhenProposedBeforeTheDeadline_StandsThroughItAndLapsesOneSecondAfter`, async () => {
        const f = await load();
        const { terms, pactId, deadline } = await stage.setup(f);
        await f.coop.write.proposeSettlement([pactId, terms, 7_000], as(f.buyer));
        const buyerAt = await now(f);
        await f.coop.write.proposeSettlement([pactId, terms, 2_000], as(f.agent));
        const agentAt = await now(f);
        const standing = {
          ...none(stage.status),
          buyerSplitAt: buyerAt,
          buyerSplitBps: 7_000,
          agentSplitAt: agentAt,
          agentSplitBps: 2_000,
        };
        for (const at of [deadline - 1, deadline]) {
          await mineAt(f, at);
          assert.deepEqual(await f.coop.read.proposalsOf([pactId, terms]), standing, `at deadline ${at - deadline}`);
        }
        await mineAt(f, deadline + 1);
        assert.deepEqual(await f.coop.read.proposalsOf([pactId, terms]), none(stage.status));
      });

      it(`test_Given${stage.name}_WhenAcceptedAtTheDeadline_Settles`, async () => {
        const f = await load();
        const { terms, pactId, deadline } = await stage.setup(f);
        await f.coop.write.proposeSettlement([pactId, terms, 4_000], as(f.buyer));
        await nextTxAt(f, deadline);
        await viem.assertions.emitWithArgs(
          f.coop.write.acceptSettlement([pactId, terms, 4_000], as(f.agent)),
          f.coop,
          "PactSettled",
          [
            pactId,
            f.buyer.account.address,
            4_000,
            (terms.price * 4_000n) / 10_000n,
            terms.price - (terms.price * 4_000n) / 10_000n,
            stage.status === PactStatus.Disputed ? terms.arbiterFee : 0n,
          ],
        );
        assert.equal(await statusOf(f, pactId), PactStatus.Settled);
      });

      it(`test_Given${stage.name}_WhenAcceptedOneSecondAfterTheDeadline_RevertsProposalLapsed`, async () => {
        const f = await load();
        const { terms, pactId, deadline } = await stage.setup(f);
        await f.coop.write.proposeSettlement([pactId, terms, 4_000], as(f.agent));
        await nextTxAt(f, deadline + 1);
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.coop.write.acceptSettlement([pactId, terms, 4_000], as(f.buyer)),
          f.coop,
          "Surety_ProposalLapsed",
          [pactId, f.agent.account.address],
        );
        assert.equal(await statusOf(f, pactId), stage.status);
      });

      it(`test_Given${stage.name}_WhenProposedAtTheDeadline_LapsesOneSecondAfter`, async () => {
        const f = await load();
        const { terms, pactId, deadline } = await stage.setup(f);
        await nextTxAt(f, deadline);
        await f.coop.write.proposeSettlement([pactId, terms, 10_000], as(f.buyer));
        assert.equal((await f.coop.read.proposalsOf([pactId, terms])).buyerSplitAt, deadline);
        await mineAt(f, deadline + 1);
        assert.deepEqual(await f.coop.read.proposalsOf([pactId, terms]), none(stage.status));
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.coop.write.acceptSettlement([pactId, terms, 10_000], as(f.agent)),
          f.coop,
          "Surety_ProposalLapsed",
          [pactId, f.buyer.account.address],
        );
      });

      it(`test_Given${stage.name}_WhenProposedAfterTheDeadline_StandsUntilTheStatusChanges`, async () => {
        const f = await load();
        const { terms, pactId, deadline } = await stage.setup(f);
        // Fresh consent: made after the deadline, it gives up what the deadline opened, knowingly.
        await nextTxAt(f, deadline + 1);
        await f.coop.write.proposeSettlement([pactId, terms, 2_500], as(f.buyer));
        await mineAt(f, deadline + 30 * Number(DAY));
        assert.deepEqual(await f.coop.read.proposalsOf([pactId, terms]), {
          ...none(stage.status),
          buyerSplitAt: deadline + 1,
          buyerSplitBps: 2_500,
        });
        await f.coop.write.acceptSettlement([pactId, terms, 2_500], as(f.agent));
        assert.equal(await statusOf(f, pactId), PactStatus.Settled);
      });
    });
  }

  /*//////////////////////////////////////////////////////////////
                          status changes
  //////////////////////////////////////////////////////////////*/

  describe("status changes", () => {
    it("test_GivenActiveProposals_WhenDelivered_AllLapseAndNoneComesBack", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      await f.coop.write.proposeSettlement([pactId, terms, 10_000], as(f.buyer));
      await f.coop.write.proposeSettlement([pactId, terms, 1_000], as(f.agent));
      await f.coop.write.extendDeadline([pactId, terms, terms.deliverBy + 3_600], as(f.buyer));
      await f.surety.write.deliverPact([pactId, terms, hashOf("delivery")], as(f.agent));

      assert.deepEqual(await f.coop.read.proposalsOf([pactId, terms]), none(PactStatus.Delivered));
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.acceptSettlement([pactId, terms, 10_000], as(f.agent)),
        f.coop,
        "Surety_ProposalLapsed",
        [pactId, f.buyer.account.address],
      );
      // A new proposal in the new status starts afresh: the agent's Active one does not come back beside it.
      await f.coop.write.proposeSettlement([pactId, terms, 5_000], as(f.buyer));
      const proposals = await f.coop.read.proposalsOf([pactId, terms]);
      assert.equal(proposals.buyerSplitBps, 5_000);
      assert.equal(proposals.agentSplitAt, 0);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.acceptSettlement([pactId, terms, 1_000], as(f.buyer)),
        f.coop,
        "Surety_NoSettlementProposal",
        [pactId, f.agent.account.address],
      );
    });

    it("test_GivenDeliveredProposals_WhenDisputed_AllLapse", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await deliveredPact(f, terms);
      await f.coop.write.proposeSettlement([pactId, terms, 0], as(f.agent));
      await f.surety.write.disputePact([pactId, terms, hashOf("reason")], as(f.buyer));
      assert.deepEqual(await f.coop.read.proposalsOf([pactId, terms]), none(PactStatus.Disputed));
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.acceptSettlement([pactId, terms, 0], as(f.buyer)),
        f.coop,
        "Surety_ProposalLapsed",
        [pactId, f.agent.account.address],
      );
    });

    it("test_GivenDeadlineAsks_TheyStandOnlyWhileActiveAndOnTime", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      const later = terms.deliverBy + 3_600;
      await f.coop.write.extendDeadline([pactId, terms, later], as(f.agent));
      await mineAt(f, terms.deliverBy);
      assert.equal((await f.coop.read.proposalsOf([pactId, terms])).agentDeliverBy, later);
      await mineAt(f, terms.deliverBy + 1);
      assert.deepEqual(await f.coop.read.proposalsOf([pactId, terms]), none(PactStatus.Active));
    });

    it("test_GivenAnExtension_EveryProposalIsCleared", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      const later = terms.deliverBy + Number(DAY);
      await f.coop.write.proposeSettlement([pactId, terms, 10_000], as(f.buyer));
      await f.coop.write.proposeSettlement([pactId, terms, 8_000], as(f.agent));
      await f.coop.write.extendDeadline([pactId, terms, later], as(f.buyer));
      await f.coop.write.extendDeadline([pactId, terms, later], as(f.agent));

      // The proposals were made against the old deadline: none survives the new one.
      const extended: Terms = { ...terms, deliverBy: later };
      assert.deepEqual(await f.coop.read.proposalsOf([pactId, extended]), none(PactStatus.Active));
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.acceptSettlement([pactId, extended, 10_000], as(f.agent)),
        f.coop,
        "Surety_NoSettlementProposal",
        [pactId, f.buyer.account.address],
      );
    });

    it("test_GivenOnePartysProposalLapsed_TheOthersFreshOneStandsAlone", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      await f.coop.write.proposeSettlement([pactId, terms, 1_000], as(f.agent));
      await nextTxAt(f, terms.deliverBy + 1);
      await f.coop.write.proposeSettlement([pactId, terms, 9_000], as(f.buyer));
      assert.deepEqual(await f.coop.read.proposalsOf([pactId, terms]), {
        ...none(PactStatus.Active),
        buyerSplitAt: terms.deliverBy + 1,
        buyerSplitBps: 9_000,
      });
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.acceptSettlement([pactId, terms, 1_000], as(f.buyer)),
        f.coop,
        "Surety_ProposalLapsed",
        [pactId, f.agent.account.address],
      );
    });

    it("test_GivenOpenPact_NothingStands", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await createPact(f, terms);
      assert.deepEqual(await f.coop.read.proposalsOf([pactId, terms]), none(PactStatus.Open));
    });

    it("test_RevertWhen_ProposalsReadWithOtherTermsOrForNoPact", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.read.proposalsOf([pactId, { ...terms, price: terms.price + 1n }]),
        f.coop,
        "Surety_TermsMismatch",
        [pactId],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.read.proposalsOf([pactId + 1n, terms]),
        f.coop,
        "Surety_PactNotFound",
        [pactId + 1n],
      );
    });
  });

  /*//////////////////////////////////////////////////////////////
                          withdrawProposals
  //////////////////////////////////////////////////////////////*/

  describe("withdrawProposals", () => {
    it("test_GivenTheBuyersSplitAndAsk_TheBuyerWithdrawsThemAndTheAgentsStand", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      await f.coop.write.proposeSettlement([pactId, terms, 10_000], as(f.buyer));
      await f.coop.write.extendDeadline([pactId, terms, terms.deliverBy + 3_600], as(f.buyer));
      await f.coop.write.proposeSettlement([pactId, terms, 3_000], as(f.agent));
      const agentAt = await now(f);
      await f.coop.write.extendDeadline([pactId, terms, terms.deliverBy + 7_200], as(f.agent));
      const balances = await f.usdc.read.balanceOf([f.surety.address]);

      await viem.assertions.emitWithArgs(
        f.coop.write.withdrawProposals([pactId, terms], as(f.buyer)),
        f.coop,
        "ProposalsWithdrawn",
        [pactId, f.buyer.account.address],
      );
      assert.deepEqual(await f.coop.read.proposalsOf([pactId, terms]), {
        ...none(PactStatus.Active),
        agentSplitAt: agentAt,
        agentSplitBps: 3_000,
        agentDeliverBy: terms.deliverBy + 7_200,
      });
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.acceptSettlement([pactId, terms, 10_000], as(f.agent)),
        f.coop,
        "Surety_NoSettlementProposal",
        [pactId, f.buyer.account.address],
      );
      // The agent's own ask no longer meets the buyer's withdrawn one: matching it now is a new ask.
      await f.coop.write.extendDeadline([pactId, terms, terms.deliverBy + 3_600], as(f.agent));
      assert.equal((await f.coop.getEvents.DeadlineExtended({ pactId }, { fromBlock: 0n })).length, 0);
      // Nothing moved, and the pact is where it was.
      assert.equal(await f.usdc.read.balanceOf([f.surety.address]), balances);
      assert.equal(await statusOf(f, pactId), PactStatus.Active);
    });

    it("test_GivenTheAgentsSplit_TheAgentWithdrawsItWhileDisputed", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);
      await f.coop.write.proposeSettlement([pactId, terms, 6_000], as(f.agent));
      await viem.assertions.emitWithArgs(
        f.coop.write.withdrawProposals([pactId, terms], as(f.agent)),
        f.coop,
        "ProposalsWithdrawn",
        [pactId, f.agent.account.address],
      );
      assert.deepEqual(await f.coop.read.proposalsOf([pactId, terms]), none(PactStatus.Disputed));
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.acceptSettlement([pactId, terms, 6_000], as(f.buyer)),
        f.coop,
        "Surety_NoSettlementProposal",
        [pactId, f.agent.account.address],
      );
    });

    it("test_GivenOnlyADeadlineAsk_TheAgentWithdrawsIt", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      await f.coop.write.extendDeadline([pactId, terms, terms.deliverBy + 3_600], as(f.agent));
      await f.coop.write.withdrawProposals([pactId, terms], as(f.agent));
      assert.deepEqual(await f.coop.read.proposalsOf([pactId, terms]), none(PactStatus.Active));
    });

    it("test_GivenAFreshProposalAfterTheDeadline_TheBuyerWithdrawsIt", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      await nextTxAt(f, terms.deliverBy + 1);
      await f.coop.write.proposeSettlement([pactId, terms, 5_000], as(f.buyer));
      await f.coop.write.withdrawProposals([pactId, terms], as(f.buyer));
      // The agent can no longer settle; the buyer's claimRefund (price and penalty) stands.
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.acceptSettlement([pactId, terms, 5_000], as(f.agent)),
        f.coop,
        "Surety_NoSettlementProposal",
        [pactId, f.buyer.account.address],
      );
      await f.surety.write.claimRefund([pactId, terms], as(f.buyer));
      assert.equal(await statusOf(f, pactId), PactStatus.Refunded);
    });

    it("test_GivenWithdrawn_ThePartyMayProposeAgain", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await deliveredPact(f, terms);
      await f.coop.write.proposeSettlement([pactId, terms, 5_000], as(f.buyer));
      await f.coop.write.withdrawProposals([pactId, terms], as(f.buyer));
      await f.coop.write.proposeSettlement([pactId, terms, 4_000], as(f.buyer));
      await f.coop.write.acceptSettlement([pactId, terms, 4_000], as(f.agent));
      assert.equal(await statusOf(f, pactId), PactStatus.Settled);
    });

    it("test_RevertWhen_CallerNotParty", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      await f.coop.write.proposeSettlement([pactId, terms, 5_000], as(f.buyer));
      for (const caller of [f.stranger, f.arbiter, f.operator]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.coop.write.withdrawProposals([pactId, terms], as(caller)),
          f.coop,
          "Surety_CallerNotParty",
          [pactId, caller.account.address],
        );
      }
      assert.equal((await f.coop.read.proposalsOf([pactId, terms])).buyerSplitBps, 5_000);
    });

    it("test_RevertWhen_NothingToWithdraw", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      for (const party of [f.buyer, f.agent]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.coop.write.withdrawProposals([pactId, terms], as(party)),
          f.coop,
          "Surety_NothingToWithdraw",
          [pactId, party.account.address],
        );
      }
      // The other party's proposal is not the caller's to withdraw; and a second withdrawal finds nothing.
      await f.coop.write.proposeSettlement([pactId, terms, 5_000], as(f.buyer));
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.withdrawProposals([pactId, terms], as(f.agent)),
        f.coop,
        "Surety_NothingToWithdraw",
        [pactId, f.agent.account.address],
      );
      await f.coop.write.withdrawProposals([pactId, terms], as(f.buyer));
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.withdrawProposals([pactId, terms], as(f.buyer)),
        f.coop,
        "Surety_NothingToWithdraw",
        [pactId, f.buyer.account.address],
      );
    });

    it("test_RevertWhen_OnlyProposalsThatLapsedWithTheStatus", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      await f.coop.write.proposeSettlement([pactId, terms, 5_000], as(f.agent));
      await f.coop.write.extendDeadline([pactId, terms, terms.deliverBy + 3_600], as(f.agent));
      await f.surety.write.deliverPact([pactId, terms, hashOf("delivery")], as(f.agent));
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.withdrawProposals([pactId, terms], as(f.agent)),
        f.coop,
        "Surety_NothingToWithdraw",
        [pactId, f.agent.account.address],
      );
    });

    it("test_RevertWhen_OnlyADeadlineAskPastTheDeliveryDeadline", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      await f.coop.write.extendDeadline([pactId, terms, terms.deliverBy + 3_600], as(f.agent));
      await mineAt(f, terms.deliverBy + 1);
      assert.deepEqual(await f.coop.read.proposalsOf([pactId, terms]), none(PactStatus.Active));
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.withdrawProposals([pactId, terms], as(f.agent)),
        f.coop,
        "Surety_NothingToWithdraw",
        [pactId, f.agent.account.address],
      );
    });

    for (const stage of STAGES) {
      it(`test_Given${stage.name}_WhenOnlyProposalsThatLapsedWithTheDeadlineStand_RevertsNothingToWithdraw`, async () => {
        const f = await load();
        const { terms, pactId, deadline } = await stage.setup(f);
        await f.coop.write.proposeSettlement([pactId, terms, 5_000], as(f.buyer));
        await nextTxAt(f, deadline + 1);
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.coop.write.withdrawProposals([pactId, terms], as(f.buyer)),
          f.coop,
          "Surety_NothingToWithdraw",
          [pactId, f.buyer.account.address],
        );
      });
    }

    it("test_RevertWhen_PactOpenOrEnded", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const open = await createPact(f, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.withdrawProposals([open, terms], as(f.buyer)),
        f.coop,
        "Surety_InvalidStatus",
        [open, PactStatus.Open],
      );
      await f.surety.write.acceptPact([open, terms], as(f.agent));
      await f.coop.write.proposeSettlement([open, terms, 5_000], as(f.buyer));
      await f.surety.write.releasePact([open, terms], as(f.buyer));
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.withdrawProposals([open, terms], as(f.buyer)),
        f.coop,
        "Surety_InvalidStatus",
        [open, PactStatus.Released],
      );
    });

    it("test_RevertWhen_TermsMismatch", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      await f.coop.write.proposeSettlement([pactId, terms, 5_000], as(f.buyer));
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.withdrawProposals([pactId, { ...terms, penalty: 0n }], as(f.buyer)),
        f.coop,
        "Surety_TermsMismatch",
        [pactId],
      );
    });
  });
});
