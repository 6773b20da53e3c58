import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";

import {
  CONFIG,
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
  usd,
  type CooperativeFixture,
  type Terms,
} from "../helpers/fixture.ts";

/**
 * A Disputed pact's arbiter holds off the default ruling (`holdRuling`) until the dispute time plus the deployment's
 * `maxRulingHold`: until then it may still rule, and no one may apply the default split; after it, the reverse.
 */
describe("Surety ruling holds", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;

  const load = () => networkHelpers.loadFixture(deploySuretyWithCooperative);
  type Fixture = CooperativeFixture;

  const RULING = hashOf("reasoned ruling");

  /** A Disputed pact with its dispute time, ruling end and the end a hold would have. */
  async function disputed(f: Fixture, overrides: Partial<Terms> = {}) {
    const terms = await makeTerms(f, overrides);
    const pactId = await disputedPact(f, terms);
    const disputedAt = Number((await f.surety.read.getPact([pactId]))[1]);
    return {
      terms,
      pactId,
      disputedAt,
      rulingEnd: disputedAt + terms.rulingPeriod,
      heldUntil: disputedAt + CONFIG.maxRulingHold,
    };
  }

  /** A Disputed pact whose arbiter held the ruling. */
  async function held(f: Fixture, overrides: Partial<Terms> = {}) {
    const d = await disputed(f, overrides);
    await f.coop.write.holdRuling([d.pactId, d.terms], as(f.arbiter));
    return d;
  }

  /*//////////////////////////////////////////////////////////////
                              holdRuling
  //////////////////////////////////////////////////////////////*/

  describe("holdRuling", () => {
    it("test_GivenDisputed_TheArbiterHoldsUntilTheDisputePlusTheMaximum", async () => {
      const f = await load();
      const { terms, pactId, heldUntil } = await disputed(f);
      assert.equal(await f.coop.read.rulingHeldUntil([pactId]), 0);
      const balance = await f.usdc.read.balanceOf([f.surety.address]);
      await viem.assertions.emitWithArgs(
        f.coop.write.holdRuling([pactId, terms], as(f.arbiter)),
        f.coop,
        "RulingHeld",
        [pactId, f.arbiter.account.address, heldUntil],
      );
      assert.equal(await f.coop.read.rulingHeldUntil([pactId]), heldUntil);
      assert.equal(await statusOf(f, pactId), PactStatus.Disputed);
      assert.equal(await f.usdc.read.balanceOf([f.surety.address]), balance);
    });

    for (const [label, offset] of [
      ["OneSecondBeforeTheRulingPeriodEnds", -1],
      ["AtTheEndOfTheRulingPeriod", 0],
    ] as const) {
      it(`test_Given${label}_Holds`, async () => {
        const f = await load();
        const { terms, pactId, rulingEnd, heldUntil } = await disputed(f);
        await nextTxAt(f, rulingEnd + offset);
        await f.coop.write.holdRuling([pactId, terms], as(f.arbiter));
        // The hold runs from the dispute, not from when it was asked for.
        assert.equal(await f.coop.read.rulingHeldUntil([pactId]), heldUntil);
      });
    }

    it("test_RevertWhen_OneSecondAfterTheRulingPeriod", async () => {
      const f = await load();
      const { terms, pactId, rulingEnd } = await disputed(f);
      await nextTxAt(f, rulingEnd + 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.holdRuling([pactId, terms], as(f.arbiter)),
        f.coop,
        "Surety_DeadlinePassed",
        [pactId, BigInt(rulingEnd)],
      );
      assert.equal(await f.coop.read.rulingHeldUntil([pactId]), 0);
    });

    it("test_RevertWhen_CallerNotArbiter", async () => {
      const f = await load();
      const { terms, pactId } = await disputed(f);
      for (const caller of [f.buyer, f.agent, f.stranger, f.arbiter2, f.operator]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.coop.write.holdRuling([pactId, terms], as(caller)),
          f.coop,
          "Surety_CallerNotArbiter",
          [pactId, caller.account.address],
        );
      }
    });

    it("test_RevertWhen_AlreadyHeld", async () => {
      const f = await load();
      const { terms, pactId, heldUntil } = await held(f);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.holdRuling([pactId, terms], as(f.arbiter)),
        f.coop,
        "Surety_RulingAlreadyHeld",
        [pactId, heldUntil],
      );
    });

    it("test_RevertWhen_PactNotDisputed", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.holdRuling([pactId, terms], as(f.arbiter)),
        f.coop,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Active],
      );
      await f.surety.write.deliverPact([pactId, terms, hashOf("delivery")], as(f.agent));
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.holdRuling([pactId, terms], as(f.arbiter)),
        f.coop,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Delivered],
      );
      await f.surety.write.disputePact([pactId, terms, hashOf("reason")], as(f.buyer));
      await f.surety.write.resolveDispute([pactId, terms, 0, 0n, RULING], as(f.arbiter));
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.holdRuling([pactId, terms], as(f.arbiter)),
        f.coop,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Resolved],
      );
    });

    it("test_RevertWhen_TermsMismatchOrNoPact", async () => {
      const f = await load();
      const { terms, pactId } = await disputed(f);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.holdRuling([pactId, { ...terms, rulingPeriod: terms.rulingPeriod + 1 }], as(f.arbiter)),
        f.coop,
        "Surety_TermsMismatch",
        [pactId],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.coop.write.holdRuling([pactId + 1n, terms], as(f.arbiter)),
        f.coop,
        "Surety_PactNotFound",
        [pactId + 1n],
      );
    });
  });

  /*//////////////////////////////////////////////////////////////
                      the default ruling and a hold
  //////////////////////////////////////////////////////////////*/

  describe("applyDefaultRuling", () => {
    it("test_RevertWhen_HeldAndTheHoldNotOver", async () => {
      const f = await load();
      const { terms, pactId, rulingEnd, heldUntil } = await held(f);
      for (const [at, deadline] of [
        [rulingEnd, rulingEnd],
        [rulingEnd + 1, heldUntil],
        [heldUntil - 1, heldUntil],
        [heldUntil, heldUntil],
      ]) {
        await nextTxAt(f, at);
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.surety.write.applyDefaultRuling([pactId, terms], as(f.stranger)),
          f.surety,
          "Surety_DeadlineNotPassed",
          [pactId, BigInt(deadline)],
        );
      }
      assert.equal(await statusOf(f, pactId), PactStatus.Disputed);
    });

    it("test_GivenHeld_WhenOneSecondAfterTheHold_AppliesTheDefaultSplit", async () => {
      const f = await load();
      const { terms, pactId, heldUntil } = await held(f, { defaultBuyerBps: 2_500 });
      await nextTxAt(f, heldUntil + 1);
      await viem.assertions.emitWithArgs(
        f.surety.write.applyDefaultRuling([pactId, terms], as(f.stranger)),
        f.surety,
        "DefaultRulingApplied",
        [pactId, f.stranger.account.address, 2_500, usd("25"), usd("75"), terms.arbiterFee],
      );
      assert.equal(await statusOf(f, pactId), PactStatus.DefaultRuled);
    });

    it("test_GivenNotHeld_AppliesOneSecondAfterTheRulingPeriod", async () => {
      const f = await load();
      const { terms, pactId, rulingEnd } = await disputed(f);
      await nextTxAt(f, rulingEnd + 1);
      await f.surety.write.applyDefaultRuling([pactId, terms], as(f.stranger));
      assert.equal(await statusOf(f, pactId), PactStatus.DefaultRuled);
      assert.equal(await f.coop.read.rulingHeldUntil([pactId]), 0);
    });
  });

  /*//////////////////////////////////////////////////////////////
                       the arbiter's ruling and a hold
  //////////////////////////////////////////////////////////////*/

  describe("resolveDispute and abstain", () => {
    for (const [label, at] of [
      ["OneSecondAfterTheRulingPeriod", (d: { rulingEnd: number }) => d.rulingEnd + 1],
      ["AtTheEndOfTheHold", (d: { heldUntil: number }) => d.heldUntil],
    ] as const) {
      it(`test_GivenHeld_When${label}_TheArbiterResolves`, async () => {
        const f = await load();
        const d = await held(f);
        await nextTxAt(f, at(d));
        await viem.assertions.emitWithArgs(
          f.surety.write.resolveDispute([d.pactId, d.terms, 10_000, d.terms.penalty, RULING], as(f.arbiter)),
          f.surety,
          "DisputeResolved",
          [
            d.pactId,
            f.arbiter.account.address,
            10_000,
            d.terms.price,
            0n,
            d.terms.penalty,
            d.terms.arbiterFee,
            RULING,
            false,
          ],
        );
        assert.equal(await statusOf(f, d.pactId), PactStatus.Resolved);
      });

      it(`test_GivenHeld_When${label}_TheArbiterAbstains`, async () => {
        const f = await load();
        const d = await held(f);
        await nextTxAt(f, at(d));
        await f.surety.write.abstain([d.pactId, d.terms, RULING], as(f.arbiter));
        assert.equal(await statusOf(f, d.pactId), PactStatus.Abstained);
      });
    }

    it("test_RevertWhen_HeldAndOneSecondAfterTheHold", async () => {
      const f = await load();
      const { terms, pactId, heldUntil } = await held(f);
      await nextTxAt(f, heldUntil + 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.resolveDispute([pactId, terms, 0, 0n, RULING], as(f.arbiter)),
        f.surety,
        "Surety_DeadlinePassed",
        [pactId, BigInt(heldUntil)],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.abstain([pactId, terms, RULING], as(f.arbiter)),
        f.surety,
        "Surety_DeadlinePassed",
        [pactId, BigInt(heldUntil)],
      );
    });

    it("test_RevertWhen_NotHeldAndOneSecondAfterTheRulingPeriod", async () => {
      const f = await load();
      const { terms, pactId, rulingEnd } = await disputed(f);
      await nextTxAt(f, rulingEnd + 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.resolveDispute([pactId, terms, 0, 0n, RULING], as(f.arbiter)),
        f.surety,
        "Surety_DeadlinePassed",
        [pactId, BigInt(rulingEnd)],
      );
    });

    it("test_GivenHeld_TheBuyerMayStillRelease", async () => {
      const f = await load();
      const { terms, pactId, rulingEnd } = await held(f);
      await nextTxAt(f, rulingEnd + 1);
      await f.surety.write.releasePact([pactId, terms], as(f.buyer));
      assert.equal(await statusOf(f, pactId), PactStatus.Released);
    });

    it("test_GivenAHoldOnOnePact_OtherPactsKeepTheirRulingPeriod", async () => {
      const f = await load();
      const first = await held(f);
      const terms = await makeTerms(f, { termsHash: hashOf("second") });
      const second = await deliveredPact(f, terms);
      await f.surety.write.disputePact([second, terms, hashOf("reason")], as(f.buyer));
      const rulingEnd = Number((await f.surety.read.getPact([second]))[1]) + terms.rulingPeriod;
      await nextTxAt(f, rulingEnd + 1);
      await f.surety.write.applyDefaultRuling([second, terms], as(f.stranger));
      assert.equal(await statusOf(f, second), PactStatus.DefaultRuled);
      assert.equal(await statusOf(f, first.pactId), PactStatus.Disputed);
    });
  });
});
