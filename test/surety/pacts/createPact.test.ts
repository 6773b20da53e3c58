import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { getAddress, maxUint256, parseEther, zeroAddress } from "viem";

import {
  CONFIG,
  PactStatus,
  createPact,
  deploySurety,
  hashOf,
  makeTerms,
  nextTxAt,
  now,
  stakeOf,
  statusOf,
  updatedAtOf,
  usd,
} from "../../helpers/fixture.ts";
import { decoded, reach } from "../../helpers/pacts.ts";

const MAX_RULING = CONFIG.maxRulingPeriod;

/**
 * Creates a pact from terms the buyer funds: checks on the parties, the arbiter, the amounts, the deadlines and the
 * periods, then the payment itself.
 */
describe("createPact", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;
  const load = () => networkHelpers.loadFixture(deploySurety);
  const expectError = viem.assertions.revertWithCustomErrorWithArgs;

  describe("given the guardian's pause", () => {
    it("test_RevertWhen_GuardianPaused", async () => {
      const f = await load();
      await f.surety.write.pause({ account: f.guardian.account });
      const terms = await makeTerms(f);
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "EnforcedPause",
        [],
      );
      const eth = await makeTerms(f, { token: zeroAddress, price: parseEther("1") });
      await expectError(
        f.surety.write.createPact([eth], { account: f.buyer.account, value: eth.price }),
        f.surety,
        "EnforcedPause",
        [],
      );
      await f.surety.write.unpause({ account: f.guardian.account });
      assert.equal(await statusOf(f, await createPact(f, terms)), PactStatus.Open);
    });
  });

  describe("when the caller is not the buyer", () => {
    it("test_RevertWhen_BuyerNotCaller", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      await expectError(
        f.surety.write.createPact([terms], { account: f.stranger.account }),
        f.surety,
        "Surety_BuyerNotCaller",
        [getAddress(terms.buyer), getAddress(f.stranger.account.address)],
      );
      // Not even the agent may fund on the buyer's behalf.
      await expectError(
        f.surety.write.createPact([terms], { account: f.agent.account }),
        f.surety,
        "Surety_BuyerNotCaller",
        [getAddress(terms.buyer), getAddress(f.agent.account.address)],
      );
    });
  });

  describe("when a party is missing or plays two roles", () => {
    it("test_RevertWhen_ZeroAgent", async () => {
      const f = await load();
      const terms = await makeTerms(f, { agent: zeroAddress });
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "Surety_ZeroAgent",
        [],
      );
    });

    it("test_RevertWhen_AgentIsBuyer", async () => {
      const f = await load();
      const terms = await makeTerms(f, { agent: f.buyer.account.address });
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "Surety_AgentIsBuyer",
        [getAddress(f.buyer.account.address)],
      );
    });

    it("test_RevertWhen_ArbiterIsBuyer", async () => {
      const f = await load();
      // Registered as an arbiter, so only the party check can refuse it.
      await f.surety.write.registerArbiter([f.usdc.address, 0n, MAX_RULING], { account: f.buyer.account });
      const terms = await makeTerms(f, { arbiter: f.buyer.account.address });
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "Surety_ArbiterIsParty",
        [getAddress(f.buyer.account.address)],
      );
    });

    it("test_RevertWhen_ArbiterIsAgent", async () => {
      const f = await load();
      await f.surety.write.registerArbiter([f.usdc.address, 0n, MAX_RULING], { account: f.agent.account });
      const terms = await makeTerms(f, { arbiter: f.agent.account.address });
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "Surety_ArbiterIsParty",
        [getAddress(f.agent.account.address)],
      );
    });
  });

  describe("when the arbiter is not registered for the token", () => {
    it("test_RevertWhen_ArbiterNotRegistered", async () => {
      const f = await load();
      const terms = await makeTerms(f, { arbiter: f.stranger.account.address });
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "Surety_ArbiterNotRegistered",
        [getAddress(f.stranger.account.address), getAddress(f.usdc.address)],
      );
      const zeroArbiter = await makeTerms(f, { arbiter: zeroAddress });
      await expectError(
        f.surety.write.createPact([zeroArbiter], { account: f.buyer.account }),
        f.surety,
        "Surety_ArbiterNotRegistered",
        [zeroAddress, getAddress(f.usdc.address)],
      );
    });

    it("test_RevertWhen_ArbiterRegisteredForAnotherToken", async () => {
      const f = await load();
      await f.surety.write.registerArbiter([f.dai.address, 0n, MAX_RULING], { account: f.stranger.account });
      const terms = await makeTerms(f, { arbiter: f.stranger.account.address });
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "Surety_ArbiterNotRegistered",
        [getAddress(f.stranger.account.address), getAddress(f.usdc.address)],
      );
      // The same arbiter is fine for the token it registered for.
      const daiTerms = await makeTerms(f, { arbiter: f.stranger.account.address, token: f.dai.address });
      assert.equal(await statusOf(f, await createPact(f, daiTerms)), PactStatus.Open);
    });

    it("test_RevertWhen_ArbiterDeregistered", async () => {
      const f = await load();
      const open = await reach(f, PactStatus.Open);
      await f.surety.write.deregisterArbiter([f.usdc.address], { account: f.arbiter.account });
      const terms = await makeTerms(f, { termsHash: hashOf("after deregistration") });
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "Surety_ArbiterNotRegistered",
        [getAddress(f.arbiter.account.address), getAddress(f.usdc.address)],
      );
      // Pacts that already name the arbiter are unaffected.
      await f.surety.write.acceptPact([open.pactId, open.terms], { account: f.agent.account });
      assert.equal(await statusOf(f, open.pactId), PactStatus.Active);
    });
  });

  describe("when the arbiter's fee is at or below its minimum", () => {
    it("test_RevertWhen_ArbiterFeeBelowMinFee", async () => {
      const f = await load();
      const minFee = usd("10");
      await f.surety.write.registerArbiter([f.usdc.address, minFee, MAX_RULING], { account: f.arbiter2.account });
      const low = await makeTerms(f, { arbiter: f.arbiter2.account.address, arbiterFee: minFee - 1n });
      await expectError(
        f.surety.write.createPact([low], { account: f.buyer.account }),
        f.surety,
        "Surety_ArbiterFeeTooLow",
        [minFee - 1n, minFee],
      );
      const zero = await makeTerms(f, { arbiter: f.arbiter2.account.address, arbiterFee: 0n });
      await expectError(
        f.surety.write.createPact([zero], { account: f.buyer.account }),
        f.surety,
        "Surety_ArbiterFeeTooLow",
        [0n, minFee],
      );
      const exact = await makeTerms(f, { arbiter: f.arbiter2.account.address, arbiterFee: minFee });
      assert.equal(await statusOf(f, await createPact(f, exact)), PactStatus.Open);
    });

    it("test_GivenZeroMinFee_WhenArbiterFeeZero_Creates", async () => {
      const f = await load();
      const terms = await makeTerms(f, { arbiterFee: 0n });
      assert.equal(await statusOf(f, await createPact(f, terms)), PactStatus.Open);
    });
  });

  describe("when the amounts are at or beyond their bounds", () => {
    it("test_RevertWhen_AmountAboveUint128", async () => {
      const f = await load();
      const tooLarge = 2n ** 128n;
      for (const field of ["price", "arbiterFee", "collateral"] as const) {
        const terms = await makeTerms(f, { [field]: tooLarge, penalty: 0n });
        await expectError(
          f.surety.write.createPact([terms], { account: f.buyer.account }),
          f.surety,
          "Surety_AmountTooLarge",
          [tooLarge],
        );
      }
      // The largest uint128 amounts pass every check on terms (the funding then needs a real balance).
      const max = 2n ** 128n - 1n;
      const terms = await makeTerms(f, { price: max, arbiterFee: max, collateral: max, penalty: 0n });
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.usdc,
        "ERC20InsufficientBalance",
        [getAddress(f.buyer.account.address), usd("1000000"), max],
      );
    });

    it("test_RevertWhen_ZeroPrice", async () => {
      const f = await load();
      const terms = await makeTerms(f, { price: 0n });
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "Surety_ZeroPrice",
        [],
      );
      const eth = await makeTerms(f, { price: 0n, token: zeroAddress });
      await expectError(
        f.surety.write.createPact([eth], { account: f.buyer.account }),
        f.surety,
        "Surety_ZeroPrice",
        [],
      );
    });

    it("test_RevertWhen_PenaltyExceedsCollateral", async () => {
      const f = await load();
      const terms = await makeTerms(f, { collateral: usd("50"), penalty: usd("50") + 1n });
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "Surety_PenaltyExceedsCollateral",
        [usd("50") + 1n, usd("50")],
      );
      const noCollateral = await makeTerms(f, { collateral: 0n, penalty: 1n });
      await expectError(
        f.surety.write.createPact([noCollateral], { account: f.buyer.account }),
        f.surety,
        "Surety_PenaltyExceedsCollateral",
        [1n, 0n],
      );
    });

    it("test_WhenPenaltyEqualsCollateral_Creates", async () => {
      const f = await load();
      const full = await createPact(f, await makeTerms(f, { collateral: usd("50"), penalty: usd("50") }));
      const zero = await createPact(f, await makeTerms(f, { collateral: 0n, penalty: 0n }));
      assert.equal(await statusOf(f, full), PactStatus.Open);
      assert.equal(await statusOf(f, zero), PactStatus.Open);
    });
  });

  describe("when the deadlines are at or beyond their bounds", () => {
    it("test_RevertWhen_AcceptByEqualsBlockTime", async () => {
      const f = await load();
      const t = (await now(f)) + 100;
      const terms = await makeTerms(f, { acceptBy: t });
      await nextTxAt(f, t);
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "Surety_AcceptByNotInFuture",
        [t, BigInt(t)],
      );
    });

    it("test_RevertWhen_AcceptByBeforeBlockTime", async () => {
      const f = await load();
      const t = (await now(f)) + 100;
      const terms = await makeTerms(f, { acceptBy: t - 1 });
      await nextTxAt(f, t);
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "Surety_AcceptByNotInFuture",
        [t - 1, BigInt(t)],
      );
    });

    it("test_WhenAcceptByOneSecondAhead_Creates", async () => {
      const f = await load();
      const t = (await now(f)) + 100;
      const terms = await makeTerms(f, { acceptBy: t + 1, deliverBy: t + 2 });
      await nextTxAt(f, t);
      const pactId = await createPact(f, terms);
      assert.equal(await statusOf(f, pactId), PactStatus.Open);
      assert.equal(await updatedAtOf(f, pactId), t);
    });

    it("test_RevertWhen_DeliverByEqualsAcceptBy", async () => {
      const f = await load();
      const base = await makeTerms(f);
      const terms = { ...base, deliverBy: base.acceptBy };
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "Surety_DeadlinesNotOrdered",
        [terms.acceptBy, terms.deliverBy],
      );
    });

    it("test_RevertWhen_DeliverByBeforeAcceptBy", async () => {
      const f = await load();
      const base = await makeTerms(f);
      const terms = { ...base, deliverBy: base.acceptBy - 1 };
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "Surety_DeadlinesNotOrdered",
        [terms.acceptBy, terms.deliverBy],
      );
    });

    it("test_WhenDeliverByOneSecondAfterAcceptBy_Creates", async () => {
      const f = await load();
      const base = await makeTerms(f);
      const terms = { ...base, deliverBy: base.acceptBy + 1 };
      assert.equal(await statusOf(f, await createPact(f, terms)), PactStatus.Open);
    });
  });

  describe("when the periods are at or beyond their bounds", () => {
    it("test_RevertWhen_ReviewPeriodBelowMin", async () => {
      const f = await load();
      const terms = await makeTerms(f, { reviewPeriod: CONFIG.minReviewPeriod - 1 });
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "Surety_ReviewPeriodOutOfBounds",
        [CONFIG.minReviewPeriod - 1, CONFIG.minReviewPeriod, CONFIG.maxReviewPeriod],
      );
      const zero = await makeTerms(f, { reviewPeriod: 0 });
      await expectError(
        f.surety.write.createPact([zero], { account: f.buyer.account }),
        f.surety,
        "Surety_ReviewPeriodOutOfBounds",
        [0, CONFIG.minReviewPeriod, CONFIG.maxReviewPeriod],
      );
    });

    it("test_RevertWhen_ReviewPeriodAboveMax", async () => {
      const f = await load();
      const terms = await makeTerms(f, { reviewPeriod: CONFIG.maxReviewPeriod + 1 });
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "Surety_ReviewPeriodOutOfBounds",
        [CONFIG.maxReviewPeriod + 1, CONFIG.minReviewPeriod, CONFIG.maxReviewPeriod],
      );
    });

    it("test_WhenReviewPeriodAtBounds_Creates", async () => {
      const f = await load();
      const atMin = await createPact(f, await makeTerms(f, { reviewPeriod: CONFIG.minReviewPeriod }));
      const atMax = await createPact(f, await makeTerms(f, { reviewPeriod: CONFIG.maxReviewPeriod }));
      assert.equal(await statusOf(f, atMin), PactStatus.Open);
      assert.equal(await statusOf(f, atMax), PactStatus.Open);
    });

    it("test_RevertWhen_RulingPeriodBelowMin", async () => {
      const f = await load();
      const terms = await makeTerms(f, { rulingPeriod: CONFIG.minRulingPeriod - 1 });
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "Surety_RulingPeriodOutOfBounds",
        [CONFIG.minRulingPeriod - 1, CONFIG.minRulingPeriod, MAX_RULING],
      );
    });

    it("test_RevertWhen_RulingPeriodAboveDeploymentMax", async () => {
      const f = await load();
      const terms = await makeTerms(f, { rulingPeriod: MAX_RULING + 1 });
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "Surety_RulingPeriodOutOfBounds",
        [MAX_RULING + 1, CONFIG.minRulingPeriod, MAX_RULING],
      );
    });

    it("test_GivenArbiterMaxAboveDeploymentMax_WhenRulingPeriodAboveDeploymentMax_ReportsDeploymentMax", async () => {
      const f = await load();
      await f.surety.write.registerArbiter([f.usdc.address, 0n, MAX_RULING + 30 * 86_400], {
        account: f.arbiter2.account,
      });
      const terms = await makeTerms(f, { arbiter: f.arbiter2.account.address, rulingPeriod: MAX_RULING + 1 });
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "Surety_RulingPeriodOutOfBounds",
        [MAX_RULING + 1, CONFIG.minRulingPeriod, MAX_RULING],
      );
    });

    it("test_RevertWhen_RulingPeriodAboveArbiterMax", async () => {
      const f = await load();
      const arbiterMax = 10 * 86_400;
      await f.surety.write.registerArbiter([f.usdc.address, 0n, arbiterMax], { account: f.arbiter2.account });
      const terms = await makeTerms(f, { arbiter: f.arbiter2.account.address, rulingPeriod: arbiterMax + 1 });
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "Surety_RulingPeriodOutOfBounds",
        [arbiterMax + 1, CONFIG.minRulingPeriod, arbiterMax],
      );
      const atMax = await makeTerms(f, { arbiter: f.arbiter2.account.address, rulingPeriod: arbiterMax });
      assert.equal(await statusOf(f, await createPact(f, atMax)), PactStatus.Open);
    });

    it("test_WhenRulingPeriodAtBounds_Creates", async () => {
      const f = await load();
      const atMin = await createPact(f, await makeTerms(f, { rulingPeriod: CONFIG.minRulingPeriod }));
      const atMax = await createPact(f, await makeTerms(f, { rulingPeriod: MAX_RULING }));
      assert.equal(await statusOf(f, atMin), PactStatus.Open);
      assert.equal(await statusOf(f, atMax), PactStatus.Open);
    });
  });

  describe("when the default split is at or beyond its bounds", () => {
    it("test_RevertWhen_BpsTooHigh", async () => {
      const f = await load();
      const terms = await makeTerms(f, { defaultBuyerBps: 10_001 });
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "Surety_BpsTooHigh",
        [10_001],
      );
      const max = await makeTerms(f, { defaultBuyerBps: 65_535 });
      await expectError(
        f.surety.write.createPact([max], { account: f.buyer.account }),
        f.surety,
        "Surety_BpsTooHigh",
        [65_535],
      );
    });

    it("test_WhenBpsAtBounds_Creates", async () => {
      const f = await load();
      const all = await createPact(f, await makeTerms(f, { defaultBuyerBps: 10_000 }));
      const none = await createPact(f, await makeTerms(f, { defaultBuyerBps: 0 }));
      assert.equal(await statusOf(f, all), PactStatus.Open);
      assert.equal(await statusOf(f, none), PactStatus.Open);
    });
  });

  describe("when the payment does not arrive as priced", () => {
    it("test_RevertWhen_EthPactWithWrongValue", async () => {
      const f = await load();
      const price = parseEther("1");
      const terms = await makeTerms(f, { token: zeroAddress, price, arbiterFee: 0n });
      for (const value of [0n, price - 1n, price + 1n]) {
        await expectError(
          f.surety.write.createPact([terms], { account: f.buyer.account, value }),
          f.surety,
          "Surety_WrongValue",
          [price, value],
        );
      }
      assert.equal(await f.surety.read.nextPactId(), 1n);
    });

    it("test_RevertWhen_TokenPactWithValue", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account, value: 1n }),
        f.surety,
        "Surety_WrongValue",
        [0n, 1n],
      );
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account, value: terms.price }),
        f.surety,
        "Surety_WrongValue",
        [0n, terms.price],
      );
    });

    it("test_RevertWhen_FeeOnTransferToken", async () => {
      const f = await load();
      const fot = await viem.deployContract("MockFeeOnTransferToken");
      await fot.write.mint([f.buyer.account.address, 1_000_000n]);
      await fot.write.approve([f.surety.address, maxUint256], { account: f.buyer.account });
      await f.surety.write.registerArbiter([fot.address, 0n, MAX_RULING], { account: f.arbiter.account });
      const price = 10_000n;
      const terms = await makeTerms(f, { token: fot.address, price, arbiterFee: 0n });
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "Surety_TransferMismatch",
        [getAddress(fot.address), price, price - price / 100n],
      );
      assert.equal(await fot.read.balanceOf([f.surety.address]), 0n);
      assert.equal(await f.surety.read.nextPactId(), 1n);
    });

    it("test_RevertWhen_InsufficientAllowance", async () => {
      const f = await load();
      await f.usdc.write.approve([f.surety.address, usd("99")], { account: f.buyer.account });
      const terms = await makeTerms(f, { price: usd("100") });
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.usdc,
        "ERC20InsufficientAllowance",
        [getAddress(f.surety.address), usd("99"), usd("100")],
      );
    });
  });

  describe("when the terms are valid", () => {
    it("test_GivenValidTerms_WhenToken_CreatesOpenPactAndPullsPrice", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await f.surety.read.nextPactId();
      assert.equal(pactId, 1n);
      const buyerBefore = await f.usdc.read.balanceOf([f.buyer.account.address]);
      const escrowBefore = await f.usdc.read.balanceOf([f.surety.address]);

      await nextTxAt(f, (await now(f)) + 10);
      await viem.assertions.emitWithArgs(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "PactCreated",
        [pactId, getAddress(terms.buyer), getAddress(terms.agent), decoded(terms)],
      );

      const [status, updatedAt, commitment] = await f.surety.read.getPact([pactId]);
      assert.equal(status, PactStatus.Open);
      assert.equal(updatedAt, await now(f));
      assert.equal(commitment, await f.surety.read.commitmentOf([terms]));
      assert.equal(await f.surety.read.nextPactId(), pactId + 1n);
      assert.equal(await f.usdc.read.balanceOf([f.buyer.account.address]), buyerBefore - terms.price);
      assert.equal(await f.usdc.read.balanceOf([f.surety.address]), escrowBefore + terms.price);
      // Creation locks nothing: the agent has not accepted yet.
      assert.equal((await stakeOf(f)).locked, 0n);
    });

    it("test_GivenValidTerms_WhenCreatedTwice_IdsOnlyGrow", async () => {
      const f = await load();
      const first = await createPact(f, await makeTerms(f));
      const second = await createPact(f, await makeTerms(f, { termsHash: hashOf("another") }));
      // Identical terms are allowed too: each pact is its own id.
      const third = await createPact(f, await makeTerms(f, { termsHash: hashOf("another") }));
      assert.deepEqual([first, second, third], [1n, 2n, 3n]);
      assert.equal(await f.surety.read.nextPactId(), 4n);
      assert.equal(await f.surety.read.getPact([4n]).then(([s]) => s), PactStatus.None);
    });

    it("test_GivenValidTerms_WhenEth_CreatesPactWithExactValue", async () => {
      const f = await load();
      const price = parseEther("1.5");
      const terms = await makeTerms(f, { token: zeroAddress, price, arbiterFee: parseEther("0.1") });
      const pactId = await f.surety.read.nextPactId();
      const tx = f.surety.write.createPact([terms], { account: f.buyer.account, value: price });
      await viem.assertions.balancesHaveChanged(tx, [
        { address: f.buyer.account.address, amount: -price },
        { address: f.surety.address, amount: price },
      ]);
      await viem.assertions.emitWithArgs(tx, f.surety, "PactCreated", [
        pactId,
        getAddress(terms.buyer),
        getAddress(terms.agent),
        decoded(terms),
      ]);
      assert.equal(await statusOf(f, pactId), PactStatus.Open);
    });

    it("test_GivenOtherPaymentToken_CreatesPactInThatToken", async () => {
      const f = await load();
      const terms = await makeTerms(f, { token: f.dai.address, price: parseEther("250"), arbiterFee: parseEther("1") });
      const daiBefore = await f.dai.read.balanceOf([f.surety.address]);
      const usdcBefore = await f.usdc.read.balanceOf([f.surety.address]);
      const pactId = await createPact(f, terms);
      assert.equal(await statusOf(f, pactId), PactStatus.Open);
      assert.equal(await f.dai.read.balanceOf([f.surety.address]), daiBefore + terms.price);
      assert.equal(await f.usdc.read.balanceOf([f.surety.address]), usdcBefore);
    });
  });
});
