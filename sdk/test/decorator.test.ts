import { createPublicClient, createWalletClient, http } from "viem";
import { describe, expect, it } from "vitest";

import { suretyActions } from "../src/decorators/suretyActions.ts";
import * as sdk from "../src/index.ts";
import { accounts, chain, deployment, expectInvalid, rpcUrl, usdc } from "./helpers.ts";

const extended = (account: (typeof accounts)[keyof typeof accounts]) =>
  createWalletClient({ account, chain, transport: http(rpcUrl) }).extend(suretyActions(deployment));

describe("suretyActions", () => {
  it("test_BindsEveryActionOfThePackage", () => {
    const client = extended(accounts.buyer);
    const bound = Object.keys(suretyActions()(client)).sort();
    const exported = Object.entries(sdk)
      .filter(([name, value]) => typeof value === "function" && name in client)
      .map(([name]) => name)
      .sort();
    expect(bound).toEqual(exported);
    expect(bound).toHaveLength(88);
    for (const name of bound) expect(typeof (client as unknown as Record<string, unknown>)[name]).toBe("function");
  });

  it("test_FullFlow_BuyerAgentArbiter", async () => {
    const buyer = extended(accounts.buyer);
    const agent = extended(accounts.agent);
    const arbiter = extended(accounts.arbiter);

    await agent.depositStake({ amount: "500" });
    const { pactId } = await buyer.createPact({
      agent: accounts.agent.address,
      arbiter: accounts.arbiter.address,
      token: usdc,
      price: "100",
      arbiterFee: "5",
      collateral: "50",
      penalty: "20",
      acceptBy: "1d",
      deliverBy: "3d",
      reviewPeriod: "2d",
      rulingPeriod: "5d",
      defaultBuyerBps: 5_000,
      terms: { task: "summarise" },
    });
    await agent.acceptPact({ pactId });
    await agent.deliverPact({ pactId, delivery: { summary: "ipfs://bafy" } });
    await buyer.disputePact({ pactId, reason: "too short" });
    await agent.submitEvidence({ pactId, evidence: "the brief said one page" });
    const { event } = await arbiter.resolveDispute({ pactId, buyerBps: 0, ruling: "the agent met the brief" });
    expect(event.toAgent).toBe(100_000_000n);

    const pact = await buyer.getPact({ pactId });
    expect(pact.status).toBe("resolved");
    expect((await buyer.getPactHistory({ pactId })).map((entry) => entry.eventName)).toEqual([
      "PactCreated",
      "PactAccepted",
      "PactDelivered",
      "PactDisputed",
      "EvidenceSubmitted",
      "DisputeResolved",
    ]);
    const { calls } = await buyer.prepareCancelPact({ pactId });
    expect(calls).toHaveLength(1);
  });

  it("test_WithoutDeployment_UsesTheChainsKnownOne_AndACallMayOverride", async () => {
    const reader = createPublicClient({ chain, transport: http(rpcUrl) }).extend(suretyActions());
    expect((await reader.getStake({ agent: accounts.agent.address })).stakeToken).toBe(usdc);
    await expectInvalid(reader.getStake({ agent: accounts.agent.address, deployment: { ...deployment, chainId: 5 } }), [
      "deployment: is on chain 5 but the client is on chain 31337",
    ]);
    const paused = extended(accounts.deployer);
    expect((await paused.pause()).event.account).toBe(accounts.deployer.address);
    expect((await paused.unpause()).event.account).toBe(accounts.deployer.address);
  });

  it("test_GivenClientWithoutAccount_WhenWriteNamesNone_RefusesIt", async () => {
    const reader = createPublicClient({ chain, transport: http(rpcUrl) }).extend(suretyActions(deployment));
    // The types require the account here (see test/types.test-d.ts); a caller without types learns it at run time.
    await expectInvalid(
      // @ts-expect-error a public client has no account to send from
      reader.prepareWithdrawStake(),
      ["account: is required: pass `account`, or use a client that has one"],
    );
    const { calls } = await reader.prepareWithdrawStake({ account: accounts.agent.address });
    expect(calls).toEqual([expect.objectContaining({ to: deployment.surety, value: 0n })]);
  });
});
