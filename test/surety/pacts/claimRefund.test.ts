import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { getAddress, parseEther } from "viem";

import {
  PactStatus,
  activePact,
  deploySurety,
  hashOf,
  mineAt,
  nextTxAt,
  stakeOf,
  statusOf,
  updatedAtOf,
  usd,
} from "../../helpers/fixture.ts";
import { DELIVERY, STATUS_NAMES, ethTerms, reach, type Status } from "../../helpers/pacts.ts";

/** Anyone refunds the buyer of an Active pact past its delivery deadline, slashing the agent's penalty. */
describe("claimRefund", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;
  const load = () => networkHelpers.loadFixture(deploySurety);
  const expectError = viem.assertions.revertWithCustomErrorWithArgs;

  describe("given a pact that is not Active", () => {
    for (const status of [PactStatus.Open, PactStatus.Disputed] as Status[]) {
      it(`test_RevertGiven_${STATUS_NAMES[status]}`, async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, status);
        await mineAt(f, terms.deliverBy + 1);
        await expectError(
          f.surety.write.claimRefund([pactId, terms], { account: f.stranger.account }),
          f.surety,
          "Surety_InvalidStatus",
          [pactId, status],
        );
      });
    }
  });

  describe("given an Active pact", () => {
    describe("when the delivery deadline has not passed", () => {
      it("test_RevertGiven_Active_WhenAtDeliverBy", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Active);
        await nextTxAt(f, terms.deliverBy);
        await expectError(
          f.surety.write.claimRefund([pactId, terms], { account: f.stranger.account }),
          f.surety,
          "Surety_DeadlineNotPassed",
          [pactId, BigInt(terms.deliverBy)],
        );
      });

      it("test_GivenAtDeliverBy_WhenAgentDelivers_RefundReverts", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Active);
        await nextTxAt(f, terms.deliverBy);
        // At the deadline a refund is not yet due, and the delivery still counts.
        await expectError(
          f.surety.write.claimRefund([pactId, terms], { account: f.buyer.account }),
          f.surety,
          "Surety_DeadlineNotPassed",
          [pactId, BigInt(terms.deliverBy)],
        );
        await f.surety.write.deliverPact([pactId, terms, DELIVERY], { account: f.agent.account });
        assert.equal(await updatedAtOf(f, pactId), terms.deliverBy);
        await nextTxAt(f, terms.deliverBy + 1);
        await expectError(
          f.surety.write.claimRefund([pactId, terms], { account: f.buyer.account }),
          f.surety,
          "Surety_InvalidStatus",
          [pactId, PactStatus.Delivered],
        );
        assert.equal((await stakeOf(f)).staked, usd("10000"));
      });
    });

    describe("when the delivery deadline has passed", () => {
      it("test_GivenActive_WhenDeliverByPassed_RefundsPriceAndSlashesPenalty", async () => {
        const f = await load();
        // Paid in mDAI so the refund and the slash (in the mUSD stake token) show apart.
        const { pactId, terms } = await reach(f, PactStatus.Active, {
          token: f.dai.address,
          price: parseEther("300"),
          arbiterFee: parseEther("3"),
          collateral: usd("80"),
          penalty: usd("30"),
        });
        const buyer = f.buyer.account.address;
        const daiBefore = await f.dai.read.balanceOf([buyer]);
        const usdcBefore = await f.usdc.read.balanceOf([buyer]);
        const escrowUsdcBefore = await f.usdc.read.balanceOf([f.surety.address]);
        const stakeBefore = await stakeOf(f);
        assert.equal(stakeBefore.locked, usd("80"));

        await nextTxAt(f, terms.deliverBy + 1);
        await viem.assertions.emitWithArgs(
          f.surety.write.claimRefund([pactId, terms], { account: f.stranger.account }),
          f.surety,
          "PactRefunded",
          [
            pactId,
            getAddress(buyer),
            getAddress(terms.agent),
            getAddress(f.stranger.account.address),
            terms.price,
            terms.penalty,
          ],
        );

        assert.equal(await statusOf(f, pactId), PactStatus.Refunded);
        assert.equal(await updatedAtOf(f, pactId), terms.deliverBy + 1);
        assert.equal(await f.dai.read.balanceOf([buyer]), daiBefore + terms.price);
        assert.equal(await f.usdc.read.balanceOf([buyer]), usdcBefore + terms.penalty);
        assert.equal(await f.usdc.read.balanceOf([f.surety.address]), escrowUsdcBefore - terms.penalty);
        const stakeAfter = await stakeOf(f);
        assert.equal(stakeAfter.staked, stakeBefore.staked - terms.penalty);
        assert.equal(stakeAfter.locked, 0n);
        assert.equal(stakeAfter.free, stakeBefore.staked - terms.penalty);
        assert.equal(stakeAfter.queued, 0n);
      });

      it("test_GivenZeroPenalty_WhenDeliverByPassed_RefundsWithoutSlash", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Active, { penalty: 0n });
        const buyerBefore = await f.usdc.read.balanceOf([f.buyer.account.address]);
        await nextTxAt(f, terms.deliverBy + 1);
        await viem.assertions.emitWithArgs(
          f.surety.write.claimRefund([pactId, terms], { account: f.buyer.account }),
          f.surety,
          "PactRefunded",
          [pactId, getAddress(terms.buyer), getAddress(terms.agent), getAddress(terms.buyer), terms.price, 0n],
        );
        assert.equal(await f.usdc.read.balanceOf([f.buyer.account.address]), buyerBefore + terms.price);
        const s = await stakeOf(f);
        assert.equal(s.staked, usd("10000"));
        assert.equal(s.locked, 0n);
      });

      it("test_GivenPenaltyEqualsCollateral_WhenDeliverByPassed_SlashesAllCollateral", async () => {
        const f = await load();
        await reach(f, PactStatus.Active, { collateral: usd("1000"), penalty: 0n, termsHash: hashOf("other pact") });
        const { pactId, terms } = await reach(f, PactStatus.Active, { collateral: usd("500"), penalty: usd("500") });
        await nextTxAt(f, terms.deliverBy + 1);
        await f.surety.write.claimRefund([pactId, terms], { account: f.stranger.account });
        const s = await stakeOf(f);
        // The other pact's collateral stays locked; only this pact's collateral was slashed.
        assert.equal(s.staked, usd("9500"));
        assert.equal(s.locked, usd("1000"));
        assert.equal(s.free, usd("8500"));
      });

      it("test_GivenEth_WhenDeliverByPassed_RefundsEthAndSlashesInStakeToken", async () => {
        const f = await load();
        const terms = await ethTerms(f, { collateral: usd("60"), penalty: usd("25") });
        const pactId = await activePact(f, terms);
        const buyer = f.buyer.account.address;
        const usdcBefore = await f.usdc.read.balanceOf([buyer]);
        await mineAt(f, terms.deliverBy + 1);
        const refund = f.surety.write.claimRefund([pactId, terms], { account: f.stranger.account });
        await viem.assertions.balancesHaveChanged(refund, [
          { address: buyer, amount: terms.price },
          { address: f.agent.account.address, amount: 0n },
          { address: f.surety.address, amount: -terms.price },
        ]);
        await viem.assertions.emitWithArgs(refund, f.surety, "PactRefunded", [
          pactId,
          getAddress(buyer),
          getAddress(terms.agent),
          getAddress(f.stranger.account.address),
          terms.price,
          terms.penalty,
        ]);
        assert.equal(await f.usdc.read.balanceOf([buyer]), usdcBefore + terms.penalty);
        const s = await stakeOf(f);
        assert.equal(s.staked, usd("10000") - terms.penalty);
        assert.equal(s.locked, 0n);
      });
    });
  });
});
