import { encodeFunctionData, parseEther, parseUnits, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";

import { erc20PermitAbi, suretyAbi } from "../../src/abis.ts";
import { signOffer } from "../../src/actions/agent/signOffer.ts";
import { prepareCancelPact, cancelPact } from "../../src/actions/buyer/cancelPact.ts";
import { claimRefund, prepareClaimRefund } from "../../src/actions/anyone/claimRefund.ts";
import { createPact, prepareCreatePact } from "../../src/actions/buyer/createPact.ts";
import { disputePact, prepareDisputePact } from "../../src/actions/buyer/disputePact.ts";
import { prepareReclaimPact, reclaimPact } from "../../src/actions/anyone/reclaimPact.ts";
import { prepareReleasePact, releasePact } from "../../src/actions/buyer/releasePact.ts";
import { registerArbiter } from "../../src/actions/arbiter/registerArbiter.ts";
import { getPact } from "../../src/actions/read/getPact.ts";
import { getStake } from "../../src/actions/read/getStake.ts";
import { hashDocument } from "../../src/utils/document.ts";
import {
  accounts,
  activePact,
  agent,
  allowanceOf,
  balanceOf,
  baseTerms,
  buyer,
  dai,
  deliveredPact,
  deployment,
  disputedPact,
  expectInvalid,
  expectRevert,
  functionOf,
  now,
  openPact,
  plain,
  publicClient,
  stake,
  stranger,
  travel,
  usd,
  usdc,
  walletOf,
} from "../helpers.ts";

describe("createPact", () => {
  describe("given terms", () => {
    it("test_GivenPermitToken_CreatesWithAPermit", async () => {
      const before = await balanceOf(usdc, accounts.buyer.address);
      // Durations count from the next block's time when the call is planned.
      const time = Number(await now());
      const result = await createPact(buyer, baseTerms);
      expect(result.pactId).toBe(1n);
      expect(result.terms).toEqual({
        buyer: accounts.buyer.address,
        agent: accounts.agent.address,
        arbiter: accounts.arbiter.address,
        token: usdc,
        price: usd("100"),
        arbiterFee: usd("5"),
        collateral: usd("50"),
        penalty: usd("20"),
        acceptBy: time + 86_400,
        deliverBy: time + 3 * 86_400,
        reviewPeriod: 2 * 86_400,
        rulingPeriod: 5 * 86_400,
        defaultBuyerBps: 5_000,
        termsHash: hashDocument(baseTerms.terms).hash,
      });
      expect(result.termsDocument?.canonical).toBe('{"format":"markdown","task":"Summarise 40 supplier contracts"}');
      expect(result.event).toEqual({
        pactId: 1n,
        buyer: accounts.buyer.address,
        agent: accounts.agent.address,
        terms: result.terms,
      });
      expect(result.accepted).toBeUndefined();
      expect(await functionOf(result.hash)).toBe("createPactWithPermit");
      expect(await balanceOf(usdc, accounts.buyer.address)).toBe(before - usd("100"));
    });

    it("test_GivenTokenWithoutPermit_ApprovesExactlyFirst", async () => {
      const result = await createPact(buyer, { ...baseTerms, token: plain, arbiterFee: 0n });
      expect(result.approval?.receipt.status).toBe("success");
      expect(await functionOf(result.hash)).toBe("createPact");
      expect(await allowanceOf(plain, accounts.buyer.address)).toBe(0n);
    });

    it("test_GivenEth_SendsThePriceAsValue", async () => {
      const result = await createPact(buyer, { ...baseTerms, token: zeroAddress, price: "0.25", arbiterFee: "0.01" });
      const transaction = await publicClient.getTransaction({ hash: result.hash });
      expect(transaction.value).toBe(parseEther("0.25"));
      expect(result.terms.price).toBe(parseEther("0.25"));
      expect(await functionOf(result.hash)).toBe("createPact");
    });

    it("test_GivenEighteenDecimals_ReadsDecimalStrings", async () => {
      const { terms } = await createPact(buyer, {
        ...baseTerms,
        token: dai,
        price: "0.5",
        arbiterFee: "0.000000000000000001",
      });
      expect(terms.price).toBe(parseUnits("0.5", 18));
      expect(terms.arbiterFee).toBe(1n);
    });

    it("test_GivenAbsoluteTimes_KeepsThem", async () => {
      const start = await now();
      const { terms } = await createPact(buyer, {
        ...baseTerms,
        acceptBy: new Date(Number(start + 3_600n) * 1000),
        deliverBy: start + 7_200n,
        reviewPeriod: 3_600,
        rulingPeriod: 86_400n,
      });
      expect(terms).toMatchObject({
        acceptBy: Number(start) + 3_600,
        deliverBy: Number(start) + 7_200,
        reviewPeriod: 3_600,
        rulingPeriod: 86_400,
      });
    });

    it("test_WhenNoArbiterFee_UsesTheArbitersMinimum", async () => {
      await registerArbiter(walletOf(accounts.arbiter2), { token: usdc, minFee: "3", maxRulingPeriod: "10d" });
      const { terms } = await createPact(buyer, {
        ...baseTerms,
        arbiter: accounts.arbiter2.address,
        arbiterFee: undefined,
      });
      expect(terms.arbiterFee).toBe(usd("3"));
    });

    it("test_GivenJsonRpcAccount_TheNodeSignsThePermit", async () => {
      const result = await createPact(walletOf(accounts.stranger), { ...baseTerms, account: accounts.buyer.address });
      expect(result.terms.buyer).toBe(accounts.buyer.address);
      expect(await functionOf(result.hash)).toBe("createPactWithPermit");
    });

    it("test_RevertWhen_AllowanceNone", async () => {
      await expectRevert(createPact(buyer, { ...baseTerms, allowance: "none" }), "ERC20InsufficientAllowance", [
        deployment.surety,
        0n,
        usd("100"),
      ]);
    });

    it("test_RevertWhen_PermitForcedOnATokenWithoutIt", async () => {
      await expectInvalid(createPact(buyer, { ...baseTerms, token: plain, allowance: "permit" }), [
        `allowance: token ${plain} does not support EIP-2612 permits`,
      ]);
    });

    it("test_RevertWhen_ReviewPeriodOutOfBounds_DecodesTheContractError", async () => {
      const revert = await expectRevert(
        createPact(buyer, { ...baseTerms, reviewPeriod: "1m" }),
        "Surety_ReviewPeriodOutOfBounds",
        [60, 3_600, 30 * 86_400],
      );
      expect(revert.shortMessage).toBe(
        "createPactWithPermit reverted: the review period of 60 s is outside the deployment's 3600..2592000 s.",
      );
      expect(revert.functionName).toBe("createPactWithPermit");
      expect(revert.contractAddress).toBe(deployment.surety);
    });

    it("test_Prepare_ApprovesThenCreates", async () => {
      const prepared = await prepareCreatePact(buyer, baseTerms);
      expect(prepared.calls).toEqual([
        {
          to: usdc,
          data: encodeFunctionData({
            abi: erc20PermitAbi,
            functionName: "approve",
            args: [deployment.surety, usd("100")],
          }),
          value: 0n,
        },
        {
          to: deployment.surety,
          data: encodeFunctionData({ abi: suretyAbi, functionName: "createPact", args: [prepared.terms!] }),
          value: 0n,
        },
      ]);
      const eth = await prepareCreatePact(buyer, { ...baseTerms, token: zeroAddress, price: 5n, arbiterFee: 0n });
      expect(eth.calls).toHaveLength(1);
      expect(eth.calls[0]!.value).toBe(5n);
      const permit = await prepareCreatePact(buyer, { ...baseTerms, allowance: "permit" });
      expect(permit.calls).toHaveLength(1);
      expect(permit.calls[0]!.data.slice(0, 10)).toBe(
        encodeFunctionData({
          abi: suretyAbi,
          functionName: "createPactWithPermit",
          args: [prepared.terms!, { deadline: 0n, v: 27, r: `0x${"0".repeat(64)}`, s: `0x${"0".repeat(64)}` }],
        }).slice(0, 10),
      );
    });
  });
});

describe("createPact", () => {
  describe("given an offer", () => {
    const offerOf = (overrides = {}) =>
      signOffer(agent, {
        arbiter: accounts.arbiter.address,
        token: usdc,
        price: "100",
        arbiterFee: "5",
        collateral: "50",
        penalty: "20",
        deliveryPeriod: "3d",
        reviewPeriod: "2d",
        rulingPeriod: "5d",
        defaultBuyerBps: 5_000,
        terms: { task: "translate" },
        expiry: "1d",
        ...overrides,
      });

    it("test_FundsTheOffer_PactStartsActive", async () => {
      await stake();
      const signed = await offerOf({ nonce: 42n });
      const result = await createPact(buyer, signed);
      expect(await functionOf(result.hash)).toBe("createPactFromOfferWithPermit");
      expect(result.accepted).toEqual({
        pactId: result.pactId,
        agent: accounts.agent.address,
        collateral: usd("50"),
        locked: usd("50"),
      });
      expect(result.offerFunded).toEqual({ pactId: result.pactId, agent: accounts.agent.address, nonce: 42n });
      expect(result.terms.buyer).toBe(accounts.buyer.address);
      expect(result.terms.deliverBy - result.terms.acceptBy).toBe(3 * 86_400);
      expect((await getPact(buyer, { pactId: result.pactId })).status).toBe("active");
    });

    it("test_GivenOfferAsJson_AcceptsDigitStrings", async () => {
      await stake();
      const signed = await offerOf();
      const json = JSON.parse(
        JSON.stringify(signed, (_, value) => (typeof value === "bigint" ? String(value) : value)),
      );
      const { pactId } = await createPact(buyer, {
        offer: json.offer,
        signature: json.signature,
        allowance: "approve",
      });
      expect(pactId).toBe(1n);
    });

    it("test_RevertWhen_OfferForAnotherBuyer_OrExpired", async () => {
      const signed = await offerOf({ buyer: accounts.buyer2.address, expiry: "1h" });
      await expectInvalid(createPact(buyer, { offer: signed.offer, signature: signed.signature }), [
        `offer: is for buyer ${accounts.buyer2.address}, not ${accounts.buyer.address}`,
      ]);
      await travel(3_601);
      const time = await now();
      await expectInvalid(createPact(walletOf(accounts.buyer2), signed), [
        `offer: has expired (expiry ${signed.offer.expiry}, now ${time})`,
      ]);
    });

    it("test_RevertWhen_OfferTampered", async () => {
      await stake();
      const signed = await offerOf();
      await expectRevert(
        createPact(buyer, { offer: { ...signed.offer, price: 1n }, signature: signed.signature }),
        "Surety_InvalidSignature",
        [accounts.agent.address],
      );
    });
  });
});

describe("cancelPact", () => {
  it("test_RefundsTheBuyer", async () => {
    const { pactId } = await openPact();
    const before = await balanceOf(usdc, accounts.buyer.address);
    const { event } = await cancelPact(buyer, { pactId });
    expect(event).toEqual({ pactId, buyer: accounts.buyer.address, refund: usd("100") });
    expect(await balanceOf(usdc, accounts.buyer.address)).toBe(before + usd("100"));
    await expectRevert(cancelPact(buyer, { pactId }), "Surety_InvalidStatus", [pactId, 5]);
  });

  it("test_RevertWhen_CallerStranger", async () => {
    const { pactId, terms } = await openPact();
    await expectRevert(cancelPact(stranger, { pactId, terms }), "Surety_CallerNotBuyer", [
      pactId,
      accounts.stranger.address,
    ]);
    const { calls } = await prepareCancelPact(stranger, { pactId, terms });
    expect(calls[0]!.data).toBe(
      encodeFunctionData({ abi: suretyAbi, functionName: "cancelPact", args: [pactId, terms] }),
    );
  });
});

describe("releasePact", () => {
  it("test_PaysTheAgentAndUnlocks", async () => {
    const { pactId } = await activePact();
    const { event } = await releasePact(buyer, { pactId });
    expect(event).toEqual({
      pactId,
      buyer: accounts.buyer.address,
      agent: accounts.agent.address,
      payment: usd("100"),
      feeRefund: 0n,
    });
    expect((await getStake(agent, { agent: accounts.agent.address })).locked).toBe(0n);
    expect((await prepareReleasePact(buyer, { pactId })).calls).toHaveLength(1);
  });

  it("test_GivenDisputed_RefundsTheFee", async () => {
    const { pactId } = await disputedPact();
    const { event } = await releasePact(buyer, { pactId });
    expect(event.feeRefund).toBe(usd("5"));
  });

  it("test_RevertWhen_CallerAgent", async () => {
    const { pactId } = await activePact();
    await expectRevert(releasePact(agent, { pactId }), "Surety_CallerNotBuyer", [pactId, accounts.agent.address]);
  });
});

describe("claimRefund", () => {
  it("test_GivenDeliverByPassed_SlashesThePenalty", async () => {
    const { pactId, terms } = await activePact();
    await expectRevert(claimRefund(stranger, { pactId }), "Surety_DeadlineNotPassed", [
      pactId,
      BigInt(terms.deliverBy),
    ]);
    await travel(3 * 86_400);
    const { event } = await claimRefund(stranger, { pactId });
    expect(event).toEqual({
      pactId,
      buyer: accounts.buyer.address,
      agent: accounts.agent.address,
      caller: accounts.stranger.address,
      refund: usd("100"),
      slashed: usd("20"),
    });
    expect((await getStake(agent, { agent: accounts.agent.address })).staked).toBe(usd("980"));
    expect((await prepareClaimRefund(stranger, { pactId })).calls).toHaveLength(1);
  });
});

describe("reclaimPact", () => {
  it("test_GivenAcceptByPassed_ReturnsThePrice", async () => {
    const { pactId, terms } = await openPact();
    await expectRevert(reclaimPact(stranger, { pactId }), "Surety_DeadlineNotPassed", [pactId, BigInt(terms.acceptBy)]);
    await travel(86_400);
    const { event } = await reclaimPact(stranger, { pactId });
    expect(event).toEqual({
      pactId,
      buyer: accounts.buyer.address,
      caller: accounts.stranger.address,
      refund: usd("100"),
    });
    expect((await prepareReclaimPact(stranger, { pactId })).calls).toHaveLength(1);
  });
});

describe("disputePact", () => {
  it("test_GivenPermitToken_PaysTheFeeWithAPermit", async () => {
    const { pactId } = await deliveredPact();
    const reason = { summary: "pages 30 to 40 are missing" };
    const result = await disputePact(buyer, { pactId, reason });
    expect(await functionOf(result.hash)).toBe("disputePactWithPermit");
    expect(result.reason.canonical).toBe('{"summary":"pages 30 to 40 are missing"}');
    expect(result.event).toEqual({
      pactId,
      buyer: accounts.buyer.address,
      arbiter: accounts.arbiter.address,
      reasonHash: result.reason.hash,
      fee: usd("5"),
    });
  });

  it("test_GivenTokenWithoutPermit_ApprovesTheFee", async () => {
    const { pactId } = await deliveredPact({ token: plain });
    const result = await disputePact(buyer, { pactId, reason: "late" });
    expect(result.approval).toBeDefined();
    expect(await functionOf(result.hash)).toBe("disputePact");
    const prepared = await prepareDisputePact(buyer, { pactId, reason: "late" });
    expect(prepared.reason.canonical).toBe("late");
  });

  it("test_GivenEth_SendsTheFeeAsValue", async () => {
    const { pactId } = await deliveredPact({ token: zeroAddress, price: "1", arbiterFee: "0.1" });
    const result = await disputePact(buyer, { pactId, reason: "late" });
    expect((await publicClient.getTransaction({ hash: result.hash })).value).toBe(parseEther("0.1"));
    const { calls } = await prepareDisputePact(buyer, { pactId, reason: "late" });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.value).toBe(parseEther("0.1"));
  });

  it("test_RevertWhen_ReviewPeriodOver", async () => {
    const { pactId } = await deliveredPact();
    await travel(2 * 86_400 + 1);
    const pact = await getPact(buyer, { pactId });
    await expectRevert(disputePact(buyer, { pactId, reason: "late" }), "Surety_DeadlinePassed", [
      pactId,
      BigInt(pact.deadline!),
    ]);
  });
});
