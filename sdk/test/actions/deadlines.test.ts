/**
 * Deadlines as a transaction sees them: on a node that mines only on demand (automine, no interval mining, as the
 * test node runs), the latest block's clock stands still while time passes; the SDK judges deadlines and simulates
 * writes at the next block's time. The waits are real (a few seconds): nothing here moves the node's clock.
 */
import { createWalletClient, custom, http, type EIP1193Parameters, type PublicRpcSchema } from "viem";
import { describe, expect, it } from "vitest";

import { suretyAbi } from "../../src/abis.ts";
import { deliverPact } from "../../src/actions/agent/deliverPact.ts";
import { depositStake } from "../../src/actions/agent/depositStake.ts";
import { signOffer } from "../../src/actions/agent/signOffer.ts";
import { claimRefund } from "../../src/actions/anyone/claimRefund.ts";
import { createPact } from "../../src/actions/buyer/createPact.ts";
import { ContractRevertError } from "../../src/errors/contract.ts";
import type { Terms } from "../../src/types.ts";
import { getNextBlockTime } from "../../src/utils/nextBlock.ts";
import {
  accounts,
  agent,
  balanceOf,
  buyer,
  chain,
  deployment,
  nonceOf,
  publicClient,
  rpcUrl,
  stake,
  stranger,
  testClient,
  usd,
  usdc,
} from "../helpers.ts";

/** A pact funded from an offer: active at once, due `deliveryPeriod` seconds after the block that funds it. */
async function offerPact(deliveryPeriod: number): Promise<{ pactId: bigint; terms: Terms }> {
  const signed = await signOffer(agent, {
    arbiter: accounts.arbiter.address,
    token: usdc,
    price: "100",
    collateral: "50",
    penalty: "20",
    deliveryPeriod,
    reviewPeriod: "2d",
    rulingPeriod: "5d",
    defaultBuyerBps: 5_000,
    terms: "Translate the attached page into French",
    expiry: "1h",
  });
  const { pactId, terms } = await createPact(buyer, signed);
  return { pactId, terms };
}

/** The node's own next block: its pending block's timestamp, asked directly of the node. */
async function nodeNextBlockTime(): Promise<bigint> {
  return (await publicClient.getBlock({ blockTag: "pending" })).timestamp;
}

/** Waits, without sending anything, until the node would stamp its next block at `timestamp` or later. */
async function waitForNodeTime(timestamp: bigint | number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((await nodeNextBlockTime()) < BigInt(timestamp)) {
    if (Date.now() > deadline) throw new Error(`the node's clock did not reach ${timestamp} within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const blockNumber = () => publicClient.getBlockNumber({ cacheTime: 0 });

describe("claimRefund", () => {
  describe("given a deadline passed while the node mined nothing", () => {
    it("test_GivenDeadlinePassedWithNoBlockSince_WhenClaimRefund_RefundsPriceAndPenalty", async () => {
      await stake();
      const { pactId, terms } = await offerPact(2);
      const funded = await blockNumber();

      await waitForNodeTime(terms.deliverBy + 1);
      // Nothing was mined while waiting (no traffic, no interval mining): the latest block is still before the
      // deadline, which has passed for the node's next block. (The node's clock is its own: the fixture's quick
      // blocks, one second apart at least, put it ahead of the wall clock; a fresh node's runs seconds behind.)
      expect(await blockNumber()).toBe(funded);
      expect((await publicClient.getBlock()).timestamp).toBeLessThanOrEqual(BigInt(terms.deliverBy));
      // A simulation at the latest block, as the SDK made before, is still refused as "not passed yet".
      const atLatest = publicClient.simulateContract({
        address: deployment.surety,
        abi: suretyAbi,
        functionName: "claimRefund",
        args: [pactId, terms],
        account: accounts.stranger,
      });
      await expect(atLatest).rejects.toThrow(/Surety_DeadlineNotPassed/);

      const before = await balanceOf(usdc, accounts.buyer.address);
      const { event, receipt } = await claimRefund(stranger, { pactId, terms });
      expect(event).toMatchObject({ pactId, buyer: accounts.buyer.address, slashed: usd("20") });
      expect((await balanceOf(usdc, accounts.buyer.address)) - before).toBe(usd("100") + usd("20"));
      const mined = await publicClient.getBlock({ blockNumber: receipt.blockNumber });
      expect(mined.timestamp).toBeGreaterThan(BigInt(terms.deliverBy));
    });
  });
});

describe("deliverPact", () => {
  describe("given the node mined nothing for seconds", () => {
    it("test_GivenDeadlineNotPassedForNextBlock_Delivers_AndGivenPassed_RevertsNamingTheDeadline", async () => {
      await stake();
      const early = await offerPact(4);
      const late = await offerPact(4);

      // The last second but one before the early pact's deadline, for the node's next block: delivered.
      await waitForNodeTime(early.terms.deliverBy - 1);
      const delivered = await deliverPact(agent, { ...early, delivery: "the translation" });
      const mined = await publicClient.getBlock({ blockNumber: delivered.receipt.blockNumber });
      expect(mined.timestamp).toBeLessThanOrEqual(BigInt(early.terms.deliverBy));

      // Past the late pact's deadline for the node's next block, while its latest block is still before it.
      const idle = await blockNumber();
      await waitForNodeTime(late.terms.deliverBy + 1);
      expect(await blockNumber()).toBe(idle);
      expect((await publicClient.getBlock()).timestamp).toBeLessThanOrEqual(BigInt(late.terms.deliverBy));
      const nonce = await nonceOf(accounts.agent.address);
      const error = await deliverPact(agent, { ...late, delivery: "too late" }).then(
        () => expect.unreachable("the delivery after the deadline went through"),
        (caught: unknown) => caught,
      );
      // Refused by the simulation, before anything was sent, with the deadline and the time it was judged at.
      expect(error).toBeInstanceOf(ContractRevertError);
      const revert = error as ContractRevertError;
      expect(revert.errorName).toBe("Surety_DeadlinePassed");
      expect(revert.args).toEqual([late.pactId, BigInt(late.terms.deliverBy)]);
      expect(revert.blockTime).toBeGreaterThan(BigInt(late.terms.deliverBy));
      const deadline = new Date(late.terms.deliverBy * 1000).toISOString();
      expect(revert.shortMessage).toBe(
        `deliverPact reverted: the deadline of pact ${late.pactId} (${deadline}, ${late.terms.deliverBy}) has passed.`,
      );
      expect(revert.message).toContain(`Simulated at the next block's time: `);
      expect(await nonceOf(accounts.agent.address)).toBe(nonce);
    });
  });
});

