import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { getAddress, parseSignature, zeroAddress, type Hex } from "viem";

import {
  AgentStatus,
  CONFIG,
  DAY,
  PactStatus,
  activePact,
  createPact,
  deploySurety,
  disputedPact,
  hashOf,
  makeOffer,
  makeTerms,
  mineAt,
  nextTxAt,
  now,
  signOffer,
  stakeOf,
  usd,
  type SuretyFixture,
} from "../helpers/fixture.ts";

const UNBONDING = CONFIG.unbondingDelay;
const MAX_FREEZE = CONFIG.maxFreeze;
const INITIAL_STAKE = usd("10000");

/** Signs an EIP-2612 permit on the stake token (MockERC20Permit "Mock USD", version "1") from the agent to Surety. */
async function signStakePermit(f: SuretyFixture, value: bigint, deadline: bigint, signer = f.agent) {
  const owner = f.agent.account.address;
  const nonce = await f.usdc.read.nonces([owner]);
  const chainId = await f.publicClient.getChainId();
  const signature = await signer.signTypedData({
    account: signer.account,
    domain: { name: "Mock USD", version: "1", chainId, verifyingContract: f.usdc.address },
    types: {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    primaryType: "Permit",
    message: { owner, spender: f.surety.address, value, nonce, deadline },
  });
  const { r, s, v, yParity } = parseSignature(signature as Hex);
  return { deadline, v: v !== undefined ? Number(v) : 27 + yParity, r, s };
}

describe("Surety stake", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;
  const load = () => networkHelpers.loadFixture(deploySurety);

  describe("depositStake", () => {
    it("test_RevertWhen_AmountZero", async () => {
      const f = await load();
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.depositStake([0n], { account: f.agent.account }),
        f.surety,
        "Surety_ZeroAmount",
        [],
      );
    });

    it("test_WhenAmountPositive_BondsStakeAndPullsTokens", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      const agentBefore = await f.usdc.read.balanceOf([agent]);
      const suretyBefore = await f.usdc.read.balanceOf([f.surety.address]);
      const amount = usd("1234.5");

      await viem.assertions.emitWithArgs(
        f.surety.write.depositStake([amount], { account: f.agent.account }),
        f.surety,
        "StakeDeposited",
        [agent, amount, INITIAL_STAKE + amount],
      );

      const stake = await stakeOf(f);
      assert.equal(stake.staked, INITIAL_STAKE + amount);
      assert.equal(stake.free, INITIAL_STAKE + amount);
      assert.equal(stake.locked, 0n);
      assert.equal(stake.queued, 0n);
      assert.equal(await f.usdc.read.balanceOf([agent]), agentBefore - amount);
      assert.equal(await f.usdc.read.balanceOf([f.surety.address]), suretyBefore + amount);
    });

    it("test_GivenFirstDeposit_WhenNewAgent_OpensAccount", async () => {
      const f = await load();
      const newcomer = f.stranger.account.address;
      assert.equal((await stakeOf(f, newcomer)).staked, 0n);
      await viem.assertions.emitWithArgs(
        f.surety.write.depositStake([usd("7")], { account: f.stranger.account }),
        f.surety,
        "StakeDeposited",
        [newcomer, usd("7"), usd("7")],
      );
      const stake = await stakeOf(f, newcomer);
      assert.equal(stake.staked, usd("7"));
      assert.equal(stake.free, usd("7"));
    });

    it("test_GivenQueuedAndLocked_WhenDeposit_BondedExcludesQueued", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      const terms = await makeTerms(f, { collateral: usd("300"), penalty: usd("100") });
      await activePact(f, terms);
      await f.surety.write.requestWithdrawal([usd("1000")], { account: f.agent.account });

      // bonded = 10,000 - 1,000 queued + 500 deposited; the queue and the lock are untouched.
      await viem.assertions.emitWithArgs(
        f.surety.write.depositStake([usd("500")], { account: f.agent.account }),
        f.surety,
        "StakeDeposited",
        [agent, usd("500"), usd("9500")],
      );
      const stake = await stakeOf(f);
      assert.equal(stake.staked, usd("10500"));
      assert.equal(stake.queued, usd("1000"));
      assert.equal(stake.locked, usd("300"));
      assert.equal(stake.free, usd("9200"));
    });

    it("test_RevertWhen_AllowanceMissing", async () => {
      const f = await load();
      await f.usdc.write.approve([f.surety.address, 0n], { account: f.agent.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.depositStake([usd("1")], { account: f.agent.account }),
        f.usdc,
        "ERC20InsufficientAllowance",
        [f.surety.address, 0n, usd("1")],
      );
      assert.equal((await stakeOf(f)).staked, INITIAL_STAKE);
    });

    it("test_RevertWhen_StakeTokenTakesTransferFee", async () => {
      const f = await load();
      const feeToken = await viem.deployContract("MockFeeOnTransferToken");
      const feeSurety = await viem.deployContract("Surety", [
        { stakeToken: feeToken.address, ...CONFIG },
        f.admin.account.address,
        3 * 86_400,
        zeroAddress,
        zeroAddress,
      ]);
      const amount = 1_000_000n;
      await feeToken.write.mint([f.agent.account.address, amount]);
      await feeToken.write.approve([feeSurety.address, amount], { account: f.agent.account });

      // The token burns 1% in transit, so only 990,000 arrive.
      await viem.assertions.revertWithCustomErrorWithArgs(
        feeSurety.write.depositStake([amount], { account: f.agent.account }),
        feeSurety,
        "Surety_TransferMismatch",
        [feeToken.address, amount, 990_000n],
      );
      const [staked] = await feeSurety.read.stakeOf([f.agent.account.address]);
      assert.equal(staked, 0n);
      assert.equal(await feeToken.read.balanceOf([feeSurety.address]), 0n);
      assert.equal(await feeToken.read.balanceOf([f.agent.account.address]), amount);
    });
  });

  describe("depositStakeWithPermit", () => {
    it("test_GivenZeroAllowance_WhenPermitValid_Deposits", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      await f.usdc.write.approve([f.surety.address, 0n], { account: f.agent.account });
      assert.equal(await f.usdc.read.allowance([agent, f.surety.address]), 0n);

      const amount = usd("250");
      const nonceBefore = await f.usdc.read.nonces([agent]);
      const permit = await signStakePermit(f, amount, BigInt((await now(f)) + 3_600));
      const agentBefore = await f.usdc.read.balanceOf([agent]);

      await viem.assertions.emitWithArgs(
        f.surety.write.depositStakeWithPermit([amount, permit], { account: f.agent.account }),
        f.surety,
        "StakeDeposited",
        [agent, amount, INITIAL_STAKE + amount],
      );
      assert.equal(await f.usdc.read.nonces([agent]), nonceBefore + 1n);
      assert.equal(await f.usdc.read.allowance([agent, f.surety.address]), 0n);
      assert.equal(await f.usdc.read.balanceOf([agent]), agentBefore - amount);
      assert.equal((await stakeOf(f)).staked, INITIAL_STAKE + amount);
    });

    it("test_GivenZeroAllowance_WhenPermitSignedByOther_RevertsOnTransfer", async () => {
      const f = await load();
      await f.usdc.write.approve([f.surety.address, 0n], { account: f.agent.account });
      const amount = usd("250");
      // Signed by the stranger on the agent's behalf: the permit fails, is ignored, and the pull finds no allowance.
      const permit = await signStakePermit(f, amount, BigInt((await now(f)) + 3_600), f.stranger);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.depositStakeWithPermit([amount, permit], { account: f.agent.account }),
        f.usdc,
        "ERC20InsufficientAllowance",
        [f.surety.address, 0n, amount],
      );
      assert.equal((await stakeOf(f)).staked, INITIAL_STAKE);
    });

    it("test_GivenPermitFrontRun_WhenAllowanceSuffices_StillDeposits", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      await f.usdc.write.approve([f.surety.address, 0n], { account: f.agent.account });
      const amount = usd("40");
      const permit = await signStakePermit(f, amount, BigInt((await now(f)) + 3_600));
      // Someone spends the permit first; Surety's own permit call then fails and is ignored.
      await f.usdc.write.permit([agent, f.surety.address, amount, permit.deadline, permit.v, permit.r, permit.s], {
        account: f.stranger.account,
      });
      await viem.assertions.emitWithArgs(
        f.surety.write.depositStakeWithPermit([amount, permit], { account: f.agent.account }),
        f.surety,
        "StakeDeposited",
        [agent, amount, INITIAL_STAKE + amount],
      );
      assert.equal(await f.usdc.read.allowance([agent, f.surety.address]), 0n);
    });

    it("test_RevertWhen_PermitAmountZero", async () => {
      const f = await load();
      const permit = await signStakePermit(f, 0n, BigInt((await now(f)) + 3_600));
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.depositStakeWithPermit([0n, permit], { account: f.agent.account }),
        f.surety,
        "Surety_ZeroAmount",
        [],
      );
    });
  });

  describe("requestWithdrawal", () => {
    it("test_RevertWhen_AmountZero", async () => {
      const f = await load();
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.requestWithdrawal([0n], { account: f.agent.account }),
        f.surety,
        "Surety_ZeroAmount",
        [],
      );
    });

    it("test_RevertGiven_CollateralLocked_WhenAmountExceedsFree", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      const terms = await makeTerms(f, { collateral: usd("50") });
      await activePact(f, terms);
      const free = INITIAL_STAKE - usd("50");
      assert.equal((await stakeOf(f)).free, free);

      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.requestWithdrawal([free + 1n], { account: f.agent.account }),
        f.surety,
        "Surety_InsufficientFreeStake",
        [agent, free, free + 1n],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.requestWithdrawal([INITIAL_STAKE], { account: f.agent.account }),
        f.surety,
        "Surety_InsufficientFreeStake",
        [agent, free, INITIAL_STAKE],
      );
      // Exactly the free stake can be queued.
      await f.surety.write.requestWithdrawal([free], { account: f.agent.account });
      const stake = await stakeOf(f);
      assert.equal(stake.queued, free);
      assert.equal(stake.free, 0n);
      assert.equal(stake.locked, usd("50"));
    });

    it("test_RevertGiven_AlreadyQueued_WhenAmountExceedsRemainingFree", async () => {
      const f = await load();
      await f.surety.write.requestWithdrawal([usd("9000")], { account: f.agent.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.requestWithdrawal([usd("1000") + 1n], { account: f.agent.account }),
        f.surety,
        "Surety_InsufficientFreeStake",
        [f.agent.account.address, usd("1000"), usd("1000") + 1n],
      );
    });

    it("test_WhenAmountWithinFree_QueuesWithUnbondingDelay", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      const t = (await now(f)) + 10;
      const amount = usd("600");
      const balanceBefore = await f.usdc.read.balanceOf([agent]);

      await nextTxAt(f, t);
      await viem.assertions.emitWithArgs(
        f.surety.write.requestWithdrawal([amount], { account: f.agent.account }),
        f.surety,
        "WithdrawalRequested",
        [agent, amount, amount, t + UNBONDING],
      );
      const stake = await stakeOf(f);
      assert.equal(stake.staked, INITIAL_STAKE, "queued stake still counts as staked");
      assert.equal(stake.queued, amount);
      assert.equal(stake.readyAt, t + UNBONDING);
      assert.equal(stake.free, INITIAL_STAKE - amount);
      assert.equal(stake.locked, 0n);
      assert.equal(await f.usdc.read.balanceOf([agent]), balanceBefore, "requesting moves no tokens");
    });

    it("test_WhenSecondRequest_RestartsDelayForWholeQueue", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      const t1 = (await now(f)) + 10;
      await nextTxAt(f, t1);
      await f.surety.write.requestWithdrawal([usd("100")], { account: f.agent.account });

      const t2 = t1 + 3 * 86_400;
      await nextTxAt(f, t2);
      await viem.assertions.emitWithArgs(
        f.surety.write.requestWithdrawal([usd("200")], { account: f.agent.account }),
        f.surety,
        "WithdrawalRequested",
        [agent, usd("200"), usd("300"), t2 + UNBONDING],
      );

      // The first request's original readyAt no longer applies, not even to its own 100.
      await nextTxAt(f, t1 + UNBONDING);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.withdrawStake([f.agent.account.address], { account: f.agent.account }),
        f.surety,
        "Surety_WithdrawalNotReady",
        [agent, BigInt(t2 + UNBONDING)],
      );
      await nextTxAt(f, t2 + UNBONDING);
      await viem.assertions.emitWithArgs(
        f.surety.write.withdrawStake([f.agent.account.address], { account: f.agent.account }),
        f.surety,
        "StakeWithdrawn",
        [agent, agent, usd("300")],
      );
    });

    it("test_WhenRequested_NeverReducesLocked", async () => {
      const f = await load();
      const termsA = await makeTerms(f, { collateral: usd("300"), penalty: usd("0") });
      const termsB = await makeTerms(f, { collateral: usd("700"), penalty: usd("0"), termsHash: hashOf("b") });
      const pactA = await activePact(f, termsA);
      await activePact(f, termsB);

      await f.surety.write.requestWithdrawal([usd("4000")], { account: f.agent.account });
      assert.equal((await stakeOf(f)).locked, usd("1000"));
      await f.surety.write.requestWithdrawal([usd("5000")], { account: f.agent.account });
      const stake = await stakeOf(f);
      assert.equal(stake.locked, usd("1000"));
      assert.equal(stake.free, 0n);
      assert.equal(stake.staked, INITIAL_STAKE);

      // The lock is still whole and releases normally into free stake.
      await f.surety.write.releasePact([pactA, termsA], { account: f.buyer.account });
      const after = await stakeOf(f);
      assert.equal(after.locked, usd("700"));
      assert.equal(after.free, usd("300"));
      assert.equal(after.queued, usd("9000"));
    });
  });

  describe("withdrawStake", () => {
    it("test_RevertWhen_RecipientZeroOrSurety", async () => {
      const f = await load();
      await f.surety.write.requestWithdrawal([usd("10")], { account: f.agent.account });
      await mineAt(f, (await stakeOf(f)).readyAt);
      for (const recipient of [zeroAddress, f.surety.address]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.surety.write.withdrawStake([recipient], { account: f.agent.account }),
          f.surety,
          "Surety_InvalidRecipient",
          [getAddress(recipient)],
        );
      }
      assert.equal((await stakeOf(f)).queued, usd("10"));
    });

    it("test_WhenRecipientGiven_PaysTheRecipient", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      const recipient = f.stranger.account.address;
      await f.surety.write.requestWithdrawal([usd("40")], { account: f.agent.account });
      await mineAt(f, (await stakeOf(f)).readyAt);
      const [agentBefore, recipientBefore] = await Promise.all([
        f.usdc.read.balanceOf([agent]),
        f.usdc.read.balanceOf([recipient]),
      ]);
      await viem.assertions.emitWithArgs(
        f.surety.write.withdrawStake([recipient], { account: f.agent.account }),
        f.surety,
        "StakeWithdrawn",
        [agent, recipient, usd("40")],
      );
      assert.equal(await f.usdc.read.balanceOf([recipient]), recipientBefore + usd("40"));
      assert.equal(await f.usdc.read.balanceOf([agent]), agentBefore);
      assert.equal((await stakeOf(f)).queued, 0n);
    });

    it("test_RevertWhen_NothingQueued", async () => {
      const f = await load();
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.withdrawStake([f.agent.account.address], { account: f.agent.account }),
        f.surety,
        "Surety_NothingQueued",
        [f.agent.account.address],
      );
    });

    it("test_RevertWhen_BeforeReadyAt", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      await f.surety.write.requestWithdrawal([usd("10")], { account: f.agent.account });
      const { readyAt } = await stakeOf(f);

      await nextTxAt(f, readyAt - 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.withdrawStake([f.agent.account.address], { account: f.agent.account }),
        f.surety,
        "Surety_WithdrawalNotReady",
        [agent, BigInt(readyAt)],
      );
    });

    it("test_WhenAtReadyAt_WithdrawsWholeQueue", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      await f.surety.write.requestWithdrawal([usd("2500")], { account: f.agent.account });
      const { readyAt } = await stakeOf(f);
      const agentBefore = await f.usdc.read.balanceOf([agent]);
      const suretyBefore = await f.usdc.read.balanceOf([f.surety.address]);

      await nextTxAt(f, readyAt);
      await viem.assertions.emitWithArgs(
        f.surety.write.withdrawStake([f.agent.account.address], { account: f.agent.account }),
        f.surety,
        "StakeWithdrawn",
        [agent, agent, usd("2500")],
      );
      assert.equal(await f.usdc.read.balanceOf([agent]), agentBefore + usd("2500"));
      assert.equal(await f.usdc.read.balanceOf([f.surety.address]), suretyBefore - usd("2500"));
      const stake = await stakeOf(f);
      assert.equal(stake.staked, usd("7500"));
      assert.equal(stake.queued, 0n);
      assert.equal(stake.readyAt, 0);
      assert.equal(stake.free, usd("7500"));

      // The queue is empty again.
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.withdrawStake([f.agent.account.address], { account: f.agent.account }),
        f.surety,
        "Surety_NothingQueued",
        [agent],
      );
    });

    it("test_GivenFreezeRunning_RevertsThenWithdrawsAfterItLapses", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      const t0 = (await now(f)) + 10;
      await nextTxAt(f, t0);
      await f.surety.write.requestWithdrawal([usd("1000")], { account: f.agent.account });

      const tf = t0 + 60;
      await nextTxAt(f, tf);
      await f.ops.write.setAgentStatus([agent, AgentStatus.UnderReview, usd("100000"), hashOf("review")], {
        account: f.operator.account,
      });
      const frozenUntil = tf + MAX_FREEZE;
      assert.equal((await f.surety.read.standingOf([agent])).frozenUntil, frozenUntil);

      await nextTxAt(f, t0 + UNBONDING);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.withdrawStake([f.agent.account.address], { account: f.agent.account }),
        f.surety,
        "Surety_StakeFrozen",
        [agent, BigInt(frozenUntil)],
      );
      await nextTxAt(f, frozenUntil - 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.withdrawStake([f.agent.account.address], { account: f.agent.account }),
        f.surety,
        "Surety_StakeFrozen",
        [agent, BigInt(frozenUntil)],
      );

      const before = await f.usdc.read.balanceOf([agent]);
      await nextTxAt(f, frozenUntil);
      await viem.assertions.emitWithArgs(
        f.surety.write.withdrawStake([f.agent.account.address], { account: f.agent.account }),
        f.surety,
        "StakeWithdrawn",
        [agent, agent, usd("1000")],
      );
      assert.equal(await f.usdc.read.balanceOf([agent]), before + usd("1000"));
    });
  });

  describe("slashing", () => {
    it("test_WhenRefundOnOnePact_SlashesOnlyItsPenalty", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      const t = await now(f);
      const termsA = await makeTerms(f, { collateral: usd("50"), penalty: usd("20") });
      const termsB = await makeTerms(f, {
        collateral: usd("300"),
        penalty: usd("300"),
        deliverBy: t + 20 * 86_400,
        termsHash: hashOf("pact b"),
      });
      const pactA = await activePact(f, termsA);
      const pactB = await activePact(f, termsB);
      assert.equal((await stakeOf(f)).locked, usd("350"));

      const buyerBefore = await f.usdc.read.balanceOf([f.buyer.account.address]);
      const suretyBefore = await f.usdc.read.balanceOf([f.surety.address]);
      await nextTxAt(f, termsA.deliverBy + 1);
      await viem.assertions.emitWithArgs(
        f.surety.write.claimRefund([pactA, termsA], { account: f.stranger.account }),
        f.surety,
        "PactRefunded",
        [pactA, f.buyer.account.address, agent, f.stranger.account.address, termsA.price, termsA.penalty],
      );

      let stake = await stakeOf(f);
      assert.equal(stake.staked, INITIAL_STAKE - usd("20"));
      assert.equal(stake.locked, usd("300"), "the other pact's collateral stays locked");
      assert.equal(stake.free, INITIAL_STAKE - usd("20") - usd("300"));
      assert.equal(await f.usdc.read.balanceOf([f.buyer.account.address]), buyerBefore + termsA.price + usd("20"));
      assert.equal(await f.usdc.read.balanceOf([f.surety.address]), suretyBefore - termsA.price - usd("20"));

      // Pact B is untouched and settles against its own, still whole, collateral.
      const [statusB] = await f.surety.read.getPact([pactB]);
      assert.equal(statusB, PactStatus.Active);
      await f.surety.write.releasePact([pactB, termsB], { account: f.buyer.account });
      stake = await stakeOf(f);
      assert.equal(stake.locked, 0n);
      assert.equal(stake.staked, INITIAL_STAKE - usd("20"));
      assert.equal(stake.free, INITIAL_STAKE - usd("20"));
    });

    it("test_RevertWhen_RulingSlashExceedsCollateral", async () => {
      const f = await load();
      const termsA = await makeTerms(f, { collateral: usd("50"), penalty: usd("20") });
      const termsB = await makeTerms(f, { collateral: usd("400"), penalty: usd("0"), termsHash: hashOf("pact b") });
      const pactA = await disputedPact(f, termsA);
      await activePact(f, termsB);

      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.resolveDispute([pactA, termsA, 0, usd("50") + 1n, hashOf("ruling")], {
          account: f.arbiter.account,
        }),
        f.surety,
        "Surety_SlashExceedsCollateral",
        [usd("50") + 1n, usd("50")],
      );

      // Slashing the whole collateral takes exactly that and leaves pact B's lock alone.
      const buyerBefore = await f.usdc.read.balanceOf([f.buyer.account.address]);
      await f.surety.write.resolveDispute([pactA, termsA, 10_000, usd("50"), hashOf("ruling")], {
        account: f.arbiter.account,
      });
      const stake = await stakeOf(f);
      assert.equal(stake.staked, INITIAL_STAKE - usd("50"));
      assert.equal(stake.locked, usd("400"));
      assert.equal(stake.free, INITIAL_STAKE - usd("50") - usd("400"));
      assert.equal(await f.usdc.read.balanceOf([f.buyer.account.address]), buyerBefore + termsA.price + usd("50"));
    });

    it("test_GivenQueuedStake_WhenSlashed_QueueIsUntouched", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      const terms = await makeTerms(f, { collateral: usd("50"), penalty: usd("50") });
      const pactId = await activePact(f, terms);
      // Queue every free unit: bonded is now exactly the locked collateral.
      const queued = INITIAL_STAKE - usd("50");
      await f.surety.write.requestWithdrawal([queued], { account: f.agent.account });
      const { readyAt } = await stakeOf(f);

      await nextTxAt(f, terms.deliverBy + 1);
      await f.surety.write.claimRefund([pactId, terms], { account: f.buyer.account });
      const stake = await stakeOf(f);
      assert.equal(stake.queued, queued);
      assert.equal(stake.locked, 0n);
      assert.equal(stake.free, 0n);
      assert.equal(stake.staked, queued);

      const before = await f.usdc.read.balanceOf([agent]);
      await nextTxAt(f, Math.max(readyAt, terms.deliverBy + 2));
      await viem.assertions.emitWithArgs(
        f.surety.write.withdrawStake([f.agent.account.address], { account: f.agent.account }),
        f.surety,
        "StakeWithdrawn",
        [agent, agent, queued],
      );
      assert.equal(await f.usdc.read.balanceOf([agent]), before + queued);
    });

    it("test_GivenQueuedStake_WhenAccepting_CannotLockIt", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      await f.surety.write.requestWithdrawal([INITIAL_STAKE - usd("10")], { account: f.agent.account });
      const terms = await makeTerms(f, { collateral: usd("50") });
      const pactId = await createPact(f, terms);

      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.acceptPact([pactId, terms], { account: f.agent.account }),
        f.surety,
        "Surety_InsufficientFreeStake",
        [agent, usd("10"), usd("50")],
      );

      // A signed offer runs the same lock at funding.
      const offer = await makeOffer(f, { collateral: usd("50") });
      const signature = await signOffer(f, offer);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account }),
        f.surety,
        "Surety_InsufficientFreeStake",
        [agent, usd("10"), usd("50")],
      );

      // Collateral that fits in the free stake is still accepted.
      const small = await makeTerms(f, { collateral: usd("10"), penalty: usd("5"), termsHash: hashOf("small") });
      await activePact(f, small);
      const stake = await stakeOf(f);
      assert.equal(stake.locked, usd("10"));
      assert.equal(stake.free, 0n);
      assert.equal(stake.queued, INITIAL_STAKE - usd("10"));
    });

    it("test_GivenQueueReady_WhenTimePasses_QueueStaysOutOfReach", async () => {
      const f = await load();
      await f.surety.write.requestWithdrawal([usd("9990")], { account: f.agent.account });
      const { readyAt } = await stakeOf(f);
      await mineAt(f, readyAt + Number(DAY));
      const terms = await makeTerms(f, { collateral: usd("11"), penalty: usd("5") });
      const pactId = await createPact(f, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.acceptPact([pactId, terms], { account: f.agent.account }),
        f.surety,
        "Surety_InsufficientFreeStake",
        [f.agent.account.address, usd("10"), usd("11")],
      );
    });
  });
});
