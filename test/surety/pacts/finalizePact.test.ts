import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { getAddress } from "viem";

import {
  CONFIG,
  PactStatus,
  deliveredPact,
  deploySurety,
  mineAt,
  nextTxAt,
  stakeOf,
  statusOf,
  updatedAtOf,
  usd,
} from "../../helpers/fixture.ts";
import { DELIVERY, STATUS_NAMES, ethTerms, reach, type Status } from "../../helpers/pacts.ts";

/** Anyone pays the agent of a Delivered pact once the buyer's review period has lapsed. */
describe("finalizePact", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;
  const load = () => networkHelpers.loadFixture(deploySurety);
  const expectError = viem.assertions.revertWithCustomErrorWithArgs;

  describe("given a pact that is not Delivered", () => {
    for (const status of [PactStatus.Open, PactStatus.Active, PactStatus.Disputed] as Status[]) {
      it(`test_RevertGiven_${STATUS_NAMES[status]}`, async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, status);
        await mineAt(f, terms.deliverBy + terms.reviewPeriod + 1);
        await expectError(
          f.surety.write.finalizePact([pactId, terms], { account: f.stranger.account }),
          f.surety,
          "Surety_InvalidStatus",
          [pactId, status],
        );
      });
    }
  });

  describe("given a Delivered pact", () => {
    describe("when the review period has not lapsed", () => {
      it("test_RevertGiven_Delivered_WhenAtReviewEnd", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Delivered);
        const reviewEnd = (await updatedAtOf(f, pactId)) + terms.reviewPeriod;
        await nextTxAt(f, reviewEnd);
        await expectError(
          f.surety.write.finalizePact([pactId, terms], { account: f.stranger.account }),
          f.surety,
          "Surety_DeadlineNotPassed",
          [pactId, BigInt(reviewEnd)],
        );
      });
    });

    describe("when the review period has lapsed", () => {
      it("test_GivenDelivered_WhenReviewLapsed_Finalizes", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Delivered);
        const reviewEnd = (await updatedAtOf(f, pactId)) + terms.reviewPeriod;
        const agentBefore = await f.usdc.read.balanceOf([f.agent.account.address]);
        const escrowBefore = await f.usdc.read.balanceOf([f.surety.address]);
        await nextTxAt(f, reviewEnd + 1);
        await viem.assertions.emitWithArgs(
          f.surety.write.finalizePact([pactId, terms], { account: f.stranger.account }),
          f.surety,
          "PactFinalized",
          [pactId, getAddress(terms.agent), getAddress(f.stranger.account.address), terms.price],
        );
        assert.equal(await statusOf(f, pactId), PactStatus.Finalized);
        assert.equal(await updatedAtOf(f, pactId), reviewEnd + 1);
        assert.equal(await f.usdc.read.balanceOf([f.agent.account.address]), agentBefore + terms.price);
        assert.equal(await f.usdc.read.balanceOf([f.surety.address]), escrowBefore - terms.price);
        const s = await stakeOf(f);
        assert.equal(s.locked, 0n);
        assert.equal(s.staked, usd("10000"));
      });

      it("test_GivenDeliveredAtDeliverBy_WhenReviewLapsed_CountsFromDelivery", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Active, { reviewPeriod: CONFIG.minReviewPeriod });
        // Deliver at the deadline; review runs from then, not from creation or acceptance.
        await nextTxAt(f, terms.deliverBy);
        await f.surety.write.deliverPact([pactId, terms, DELIVERY], { account: f.agent.account });
        const reviewEnd = terms.deliverBy + terms.reviewPeriod;
        await nextTxAt(f, reviewEnd);
        await expectError(
          f.surety.write.finalizePact([pactId, terms], { account: f.agent.account }),
          f.surety,
          "Surety_DeadlineNotPassed",
          [pactId, BigInt(reviewEnd)],
        );
        await nextTxAt(f, reviewEnd + 1);
        await f.surety.write.finalizePact([pactId, terms], { account: f.agent.account });
        assert.equal(await statusOf(f, pactId), PactStatus.Finalized);
      });

      it("test_GivenEth_WhenReviewLapsed_FinalizePaysAgentInEth", async () => {
        const f = await load();
        const terms = await ethTerms(f);
        const pactId = await deliveredPact(f, terms);
        await mineAt(f, (await updatedAtOf(f, pactId)) + terms.reviewPeriod + 1);
        await viem.assertions.balancesHaveChanged(
          f.surety.write.finalizePact([pactId, terms], { account: f.stranger.account }),
          [
            { address: f.agent.account.address, amount: terms.price },
            { address: f.stranger.account.address, amount: 0n },
            { address: f.surety.address, amount: -terms.price },
          ],
        );
        assert.equal(await statusOf(f, pactId), PactStatus.Finalized);
      });
    });

    describe("when the buyer releases in the same window", () => {
      it("test_GivenReviewLapsed_WhenBuyerReleasesFirst_FinalizeReverts", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Delivered);
        await mineAt(f, (await updatedAtOf(f, pactId)) + terms.reviewPeriod + 1);
        const agentBefore = await f.usdc.read.balanceOf([f.agent.account.address]);
        await f.surety.write.releasePact([pactId, terms], { account: f.buyer.account });
        await expectError(
          f.surety.write.finalizePact([pactId, terms], { account: f.stranger.account }),
          f.surety,
          "Surety_InvalidStatus",
          [pactId, PactStatus.Released],
        );
        // The agent is paid exactly once.
        assert.equal(await f.usdc.read.balanceOf([f.agent.account.address]), agentBefore + terms.price);
      });

      it("test_GivenReviewLapsed_WhenReleaseAndFinalizeInOneBlock_FirstWins", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Delivered);
        const reviewEnd = (await updatedAtOf(f, pactId)) + terms.reviewPeriod;
        const agentBefore = await f.usdc.read.balanceOf([f.agent.account.address]);
        await f.testClient.setAutomine(false);
        try {
          // Explicit gas skips estimation, so both reach the block; the higher tip orders finalize first.
          const finalize = await f.surety.write.finalizePact([pactId, terms], {
            account: f.stranger.account,
            gas: 500_000n,
            maxPriorityFeePerGas: 3_000_000_000n,
            maxFeePerGas: 100_000_000_000n,
          });
          const release = await f.surety.write.releasePact([pactId, terms], {
            account: f.buyer.account,
            gas: 500_000n,
            maxPriorityFeePerGas: 1_000_000_000n,
            maxFeePerGas: 100_000_000_000n,
          });
          await mineAt(f, reviewEnd + 1);
          const finalizeReceipt = await f.publicClient.getTransactionReceipt({ hash: finalize });
          const releaseReceipt = await f.publicClient.getTransactionReceipt({ hash: release });
          assert.equal(finalizeReceipt.blockNumber, releaseReceipt.blockNumber);
          assert.ok(finalizeReceipt.transactionIndex < releaseReceipt.transactionIndex);
          assert.equal(finalizeReceipt.status, "success");
          assert.equal(releaseReceipt.status, "reverted");
        } finally {
          await f.testClient.setAutomine(true);
        }
        assert.equal(await statusOf(f, pactId), PactStatus.Finalized);
        assert.equal(await f.usdc.read.balanceOf([f.agent.account.address]), agentBefore + terms.price);
        assert.equal((await stakeOf(f)).locked, 0n);
      });
    });
  });
});
