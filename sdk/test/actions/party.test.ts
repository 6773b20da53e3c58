/**
 * The cooperative paths: settlement proposals and their acceptance, the agent's own refund, agreed deadline
 * extensions (after which the SDK must find the new terms by itself), and claiming several credits at once.
 */
import { encodeFunctionData, getAddress, parseAbi, type Address } from "viem";
import { describe, expect, it } from "vitest";

import { artifact } from "../../../scripts/lib/local-chain.ts";
import { suretyAbi } from "../../src/abis.ts";
import { deliverPact } from "../../src/actions/agent/deliverPact.ts";
import { prepareRefundByAgent, refundByAgent } from "../../src/actions/agent/refundByAgent.ts";
import { claimPayouts, prepareClaimPayouts } from "../../src/actions/anyone/claimPayouts.ts";
import { registerArbiter } from "../../src/actions/arbiter/registerArbiter.ts";
import { resolveDispute } from "../../src/actions/arbiter/resolveDispute.ts";
import { cancelPact } from "../../src/actions/buyer/cancelPact.ts";
import { releasePact } from "../../src/actions/buyer/releasePact.ts";
import { acceptSettlement, prepareAcceptSettlement } from "../../src/actions/party/acceptSettlement.ts";
import { extendDeadline, prepareExtendDeadline } from "../../src/actions/party/extendDeadline.ts";
import { prepareProposeSettlement, proposeSettlement } from "../../src/actions/party/proposeSettlement.ts";
import { prepareWithdrawProposals, withdrawProposals } from "../../src/actions/party/withdrawProposals.ts";
import { getCredit } from "../../src/actions/read/getCredit.ts";
import { getPact } from "../../src/actions/read/getPact.ts";
import { getPactHistory } from "../../src/actions/read/getPactHistory.ts";
import { getPactTerms } from "../../src/actions/read/getPactTerms.ts";
import { getProposals } from "../../src/actions/read/getProposals.ts";
import { getStake } from "../../src/actions/read/getStake.ts";
import {
  accounts,
  activePact,
  agent,
  arbiter,
  balanceOf,
  buyer,
  deployment,
  disputedPact,
  expectInvalid,
  expectRevert,
  mineAt,
  nonceOf,
  now,
  openPact,
  operator,
  plain,
  publicClient,
  stranger,
  travel,
  usd,
  usdc,
} from "../helpers.ts";

const blocklistAbi = parseAbi([
  "function setBlocked(address account, bool isBlocked)",
  "function mint(address to, uint256 amount)",
]);

