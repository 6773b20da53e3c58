import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { getAddress, parseEther } from "viem";

import {
  PactStatus,
  createPact,
  deploySurety,
  makeTerms,
  mineAt,
  now,
  statusOf,
  updatedAtOf,
} from "../../helpers/fixture.ts";
import { STATUS_NAMES, ethTerms, reach, type Status } from "../../helpers/pacts.ts";

/** The buyer cancels an Open pact at any time, even while paused, and gets the price back. */
describe("cancelPact", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;
  const load = () => networkHelpers.loadFixture(deploySurety);
  const expectError = viem.assertions.revertWithCustomErrorWithArgs;

  describe("when the pact does not exist", () => {
    it("test_RevertWhen_PactNotFound", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      await expectError(
        f.surety.write.cancelPact([1n, terms], { account: f.buyer.account }),
        f.surety,
        "Surety_PactNotFound",
        [1n],
      );
    });
  });

  describe("given a pact the agent accepted", () => {
    for (const status of [PactStatus.Active, PactStatus.Delivered, PactStatus.Disputed] as Status[]) {
      it(`test_RevertGiven_${STATUS_NAMES[status]}`, async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, status);
        await expectError(
          f.surety.write.cancelPact([pactId, terms], { account: f.buyer.account }),
          f.surety,
          "Surety_InvalidStatus",
          [pactId, status],
        );
      });
    }
  });

  describe("given an Open pact", () => {
    describe("when the caller is not the buyer", () => {
      it("test_RevertWhen_CallerNotBuyer", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Open);
        for (const who of [f.agent, f.arbiter, f.stranger]) {
          await expectError(
            f.surety.write.cancelPact([pactId, terms], { account: who.account }),
            f.surety,
            "Surety_CallerNotBuyer",
            [pactId, getAddress(who.account.address)],
          );
        }
      });
    });

    describe("when the buyer cancels", () => {
      it("test_GivenOpen_WhenBuyerCancels_RefundsPrice", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Open);
        const buyerBefore = await f.usdc.read.balanceOf([f.buyer.account.address]);
        const escrowBefore = await f.usdc.read.balanceOf([f.surety.address]);
        await viem.assertions.emitWithArgs(
          f.surety.write.cancelPact([pactId, terms], { account: f.buyer.account }),
          f.surety,
          "PactCancelled",
          [pactId, getAddress(terms.buyer), terms.price],
        );
        assert.equal(await statusOf(f, pactId), PactStatus.Cancelled);
        assert.equal(await updatedAtOf(f, pactId), await now(f));
        assert.equal(await f.usdc.read.balanceOf([f.buyer.account.address]), buyerBefore + terms.price);
        assert.equal(await f.usdc.read.balanceOf([f.surety.address]), escrowBefore - terms.price);
      });

      it("test_GivenOpen_WhenAcceptByPassed_BuyerStillCancels", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Open);
        await mineAt(f, terms.acceptBy + 1);
        await f.surety.write.cancelPact([pactId, terms], { account: f.buyer.account });
        assert.equal(await statusOf(f, pactId), PactStatus.Cancelled);
      });

      it("test_GivenPaused_WhenBuyerCancels_Cancels", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Open);
        await f.surety.write.pause({ account: f.guardian.account });
        await f.surety.write.cancelPact([pactId, terms], { account: f.buyer.account });
        assert.equal(await statusOf(f, pactId), PactStatus.Cancelled);
      });
    });

    describe("given an ETH pact", () => {
      it("test_GivenEth_WhenCancelledOrReclaimed_RefundsEth", async () => {
        const f = await load();
        const buyer = f.buyer.account.address;
        const cancelled = await ethTerms(f);
        const cancelledId = await createPact(f, cancelled);
        await viem.assertions.balancesHaveChanged(
          f.surety.write.cancelPact([cancelledId, cancelled], { account: f.buyer.account }),
          [
            { address: buyer, amount: cancelled.price },
            { address: f.surety.address, amount: -cancelled.price },
          ],
        );
        const reclaimed = await ethTerms(f, { price: parseEther("0.7") });
        const reclaimedId = await createPact(f, reclaimed);
        await mineAt(f, reclaimed.acceptBy + 1);
        await viem.assertions.balancesHaveChanged(
          f.surety.write.reclaimPact([reclaimedId, reclaimed], { account: f.stranger.account }),
          [
            { address: buyer, amount: reclaimed.price },
            { address: f.stranger.account.address, amount: 0n },
            { address: f.surety.address, amount: -reclaimed.price },
          ],
        );
        assert.equal(await f.publicClient.getBalance({ address: f.surety.address }), 0n);
      });
    });
  });
});
