import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { encodeFunctionData, getAddress, maxUint256, parseEther, zeroAddress, type Address, type Hex } from "viem";

import {
  CONFIG,
  DAY,
  PactStatus,
  activePact,
  createPact,
  deliveredPact,
  deploySurety,
  disputedPact,
  hashOf,
  makeTerms,
  mineAt,
  nextTxAt,
  now,
  usd,
  type SuretyFixture,
  type Terms,
} from "../helpers/fixture.ts";

type Status = (typeof PactStatus)[keyof typeof PactStatus];

const STATUS_NAMES = Object.fromEntries(Object.entries(PactStatus).map(([name, value]) => [value, name])) as Record<
  number,
  string
>;

const TERMINAL: Status[] = [
  PactStatus.Cancelled,
  PactStatus.Reclaimed,
  PactStatus.Released,
  PactStatus.Finalized,
  PactStatus.Refunded,
  PactStatus.Resolved,
  PactStatus.Abstained,
  PactStatus.DefaultRuled,
];

const DELIVERY = hashOf("delivery");
const MAX_RULING = CONFIG.maxRulingPeriod;

/** Terms as the ABI decoder returns them: checksummed addresses. */
function decoded(terms: Terms): Terms {
  return {
    ...terms,
    buyer: getAddress(terms.buyer),
    agent: getAddress(terms.agent),
    arbiter: getAddress(terms.arbiter),
    token: getAddress(terms.token),
  };
}

async function statusOf(f: SuretyFixture, pactId: bigint): Promise<number> {
  const [status] = await f.surety.read.getPact([pactId]);
  return status;
}

async function updatedAtOf(f: SuretyFixture, pactId: bigint): Promise<number> {
  const [, updatedAt] = await f.surety.read.getPact([pactId]);
  return updatedAt;
}

async function stake(f: SuretyFixture, agent: Address) {
  const [staked, locked, queued, readyAt, free] = await f.surety.read.stakeOf([agent]);
  return { staked, locked, queued, readyAt, free };
}

/** Drives a fresh pact from `overrides` into `status` and returns it. */
async function reach(
  f: SuretyFixture,
  status: Status,
  overrides: Partial<Terms> = {},
): Promise<{ pactId: bigint; terms: Terms }> {
  const terms = await makeTerms(f, overrides);
  const { surety } = f;
  const buyer = { account: terms.buyer };
  const anyone = { account: f.stranger.account };
  let pactId: bigint;
  switch (status) {
    case PactStatus.Open:
      pactId = await createPact(f, terms);
      break;
    case PactStatus.Active:
      pactId = await activePact(f, terms);
      break;
    case PactStatus.Delivered:
      pactId = await deliveredPact(f, terms);
      break;
    case PactStatus.Disputed:
      pactId = await disputedPact(f, terms);
      break;
    case PactStatus.Cancelled:
      pactId = await createPact(f, terms);
      await surety.write.cancelPact([pactId, terms], buyer);
      break;
    case PactStatus.Reclaimed:
      pactId = await createPact(f, terms);
      await nextTxAt(f, terms.acceptBy + 1);
      await surety.write.reclaimPact([pactId, terms], anyone);
      break;
    case PactStatus.Released:
      pactId = await activePact(f, terms);
      await surety.write.releasePact([pactId, terms], buyer);
      break;
    case PactStatus.Finalized:
      pactId = await deliveredPact(f, terms);
      await nextTxAt(f, (await updatedAtOf(f, pactId)) + terms.reviewPeriod + 1);
      await surety.write.finalizePact([pactId, terms], anyone);
      break;
    case PactStatus.Refunded:
      pactId = await activePact(f, terms);
      await nextTxAt(f, terms.deliverBy + 1);
      await surety.write.claimRefund([pactId, terms], anyone);
      break;
    case PactStatus.Resolved:
      pactId = await disputedPact(f, terms);
      await surety.write.resolveDispute([pactId, terms, 5_000, 0n, hashOf("ruling")], { account: terms.arbiter });
      break;
    case PactStatus.Abstained:
      pactId = await disputedPact(f, terms);
      await surety.write.abstain([pactId, terms, hashOf("abstain")], { account: terms.arbiter });
      break;
    case PactStatus.DefaultRuled:
      pactId = await disputedPact(f, terms);
      await nextTxAt(f, (await updatedAtOf(f, pactId)) + terms.rulingPeriod + 1);
      await surety.write.applyDefaultRuling([pactId, terms], anyone);
      break;
    default:
      throw new Error(`cannot reach status ${status}`);
  }
  assert.equal(await statusOf(f, pactId), status, `setup: pact should be ${STATUS_NAMES[status]}`);
  return { pactId, terms };
}

