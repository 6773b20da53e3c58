import { encodeFunctionData, parseAbi, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";

import { suretyAbi } from "../../src/abis.ts";
import { abstain, prepareAbstain } from "../../src/actions/arbiter/abstain.ts";
import { deregisterArbiter, prepareDeregisterArbiter } from "../../src/actions/arbiter/deregisterArbiter.ts";
import { prepareRegisterArbiter, registerArbiter } from "../../src/actions/arbiter/registerArbiter.ts";
import { prepareResolveDispute, resolveDispute } from "../../src/actions/arbiter/resolveDispute.ts";
import { applyDefaultRuling, prepareApplyDefaultRuling } from "../../src/actions/anyone/applyDefaultRuling.ts";
import { claimPayout, prepareClaimPayout } from "../../src/actions/anyone/claimPayout.ts";
import { finalizePact, prepareFinalizePact } from "../../src/actions/anyone/finalizePact.ts";
import { cancelPact } from "../../src/actions/buyer/cancelPact.ts";
import { prepareSubmitEvidence, submitEvidence } from "../../src/actions/party/submitEvidence.ts";
import { getArbiterTerms } from "../../src/actions/read/getArbiterTerms.ts";
import { getCredit } from "../../src/actions/read/getCredit.ts";
import { getStake } from "../../src/actions/read/getStake.ts";
import {
  accounts,
  agent,
  arbiter,
  balanceOf,
  buyer,
  deliveredPact,
  deployment,
  disputedPact,
  expectInvalid,
  expectRevert,
  openPact,
  plain,
  stranger,
  travel,
  usd,
  usdc,
  walletOf,
} from "../helpers.ts";

const arbiter2 = walletOf(accounts.arbiter2);

describe("registerArbiter", () => {
  it("test_RegistersWithHumanAmountsAndPeriods", async () => {
    const { event } = await registerArbiter(arbiter2, { token: usdc, minFee: "2.5", maxRulingPeriod: "14d" });
    expect(event).toEqual({
      arbiter: accounts.arbiter2.address,
      token: usdc,
      minFee: usd("2.5"),
      maxRulingPeriod: 14 * 86_400,
    });
    expect(await getArbiterTerms(arbiter2, { arbiter: accounts.arbiter2.address, token: usdc })).toEqual({
      registered: true,
      minFee: usd("2.5"),
      maxRulingPeriod: 14 * 86_400,
    });
    // ETH amounts read with 18 decimals.
    const eth = await registerArbiter(arbiter2, { token: zeroAddress, minFee: "0.01", maxRulingPeriod: 86_400 });
    expect(eth.event.minFee).toBe(10n ** 16n);
  });

  it("test_RevertWhen_RulingPeriodBelowTheMinimum", async () => {
    await expectRevert(
      registerArbiter(arbiter2, { token: usdc, minFee: 0n, maxRulingPeriod: "1h" }),
      "Surety_RulingPeriodOutOfBounds",
      [3_600, 86_400, 2 ** 32 - 1],
    );
  });
});

describe("deregisterArbiter", () => {
  it("test_Deregisters_ThenRefusesTwice", async () => {
    const { event } = await deregisterArbiter(arbiter, { token: usdc });
    expect(event).toEqual({ arbiter: accounts.arbiter.address, token: usdc });
    await expectRevert(deregisterArbiter(arbiter, { token: usdc }), "Surety_ArbiterNotRegistered", [
      accounts.arbiter.address,
      usdc,
    ]);
    const [register, deregister] = await Promise.all([
      prepareRegisterArbiter(arbiter2, { token: usdc, minFee: 1n, maxRulingPeriod: "1d" }),
      prepareDeregisterArbiter(arbiter2, { token: usdc }),
    ]);
    expect(register.calls[0]!.data).toBe(
      encodeFunctionData({ abi: suretyAbi, functionName: "registerArbiter", args: [usdc, 1n, 86_400] }),
    );
    expect(deregister.calls[0]!.data).toBe(
      encodeFunctionData({ abi: suretyAbi, functionName: "deregisterArbiter", args: [usdc] }),
    );
  });
});

describe("resolveDispute", () => {
  it("test_SplitsAndSlashes", async () => {
    const { pactId } = await disputedPact();
    const ruling = { finding: "three of four deliverables met the terms" };
    const result = await resolveDispute(arbiter, { pactId, buyerBps: 2_500, slash: "10", ruling });
    expect(result.ruling.canonical).toBe('{"finding":"three of four deliverables met the terms"}');
    expect(result.event).toEqual({
      pactId,
      arbiter: accounts.arbiter.address,
      buyerBps: 2_500,
      toBuyer: usd("25"),
      toAgent: usd("75"),
      slashed: usd("10"),
      arbiterFee: usd("5"),
      rulingHash: result.ruling.hash,
      abstained: false,
    });
    expect((await getStake(agent, { agent: accounts.agent.address })).staked).toBe(usd("990"));
  });

  it("test_RevertWhen_SlashAboveCollateral_OrBpsAboveAll_NothingSent", async () => {
    const { pactId } = await disputedPact();
    await expectInvalid(resolveDispute(arbiter, { pactId, buyerBps: 10_001, slash: "50.000001", ruling: "x" }), [
      "buyerBps: must be an integer from 0 to 10000 (basis points)",
      "slash: must be at most the pact's collateral (50000000)",
    ]);
  });

  it("test_RevertWhen_NotTheArbiter", async () => {
    const { pactId } = await disputedPact();
    await expectRevert(resolveDispute(stranger, { pactId, buyerBps: 0, ruling: "x" }), "Surety_CallerNotArbiter", [
      pactId,
      accounts.stranger.address,
    ]);
    const { calls, ruling } = await prepareResolveDispute(arbiter, { pactId, buyerBps: 0, ruling: "x" });
    expect(ruling.canonical).toBe("x");
    expect(calls).toHaveLength(1);
  });
});

describe("abstain", () => {
  it("test_AppliesTheDefaultSplit", async () => {
    const { pactId } = await disputedPact({ defaultBuyerBps: 4_000 });
    const { event, ruling } = await abstain(arbiter, { pactId, ruling: "conflict of interest" });
    expect(event).toMatchObject({
      buyerBps: 4_000,
      toBuyer: usd("40"),
      toAgent: usd("60"),
      slashed: 0n,
      abstained: true,
    });
    expect(event.rulingHash).toBe(ruling.hash);
    expect((await prepareAbstain(arbiter, { pactId, ruling: "x" })).calls).toHaveLength(1);
  });

  it("test_RevertWhen_RulingPeriodOver", async () => {
    const { pactId } = await disputedPact();
    await travel(5 * 86_400 + 1);
    await expectRevert(abstain(arbiter, { pactId, ruling: "late" }), "Surety_DeadlinePassed");
  });
});

describe("submitEvidence", () => {
  it("test_EitherParty_SubmitsEvidence", async () => {
    const { pactId } = await disputedPact();
    const fromBuyer = await submitEvidence(buyer, { pactId, evidence: { chat: "ipfs://bafy" } });
    expect(fromBuyer.event).toEqual({ pactId, party: accounts.buyer.address, evidenceHash: fromBuyer.evidence.hash });
    const fromAgent = await submitEvidence(agent, { pactId, evidence: "the pages were never in scope" });
    expect(fromAgent.event.party).toBe(accounts.agent.address);
    expect((await prepareSubmitEvidence(agent, { pactId, evidence: "x" })).evidence.canonical).toBe("x");
  });

  it("test_RevertWhen_NotAParty_OrNotDisputed", async () => {
    const { pactId } = await disputedPact();
    await expectRevert(submitEvidence(stranger, { pactId, evidence: "x" }), "Surety_CallerNotParty", [
      pactId,
      accounts.stranger.address,
    ]);
    const open = await openPact();
    await expectRevert(submitEvidence(buyer, { pactId: open.pactId, evidence: "x" }), "Surety_InvalidStatus", [
      open.pactId,
      1,
    ]);
  });
});

describe("finalizePact", () => {
  it("test_GivenReviewPeriodOver_Finalizes", async () => {
    const { pactId } = await deliveredPact();
    await expectRevert(finalizePact(stranger, { pactId }), "Surety_DeadlineNotPassed");
    await travel(2 * 86_400 + 1);
    const { event } = await finalizePact(stranger, { pactId });
    expect(event).toEqual({
      pactId,
      agent: accounts.agent.address,
      caller: accounts.stranger.address,
      payment: usd("100"),
    });
    expect((await prepareFinalizePact(stranger, { pactId })).calls).toHaveLength(1);
  });
});

describe("applyDefaultRuling", () => {
  it("test_GivenRulingPeriodOver_AppliesTheDefaultSplit", async () => {
    const { pactId } = await disputedPact();
    await expectRevert(applyDefaultRuling(stranger, { pactId }), "Surety_DeadlineNotPassed");
    await travel(5 * 86_400 + 1);
    const { event } = await applyDefaultRuling(stranger, { pactId });
    expect(event).toEqual({
      pactId,
      caller: accounts.stranger.address,
      buyerBps: 5_000,
      toBuyer: usd("50"),
      toAgent: usd("50"),
      feeRefund: usd("5"),
    });
    expect((await prepareApplyDefaultRuling(stranger, { pactId })).calls).toHaveLength(1);
  });
});

describe("claimPayout", () => {
  it("test_GivenABlockedBuyer_RefundIsCreditedThenClaimedElsewhere", async () => {
    const { pactId } = await openPact({ token: plain, arbiterFee: 0n });
    await buyer.writeContract({
      address: plain,
      abi: parseAbi(["function setBlocked(address account, bool isBlocked)"]),
      functionName: "setBlocked",
      args: [accounts.buyer.address, true],
    });
    const cancelled = await cancelPact(buyer, { pactId });
    expect(cancelled.credits).toEqual([{ pactId, token: plain, account: accounts.buyer.address, amount: usd("100") }]);
    expect(await getCredit(buyer, { token: plain, account: accounts.buyer.address })).toBe(usd("100"));

    const before = await balanceOf(plain, accounts.stranger.address);
    const { event } = await claimPayout(buyer, { token: plain, recipient: accounts.stranger.address });
    expect(event).toEqual({
      token: plain,
      account: accounts.buyer.address,
      recipient: accounts.stranger.address,
      amount: usd("100"),
    });
    expect(await balanceOf(plain, accounts.stranger.address)).toBe(before + usd("100"));
  });

  it("test_RevertWhen_NoCredit", async () => {
    await expectRevert(claimPayout(buyer, { token: usdc }), "Surety_NoCredit", [usdc, accounts.buyer.address]);
    const { calls } = await prepareClaimPayout(buyer, { token: usdc });
    expect(calls[0]).toEqual({
      to: deployment.surety,
      data: encodeFunctionData({ abi: suretyAbi, functionName: "claimPayout", args: [usdc, accounts.buyer.address] }),
      value: 0n,
    });
  });
});