describe("acceptSettlement", () => {
  it("test_GivenDisputed_AgentsProposalAccepted_SplitsAndReturnsTheFee", async () => {
    const { pactId } = await disputedPact();
    const proposed = await proposeSettlement(agent, { pactId, buyerBps: 3_333 });
    expect(proposed.event).toEqual({ pactId, party: accounts.agent.address, buyerBps: 3_333 });
    const proposedAt = Number((await publicClient.getBlock({ blockNumber: proposed.receipt.blockNumber })).timestamp);
    expect(await getProposals(stranger, { pactId })).toEqual({
      pactId,
      status: "disputed",
      buyer: { buyerBps: undefined, proposedAt: undefined, deliverBy: undefined },
      agent: { buyerBps: 3_333, proposedAt, deliverBy: undefined },
    });

    const [buyerBefore, agentBefore] = await Promise.all([
      balanceOf(usdc, accounts.buyer.address),
      balanceOf(usdc, accounts.agent.address),
    ]);
    const { event } = await acceptSettlement(buyer, { pactId, buyerBps: 3_333 });
    // The buyer's share rounds down; the arbiter fee of a dispute goes back to the buyer.
    expect(event).toEqual({
      pactId,
      proposer: accounts.agent.address,
      buyerBps: 3_333,
      toBuyer: 33_330_000n,
      toAgent: 66_670_000n,
      feeRefund: usd("5"),
    });
    expect(await balanceOf(usdc, accounts.buyer.address)).toBe(buyerBefore + 33_330_000n + usd("5"));
    expect(await balanceOf(usdc, accounts.agent.address)).toBe(agentBefore + 66_670_000n);
    // No slash: the whole collateral unlocks.
    expect(await getStake(stranger, { agent: accounts.agent.address })).toMatchObject({
      staked: usd("1000"),
      locked: 0n,
    });
    const pact = await getPact(stranger, { pactId });
    expect([pact.status, pact.effectiveStatus, pact.deadline]).toEqual(["settled", "settled", undefined]);
    expect((await getProposals(stranger, { pactId })).agent).toEqual({
      buyerBps: undefined,
      proposedAt: undefined,
      deliverBy: undefined,
    });
    expect((await getPactHistory(stranger, { pactId })).map((entry) => entry.eventName).slice(-2)).toEqual([
      "SettlementProposed",
      "PactSettled",
    ]);
  });

  it("test_GivenProposalsCross_OnlyTheStandingOneCanBeAccepted", async () => {
    const { pactId } = await activePact();
    await expectRevert(acceptSettlement(agent, { pactId, buyerBps: 5_000 }), "Surety_NoSettlementProposal", [
      pactId,
      accounts.buyer.address,
    ]);
    await proposeSettlement(buyer, { pactId, buyerBps: 8_000 });
    await proposeSettlement(agent, { pactId, buyerBps: 4_000 });
    const standing = await getProposals(stranger, { pactId });
    expect([standing.buyer.buyerBps, standing.agent.buyerBps]).toEqual([8_000, 4_000]);

    // Each side can accept only the other's proposal, at exactly its split.
    const mismatch = await expectRevert(
      acceptSettlement(buyer, { pactId, buyerBps: 8_000 }),
      "Surety_SettlementMismatch",
      [pactId, 4_000, 8_000],
    );
    expect(mismatch.message).toContain(
      `the standing proposal on pact ${pactId} gives the buyer 4000 bps, not the 8000 bps accepted`,
    );
    // A newer proposal replaces the sender's older one.
    await proposeSettlement(buyer, { pactId, buyerBps: 6_000 });
    await expectRevert(acceptSettlement(agent, { pactId, buyerBps: 8_000 }), "Surety_SettlementMismatch", [
      pactId,
      6_000,
      8_000,
    ]);
    const { event } = await acceptSettlement(agent, { pactId, buyerBps: 6_000 });
    expect(event).toMatchObject({
      proposer: accounts.buyer.address,
      toBuyer: usd("60"),
      toAgent: usd("40"),
      feeRefund: 0n,
    });
  });

  it("test_RevertWhen_TheArbiterRuledFirst", async () => {
    const { pactId } = await disputedPact();
    await proposeSettlement(agent, { pactId, buyerBps: 5_000 });
    await resolveDispute(arbiter, { pactId, buyerBps: 10_000, ruling: "refund in full" });
    const revert = await expectRevert(acceptSettlement(buyer, { pactId, buyerBps: 5_000 }), "Surety_InvalidStatus", [
      pactId,
      10,
    ]);
    expect(revert.message).toContain(`pact ${pactId} is resolved, which does not allow this call`);
    expect(await getProposals(stranger, { pactId })).toMatchObject({
      status: "resolved",
      agent: { buyerBps: undefined },
    });
  });

  it("test_GivenDelivered_AProposalMadeWhileActive_HasLapsed", async () => {
    const { pactId, terms } = await activePact();
    await proposeSettlement(buyer, { pactId, buyerBps: 9_000 });
    await deliverPact(agent, { pactId, terms, delivery: "the summary" });
    // The delivery moved the pact on: the buyer's offer no longer binds it, and no reader shows it.
    expect(await getProposals(stranger, { pactId })).toMatchObject({
      status: "delivered",
      buyer: { buyerBps: undefined, proposedAt: undefined },
    });
    const lapsed = await expectRevert(acceptSettlement(agent, { pactId, buyerBps: 9_000 }), "Surety_ProposalLapsed", [
      pactId,
      accounts.buyer.address,
    ]);
    expect(lapsed.message).toContain(`${accounts.buyer.address}'s settlement proposal on pact ${pactId} has lapsed`);
  });

  it("test_GivenActivePastDeliverBy_AnEarlierProposalHasLapsed_AFreshOneStands", async () => {
    const { pactId, terms } = await activePact();
    await proposeSettlement(buyer, { pactId, buyerBps: 10_000 });
    await mineAt(terms.deliverBy + 1);
    expect((await getProposals(stranger, { pactId })).buyer.buyerBps).toBeUndefined();
    await expectRevert(acceptSettlement(agent, { pactId, buyerBps: 10_000 }), "Surety_ProposalLapsed", [
      pactId,
      accounts.buyer.address,
    ]);
    // Made after the deadline, a proposal is fresh consent: it stands.
    await proposeSettlement(buyer, { pactId, buyerBps: 9_500 });
    expect((await getProposals(stranger, { pactId })).buyer.buyerBps).toBe(9_500);
  });
});