/** Every state-changing pact action, each sent by the party entitled to it. */
function everyAction(f: SuretyFixture, pactId: bigint, terms: Terms) {
  const { surety } = f;
  const buyer = { account: terms.buyer };
  const agent = { account: terms.agent };
  const arbiter = { account: terms.arbiter };
  const anyone = { account: f.stranger.account };
  return {
    cancelPact: () => surety.write.cancelPact([pactId, terms], buyer),
    acceptPact: () => surety.write.acceptPact([pactId, terms], agent),
    deliverPact: () => surety.write.deliverPact([pactId, terms, DELIVERY], agent),
    releasePact: () => surety.write.releasePact([pactId, terms], buyer),
    disputePact: () => surety.write.disputePact([pactId, terms, hashOf("reason")], buyer),
    submitEvidence: () => surety.write.submitEvidence([pactId, terms, hashOf("evidence")], buyer),
    resolveDispute: () => surety.write.resolveDispute([pactId, terms, 0, 0n, hashOf("ruling")], arbiter),
    abstain: () => surety.write.abstain([pactId, terms, hashOf("abstain")], arbiter),
    reclaimPact: () => surety.write.reclaimPact([pactId, terms], anyone),
    finalizePact: () => surety.write.finalizePact([pactId, terms], anyone),
    claimRefund: () => surety.write.claimRefund([pactId, terms], anyone),
    applyDefaultRuling: () => surety.write.applyDefaultRuling([pactId, terms], anyone),
  };
}

