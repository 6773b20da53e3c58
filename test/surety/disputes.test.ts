import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { parseEther, parseUnits, zeroAddress } from "viem";

import {
  CONFIG,
  PactStatus,
  activePact,
  createPact,
  deliveredPact,
  deploySurety,
  disputedPact,
  hashOf,
  makeTerms,
  nextTxAt,
  stakeOf,
  usd,
  type SuretyFixture,
  type Terms,
} from "../helpers/fixture.ts";

describe("Surety disputes", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;
  const load = () => networkHelpers.loadFixture(deploySurety);

  const REASON = hashOf("the delivery is incomplete");
  const EVIDENCE = hashOf("evidence bundle");
  const RULING = hashOf("reasoned ruling");

  /** The pact's status and the time of its last transition (deliveredAt while Delivered, disputedAt while Disputed). */
  async function pactState(f: SuretyFixture, pactId: bigint): Promise<{ status: number; at: number }> {
    const [status, updatedAt] = await f.surety.read.getPact([pactId]);
    return { status, at: Number(updatedAt) };
  }

  /** Terms in the 18-decimal mDAI, so that payment-token and stake-token (mUSD) flows are told apart. */
  async function daiTerms(f: SuretyFixture, overrides: Partial<Terms> = {}): Promise<Terms> {
    return makeTerms(f, {
      token: f.dai.address,
      price: parseUnits("100", 18),
      arbiterFee: parseUnits("5", 18),
      ...overrides,
    });
  }

  /** Terms paid in native ETH. */
  async function ethTerms(f: SuretyFixture, overrides: Partial<Terms> = {}): Promise<Terms> {
    return makeTerms(f, {
      token: zeroAddress,
      price: parseEther("1") + 7n,
      arbiterFee: parseEther("0.01"),
      ...overrides,
    });
  }

  /*//////////////////////////////////////////////////////////////
                              disputePact
  //////////////////////////////////////////////////////////////*/

  describe("disputePact", () => {
    it("test_RevertWhen_CallerNotBuyer", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await deliveredPact(f, terms);
      for (const caller of [f.agent, f.arbiter, f.stranger]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.surety.write.disputePact([pactId, terms, REASON], { account: caller.account }),
          f.surety,
          "Surety_CallerNotBuyer",
          [pactId, caller.account.address],
        );
      }
      assert.equal((await pactState(f, pactId)).status, PactStatus.Delivered);
    });

    it("test_RevertGiven_Active", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.disputePact([pactId, terms, REASON], { account: f.buyer.account }),
        f.surety,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Active],
      );
    });

    it("test_RevertGiven_Open", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await createPact(f, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.disputePact([pactId, terms, REASON], { account: f.buyer.account }),
        f.surety,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Open],
      );
    });

    it("test_RevertGiven_AlreadyDisputed", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.disputePact([pactId, terms, REASON], { account: f.buyer.account }),
        f.surety,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Disputed],
      );
    });

    it("test_RevertWhen_TermsLowerTheFee", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await deliveredPact(f, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.disputePact([pactId, { ...terms, arbiterFee: 0n }, REASON], { account: f.buyer.account }),
        f.surety,
        "Surety_TermsMismatch",
        [pactId],
      );
    });

    it("test_GivenDelivered_WhenAtReviewDeadline_Disputes", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await deliveredPact(f, terms);
      const deadline = (await pactState(f, pactId)).at + terms.reviewPeriod;
      await nextTxAt(f, deadline);
      await f.surety.write.disputePact([pactId, terms, REASON], { account: f.buyer.account });
      assert.deepEqual(await pactState(f, pactId), { status: PactStatus.Disputed, at: deadline });
    });

    it("test_RevertWhen_ReviewPeriodLapsed", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await deliveredPact(f, terms);
      const deadline = (await pactState(f, pactId)).at + terms.reviewPeriod;
      await nextTxAt(f, deadline + 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.disputePact([pactId, terms, REASON], { account: f.buyer.account }),
        f.surety,
        "Surety_DeadlinePassed",
        [pactId, BigInt(deadline)],
      );
    });

    it("test_GivenErc20Pact_PullsFeeInPaymentToken", async () => {
      const f = await load();
      const terms = await daiTerms(f);
      const pactId = await deliveredPact(f, terms);
      const buyer = f.buyer.account.address;
      const daiBefore = await f.dai.read.balanceOf([buyer]);
      const usdcBefore = await f.usdc.read.balanceOf([buyer]);
      const escrowBefore = await f.dai.read.balanceOf([f.surety.address]);

      await f.surety.write.disputePact([pactId, terms, REASON], { account: f.buyer.account });

      assert.equal(await f.dai.read.balanceOf([buyer]), daiBefore - terms.arbiterFee);
      assert.equal(await f.dai.read.balanceOf([f.surety.address]), escrowBefore + terms.arbiterFee);
      assert.equal(await f.usdc.read.balanceOf([buyer]), usdcBefore, "no stake-token movement");
    });

    it("test_RevertWhen_Erc20PactSendsValue", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await deliveredPact(f, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.disputePact([pactId, terms, REASON], { account: f.buyer.account, value: 1n }),
        f.surety,
        "Surety_WrongValue",
        [0n, 1n],
      );
    });

    it("test_RevertWhen_EthPactValueNotFee", async () => {
      const f = await load();
      const terms = await ethTerms(f);
      const pactId = await deliveredPact(f, terms);
      for (const value of [0n, terms.arbiterFee - 1n, terms.arbiterFee + 1n]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.surety.write.disputePact([pactId, terms, REASON], { account: f.buyer.account, value }),
          f.surety,
          "Surety_WrongValue",
          [terms.arbiterFee, value],
        );
      }
    });

    it("test_GivenEthPact_WhenValueEqualsFee_HoldsFee", async () => {
      const f = await load();
      const terms = await ethTerms(f);
      const pactId = await deliveredPact(f, terms);
      await viem.assertions.balancesHaveChanged(
        f.surety.write.disputePact([pactId, terms, REASON], { account: f.buyer.account, value: terms.arbiterFee }),
        [
          { address: f.buyer.account.address, amount: -terms.arbiterFee },
          { address: f.surety.address, amount: terms.arbiterFee },
        ],
      );
      assert.equal((await pactState(f, pactId)).status, PactStatus.Disputed);
    });

    it("test_WhenDisputed_EmitsPactDisputed", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await deliveredPact(f, terms);
      await viem.assertions.emitWithArgs(
        f.surety.write.disputePact([pactId, terms, REASON], { account: f.buyer.account }),
        f.surety,
        "PactDisputed",
        [pactId, f.buyer.account.address, f.arbiter.account.address, REASON, terms.arbiterFee],
      );
    });

    it("test_GivenZeroFee_DisputesAndRulesWithoutTokenTransfer", async () => {
      const f = await load();
      const wallets = await viem.getWalletClients();
      const freeArbiter = wallets[10];
      await f.surety.write.registerArbiter([f.usdc.address, 0n, CONFIG.maxRulingPeriod], {
        account: freeArbiter.account,
      });
      const registered = await f.surety.read.arbiterTerms([freeArbiter.account.address, f.usdc.address]);
      assert.equal(registered.registered, true);
      assert.equal(registered.minFee, 0n);

      const terms = await makeTerms(f, { arbiter: freeArbiter.account.address, arbiterFee: 0n });
      const pactId = await deliveredPact(f, terms);
      // With no allowance left, any transferFrom would revert: the dispute must not touch the token.
      await f.usdc.write.approve([f.surety.address, 0n], { account: f.buyer.account });
      const buyerBefore = await f.usdc.read.balanceOf([f.buyer.account.address]);

      const disputeTx = f.surety.write.disputePact([pactId, terms, REASON], { account: f.buyer.account });
      await viem.assertions.emitWithArgs(disputeTx, f.surety, "PactDisputed", [
        pactId,
        f.buyer.account.address,
        freeArbiter.account.address,
        REASON,
        0n,
      ]);
      const disputeReceipt = await f.publicClient.getTransactionReceipt({ hash: await disputeTx });
      assert.equal(
        disputeReceipt.logs.filter((log) => log.address.toLowerCase() === f.usdc.address.toLowerCase()).length,
        0,
        "no token event in the dispute",
      );
      assert.equal(await f.usdc.read.balanceOf([f.buyer.account.address]), buyerBefore);

      const arbiterBefore = await f.usdc.read.balanceOf([freeArbiter.account.address]);
      await viem.assertions.emitWithArgs(
        f.surety.write.resolveDispute([pactId, terms, 10_000, 0n, RULING], { account: freeArbiter.account }),
        f.surety,
        "DisputeResolved",
        [pactId, freeArbiter.account.address, 10_000, terms.price, 0n, 0n, 0n, RULING, false],
      );
      assert.equal(await f.usdc.read.balanceOf([freeArbiter.account.address]), arbiterBefore);
      assert.equal(await f.usdc.read.balanceOf([f.buyer.account.address]), buyerBefore + terms.price);
      assert.equal((await pactState(f, pactId)).status, PactStatus.Resolved);
    });
  });

  /*//////////////////////////////////////////////////////////////
                             submitEvidence
  //////////////////////////////////////////////////////////////*/

  describe("submitEvidence", () => {
    it("test_GivenDisputed_WhenBuyerSubmits_EmitsEvidence", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);
      await viem.assertions.emitWithArgs(
        f.surety.write.submitEvidence([pactId, terms, EVIDENCE], { account: f.buyer.account }),
        f.surety,
        "EvidenceSubmitted",
        [pactId, f.buyer.account.address, EVIDENCE],
      );
      assert.equal((await pactState(f, pactId)).status, PactStatus.Disputed);
    });

    it("test_GivenDisputed_WhenAgentSubmits_EmitsEvidence", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);
      const disputedAt = (await pactState(f, pactId)).at;
      await viem.assertions.emitWithArgs(
        f.surety.write.submitEvidence([pactId, terms, EVIDENCE], { account: f.agent.account }),
        f.surety,
        "EvidenceSubmitted",
        [pactId, f.agent.account.address, EVIDENCE],
      );
      // Evidence does not restart the ruling clock.
      assert.deepEqual(await pactState(f, pactId), { status: PactStatus.Disputed, at: disputedAt });
    });

    it("test_RevertWhen_CallerNotParty", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);
      for (const caller of [f.arbiter, f.stranger]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.surety.write.submitEvidence([pactId, terms, EVIDENCE], { account: caller.account }),
          f.surety,
          "Surety_CallerNotParty",
          [pactId, caller.account.address],
        );
      }
    });

    it("test_RevertGiven_NotDisputed", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await deliveredPact(f, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.submitEvidence([pactId, terms, EVIDENCE], { account: f.buyer.account }),
        f.surety,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Delivered],
      );
    });

    it("test_RevertGiven_Resolved", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);
      await f.surety.write.resolveDispute([pactId, terms, 5_000, 0n, RULING], { account: f.arbiter.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.submitEvidence([pactId, terms, EVIDENCE], { account: f.agent.account }),
        f.surety,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Resolved],
      );
    });
  });

  /*//////////////////////////////////////////////////////////////
                             resolveDispute
  //////////////////////////////////////////////////////////////*/

  describe("resolveDispute", () => {
    it("test_RevertWhen_CallerNotArbiter", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);
      // arbiter2 is registered for mUSD too, but it is not this pact's arbiter.
      assert.equal((await f.surety.read.arbiterTerms([f.arbiter2.account.address, f.usdc.address])).registered, true);
      for (const caller of [f.arbiter2, f.buyer, f.agent]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.surety.write.resolveDispute([pactId, terms, 5_000, 0n, RULING], { account: caller.account }),
          f.surety,
          "Surety_CallerNotArbiter",
          [pactId, caller.account.address],
        );
      }
      assert.equal((await pactState(f, pactId)).status, PactStatus.Disputed);
    });

    it("test_RevertGiven_NotDisputed", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await deliveredPact(f, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.resolveDispute([pactId, terms, 5_000, 0n, RULING], { account: f.arbiter.account }),
        f.surety,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Delivered],
      );
    });

    it("test_WhenOddPrice_SplitsBuyerShareRoundedDown", async () => {
      const f = await load();
      // 100.000001 mUSD: 3,333 bps of it is 33.3300003333, so the buyer gets 33.330000 and the agent the rest.
      const terms = await makeTerms(f, { price: 100_000_001n });
      const pactId = await disputedPact(f, terms);
      const buyerBps = 3_333;
      const toBuyer = 33_330_000n;
      const toAgent = 66_670_001n;
      assert.equal(toBuyer, (terms.price * BigInt(buyerBps)) / 10_000n);
      assert.equal(toBuyer + toAgent, terms.price);

      const buyerBefore = await f.usdc.read.balanceOf([f.buyer.account.address]);
      const agentBefore = await f.usdc.read.balanceOf([f.agent.account.address]);
      await viem.assertions.emitWithArgs(
        f.surety.write.resolveDispute([pactId, terms, buyerBps, 0n, RULING], { account: f.arbiter.account }),
        f.surety,
        "DisputeResolved",
        [pactId, f.arbiter.account.address, buyerBps, toBuyer, toAgent, 0n, terms.arbiterFee, RULING, false],
      );
      assert.equal(await f.usdc.read.balanceOf([f.buyer.account.address]), buyerBefore + toBuyer);
      assert.equal(await f.usdc.read.balanceOf([f.agent.account.address]), agentBefore + toAgent);
    });

    it("test_WhenBpsAtBounds_PaysWholePriceToOneSide", async () => {
      const f = await load();
      const terms = await makeTerms(f, { price: 100_000_001n });
      const allToBuyer = await disputedPact(f, terms);
      const allToAgent = await disputedPact(f, terms);
      const buyerBefore = await f.usdc.read.balanceOf([f.buyer.account.address]);
      const agentBefore = await f.usdc.read.balanceOf([f.agent.account.address]);

      await f.surety.write.resolveDispute([allToBuyer, terms, 10_000, 0n, RULING], { account: f.arbiter.account });
      assert.equal(await f.usdc.read.balanceOf([f.buyer.account.address]), buyerBefore + terms.price);
      assert.equal(await f.usdc.read.balanceOf([f.agent.account.address]), agentBefore);

      await f.surety.write.resolveDispute([allToAgent, terms, 0, 0n, RULING], { account: f.arbiter.account });
      assert.equal(await f.usdc.read.balanceOf([f.buyer.account.address]), buyerBefore + terms.price);
      assert.equal(await f.usdc.read.balanceOf([f.agent.account.address]), agentBefore + terms.price);
    });

    it("test_RevertWhen_BpsTooHigh", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.resolveDispute([pactId, terms, 10_001, 0n, RULING], { account: f.arbiter.account }),
        f.surety,
        "Surety_BpsTooHigh",
        [10_001],
      );
    });

    it("test_RevertWhen_SlashExceedsCollateral", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.resolveDispute([pactId, terms, 5_000, terms.collateral + 1n, RULING], {
          account: f.arbiter.account,
        }),
        f.surety,
        "Surety_SlashExceedsCollateral",
        [terms.collateral + 1n, terms.collateral],
      );
    });

    it("test_WhenSlashing_PaysSlashInStakeTokenAndFeeToArbiter", async () => {
      const f = await load();
      // Paid in mDAI so the slash (mUSD, the stake token) is told apart from the price split.
      const terms = await daiTerms(f);
      const pactId = await disputedPact(f, terms);
      const slash = usd("30");
      const buyerBps = 2_500;
      const toBuyer = terms.price / 4n;
      const toAgent = terms.price - toBuyer;
      const buyer = f.buyer.account.address;
      const agent = f.agent.account.address;
      const arbiter = f.arbiter.account.address;
      const before = {
        buyerDai: await f.dai.read.balanceOf([buyer]),
        buyerUsdc: await f.usdc.read.balanceOf([buyer]),
        agentDai: await f.dai.read.balanceOf([agent]),
        agentUsdc: await f.usdc.read.balanceOf([agent]),
        arbiterDai: await f.dai.read.balanceOf([arbiter]),
        escrowDai: await f.dai.read.balanceOf([f.surety.address]),
        escrowUsdc: await f.usdc.read.balanceOf([f.surety.address]),
        stake: await stakeOf(f, agent),
      };
      assert.equal(before.stake.locked, terms.collateral);

      await viem.assertions.emitWithArgs(
        f.surety.write.resolveDispute([pactId, terms, buyerBps, slash, RULING], { account: f.arbiter.account }),
        f.surety,
        "DisputeResolved",
        [pactId, arbiter, buyerBps, toBuyer, toAgent, slash, terms.arbiterFee, RULING, false],
      );

      assert.equal(await f.dai.read.balanceOf([buyer]), before.buyerDai + toBuyer);
      assert.equal(await f.usdc.read.balanceOf([buyer]), before.buyerUsdc + slash);
      assert.equal(await f.dai.read.balanceOf([agent]), before.agentDai + toAgent);
      assert.equal(
        await f.usdc.read.balanceOf([agent]),
        before.agentUsdc,
        "the slash leaves the contract, not the agent",
      );
      assert.equal(await f.dai.read.balanceOf([arbiter]), before.arbiterDai + terms.arbiterFee);
      assert.equal(await f.dai.read.balanceOf([f.surety.address]), before.escrowDai - terms.price - terms.arbiterFee);
      assert.equal(await f.usdc.read.balanceOf([f.surety.address]), before.escrowUsdc - slash);

      const after = await stakeOf(f, agent);
      assert.equal(after.staked, before.stake.staked - slash);
      assert.equal(after.locked, before.stake.locked - terms.collateral);
      assert.equal(after.free, before.stake.free + terms.collateral - slash);
      assert.equal((await pactState(f, pactId)).status, PactStatus.Resolved);
    });

    it("test_WhenSlashEqualsCollateral_SlashesAll", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);
      const agent = f.agent.account.address;
      const before = await stakeOf(f, agent);
      const buyerBefore = await f.usdc.read.balanceOf([f.buyer.account.address]);
      await f.surety.write.resolveDispute([pactId, terms, 10_000, terms.collateral, RULING], {
        account: f.arbiter.account,
      });
      const after = await stakeOf(f, agent);
      assert.equal(after.staked, before.staked - terms.collateral);
      assert.equal(after.locked, before.locked - terms.collateral);
      assert.equal(after.free, before.free);
      assert.equal(
        await f.usdc.read.balanceOf([f.buyer.account.address]),
        buyerBefore + terms.price + terms.collateral,
      );
    });

    it("test_GivenDisputed_WhenAtRulingDeadline_Resolves", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);
      const deadline = (await pactState(f, pactId)).at + terms.rulingPeriod;
      await nextTxAt(f, deadline);
      await f.surety.write.resolveDispute([pactId, terms, 5_000, 0n, RULING], { account: f.arbiter.account });
      assert.deepEqual(await pactState(f, pactId), { status: PactStatus.Resolved, at: deadline });
    });

    it("test_RevertWhen_RulingPeriodLapsed", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);
      const deadline = (await pactState(f, pactId)).at + terms.rulingPeriod;
      await nextTxAt(f, deadline + 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.resolveDispute([pactId, terms, 5_000, 0n, RULING], { account: f.arbiter.account }),
        f.surety,
        "Surety_DeadlinePassed",
        [pactId, BigInt(deadline)],
      );
    });

    it("test_RevertWhen_RuledTwice", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);
      await f.surety.write.resolveDispute([pactId, terms, 5_000, 0n, RULING], { account: f.arbiter.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.resolveDispute([pactId, terms, 5_000, 0n, RULING], { account: f.arbiter.account }),
        f.surety,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Resolved],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.abstain([pactId, terms, RULING], { account: f.arbiter.account }),
        f.surety,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Resolved],
      );
    });

    it("test_GivenEthPact_WhenRuled_PaysEthAndSlashesStakeToken", async () => {
      const f = await load();
      const terms = await ethTerms(f);
      const pactId = await disputedPact(f, terms);
      const buyerBps = 6_000;
      const slash = usd("10");
      const toBuyer = (terms.price * 6_000n) / 10_000n;
      const toAgent = terms.price - toBuyer;
      assert.equal(await f.publicClient.getBalance({ address: f.surety.address }), terms.price + terms.arbiterFee);
      const buyerUsdcBefore = await f.usdc.read.balanceOf([f.buyer.account.address]);

      const tx = f.surety.write.resolveDispute([pactId, terms, buyerBps, slash, RULING], {
        account: f.arbiter.account,
      });
      await viem.assertions.balancesHaveChanged(tx, [
        { address: f.buyer.account.address, amount: toBuyer },
        { address: f.agent.account.address, amount: toAgent },
        { address: f.arbiter.account.address, amount: terms.arbiterFee },
        { address: f.surety.address, amount: -(terms.price + terms.arbiterFee) },
      ]);
      await viem.assertions.emitWithArgs(tx, f.surety, "DisputeResolved", [
        pactId,
        f.arbiter.account.address,
        buyerBps,
        toBuyer,
        toAgent,
        slash,
        terms.arbiterFee,
        RULING,
        false,
      ]);
      assert.equal(await f.publicClient.getBalance({ address: f.surety.address }), 0n);
      assert.equal(await f.usdc.read.balanceOf([f.buyer.account.address]), buyerUsdcBefore + slash);
      assert.equal(await f.surety.read.creditOf([zeroAddress, f.buyer.account.address]), 0n);
    });
  });

  /*//////////////////////////////////////////////////////////////
                                abstain
  //////////////////////////////////////////////////////////////*/

  describe("abstain", () => {
    it("test_WhenArbiterAbstains_AppliesDefaultSplitAndRefundsFee", async () => {
      const f = await load();
      // 7,001 bps of 100.000001 is 70.0100007001: the buyer gets 70.010000 (rounded down), the agent 29.990001.
      const terms = await makeTerms(f, { price: 100_000_001n, defaultBuyerBps: 7_001 });
      const pactId = await disputedPact(f, terms);
      const toBuyer = 70_010_000n;
      const toAgent = 29_990_001n;
      assert.equal(toBuyer + toAgent, terms.price);
      const buyer = f.buyer.account.address;
      const agent = f.agent.account.address;
      const arbiter = f.arbiter.account.address;
      const before = {
        buyer: await f.usdc.read.balanceOf([buyer]),
        agent: await f.usdc.read.balanceOf([agent]),
        arbiter: await f.usdc.read.balanceOf([arbiter]),
        stake: await stakeOf(f, agent),
      };

      await viem.assertions.emitWithArgs(
        f.surety.write.abstain([pactId, terms, RULING], { account: f.arbiter.account }),
        f.surety,
        "DisputeResolved",
        [pactId, arbiter, 7_001, toBuyer, toAgent, 0n, 0n, RULING, true],
      );

      assert.equal(await f.usdc.read.balanceOf([buyer]), before.buyer + toBuyer + terms.arbiterFee);
      assert.equal(await f.usdc.read.balanceOf([agent]), before.agent + toAgent);
      assert.equal(await f.usdc.read.balanceOf([arbiter]), before.arbiter);
      const after = await stakeOf(f, agent);
      assert.equal(after.staked, before.stake.staked, "no slash");
      assert.equal(after.locked, before.stake.locked - terms.collateral);
      assert.equal((await pactState(f, pactId)).status, PactStatus.Abstained);
    });

    it("test_RevertWhen_CallerNotArbiter", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);
      for (const caller of [f.arbiter2, f.buyer, f.agent]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.surety.write.abstain([pactId, terms, RULING], { account: caller.account }),
          f.surety,
          "Surety_CallerNotArbiter",
          [pactId, caller.account.address],
        );
      }
    });

    it("test_GivenDisputed_WhenAtRulingDeadline_Abstains", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);
      const deadline = (await pactState(f, pactId)).at + terms.rulingPeriod;
      await nextTxAt(f, deadline);
      await f.surety.write.abstain([pactId, terms, RULING], { account: f.arbiter.account });
      assert.deepEqual(await pactState(f, pactId), { status: PactStatus.Abstained, at: deadline });
    });
  });

  /*//////////////////////////////////////////////////////////////
                           applyDefaultRuling
  //////////////////////////////////////////////////////////////*/

  describe("applyDefaultRuling", () => {
    it("test_RevertWhen_AtRulingDeadline", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);
      const deadline = (await pactState(f, pactId)).at + terms.rulingPeriod;
      await nextTxAt(f, deadline);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.applyDefaultRuling([pactId, terms], { account: f.stranger.account }),
        f.surety,
        "Surety_DeadlineNotPassed",
        [pactId, BigInt(deadline)],
      );
    });

    it("test_GivenDisputed_WhenRulingLapsed_AppliesDefault", async () => {
      const f = await load();
      const terms = await makeTerms(f, { price: 100_000_001n, defaultBuyerBps: 3_333 });
      const pactId = await disputedPact(f, terms);
      const toBuyer = 33_330_000n;
      const toAgent = 66_670_001n;
      const buyer = f.buyer.account.address;
      const agent = f.agent.account.address;
      const before = {
        buyer: await f.usdc.read.balanceOf([buyer]),
        agent: await f.usdc.read.balanceOf([agent]),
        arbiter: await f.usdc.read.balanceOf([f.arbiter.account.address]),
        stake: await stakeOf(f, agent),
      };
      const deadline = (await pactState(f, pactId)).at + terms.rulingPeriod;
      await nextTxAt(f, deadline + 1);

      // Anyone may apply it: here a stranger.
      await viem.assertions.emitWithArgs(
        f.surety.write.applyDefaultRuling([pactId, terms], { account: f.stranger.account }),
        f.surety,
        "DefaultRulingApplied",
        [pactId, f.stranger.account.address, 3_333, toBuyer, toAgent, terms.arbiterFee],
      );

      assert.deepEqual(await pactState(f, pactId), { status: PactStatus.DefaultRuled, at: deadline + 1 });
      assert.equal(await f.usdc.read.balanceOf([buyer]), before.buyer + toBuyer + terms.arbiterFee);
      assert.equal(await f.usdc.read.balanceOf([agent]), before.agent + toAgent);
      assert.equal(await f.usdc.read.balanceOf([f.arbiter.account.address]), before.arbiter);
      const after = await stakeOf(f, agent);
      assert.equal(after.staked, before.stake.staked, "no slash");
      assert.equal(after.locked, before.stake.locked - terms.collateral);
    });

    it("test_GivenRulingLapsed_WhenArbiterRulesLate_RevertsAndDefaultApplies", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);
      const deadline = (await pactState(f, pactId)).at + terms.rulingPeriod;
      await nextTxAt(f, deadline + 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.resolveDispute([pactId, terms, 10_000, terms.collateral, RULING], {
          account: f.arbiter.account,
        }),
        f.surety,
        "Surety_DeadlinePassed",
        [pactId, BigInt(deadline)],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.abstain([pactId, terms, RULING], { account: f.arbiter.account }),
        f.surety,
        "Surety_DeadlinePassed",
        [pactId, BigInt(deadline)],
      );
      await f.surety.write.applyDefaultRuling([pactId, terms], { account: f.agent.account });
      assert.equal((await pactState(f, pactId)).status, PactStatus.DefaultRuled);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.applyDefaultRuling([pactId, terms], { account: f.agent.account }),
        f.surety,
        "Surety_InvalidStatus",
        [pactId, PactStatus.DefaultRuled],
      );
    });

    it("test_RevertGiven_NotDisputed", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await deliveredPact(f, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.applyDefaultRuling([pactId, terms], { account: f.stranger.account }),
        f.surety,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Delivered],
      );
    });

    it("test_GivenEthPact_WhenRulingLapsed_RefundsFeeInEth", async () => {
      const f = await load();
      const terms = await ethTerms(f, { defaultBuyerBps: 2_500 });
      const pactId = await disputedPact(f, terms);
      const toBuyer = (terms.price * 2_500n) / 10_000n;
      const toAgent = terms.price - toBuyer;
      await nextTxAt(f, (await pactState(f, pactId)).at + terms.rulingPeriod + 1);
      await viem.assertions.balancesHaveChanged(
        f.surety.write.applyDefaultRuling([pactId, terms], { account: f.stranger.account }),
        [
          { address: f.buyer.account.address, amount: toBuyer + terms.arbiterFee },
          { address: f.agent.account.address, amount: toAgent },
          { address: f.arbiter.account.address, amount: 0n },
          { address: f.surety.address, amount: -(terms.price + terms.arbiterFee) },
        ],
      );
      assert.equal((await pactState(f, pactId)).status, PactStatus.DefaultRuled);
    });
  });

  /*//////////////////////////////////////////////////////////////
                      releasePact during a dispute
  //////////////////////////////////////////////////////////////*/

  describe("releasePact during a dispute", () => {
    it("test_GivenDisputed_WhenBuyerReleases_PaysAgentAndRefundsFee", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);
      const buyer = f.buyer.account.address;
      const agent = f.agent.account.address;
      const buyerBefore = await f.usdc.read.balanceOf([buyer]);
      const agentBefore = await f.usdc.read.balanceOf([agent]);
      const stakeBefore = await stakeOf(f, agent);

      await viem.assertions.emitWithArgs(
        f.surety.write.releasePact([pactId, terms], { account: f.buyer.account }),
        f.surety,
        "PactReleased",
        [pactId, buyer, agent, terms.price, terms.arbiterFee],
      );

      assert.equal(await f.usdc.read.balanceOf([buyer]), buyerBefore + terms.arbiterFee);
      assert.equal(await f.usdc.read.balanceOf([agent]), agentBefore + terms.price);
      const stakeAfter = await stakeOf(f, agent);
      assert.equal(stakeAfter.staked, stakeBefore.staked);
      assert.equal(stakeAfter.locked, stakeBefore.locked - terms.collateral);
      assert.equal((await pactState(f, pactId)).status, PactStatus.Released);

      // The arbiter can no longer rule.
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.resolveDispute([pactId, terms, 10_000, 0n, RULING], { account: f.arbiter.account }),
        f.surety,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Released],
      );
    });

    it("test_GivenDelivered_WhenBuyerReleases_RefundsNoFee", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await deliveredPact(f, terms);
      await viem.assertions.emitWithArgs(
        f.surety.write.releasePact([pactId, terms], { account: f.buyer.account }),
        f.surety,
        "PactReleased",
        [pactId, f.buyer.account.address, f.agent.account.address, terms.price, 0n],
      );
    });
  });

  /*//////////////////////////////////////////////////////////////
                 finalize versus dispute at the deadline
  //////////////////////////////////////////////////////////////*/

  describe("finalize versus dispute at the review deadline", () => {
    it("test_GivenReviewDeadline_DisputeWinsAndFinalizeReverts", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await deliveredPact(f, terms);
      const deadline = (await pactState(f, pactId)).at + terms.reviewPeriod;

      await nextTxAt(f, deadline);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.finalizePact([pactId, terms], { account: f.agent.account }),
        f.surety,
        "Surety_DeadlineNotPassed",
        [pactId, BigInt(deadline)],
      );
      // The refused finalize mined nothing, so the dispute still runs at the deadline itself.
      await nextTxAt(f, deadline);
      await f.surety.write.disputePact([pactId, terms, REASON], { account: f.buyer.account });
      assert.deepEqual(await pactState(f, pactId), { status: PactStatus.Disputed, at: deadline });

      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.finalizePact([pactId, terms], { account: f.agent.account }),
        f.surety,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Disputed],
      );
    });

    it("test_GivenReviewLapsed_FinalizeWinsAndDisputeReverts", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await deliveredPact(f, terms);
      const deadline = (await pactState(f, pactId)).at + terms.reviewPeriod;
      const agentBefore = await f.usdc.read.balanceOf([f.agent.account.address]);

      await nextTxAt(f, deadline + 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.disputePact([pactId, terms, REASON], { account: f.buyer.account }),
        f.surety,
        "Surety_DeadlinePassed",
        [pactId, BigInt(deadline)],
      );
      await nextTxAt(f, deadline + 1);
      await viem.assertions.emitWithArgs(
        f.surety.write.finalizePact([pactId, terms], { account: f.stranger.account }),
        f.surety,
        "PactFinalized",
        [pactId, f.agent.account.address, f.stranger.account.address, terms.price],
      );
      assert.deepEqual(await pactState(f, pactId), { status: PactStatus.Finalized, at: deadline + 1 });
      assert.equal(await f.usdc.read.balanceOf([f.agent.account.address]), agentBefore + terms.price);
    });
  });
});