describe("getProposals", () => {
  it("test_RevertWhen_TheTermsAreNotThePacts", async () => {
    const { pactId, terms } = await activePact();
    await expectInvalid(getProposals(stranger, { pactId, terms: { ...terms, price: 1n } }), [
      `terms: do not match pact ${pactId}'s commitment`,
    ]);
    const missing = await getProposals(stranger, { pactId: 99n }).catch((error: unknown) => error);
    expect(missing).toMatchObject({ name: "NotFoundError", resource: "pact", id: "99" });
  });
});

describe("proposeSettlement", () => {
  it("test_RevertWhen_NotAParty_OrInvalidParameters_NothingSent", async () => {
    const { pactId, terms } = await activePact();
    await expectRevert(proposeSettlement(stranger, { pactId, buyerBps: 1 }), "Surety_CallerNotParty", [
      pactId,
      accounts.stranger.address,
    ]);
    const nonce = await nonceOf(accounts.buyer.address);
    await expectInvalid(proposeSettlement(buyer, { pactId: "one" as never, buyerBps: 10_001 }), [
      "pactId: must be an unsigned integer (bigint, number or digits)",
      "buyerBps: must be an integer from 0 to 10000 (basis points)",
    ]);
    await expectInvalid(acceptSettlement(buyer, { pactId, buyerBps: 12.5, extra: 1 } as never), [
      "buyerBps: must be an integer from 0 to 10000 (basis points)",
      "extra: is not a parameter of acceptSettlement",
    ]);
    const missing = await acceptSettlement(buyer, { pactId: 99n, buyerBps: 0 }).catch((error: unknown) => error);
    expect(missing).toMatchObject({ name: "NotFoundError", resource: "pact", id: "99" });
    expect(await nonceOf(accounts.buyer.address)).toBe(nonce);

    const propose = await prepareProposeSettlement(buyer, { pactId, buyerBps: 2_500 });
    expect(propose.calls).toEqual([
      {
        to: deployment.surety,
        data: encodeFunctionData({ abi: suretyAbi, functionName: "proposeSettlement", args: [pactId, terms, 2_500] }),
        value: 0n,
      },
    ]);
    const accept = await prepareAcceptSettlement(agent, { pactId, terms, buyerBps: 2_500 });
    expect(accept.calls[0]!.data).toBe(
      encodeFunctionData({ abi: suretyAbi, functionName: "acceptSettlement", args: [pactId, terms, 2_500] }),
    );
  });
});