describe("Surety pacts", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;
  const load = () => networkHelpers.loadFixture(deploySurety);

  const expectError = viem.assertions.revertWithCustomErrorWithArgs;

  /*//////////////////////////////////////////////////////////////
                              createPact
  //////////////////////////////////////////////////////////////*/

  describe("createPact", () => {
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
      assert.equal((await stake(f, f.agent.account.address)).locked, 0n);
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

  /*//////////////////////////////////////////////////////////////
                              acceptPact
  //////////////////////////////////////////////////////////////*/

  describe("acceptPact", () => {
    it("test_GivenOpen_WhenAgentAccepts_LocksCollateral", async () => {
      const f = await load();
      const { pactId, terms } = await reach(f, PactStatus.Open);
      const before = await stake(f, f.agent.account.address);
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
      const after = await stake(f, f.agent.account.address);
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
      const s = await stake(f, f.agent.account.address);
      assert.equal(s.locked, usd("1000"));
      assert.equal(s.free, usd("9000"));
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

    for (const status of [PactStatus.Active, PactStatus.Delivered, PactStatus.Disputed, ...TERMINAL] as Status[]) {
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
      const s = await stake(f, f.agent.account.address);
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
      assert.equal((await stake(f, f.agent.account.address)).locked, usd("10000"));
    });

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

  /*//////////////////////////////////////////////////////////////
                              cancelPact
  //////////////////////////////////////////////////////////////*/

  describe("cancelPact", () => {
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

  /*//////////////////////////////////////////////////////////////
                              reclaimPact
  //////////////////////////////////////////////////////////////*/

  describe("reclaimPact", () => {
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
  });

  /*//////////////////////////////////////////////////////////////
                              deliverPact
  //////////////////////////////////////////////////////////////*/

  describe("deliverPact", () => {
    it("test_GivenActive_WhenAgentDelivers_RecordsDelivery", async () => {
      const f = await load();
      const { pactId, terms } = await reach(f, PactStatus.Active);
      const hash = hashOf("the work");
      const at = (await now(f)) + 3_600;
      await nextTxAt(f, at);
      await viem.assertions.emitWithArgs(
        f.surety.write.deliverPact([pactId, terms, hash], { account: f.agent.account }),
        f.surety,
        "PactDelivered",
        [pactId, getAddress(terms.agent), hash],
      );
      const [status, deliveredAt] = await f.surety.read.getPact([pactId]);
      assert.equal(status, PactStatus.Delivered);
      assert.equal(deliveredAt, at);
      // Delivery does not pay or unlock anything.
      assert.equal((await stake(f, f.agent.account.address)).locked, terms.collateral);
    });

    it("test_WhenAtDeliverBy_Delivers", async () => {
      const f = await load();
      const { pactId, terms } = await reach(f, PactStatus.Active);
      await nextTxAt(f, terms.deliverBy);
      await f.surety.write.deliverPact([pactId, terms, DELIVERY], { account: f.agent.account });
      assert.equal(await statusOf(f, pactId), PactStatus.Delivered);
      assert.equal(await updatedAtOf(f, pactId), terms.deliverBy);
    });

    it("test_RevertWhen_DeliverByPassed", async () => {
      const f = await load();
      const { pactId, terms } = await reach(f, PactStatus.Active);
      await nextTxAt(f, terms.deliverBy + 1);
      await expectError(
        f.surety.write.deliverPact([pactId, terms, DELIVERY], { account: f.agent.account }),
        f.surety,
        "Surety_DeadlinePassed",
        [pactId, BigInt(terms.deliverBy)],
      );
    });

    it("test_RevertWhen_CallerNotAgent", async () => {
      const f = await load();
      const { pactId, terms } = await reach(f, PactStatus.Active);
      for (const who of [f.buyer, f.arbiter, f.stranger]) {
        await expectError(
          f.surety.write.deliverPact([pactId, terms, DELIVERY], { account: who.account }),
          f.surety,
          "Surety_CallerNotAgent",
          [pactId, getAddress(who.account.address)],
        );
      }
    });

    for (const status of [PactStatus.Open, PactStatus.Delivered, PactStatus.Disputed] as Status[]) {
      it(`test_RevertGiven_${STATUS_NAMES[status]}`, async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, status);
        await expectError(
          f.surety.write.deliverPact([pactId, terms, DELIVERY], { account: f.agent.account }),
          f.surety,
          "Surety_InvalidStatus",
          [pactId, status],
        );
      });
    }
  });

  /*//////////////////////////////////////////////////////////////
                              releasePact
  //////////////////////////////////////////////////////////////*/

  describe("releasePact", () => {
    for (const status of [PactStatus.Active, PactStatus.Delivered] as Status[]) {
      it(`test_Given${STATUS_NAMES[status]}_WhenBuyerReleases_PaysAgentAndUnlocks`, async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, status, { token: f.dai.address, price: parseEther("42") });
        const agentBefore = await f.dai.read.balanceOf([f.agent.account.address]);
        const escrowBefore = await f.dai.read.balanceOf([f.surety.address]);
        const stakeBefore = await stake(f, f.agent.account.address);
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
        const stakeAfter = await stake(f, f.agent.account.address);
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
      const s = await stake(f, f.agent.account.address);
      assert.equal(s.locked, 0n);
      assert.equal(s.staked, usd("10000"));
    });

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

  /*//////////////////////////////////////////////////////////////
                              finalizePact
  //////////////////////////////////////////////////////////////*/

  describe("finalizePact", () => {
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
      const s = await stake(f, f.agent.account.address);
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

  /*//////////////////////////////////////////////////////////////
                              claimRefund
  //////////////////////////////////////////////////////////////*/

  describe("claimRefund", () => {
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
      const stakeBefore = await stake(f, f.agent.account.address);
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
      const stakeAfter = await stake(f, f.agent.account.address);
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
      const s = await stake(f, f.agent.account.address);
      assert.equal(s.staked, usd("10000"));
      assert.equal(s.locked, 0n);
    });

    it("test_GivenPenaltyEqualsCollateral_WhenDeliverByPassed_SlashesAllCollateral", async () => {
      const f = await load();
      await reach(f, PactStatus.Active, { collateral: usd("1000"), penalty: 0n, termsHash: hashOf("other pact") });
      const { pactId, terms } = await reach(f, PactStatus.Active, { collateral: usd("500"), penalty: usd("500") });
      await nextTxAt(f, terms.deliverBy + 1);
      await f.surety.write.claimRefund([pactId, terms], { account: f.stranger.account });
      const s = await stake(f, f.agent.account.address);
      // The other pact's collateral stays locked; only this pact's collateral was slashed.
      assert.equal(s.staked, usd("9500"));
      assert.equal(s.locked, usd("1000"));
      assert.equal(s.free, usd("8500"));
    });

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

  /*//////////////////////////////////////////////////////////////
                                 RACES
  //////////////////////////////////////////////////////////////*/

  describe("races", () => {
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
      assert.equal((await stake(f, f.agent.account.address)).locked, 0n);
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
      assert.equal((await stake(f, f.agent.account.address)).staked, usd("10000"));
    });

    it("test_GivenDeliverByPassed_WhenRefunded_DeliveryReverts", async () => {
      const f = await load();
      const { pactId, terms } = await reach(f, PactStatus.Active);
      await nextTxAt(f, terms.deliverBy + 1);
      await f.surety.write.claimRefund([pactId, terms], { account: f.buyer.account });
      await expectError(
        f.surety.write.deliverPact([pactId, terms, DELIVERY], { account: f.agent.account }),
        f.surety,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Refunded],
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

    for (const status of TERMINAL) {
      it(`test_Given${STATUS_NAMES[status]}_WhenAnyAction_RevertsInvalidStatus`, async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, status);
        const escrowBefore = await f.usdc.read.balanceOf([f.surety.address]);
        const stakeBefore = await stake(f, f.agent.account.address);
        const attempt = async (phase: string) => {
          for (const [name, action] of Object.entries(everyAction(f, pactId, terms))) {
            await expectError(action(), f.surety, "Surety_InvalidStatus", [pactId, status]).catch((error: unknown) => {
              throw new Error(`${phase} ${name}: ${String(error)}`);
            });
          }
        };
        await attempt("now");
        // Past every deadline, no time-based branch lets the pact out either.
        await mineAt(f, terms.deliverBy + terms.reviewPeriod + terms.rulingPeriod + Number(DAY));
        await attempt("later");
        assert.equal(await statusOf(f, pactId), status);
        assert.equal(await f.usdc.read.balanceOf([f.surety.address]), escrowBefore);
        assert.deepEqual(await stake(f, f.agent.account.address), stakeBefore);
      });
    }
  });

  /*//////////////////////////////////////////////////////////////
                           TERMS COMMITMENT
  //////////////////////////////////////////////////////////////*/

  describe("terms commitment", () => {
    it("test_RevertWhen_AnyActionWithAlteredTerms", async () => {
      const f = await load();
      for (const status of [PactStatus.Open, PactStatus.Active, PactStatus.Delivered] as Status[]) {
        const { pactId, terms } = await reach(f, status, { termsHash: hashOf(`pact ${status}`) });
        const wrong = { ...terms, price: terms.price - 1n };
        for (const [name, action] of Object.entries(everyAction(f, pactId, wrong))) {
          await expectError(action(), f.surety, "Surety_TermsMismatch", [pactId]).catch((error: unknown) => {
            throw new Error(`${STATUS_NAMES[status]} ${name}: ${String(error)}`);
          });
        }
        assert.equal(await statusOf(f, pactId), status);
      }
    });

    it("test_RevertWhen_AnyActionOnUnknownPact", async () => {
      const f = await load();
      const { terms } = await reach(f, PactStatus.Open);
      const unknown = await f.surety.read.nextPactId();
      for (const pactId of [0n, unknown]) {
        for (const [name, action] of Object.entries(everyAction(f, pactId, terms))) {
          await expectError(action(), f.surety, "Surety_PactNotFound", [pactId]).catch((error: unknown) => {
            throw new Error(`${name} on ${pactId}: ${String(error)}`);
          });
        }
      }
    });
  });

  /*//////////////////////////////////////////////////////////////
                               ETH PACTS
  //////////////////////////////////////////////////////////////*/

  describe("ETH pacts", () => {
    const ethTerms = (f: SuretyFixture, overrides: Partial<Terms> = {}) =>
      makeTerms(f, { token: zeroAddress, price: parseEther("2"), arbiterFee: parseEther("0.05"), ...overrides });

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
      assert.equal((await stake(f, agent)).locked, 0n);
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
      const s = await stake(f, f.agent.account.address);
      assert.equal(s.staked, usd("10000") - terms.penalty);
      assert.equal(s.locked, 0n);
    });

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

  /*//////////////////////////////////////////////////////////////
                            PAYOUT CREDITS
  //////////////////////////////////////////////////////////////*/

  describe("payout credits", () => {
    /** A MockWallet owned by `owner`, refusing ETH. */
    async function refusingWallet(f: SuretyFixture, owner: typeof f.buyer) {
      const wallet = await viem.deployContract("MockWallet", [owner.account.address]);
      await wallet.write.setRefuseEth([true], { account: owner.account });
      assert.equal(await wallet.read.refuseEth(), true);
      return wallet;
    }

    const call = (f: SuretyFixture, functionName: string, args: readonly unknown[]): Hex =>
      encodeFunctionData({ abi: f.surety.abi, functionName, args } as Parameters<typeof encodeFunctionData>[0]);

    it("test_GivenBuyerRefusesEth_WhenCancelled_CreditsBuyer", async () => {
      const f = await load();
      const wallet = await refusingWallet(f, f.buyer);
      const terms = await makeTerms(f, { buyer: wallet.address, token: zeroAddress, price: parseEther("1") });
      const pactId = await f.surety.read.nextPactId();
      await wallet.write.execute([f.surety.address, terms.price, call(f, "createPact", [terms])], {
        account: f.buyer.account,
        value: terms.price,
      });
      assert.equal(await statusOf(f, pactId), PactStatus.Open);

      const cancel = wallet.write.execute([f.surety.address, 0n, call(f, "cancelPact", [pactId, terms])], {
        account: f.buyer.account,
      });
      await viem.assertions.emitWithArgs(cancel, f.surety, "PayoutCredited", [
        pactId,
        zeroAddress,
        getAddress(wallet.address),
        terms.price,
      ]);
      assert.equal(await statusOf(f, pactId), PactStatus.Cancelled);
      assert.equal(await f.surety.read.creditOf([zeroAddress, wallet.address]), terms.price);
      assert.equal(await f.publicClient.getBalance({ address: wallet.address }), 0n);
      assert.equal(await f.publicClient.getBalance({ address: f.surety.address }), terms.price);

      // Claiming to itself still fails and keeps the credit.
      await viem.assertions.revertWithCustomError(
        wallet.write.execute([f.surety.address, 0n, call(f, "claimPayout", [zeroAddress, wallet.address])], {
          account: f.buyer.account,
        }),
        wallet,
        "MockWallet_EthRefused",
      );
      assert.equal(await f.surety.read.creditOf([zeroAddress, wallet.address]), terms.price);

      // Claiming to another recipient pays it and clears the credit.
      const recipient = f.buyer2.account.address;
      const claim = wallet.write.execute([f.surety.address, 0n, call(f, "claimPayout", [zeroAddress, recipient])], {
        account: f.buyer.account,
      });
      await viem.assertions.balancesHaveChanged(claim, [
        { address: recipient, amount: terms.price },
        { address: f.surety.address, amount: -terms.price },
      ]);
      await viem.assertions.emitWithArgs(claim, f.surety, "PayoutClaimed", [
        zeroAddress,
        getAddress(wallet.address),
        getAddress(recipient),
        terms.price,
      ]);
      assert.equal(await f.surety.read.creditOf([zeroAddress, wallet.address]), 0n);

      await expectError(
        wallet.write.execute([f.surety.address, 0n, call(f, "claimPayout", [zeroAddress, recipient])], {
          account: f.buyer.account,
        }),
        f.surety,
        "Surety_NoCredit",
        [zeroAddress, getAddress(wallet.address)],
      );
    });

    it("test_GivenBuyerRefusesEth_WhenRefunded_CreditsPriceAndPaysPenalty", async () => {
      const f = await load();
      const wallet = await refusingWallet(f, f.buyer);
      const terms = await makeTerms(f, { buyer: wallet.address, token: zeroAddress, price: parseEther("3") });
      const pactId = await f.surety.read.nextPactId();
      await wallet.write.execute([f.surety.address, terms.price, call(f, "createPact", [terms])], {
        account: f.buyer.account,
        value: terms.price,
      });
      await f.surety.write.acceptPact([pactId, terms], { account: f.agent.account });
      await mineAt(f, terms.deliverBy + 1);
      const refund = f.surety.write.claimRefund([pactId, terms], { account: f.stranger.account });
      await viem.assertions.emitWithArgs(refund, f.surety, "PayoutCredited", [
        pactId,
        zeroAddress,
        getAddress(wallet.address),
        terms.price,
      ]);
      assert.equal(await statusOf(f, pactId), PactStatus.Refunded);
      assert.equal(await f.surety.read.creditOf([zeroAddress, wallet.address]), terms.price);
      // The penalty is a token transfer, which the wallet does not refuse.
      assert.equal(await f.usdc.read.balanceOf([wallet.address]), terms.penalty);
      assert.equal(await f.surety.read.creditOf([f.usdc.address, wallet.address]), 0n);
    });

    it("test_GivenAgentRefusesEth_WhenReleased_CreditsAgent", async () => {
      const f = await load();
      const wallet = await refusingWallet(f, f.agent);
      const asAgent = { account: f.agent.account };
      // The wallet stakes, then acts as the agent.
      await f.usdc.write.mint([wallet.address, usd("500")]);
      await wallet.write.execute(
        [
          f.usdc.address,
          0n,
          encodeFunctionData({ abi: f.usdc.abi, functionName: "approve", args: [f.surety.address, usd("500")] }),
        ],
        asAgent,
      );
      await wallet.write.execute([f.surety.address, 0n, call(f, "depositStake", [usd("500")])], asAgent);
      assert.equal((await stake(f, wallet.address)).staked, usd("500"));

      const terms = await makeTerms(f, { agent: wallet.address, token: zeroAddress, price: parseEther("1.25") });
      const pactId = await createPact(f, terms);
      await wallet.write.execute([f.surety.address, 0n, call(f, "acceptPact", [pactId, terms])], asAgent);
      await wallet.write.execute([f.surety.address, 0n, call(f, "deliverPact", [pactId, terms, DELIVERY])], asAgent);
      assert.equal(await statusOf(f, pactId), PactStatus.Delivered);

      const release = f.surety.write.releasePact([pactId, terms], { account: f.buyer.account });
      await viem.assertions.emitWithArgs(release, f.surety, "PayoutCredited", [
        pactId,
        zeroAddress,
        getAddress(wallet.address),
        terms.price,
      ]);
      await viem.assertions.emitWithArgs(release, f.surety, "PactReleased", [
        pactId,
        getAddress(terms.buyer),
        getAddress(wallet.address),
        terms.price,
        0n,
      ]);
      assert.equal(await statusOf(f, pactId), PactStatus.Released);
      assert.equal(await f.surety.read.creditOf([zeroAddress, wallet.address]), terms.price);
      assert.equal((await stake(f, wallet.address)).locked, 0n);

      const recipient = f.agent.account.address;
      await viem.assertions.balancesHaveChanged(
        wallet.write.execute([f.surety.address, 0n, call(f, "claimPayout", [zeroAddress, recipient])], asAgent),
        [
          { address: recipient, amount: terms.price },
          { address: f.surety.address, amount: -terms.price },
        ],
      );
      assert.equal(await f.surety.read.creditOf([zeroAddress, wallet.address]), 0n);
    });

    it("test_GivenAgentBlockedOnToken_WhenReleased_ReleasesAndCreditsAgent", async () => {
      const f = await load();
      const token = await viem.deployContract("MockBlocklistToken");
      await token.write.mint([f.buyer.account.address, usd("1000")]);
      await token.write.approve([f.surety.address, maxUint256], { account: f.buyer.account });
      await f.surety.write.registerArbiter([token.address, 0n, MAX_RULING], { account: f.arbiter.account });
      const terms = await makeTerms(f, { token: token.address, price: usd("400"), arbiterFee: usd("1") });
      const pactId = await deliveredPact(f, terms);

      await token.write.setBlocked([f.agent.account.address, true]);
      const release = f.surety.write.releasePact([pactId, terms], { account: f.buyer.account });
      await viem.assertions.emitWithArgs(release, f.surety, "PayoutCredited", [
        pactId,
        getAddress(token.address),
        getAddress(f.agent.account.address),
        terms.price,
      ]);
      assert.equal(await statusOf(f, pactId), PactStatus.Released);
      assert.equal((await stake(f, f.agent.account.address)).locked, 0n);
      assert.equal(await f.surety.read.creditOf([token.address, f.agent.account.address]), terms.price);
      assert.equal(await token.read.balanceOf([f.agent.account.address]), 0n);
      assert.equal(await token.read.balanceOf([f.surety.address]), terms.price);

      // Claiming to itself fails while blocked and keeps the credit; another recipient works.
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.claimPayout([token.address, f.agent.account.address], { account: f.agent.account }),
        token,
        "MockBlocklistToken_Blocked",
        [getAddress(f.agent.account.address)],
      );
      assert.equal(await f.surety.read.creditOf([token.address, f.agent.account.address]), terms.price);
      await viem.assertions.emitWithArgs(
        f.surety.write.claimPayout([token.address, f.agent2.account.address], { account: f.agent.account }),
        f.surety,
        "PayoutClaimed",
        [
          getAddress(token.address),
          getAddress(f.agent.account.address),
          getAddress(f.agent2.account.address),
          terms.price,
        ],
      );
      assert.equal(await token.read.balanceOf([f.agent2.account.address]), terms.price);
      assert.equal(await token.read.balanceOf([f.surety.address]), 0n);
      assert.equal(await f.surety.read.creditOf([token.address, f.agent.account.address]), 0n);
    });

    it("test_RevertWhen_NoCredit", async () => {
      const f = await load();
      for (const token of [zeroAddress, f.usdc.address]) {
        await expectError(
          f.surety.write.claimPayout([token, f.stranger.account.address], { account: f.stranger.account }),
          f.surety,
          "Surety_NoCredit",
          [getAddress(token), getAddress(f.stranger.account.address)],
        );
      }
    });

    it("test_RevertWhen_RecipientZeroOrSurety", async () => {
      const f = await load();
      for (const recipient of [zeroAddress, f.surety.address]) {
        await expectError(
          f.surety.write.claimPayout([zeroAddress, recipient], { account: f.stranger.account }),
          f.surety,
          "Surety_InvalidRecipient",
          [getAddress(recipient)],
        );
      }
    });
  });
});
