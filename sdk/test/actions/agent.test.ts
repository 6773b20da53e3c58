import { encodeFunctionData, recoverAddress, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";

import { erc20PermitAbi, suretyAbi } from "../../src/abis.ts";
import { acceptPact } from "../../src/actions/agent/acceptPact.ts";
import { deliverPact, prepareDeliverPact } from "../../src/actions/agent/deliverPact.ts";
import { depositStake, prepareDepositStake } from "../../src/actions/agent/depositStake.ts";
import { prepareRequestWithdrawal, requestWithdrawal } from "../../src/actions/agent/requestWithdrawal.ts";
import { prepareRevokeOffer, revokeOffer } from "../../src/actions/agent/revokeOffer.ts";
import { signOffer } from "../../src/actions/agent/signOffer.ts";
import { prepareWithdrawStake, withdrawStake } from "../../src/actions/agent/withdrawStake.ts";
import { prepareAcceptPact } from "../../src/actions/agent/acceptPact.ts";
import { createPact } from "../../src/actions/buyer/createPact.ts";
import { getStake } from "../../src/actions/read/getStake.ts";
import { NotFoundError } from "../../src/errors/notFound.ts";
import { hashDocument } from "../../src/utils/document.ts";
import {
  accounts,
  agent,
  allowanceOf,
  balanceOf,
  buyer,
  deployment,
  expectInvalid,
  expectRevert,
  functionOf,
  nonceOf,
  now,
  openPact,
  publicClient,
  stake,
  stranger,
  travel,
  usd,
  usdc,
} from "../helpers.ts";

describe("depositStake", () => {
  it("test_GivenPermitToken_WhenNoAllowance_DepositsWithAPermit", async () => {
    const result = await depositStake(agent, { amount: "12.5" });
    expect(result.event).toEqual({ agent: accounts.agent.address, amount: usd("12.5"), bonded: usd("12.5") });
    expect(result.approval).toBeUndefined();
    expect(result.receipt.status).toBe("success");
    expect(await functionOf(result.hash)).toBe("depositStakeWithPermit");
    expect(await allowanceOf(usdc, accounts.agent.address)).toBe(0n);
    expect((await getStake(agent, { agent: accounts.agent.address })).free).toBe(usd("12.5"));
  });

  it("test_GivenApproveMode_ApprovesExactlyFirst", async () => {
    const result = await depositStake(agent, { amount: 7_000_000n, allowance: "approve" });
    expect(result.approval?.receipt.status).toBe("success");
    expect(await functionOf(result.hash)).toBe("depositStake");
    expect(await allowanceOf(usdc, accounts.agent.address)).toBe(0n);
    expect(result.event.amount).toBe(7_000_000n);
  });

  it("test_GivenEnoughAllowance_SendsThePlainCall", async () => {
    await agent.writeContract({
      address: usdc,
      abi: erc20PermitAbi,
      functionName: "approve",
      args: [deployment.surety, usd("100")],
    });
    const result = await depositStake(agent, { amount: "100" });
    expect(result.approval).toBeUndefined();
    expect(await functionOf(result.hash)).toBe("depositStake");
  });

  it("test_RevertWhen_NoneModeWithoutAllowance_DecodesTheTokenError", async () => {
    const revert = await expectRevert(
      depositStake(agent, { amount: "1", allowance: "none" }),
      "ERC20InsufficientAllowance",
      [deployment.surety, 0n, usd("1")],
    );
    expect(revert.message).toContain(`the token allowance of ${deployment.surety} is 0 but 1000000 is needed`);
  });

  it("test_RevertWhen_ZeroOrTooPrecise_NothingSent", async () => {
    const nonce = await nonceOf(accounts.agent.address);
    await expectInvalid(depositStake(agent, { amount: "0" }), ["amount: must be > 0"]);
    await expectInvalid(depositStake(agent, { amount: "0.0000001" }), [
      "amount: has more decimal places than the token's 6",
    ]);
    expect(await nonceOf(accounts.agent.address)).toBe(nonce);
  });

  it("test_Prepare_ApprovesThenDeposits", async () => {
    const { calls } = await prepareDepositStake(agent, { amount: "3" });
    expect(calls).toEqual([
      {
        to: usdc,
        data: encodeFunctionData({ abi: erc20PermitAbi, functionName: "approve", args: [deployment.surety, usd("3")] }),
        value: 0n,
      },
      {
        to: deployment.surety,
        data: encodeFunctionData({ abi: suretyAbi, functionName: "depositStake", args: [usd("3")] }),
        value: 0n,
      },
    ]);
    const permitted = await prepareDepositStake(agent, { amount: "3", allowance: "permit" });
    expect(permitted.calls).toHaveLength(1);
    expect(permitted.calls[0]!.data.slice(0, 10)).toBe(
      encodeFunctionData({
        abi: suretyAbi,
        functionName: "depositStakeWithPermit",
        args: [1n, { deadline: 0n, v: 27, r: `0x${"0".repeat(64)}`, s: `0x${"0".repeat(64)}` }],
      }).slice(0, 10),
    );
    // The prepared calls work when sent in order.
    for (const call of calls) await publicClient.waitForTransactionReceipt({ hash: await agent.sendTransaction(call) });
    expect((await getStake(agent, { agent: accounts.agent.address })).staked).toBe(usd("3"));
  });
});

describe("withdrawStake", () => {
  it("test_GivenQueuedAndReady_Withdraws", async () => {
    await stake();
    const requested = await requestWithdrawal(agent, { amount: "400" });
    const time = Number((await publicClient.getBlock({ blockNumber: requested.receipt.blockNumber })).timestamp);
    expect(requested.event).toEqual({
      agent: accounts.agent.address,
      amount: usd("400"),
      queued: usd("400"),
      readyAt: time + 7 * 86_400,
    });
    await expectRevert(withdrawStake(agent), "Surety_WithdrawalNotReady", [
      accounts.agent.address,
      BigInt(time + 7 * 86_400),
    ]);
    await travel(7 * 86_400);
    const before = await balanceOf(usdc, accounts.agent.address);
    const withdrawn = await withdrawStake(agent);
    expect(withdrawn.event).toEqual({
      agent: accounts.agent.address,
      recipient: accounts.agent.address,
      amount: usd("400"),
    });
    expect(await balanceOf(usdc, accounts.agent.address)).toBe(before + usd("400"));
  });

  it("test_WhenRecipientNamed_PaysIt", async () => {
    await stake();
    await requestWithdrawal(agent, { amount: 1n });
    await travel(7 * 86_400 + 1);
    const { event } = await withdrawStake(agent, { recipient: accounts.stranger.address });
    expect(event.recipient).toBe(accounts.stranger.address);
    const { calls } = await prepareWithdrawStake(agent, {});
    expect(calls[0]!.data).toBe(
      encodeFunctionData({ abi: suretyAbi, functionName: "withdrawStake", args: [accounts.agent.address] }),
    );
  });
});

describe("requestWithdrawal", () => {
  it("test_RevertWhen_MoreThanFree_OrNothingQueued", async () => {
    await stake();
    await expectRevert(requestWithdrawal(agent, { amount: "1000.000001" }), "Surety_InsufficientFreeStake", [
      accounts.agent.address,
      usd("1000"),
      usd("1000.000001"),
    ]);
    await expectRevert(withdrawStake(agent), "Surety_NothingQueued", [accounts.agent.address]);
    await expectInvalid(withdrawStake(agent, { recipient: zeroAddress }), ["recipient: must not be the zero address"]);
    const { calls } = await prepareRequestWithdrawal(agent, { amount: "1" });
    expect(calls[0]).toEqual({
      to: deployment.surety,
      data: encodeFunctionData({ abi: suretyAbi, functionName: "requestWithdrawal", args: [usd("1")] }),
      value: 0n,
    });
  });
});

describe("acceptPact", () => {
  it("test_GivenOpenPact_AcceptsWithTermsFoundOnChain", async () => {
    await stake();
    const { pactId, terms } = await openPact();
    const { event, credits } = await acceptPact(agent, { pactId });
    expect(event).toEqual({ pactId, agent: accounts.agent.address, collateral: terms.collateral, locked: usd("50") });
    expect(credits).toEqual([]);
  });

  it("test_RevertWhen_CallerNotAgent", async () => {
    const { pactId } = await openPact();
    const revert = await expectRevert(acceptPact(stranger, { pactId }), "Surety_CallerNotAgent", [
      pactId,
      accounts.stranger.address,
    ]);
    expect(revert.shortMessage).toBe(`acceptPact reverted: ${accounts.stranger.address} is not the agent of pact 1.`);
  });

  it("test_RevertWhen_AcceptByPassed", async () => {
    await stake();
    const { pactId, terms } = await openPact();
    await travel(86_400 + 1);
    await expectRevert(acceptPact(agent, { pactId }), "Surety_DeadlinePassed", [pactId, BigInt(terms.acceptBy)]);
  });

  it("test_RevertWhen_NotEnoughFreeStake", async () => {
    const { pactId } = await openPact();
    await expectRevert(acceptPact(agent, { pactId }), "Surety_InsufficientFreeStake", [
      accounts.agent.address,
      0n,
      usd("50"),
    ]);
  });

  it("test_RevertWhen_TermsDoNotMatch", async () => {
    const { pactId, terms } = await openPact();
    await expectRevert(acceptPact(agent, { pactId, terms: { ...terms, price: 1n } }), "Surety_TermsMismatch", [pactId]);
  });

  it("test_RevertWhen_UnknownPact_NotFound", async () => {
    const error = await acceptPact(agent, { pactId: 99n }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ name: "NotFoundError", resource: "pact", id: "99" });
    const prepared = await prepareAcceptPact(agent, { pactId: 99n }).catch((caught: unknown) => caught);
    expect(prepared).toBeInstanceOf(NotFoundError);
  });

  it("test_Prepare_EncodesTheTerms", async () => {
    const { pactId, terms } = await openPact();
    const { calls } = await prepareAcceptPact(agent, { pactId });
    expect(calls).toEqual([
      {
        to: deployment.surety,
        data: encodeFunctionData({ abi: suretyAbi, functionName: "acceptPact", args: [pactId, terms] }),
        value: 0n,
      },
    ]);
  });
});