describe("withdrawProposals", () => {
  it("test_GivenStandingProposals_TheirPartyWithdrawsThem", async () => {
    const { pactId, terms } = await activePact();
    await proposeSettlement(buyer, { pactId, buyerBps: 8_000 });
    await extendDeadline(buyer, { pactId, deliverBy: terms.deliverBy + 86_400 });
    await proposeSettlement(agent, { pactId, buyerBps: 2_000 });
    const { event } = await withdrawProposals(buyer, { pactId });
    expect(event).toEqual({ pactId, party: accounts.buyer.address });
    // Only the buyer's are gone: the agent's still stands.
    expect(await getProposals(stranger, { pactId })).toMatchObject({
      buyer: { buyerBps: undefined, proposedAt: undefined, deliverBy: undefined },
      agent: { buyerBps: 2_000 },
    });
    await expectRevert(acceptSettlement(agent, { pactId, buyerBps: 8_000 }), "Surety_NoSettlementProposal", [
      pactId,
      accounts.buyer.address,
    ]);
    expect((await getPactHistory(stranger, { pactId })).at(-1)!.eventName).toBe("ProposalsWithdrawn");
  });

  it("test_RevertWhen_NothingStands_OrNotAParty", async () => {
    const { pactId, terms } = await activePact();
    const nothing = await expectRevert(withdrawProposals(agent, { pactId }), "Surety_NothingToWithdraw", [
      pactId,
      accounts.agent.address,
    ]);
    expect(nothing.message).toContain(
      `${accounts.agent.address} has no standing settlement proposal or deadline request on pact ${pactId} to withdraw`,
    );
    await proposeSettlement(buyer, { pactId, buyerBps: 5_000 });
    await expectRevert(withdrawProposals(stranger, { pactId }), "Surety_CallerNotParty", [
      pactId,
      accounts.stranger.address,
    ]);
    const prepared = await prepareWithdrawProposals(buyer, { pactId, terms });
    expect(prepared.calls).toEqual([
      {
        to: deployment.surety,
        data: encodeFunctionData({ abi: suretyAbi, functionName: "withdrawProposals", args: [pactId, terms] }),
        value: 0n,
      },
    ]);
  });
});

describe("refundByAgent", () => {
  it("test_GivenActive_RefundsThePriceAndSlashesThePenaltyToTheBuyer", async () => {
    const { pactId, terms } = await activePact();
    const before = await balanceOf(usdc, accounts.buyer.address);
    const { event } = await refundByAgent(agent, { pactId });
    expect(event).toEqual({
      pactId,
      buyer: accounts.buyer.address,
      agent: accounts.agent.address,
      refund: usd("100"),
      slashed: usd("20"),
    });
    // Price and penalty are both in mUSD here.
    expect(await balanceOf(usdc, accounts.buyer.address)).toBe(before + usd("120"));
    expect(await getStake(stranger, { agent: accounts.agent.address })).toMatchObject({
      staked: usd("980"),
      locked: 0n,
    });
    expect((await getPact(stranger, { pactId, terms })).status).toBe("refunded");
    expect((await prepareRefundByAgent(agent, { pactId })).calls[0]!.data).toBe(
      encodeFunctionData({ abi: suretyAbi, functionName: "refundByAgent", args: [pactId, terms] }),
    );
  });

  it("test_RevertWhen_NotTheAgent_NotActive_OrPastDeliverBy", async () => {
    const { pactId, terms } = await activePact();
    await expectRevert(refundByAgent(buyer, { pactId }), "Surety_CallerNotAgent", [pactId, accounts.buyer.address]);
    const open = await openPact();
    await expectRevert(refundByAgent(agent, open), "Surety_InvalidStatus", [open.pactId, 1]);
    await travel(3 * 86_400 + 60);
    await expectRevert(refundByAgent(agent, { pactId }), "Surety_DeadlinePassed", [pactId, BigInt(terms.deliverBy)]);
    await expectInvalid(refundByAgent(agent, {} as never), ["pactId: is required"]);
  });
});

