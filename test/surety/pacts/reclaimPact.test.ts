import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { getAddress } from "viem";

import { PactStatus, deploySurety, mineAt, nextTxAt, statusOf, updatedAtOf } from "../../helpers/fixture.ts";
import { reach } from "../../helpers/pacts.ts";

/** Anyone returns the price of an Open pact to the buyer once its acceptance deadline has passed. */
describe("reclaimPact", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;
  const load = () => networkHelpers.loadFixture(deploySurety);
  const expectError = viem.assertions.revertWithCustomErrorWithArgs;

  describe("given an Open pact", () => {
    describe("when the acceptance deadline has not passed", () => {
      it("test_RevertWhen_AtAcceptBy", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Open);
        await nextTxAt(f, terms.acceptBy);
        await expectError(
          f.surety.write.reclaimPact([pactId, terms], { account: f.stranger.account }),
          f.surety,
          "Surety_DeadlineNotPassed",
          [pactId, BigInt(terms.acceptBy)],
        );
      });
    });

    describe("when the acceptance deadline has passed", () => {
      it("test_GivenOpen_WhenAcceptByPassed_AnyoneReclaims", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Open);
        const buyerBefore = await f.usdc.read.balanceOf([f.buyer.account.address]);
        const strangerBefore = await f.usdc.read.balanceOf([f.stranger.account.address]);
        await nextTxAt(f, terms.acceptBy + 1);
        await viem.assertions.emitWithArgs(
          f.surety.write.reclaimPact([pactId, terms], { account: f.stranger.account }),
          f.surety,
          "PactReclaimed",
          [pactId, getAddress(terms.buyer), getAddress(f.stranger.account.address), terms.price],
        );
        assert.equal(await statusOf(f, pactId), PactStatus.Reclaimed);
        assert.equal(await updatedAtOf(f, pactId), terms.acceptBy + 1);
        assert.equal(await f.usdc.read.balanceOf([f.buyer.account.address]), buyerBefore + terms.price);
        assert.equal(await f.usdc.read.balanceOf([f.stranger.account.address]), strangerBefore);
      });

      it("test_GivenOpen_WhenBuyerReclaims_EventNamesBuyerAsCaller", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Open);
        await mineAt(f, terms.acceptBy + 1);
        await viem.assertions.emitWithArgs(
          f.surety.write.reclaimPact([pactId, terms], { account: f.buyer.account }),
          f.surety,
          "PactReclaimed",
          [pactId, getAddress(terms.buyer), getAddress(terms.buyer), terms.price],
        );
      });

      it("test_GivenPaused_WhenAcceptByPassed_Reclaims", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Open);
        await f.surety.write.pause({ account: f.guardian.account });
        await mineAt(f, terms.acceptBy + 1);
        await f.surety.write.reclaimPact([pactId, terms], { account: f.agent.account });
        assert.equal(await statusOf(f, pactId), PactStatus.Reclaimed);
      });
    });
  });

  describe("given an Active pact", () => {
    it("test_RevertGiven_Active", async () => {
      const f = await load();
      const { pactId, terms } = await reach(f, PactStatus.Active);
      await mineAt(f, terms.acceptBy + 1);
      await expectError(
        f.surety.write.reclaimPact([pactId, terms], { account: f.stranger.account }),
        f.surety,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Active],
      );
    });

    it("test_GivenAcceptBy_WhenAcceptedAtDeadline_ReclaimReverts", async () => {
      const f = await load();
      const { pactId, terms } = await reach(f, PactStatus.Open);
      await nextTxAt(f, terms.acceptBy);
      await f.surety.write.acceptPact([pactId, terms], { account: f.agent.account });
      await expectError(
        f.surety.write.reclaimPact([pactId, terms], { account: f.stranger.account }),
        f.surety,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Active],
      );
    });
  });
});
