import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { getAddress, parseEther } from "viem";

import { PactStatus, deploySurety, mineAt, stakeOf, statusOf, updatedAtOf, usd } from "../../helpers/fixture.ts";
import { DELIVERY, STATUS_NAMES, ethTerms, reach, type Status } from "../../helpers/pacts.ts";

/** The buyer pays the agent and unlocks its collateral, from Active or Delivered. */
describe("releasePact", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;
  const load = () => networkHelpers.loadFixture(deploySurety);
  const expectError = viem.assertions.revertWithCustomErrorWithArgs;

  describe("given an Open pact", () => {
    it("test_RevertGiven_Open", async () => {
      const f = await load();
      const { pactId, terms } = await reach(f, PactStatus.Open);
      await expectError(
        f.surety.write.releasePact([pactId, terms], { account: f.buyer.account }),
        f.surety,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Open],
      );
    });
  });

  describe("given an Active or Delivered pact", () => {
    describe("when the caller is not the buyer", () => {
      it("test_RevertWhen_CallerNotBuyer", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Delivered);
        for (const who of [f.agent, f.arbiter, f.stranger]) {
          await expectError(
            f.surety.write.releasePact([pactId, terms], { account: who.account }),
            f.surety,
            "Surety_CallerNotBuyer",
            [pactId, getAddress(who.account.address)],
          );
        }
      });
    });

    describe("when the buyer releases", () => {
      for (const status of [PactStatus.Active, PactStatus.Delivered] as Status[]) {
        it(`test_Given${STATUS_NAMES[status]}_WhenBuyerReleases_PaysAgentAndUnlocks`, async () => {
          const f = await load();
          const { pactId, terms } = await reach(f, status, { token: f.dai.address, price: parseEther("42") });
          const agentBefore = await f.dai.read.balanceOf([f.agent.account.address]);
          const escrowBefore = await f.dai.read.balanceOf([f.surety.address]);
          const stakeBefore = await stakeOf(f);
          assert.equal(stakeBefore.locked, terms.collateral);

          await viem.assertions.emitWithArgs(
            f.surety.write.releasePact([pactId, terms], { account: f.buyer.account }),
            f.surety,
            "PactReleased",
            [pactId, getAddress(terms.buyer), getAddress(terms.agent), terms.price, 0n],
          );

          assert.equal(await statusOf(f, pactId), PactStatus.Released);
          assert.equal(await f.dai.read.balanceOf([f.agent.account.address]), agentBefore + terms.price);
          assert.equal(await f.dai.read.balanceOf([f.surety.address]), escrowBefore - terms.price);
          const stakeAfter = await stakeOf(f);
          assert.equal(stakeAfter.locked, 0n);
          assert.equal(stakeAfter.staked, stakeBefore.staked);
          assert.equal(stakeAfter.free, stakeBefore.staked);
        });
      }

      it("test_GivenActive_WhenDeliverByPassed_BuyerStillReleases", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Active);
        await mineAt(f, terms.deliverBy + 1);
        await f.surety.write.releasePact([pactId, terms], { account: f.buyer.account });
        assert.equal(await statusOf(f, pactId), PactStatus.Released);
        const s = await stakeOf(f);
        assert.equal(s.locked, 0n);
        assert.equal(s.staked, usd("10000"));
      });

      it("test_GivenEth_WhenDeliveredAndReleased_PaysAgentInEth", async () => {
        const f = await load();
        const terms = await ethTerms(f);
        const pactId = await f.surety.read.nextPactId();
        const buyer = f.buyer.account.address;
        const agent = f.agent.account.address;

        await viem.assertions.balancesHaveChanged(
          f.surety.write.createPact([terms], { account: f.buyer.account, value: terms.price }),
          [
            { address: buyer, amount: -terms.price },
            { address: f.surety.address, amount: terms.price },
          ],
        );
        await viem.assertions.balancesHaveChanged(
          f.surety.write.acceptPact([pactId, terms], { account: f.agent.account }),
          [
            { address: agent, amount: 0n },
            { address: f.surety.address, amount: 0n },
          ],
        );
        await f.surety.write.deliverPact([pactId, terms, DELIVERY], { account: f.agent.account });
        const release = f.surety.write.releasePact([pactId, terms], { account: f.buyer.account });
        await viem.assertions.balancesHaveChanged(release, [
          { address: buyer, amount: 0n },
          { address: agent, amount: terms.price },
          { address: f.surety.address, amount: -terms.price },
        ]);
        await viem.assertions.emitWithArgs(release, f.surety, "PactReleased", [
          pactId,
          getAddress(buyer),
          getAddress(agent),
          terms.price,
          0n,
        ]);
        assert.equal(await statusOf(f, pactId), PactStatus.Released);
        assert.equal(await f.publicClient.getBalance({ address: f.surety.address }), 0n);
        assert.equal((await stakeOf(f, agent)).locked, 0n);
      });
    });
  });

  describe("given a finalized pact", () => {
    it("test_GivenReviewLapsed_WhenFinalizedFirst_ReleaseReverts", async () => {
      const f = await load();
      const { pactId, terms } = await reach(f, PactStatus.Delivered);
      await mineAt(f, (await updatedAtOf(f, pactId)) + terms.reviewPeriod + 1);
      const agentBefore = await f.usdc.read.balanceOf([f.agent.account.address]);
      await f.surety.write.finalizePact([pactId, terms], { account: f.stranger.account });
      await expectError(
        f.surety.write.releasePact([pactId, terms], { account: f.buyer.account }),
        f.surety,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Finalized],
      );
      assert.equal(await f.usdc.read.balanceOf([f.agent.account.address]), agentBefore + terms.price);
    });
  });
});