describe("extendDeadline", () => {
  it("test_BothAskTheSameDeadline_TheTermsChange_AndTheSdkFindsThem", async () => {
    const { pactId, terms } = await activePact();
    const deliverBy = terms.deliverBy + 2 * 86_400;
    const first = await extendDeadline(agent, { pactId, deliverBy });
    expect(first.event).toEqual({ pactId, party: accounts.agent.address, deliverBy });
    expect(first.extended).toBeUndefined();
    expect(first.terms).toEqual(terms);
    expect((await getProposals(stranger, { pactId })).agent.deliverBy).toBe(deliverBy);

    const second = await extendDeadline(buyer, { pactId, deliverBy: new Date(deliverBy * 1000) });
    expect(second.extended).toEqual({ pactId, previousDeliverBy: terms.deliverBy, deliverBy });
    const extended = { ...terms, deliverBy };
    expect(second.terms).toEqual(extended);
    expect(await getProposals(stranger, { pactId })).toMatchObject({
      buyer: { deliverBy: undefined },
      agent: { deliverBy: undefined },
    });

    // The contract is now committed to the extended terms: the created ones no longer match.
    expect(await getPactTerms(stranger, { pactId })).toEqual(extended);
    await expectRevert(deliverPact(agent, { pactId, terms, delivery: "late" }), "Surety_TermsMismatch", [pactId]);
    // Past the old deadline the pact is still active, up to the new one.
    await travel(3 * 86_400 + 3_600);
    const pact = await getPact(stranger, { pactId });
    expect(pact).toMatchObject({ terms: extended, status: "active", effectiveStatus: "active", deadline: deliverBy });

    await deliverPact(agent, { pactId, delivery: "the summary" });
    const { event } = await releasePact(buyer, { pactId });
    expect(event.payment).toBe(usd("100"));
    expect((await getPactHistory(stranger, { pactId })).map((entry) => entry.eventName)).toEqual([
      "PactCreated",
      "PactAccepted",
      "DeadlineExtensionProposed",
      "DeadlineExtensionProposed",
      "DeadlineExtended",
      "PactDelivered",
      "PactReleased",
    ]);
  });

  it("test_DifferentDeadlines_DoNotExtend_AndDurationsCountFromTheNextBlock", async () => {
    const { pactId, terms } = await activePact();
    const time = Number(await now());
    const prepared = await prepareExtendDeadline(agent, { pactId, deliverBy: "5d" });
    expect(prepared.deliverBy).toBe(time + 5 * 86_400);
    expect(prepared.calls[0]!.data).toBe(
      encodeFunctionData({ abi: suretyAbi, functionName: "extendDeadline", args: [pactId, terms, time + 5 * 86_400] }),
    );
    await extendDeadline(agent, { pactId, deliverBy: terms.deliverBy + 100 });
    const { extended } = await extendDeadline(buyer, { pactId, deliverBy: terms.deliverBy + 200 });
    expect(extended).toBeUndefined();
    expect(await getProposals(stranger, { pactId })).toMatchObject({
      buyer: { deliverBy: terms.deliverBy + 200 },
      agent: { deliverBy: terms.deliverBy + 100 },
    });
    expect(await getPactTerms(stranger, { pactId })).toEqual(terms);
  });

  it("test_RevertWhen_NotLater_NotAParty_OrPastDeliverBy", async () => {
    const { pactId, terms } = await activePact();
    const nonce = await nonceOf(accounts.agent.address);
    await expectInvalid(extendDeadline(agent, { pactId, deliverBy: "1d" }), [
      `deliverBy: must be after the pact's current delivery deadline (${new Date(terms.deliverBy * 1000).toISOString()}, ${terms.deliverBy})`,
    ]);
    await expectInvalid(extendDeadline(agent, { pactId, deliverBy: "soon" }), [
      'deliverBy: must be a Date, Unix seconds (bigint or integer), or a duration from the next block\'s time like "3d" or "90m"',
    ]);
    expect(await nonceOf(accounts.agent.address)).toBe(nonce);
    // With the terms passed, the contract's own check speaks.
    const revert = await expectRevert(
      extendDeadline(agent, {
        pactId,
        terms: { ...terms, deliverBy: terms.deliverBy - 1 },
        deliverBy: terms.deliverBy,
      }),
      "Surety_TermsMismatch",
    );
    expect(revert.errorName).toBe("Surety_TermsMismatch");
    await expectRevert(extendDeadline(stranger, { pactId, deliverBy: "10d" }), "Surety_CallerNotParty", [
      pactId,
      accounts.stranger.address,
    ]);
    await travel(3 * 86_400 + 60);
    await expectRevert(extendDeadline(agent, { pactId, deliverBy: "10d" }), "Surety_DeadlinePassed", [
      pactId,
      BigInt(terms.deliverBy),
    ]);
  });
});