describe("deliverPact", () => {
  it("test_GivenActivePact_DeliversAJsonDocument", async () => {
    await stake();
    const { pactId } = await openPact();
    await acceptPact(agent, { pactId });
    const delivery = { report: "ipfs://bafy", pages: 40 };
    const result = await deliverPact(agent, { pactId, delivery });
    expect(result.delivery).toEqual(hashDocument(delivery));
    expect(result.delivery.canonical).toBe('{"pages":40,"report":"ipfs://bafy"}');
    expect(result.event).toEqual({ pactId, agent: accounts.agent.address, deliveryHash: result.delivery.hash });
  });

  it("test_RevertWhen_NotActive", async () => {
    const { pactId } = await openPact();
    await expectRevert(deliverPact(agent, { pactId, delivery: "early" }), "Surety_InvalidStatus", [pactId, 1]);
    const { calls, delivery } = await prepareDeliverPact(agent, { pactId, delivery: "early" });
    expect(calls).toHaveLength(1);
    expect(delivery.canonical).toBe("early");
  });

  it("test_RevertWhen_DeliveryIsNotJson", async () => {
    const { pactId } = await openPact();
    await expectInvalid(deliverPact(agent, { pactId, delivery: { pages: Number.NaN } }), [
      "delivery.pages: NaN is not a finite number",
    ]);
  });
});

