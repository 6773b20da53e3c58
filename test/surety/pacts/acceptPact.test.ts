import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { getAddress } from "viem";

import {
  PactStatus,
  deploySurety,
  hashOf,
  mineAt,
  nextTxAt,
  now,
  stakeOf,
  statusOf,
  updatedAtOf,
  usd,
  type Terms,
} from "../../helpers/fixture.ts";
import { STATUS_NAMES, TERMINAL_STATUSES, reach, type Status } from "../../helpers/pacts.ts";

/** The agent accepts an Open pact by its acceptance deadline, locking the collateral out of its free stake. */
describe("acceptPact", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;
  const load = () => networkHelpers.loadFixture(deploySurety);
  const expectError = viem.assertions.revertWithCustomErrorWithArgs;

  describe("when the pact does not exist", () => {
    it("test_RevertWhen_PactNotFound", async () => {
      const f = await load();
      const { terms } = await reach(f, PactStatus.Open);
      for (const pactId of [0n, 2n, 2n ** 256n - 1n]) {
        await expectError(
          f.surety.write.acceptPact([pactId, terms], { account: f.agent.account }),
          f.surety,
          "Surety_PactNotFound",
          [pactId],
        );
      }
    });
  });

  describe("when the terms are not the pact's", () => {
    it("test_RevertWhen_TermsMismatch", async () => {
      const f = await load();
      const { pactId, terms } = await reach(f, PactStatus.Open);
      const altered: Record<keyof Terms, Partial<Terms>> = {
        buyer: { buyer: f.buyer2.account.address },
        agent: { agent: f.agent2.account.address },
        arbiter: { arbiter: f.arbiter2.account.address },
        token: { token: f.dai.address },
        price: { price: terms.price + 1n },
        arbiterFee: { arbiterFee: terms.arbiterFee - 1n },
        collateral: { collateral: terms.collateral - 1n },
        penalty: { penalty: terms.penalty + 1n },
        acceptBy: { acceptBy: terms.acceptBy + 1 },
        deliverBy: { deliverBy: terms.deliverBy - 1 },
        reviewPeriod: { reviewPeriod: terms.reviewPeriod + 1 },
        rulingPeriod: { rulingPeriod: terms.rulingPeriod - 1 },
        defaultBuyerBps: { defaultBuyerBps: terms.defaultBuyerBps + 1 },
        termsHash: { termsHash: hashOf("another document") },
      };
      assert.equal(Object.keys(altered).length, Object.keys(terms).length);
      for (const [field, change] of Object.entries(altered)) {
        const wrong = { ...terms, ...change };
        await expectError(
          f.surety.write.acceptPact([pactId, wrong], { account: f.agent.account }),
          f.surety,
          "Surety_TermsMismatch",
          [pactId],
        ).catch((error: unknown) => {
          throw new Error(`altered ${field}: ${String(error)}`);
        });
      }
      // The untouched terms still work.
      await f.surety.write.acceptPact([pactId, terms], { account: f.agent.account });
      assert.equal(await statusOf(f, pactId), PactStatus.Active);
    });

    it("test_RevertWhen_TermsOfAnotherPact", async () => {
      const f = await load();
      const first = await reach(f, PactStatus.Open);
      const second = await reach(f, PactStatus.Open, { termsHash: hashOf("second") });
      await expectError(
        f.surety.write.acceptPact([first.pactId, second.terms], { account: f.agent.account }),
        f.surety,
        "Surety_TermsMismatch",
        [first.pactId],
      );
    });
  });

  describe("given a pact that is not Open", () => {
    for (const status of [
      PactStatus.Active,
      PactStatus.Delivered,
      PactStatus.Disputed,
      ...TERMINAL_STATUSES,
    ] as Status[]) {
      it(`test_RevertGiven_${STATUS_NAMES[status]}`, async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, status);
        await expectError(
          f.surety.write.acceptPact([pactId, terms], { account: f.agent.account }),
          f.surety,
          "Surety_InvalidStatus",
          [pactId, status],
        );
      });
    }
  });

  describe("given an Open pact", () => {
    describe("when the caller is not the agent", () => {
      it("test_RevertWhen_CallerNotAgent", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Open);
        for (const who of [f.buyer, f.arbiter, f.stranger, f.agent2]) {
          await expectError(
            f.surety.write.acceptPact([pactId, terms], { account: who.account }),
            f.surety,
            "Surety_CallerNotAgent",
            [pactId, getAddress(who.account.address)],
          );
        }
        assert.equal(await statusOf(f, pactId), PactStatus.Open);
      });
    });

    describe("given the guardian's pause", () => {
      it("test_RevertWhen_GuardianPaused", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Open);
        await f.surety.write.pause({ account: f.guardian.account });
        await expectError(
          f.surety.write.acceptPact([pactId, terms], { account: f.agent.account }),
          f.surety,
          "EnforcedPause",
          [],
        );
        await f.surety.write.unpause({ account: f.guardian.account });
        await f.surety.write.acceptPact([pactId, terms], { account: f.agent.account });
        assert.equal(await statusOf(f, pactId), PactStatus.Active);
      });
    });

    describe("when the acceptance deadline is near or past", () => {
      it("test_WhenAtAcceptBy_Accepts", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Open);
        await nextTxAt(f, terms.acceptBy);
        await f.surety.write.acceptPact([pactId, terms], { account: f.agent.account });
        assert.equal(await statusOf(f, pactId), PactStatus.Active);
        assert.equal(await updatedAtOf(f, pactId), terms.acceptBy);
      });

      it("test_WhenOneSecondBeforeAcceptBy_Accepts", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Open);
        await nextTxAt(f, terms.acceptBy - 1);
        await f.surety.write.acceptPact([pactId, terms], { account: f.agent.account });
        assert.equal(await statusOf(f, pactId), PactStatus.Active);
        assert.equal(await updatedAtOf(f, pactId), terms.acceptBy - 1);
      });

      it("test_RevertWhen_AcceptByPassed", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Open);
        await nextTxAt(f, terms.acceptBy + 1);
        await expectError(
          f.surety.write.acceptPact([pactId, terms], { account: f.agent.account }),
          f.surety,
          "Surety_DeadlinePassed",
          [pactId, BigInt(terms.acceptBy)],
        );
        await mineAt(f, terms.deliverBy + 1);
        await expectError(
          f.surety.write.acceptPact([pactId, terms], { account: f.agent.account }),
          f.surety,
          "Surety_DeadlinePassed",
          [pactId, BigInt(terms.acceptBy)],
        );
        assert.equal(await statusOf(f, pactId), PactStatus.Open);
      });
    });

    describe("when the collateral is measured against the free stake", () => {
      it("test_RevertWhen_CollateralExceedsFreeStake", async () => {
        const f = await load();
        const needed = usd("10000") + 1n;
        const { pactId, terms } = await reach(f, PactStatus.Open, { collateral: needed, penalty: 0n });
        await expectError(
          f.surety.write.acceptPact([pactId, terms], { account: f.agent.account }),
          f.surety,
          "Surety_InsufficientFreeStake",
          [getAddress(f.agent.account.address), usd("10000"), needed],
        );
      });

      it("test_GivenPartlyLocked_WhenCollateralExceedsRest_Reverts", async () => {
        const f = await load();
        await reach(f, PactStatus.Active, { collateral: usd("4000"), penalty: 0n });
        const tooMuch = await reach(f, PactStatus.Open, { collateral: usd("6000") + 1n, penalty: 0n });
        await expectError(
          f.surety.write.acceptPact([tooMuch.pactId, tooMuch.terms], { account: f.agent.account }),
          f.surety,
          "Surety_InsufficientFreeStake",
          [getAddress(f.agent.account.address), usd("6000"), usd("6000") + 1n],
        );
        // Exactly the free stake is fine, and leaves nothing free.
        const exact = await reach(f, PactStatus.Open, { collateral: usd("6000"), penalty: 0n });
        await f.surety.write.acceptPact([exact.pactId, exact.terms], { account: f.agent.account });
        const s = await stakeOf(f);
        assert.equal(s.locked, usd("10000"));
        assert.equal(s.free, 0n);
      });

      it("test_GivenCollateralReleased_WhenAccepting_ReusesFreedStake", async () => {
        const f = await load();
        const first = await reach(f, PactStatus.Active, { collateral: usd("10000"), penalty: 0n });
        const second = await reach(f, PactStatus.Open, { collateral: usd("10000"), penalty: 0n });
        await expectError(
          f.surety.write.acceptPact([second.pactId, second.terms], { account: f.agent.account }),
          f.surety,
          "Surety_InsufficientFreeStake",
          [getAddress(f.agent.account.address), 0n, usd("10000")],
        );
        await f.surety.write.releasePact([first.pactId, first.terms], { account: f.buyer.account });
        await f.surety.write.acceptPact([second.pactId, second.terms], { account: f.agent.account });
        assert.equal((await stakeOf(f)).locked, usd("10000"));
      });

      it("test_GivenZeroCollateral_WhenAgentWithoutStakeAccepts_Accepts", async () => {
        const f = await load();
        // stranger has no stake at all; a pact without collateral needs none.
        const { pactId, terms } = await reach(f, PactStatus.Open, {
          agent: f.stranger.account.address,
          collateral: 0n,
          penalty: 0n,
        });
        await viem.assertions.emitWithArgs(
          f.surety.write.acceptPact([pactId, terms], { account: f.stranger.account }),
          f.surety,
          "PactAccepted",
          [pactId, getAddress(f.stranger.account.address), 0n, 0n],
        );
        assert.equal(await statusOf(f, pactId), PactStatus.Active);
      });
    });

    describe("when the agent accepts", () => {
      it("test_GivenOpen_WhenAgentAccepts_LocksCollateral", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Open);
        const before = await stakeOf(f);
        assert.equal(before.staked, usd("10000"));
        assert.equal(before.free, usd("10000"));

        await nextTxAt(f, (await now(f)) + 60);
        await viem.assertions.emitWithArgs(
          f.surety.write.acceptPact([pactId, terms], { account: f.agent.account }),
          f.surety,
          "PactAccepted",
          [pactId, getAddress(terms.agent), terms.collateral, terms.collateral],
        );

        const [status, updatedAt] = await f.surety.read.getPact([pactId]);
        assert.equal(status, PactStatus.Active);
        assert.equal(updatedAt, await now(f));
        const after = await stakeOf(f);
        assert.equal(after.staked, before.staked);
        assert.equal(after.locked, terms.collateral);
        assert.equal(after.free, before.free - terms.collateral);
        assert.equal(after.queued, 0n);
      });

      it("test_GivenOtherLocks_WhenAgentAccepts_ReportsNewLockedTotal", async () => {
        const f = await load();
        const first = await reach(f, PactStatus.Active, { collateral: usd("300"), penalty: 0n });
        const second = await reach(f, PactStatus.Open, { collateral: usd("700"), penalty: usd("1") });
        await viem.assertions.emitWithArgs(
          f.surety.write.acceptPact([second.pactId, second.terms], { account: f.agent.account }),
          f.surety,
          "PactAccepted",
          [second.pactId, getAddress(f.agent.account.address), usd("700"), usd("1000")],
        );
        assert.equal(await statusOf(f, first.pactId), PactStatus.Active);
        const s = await stakeOf(f);
        assert.equal(s.locked, usd("1000"));
        assert.equal(s.free, usd("9000"));
      });
    });
  });
});