describe("claimPayouts", () => {
  /** Deploys a second blocklist token the arbiter takes, and funds the buyer with it. */
  async function secondToken(): Promise<Address> {
    const { abi, bytecode } = await artifact("mocks/MockBlocklistToken.sol/MockBlocklistToken.json");
    const hash = await operator.deployContract({ abi, bytecode, args: [] });
    const token = getAddress((await publicClient.waitForTransactionReceipt({ hash })).contractAddress!);
    await publicClient.waitForTransactionReceipt({
      hash: await operator.writeContract({
        address: token,
        abi: blocklistAbi,
        functionName: "mint",
        args: [accounts.buyer.address, usd("1000")],
      }),
    });
    await registerArbiter(arbiter, { token, minFee: 0n, maxRulingPeriod: "30d" });
    return token;
  }

  /** Cancels an open pact in `token` while the buyer is blocked from receiving it: the refund is credited. */
  async function creditBuyer(token: Address): Promise<void> {
    const { pactId } = await openPact({ token, arbiterFee: 0n });
    await publicClient.waitForTransactionReceipt({
      hash: await buyer.writeContract({
        address: token,
        abi: blocklistAbi,
        functionName: "setBlocked",
        args: [accounts.buyer.address, true],
      }),
    });
    await cancelPact(buyer, { pactId });
  }

  it("test_ClaimsEveryListedToken_InOneTransaction", async () => {
    const other = await secondToken();
    await creditBuyer(plain);
    await creditBuyer(other);
    const { events } = await claimPayouts(buyer, { tokens: [plain, other], recipient: accounts.stranger.address });
    expect(events).toEqual([
      { token: plain, account: accounts.buyer.address, recipient: accounts.stranger.address, amount: usd("100") },
      { token: other, account: accounts.buyer.address, recipient: accounts.stranger.address, amount: usd("100") },
    ]);
    expect(await balanceOf(other, accounts.stranger.address)).toBe(usd("100"));
    expect(await getCredit(stranger, { token: plain, account: accounts.buyer.address })).toBe(0n);
    expect(await getCredit(stranger, { token: other, account: accounts.buyer.address })).toBe(0n);
  });

  it("test_RevertWhen_ATokenHasNoCredit_NothingIsClaimed", async () => {
    await creditBuyer(plain);
    await expectRevert(
      claimPayouts(buyer, { tokens: [plain, usdc], recipient: accounts.stranger.address }),
      "Surety_NoCredit",
      [usdc, accounts.buyer.address],
    );
    expect(await getCredit(stranger, { token: plain, account: accounts.buyer.address })).toBe(usd("100"));
    await expectInvalid(claimPayouts(buyer, { tokens: [plain, "0x12", plain.toLowerCase() as Address] }), [
      "tokens.1: must be a 0x-prefixed 20-byte address",
      "tokens.2: repeats tokens[0]",
    ]);
    await expectInvalid(claimPayouts(buyer, { tokens: [], recipient: "0x0000000000000000000000000000000000000000" }), [
      "tokens: must be a non-empty array of token addresses",
      "recipient: must not be the zero address",
    ]);
    const { calls } = await prepareClaimPayouts(buyer, { tokens: [plain, usdc] });
    expect(calls[0]!.data).toBe(
      encodeFunctionData({
        abi: suretyAbi,
        functionName: "claimPayouts",
        args: [[plain, usdc], accounts.buyer.address],
      }),
    );
  });
});