const offerParameters = {
  arbiter: accounts.arbiter.address,
  token: usdc,
  price: "100",
  collateral: "50",
  penalty: "20",
  deliveryPeriod: "3d",
  reviewPeriod: "2d",
  rulingPeriod: "5d",
  defaultBuyerBps: 5_000,
  terms: "Translate 20 pages into French",
  expiry: "1d",
};

describe("signOffer", () => {
  it("test_SignsTheDigestSuretyChecks", async () => {
    const time = await now();
    const signed = await signOffer(agent, { ...offerParameters, nonce: 7n });
    expect(signed.offer).toMatchObject({
      agent: accounts.agent.address,
      buyer: zeroAddress,
      price: usd("100"),
      arbiterFee: 0n,
      deliveryPeriod: 3 * 86_400,
      nonce: 7n,
      termsHash: hashDocument("Translate 20 pages into French").hash,
    });
    expect(signed.offer.expiry).toBe(Number(time) + 86_400);
    const digest = await publicClient.readContract({
      address: deployment.surety,
      abi: suretyAbi,
      functionName: "offerDigest",
      args: [signed.offer],
    });
    expect(signed.digest).toBe(digest);
    expect(await recoverAddress({ hash: signed.digest, signature: signed.signature })).toBe(accounts.agent.address);
  });

  it("test_WhenNoNonceGiven_PicksARandomOne", async () => {
    const [a, b] = await Promise.all([signOffer(agent, offerParameters), signOffer(agent, offerParameters)]);
    expect(a.offer.nonce).not.toBe(b.offer.nonce);
  });

  it("test_RevertWhen_OfferParametersInvalid_NamesEveryField", async () => {
    const time = await now();
    await expectInvalid(
      signOffer(agent, {
        ...offerParameters,
        arbiter: accounts.agent.address,
        penalty: "60",
        expiry: 1,
        deliveryPeriod: 0,
        defaultBuyerBps: 10_001,
      }),
      [
        "deliveryPeriod: must be > 0",
        "defaultBuyerBps: must be an integer from 0 to 10000 (basis points)",
        `expiry: must be after the next block's time (${time})`,
        "penalty: must be at most collateral (50000000)",
        // One issue per field: the registration check skips a field that already failed.
        "arbiter: must be neither the buyer nor the agent",
      ],
    );
  });
});

describe("revokeOffer", () => {
  it("test_WhenRevoked_OfferCannotBeFundedOrRevokedAgain", async () => {
    await stake();
    const signed = await signOffer(agent, { ...offerParameters, nonce: 1n });
    const { event } = await revokeOffer(agent, { nonce: 1n });
    expect(event).toEqual({ agent: accounts.agent.address, nonce: 1n });
    await expectRevert(revokeOffer(agent, { nonce: 1n }), "Surety_NonceUsed", [accounts.agent.address, 1n]);
    await expectRevert(createPact(buyer, signed), "Surety_NonceUsed", [accounts.agent.address, 1n]);
    const { calls } = await prepareRevokeOffer(agent, { nonce: 2 });
    expect(calls[0]!.data).toBe(encodeFunctionData({ abi: suretyAbi, functionName: "revokeOffer", args: [2n] }));
  });
});