describe("getNextBlockTime", () => {
  it("test_GivenNodeClockSetWithoutABlock_IsTheNodesNextBlockTime", async () => {
    const latest = (await publicClient.getBlock()).timestamp;
    await testClient.setNextBlockTimestamp({ timestamp: latest + 1_000n });
    expect(await getNextBlockTime(publicClient)).toBe(latest + 1_000n);
    expect((await publicClient.getBlock()).timestamp).toBe(latest);
  });

  it("test_IsNeverBeforeTheBlockAfterTheLatest", async () => {
    const latest = (await publicClient.getBlock()).timestamp;
    expect(await getNextBlockTime(publicClient)).toBeGreaterThan(latest);
  });
});

describe("write simulation", () => {
  it("test_AsksForTheNextBlock_WithBlockOverrides_ThenThePendingBlockOnANodeThatRefusesThem", async () => {
    // What viem sends for the SDK, recorded on the way to the real node.
    const sent: EIP1193Parameters<PublicRpcSchema>[] = [];
    const node = http(rpcUrl)({ chain });
    const transport = custom({
      request: (request: EIP1193Parameters<PublicRpcSchema>) => {
        sent.push(request);
        return node.request(request);
      },
    });
    const client = createWalletClient({ account: accounts.agent, chain, transport, pollingInterval: 50 });
    const suretyCalls = () =>
      sent.flatMap((request) =>
        request.method === "eth_call" &&
        (request.params[0] as { to?: string }).to?.toLowerCase() === deployment.surety.toLowerCase()
          ? [request.params as readonly unknown[]]
          : [],
      );

    const latest = await publicClient.getBlock();
    await depositStake(client, { amount: usd("10"), allowance: "permit" });
    const first = suretyCalls();
    // The block overrides: the latest block's state, in a block numbered and stamped as the next one. The Hardhat
    // node refuses them ("invalid params"), and the SDK simulates in its pending block instead.
    const overridden = first.find((params) => params.length === 4);
    expect(overridden).toBeDefined();
    const overrides = overridden![3] as { number: string; time: string };
    expect(BigInt(overrides.number)).toBeGreaterThan(latest.number);
    expect(BigInt(overrides.time)).toBeGreaterThan(latest.timestamp);
    expect(first.filter((params) => params[1] === "pending")).toHaveLength(1);
    // Its gas is estimated in the pending block too, where the transaction will run.
    const estimates = sent.filter((request) => request.method === "eth_estimateGas");
    expect(estimates.map((request) => (request.params as readonly unknown[])[1])).toEqual(["pending"]);

    // The node's refusal is remembered for the client: the next write asks for the pending block at once.
    sent.length = 0;
    await depositStake(client, { amount: usd("10"), allowance: "permit" });
    const second = suretyCalls();
    expect(second.filter((params) => params.length === 4)).toHaveLength(0);
    expect(second.filter((params) => params[1] === "pending")).toHaveLength(1);
  });
});
