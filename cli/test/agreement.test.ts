/**
 * `surety pact settle propose|accept`, `pact withdraw-proposals`, `pact refund-by-agent`, `pact extend` and `payout
 * claim` of several tokens, against the node: the buyer and the agent ending or amending a pact between themselves.
 */
import { createWalletClient, getAddress, http, parseUnits, publicActions, type Address, type Hex } from "viem";
import { hardhat } from "viem/chains";
import { describe, expect, it } from "vitest";

import { artifact } from "../../scripts/lib/local-chain.ts";
import { accountOf, addressOf, mintAbi } from "./helpers/accounts.ts";
import { cli, isolate, ok, rpcUrl, travel } from "./helpers/cli.ts";
import { pactAt, statusOf } from "./helpers/pacts.ts";

isolate();

describe("pact settle", () => {
  it("test_WhenAgentProposes_ShowListsIt_BuyerAcceptsExactlyThatSplit", async () => {
    const pactId = await pactAt("disputed");
    const proposed = ok(await cli(["pact", "settle", "propose", pactId, "--buyer-bps", "30%"], { as: "agent" }));
    expect(proposed.stdout).toContain(`Settlement proposed (pact ${pactId})`);
    expect(proposed.stdout).toContain(`surety pact settle accept ${pactId} --buyer-bps 3000`);

    const shown = ok(await cli(["pact", "show", pactId])).stdout;
    expect(shown).toContain("Agent proposes");
    expect(shown).toContain("settle with 30% of the price to the buyer");
    const json = ok(await cli(["pact", "show", pactId, "--json"])).json();
    expect(json.proposals).toEqual({
      buyer: { buyerBps: null, proposedAt: null, deliverBy: null },
      agent: { buyerBps: 3000, proposedAt: expect.any(Number), deliverBy: null },
    });

    // A share other than the standing proposal is refused by the contract (exit 1), in plain words.
    const wrong = await cli(["pact", "settle", "accept", pactId, "--buyer-bps", "40%"], { as: "buyer" });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`the standing proposal on pact ${pactId} gives the buyer 3000 bps, not the 4000`);

    const accepted = ok(
      await cli(["pact", "settle", "accept", pactId, "--buyer-bps", "3000", "--json"], { as: "buyer" }),
    ).json();
    expect(accepted).toMatchObject({ action: "pact.settle.accept", eventName: "PactSettled" });
    expect(accepted.event).toMatchObject({
      proposer: addressOf("agent"),
      buyerBps: 3000,
      toBuyer: "30000000",
      toAgent: "70000000",
    });
    expect(BigInt(accepted.event.feeRefund)).toBeGreaterThan(0n); // the dispute's fee, back to the buyer
    expect(ok(await cli(["pact", "show", pactId])).stdout).toContain("settled: the buyer and the agent agreed a split");
  });

  it("test_RevertGiven_ArbiterRuled_OrWhenStrangerProposes", async () => {
    const pactId = await pactAt("disputed");
    ok(await cli(["pact", "settle", "propose", pactId, "--buyer-bps", "50%"], { as: "buyer" }));
    const stranger = await cli(["pact", "settle", "propose", pactId, "--buyer-bps", "0"], { as: "stranger" });
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toContain(`is neither the buyer nor the agent of pact ${pactId}`);
    ok(await cli(["dispute", "resolve", pactId, "--buyer-bps", "0", "--ruling", "met the brief"], { as: "arbiter" }));
    const late = await cli(["pact", "settle", "accept", pactId, "--buyer-bps", "50%", "--json"], { as: "agent" });
    expect(late.code).toBe(1);
    expect(late.json().error).toMatchObject({ errorName: "Surety_InvalidStatus", kind: "refused" });
    expect(late.json().error.message).toContain(`pact ${pactId} is resolved, which does not allow this call`);
  });
});

describe("pact withdraw-proposals", () => {
  it("test_WhenPartyWithdraws_ShowListsNone_AcceptingIsRefused", async () => {
    const pactId = await pactAt("active");
    ok(await cli(["pact", "settle", "propose", pactId, "--buyer-bps", "100%"], { as: "buyer" }));
    ok(await cli(["pact", "extend", pactId, "--deliver-by", "5d"], { as: "agent" }));
    const before = ok(await cli(["pact", "show", pactId])).stdout;
    expect(before).toContain("Buyer proposes");
    expect(before).toContain("Agent asks");

    const withdrawn = ok(await cli(["pact", "withdraw-proposals", pactId, "--json"], { as: "buyer" })).json();
    expect(withdrawn).toMatchObject({
      action: "pact.withdraw-proposals",
      eventName: "ProposalsWithdrawn",
      event: { pactId, party: addressOf("buyer") },
    });
    const table = ok(await cli(["pact", "withdraw-proposals", pactId], { as: "agent" })).stdout;
    expect(table).toContain(`Proposals withdrawn (pact ${pactId})`);
    expect(table).toContain(`party ${addressOf("agent")}`);
    const after = ok(await cli(["pact", "show", pactId])).stdout;
    expect(after).not.toContain("Buyer proposes");
    expect(after).not.toContain("Agent asks");
    const refused = await cli(["pact", "settle", "accept", pactId, "--buyer-bps", "100%"], { as: "agent" });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${addressOf("buyer")} has no standing settlement proposal on pact ${pactId}`);
  });

  it("test_RevertGiven_NothingStanding_LapsedProposalNotShown", async () => {
    const pactId = await pactAt("active");
    const nothing = await cli(["pact", "withdraw-proposals", pactId], { as: "agent" });
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain(
      `${addressOf("agent")} has no standing settlement proposal or deadline request on pact ${pactId} to withdraw`,
    );

    // Made while active, the buyer's offer lapses with the delivery: pact show no longer lists it.
    ok(await cli(["pact", "settle", "propose", pactId, "--buyer-bps", "90%"], { as: "buyer" }));
    ok(await cli(["pact", "deliver", pactId, "--delivery", "ipfs://bafy/report.pdf"], { as: "agent" }));
    const shown = ok(await cli(["pact", "show", pactId, "--json"])).json();
    expect(shown.proposals.buyer).toEqual({ buyerBps: null, proposedAt: null, deliverBy: null });
    expect(ok(await cli(["pact", "show", pactId])).stdout).not.toContain("Buyer proposes");
    const lapsed = await cli(["pact", "settle", "accept", pactId, "--buyer-bps", "90%"], { as: "agent" });
    expect(lapsed.code).toBe(1);
    expect(lapsed.stderr).toContain(`${addressOf("buyer")}'s settlement proposal on pact ${pactId} has lapsed`);
  });
});

describe("pact refund-by-agent", () => {
  it("test_WhenAgentRefunds_BuyerGetsPriceAndPenalty_NobodyElseCan", async () => {
    const pactId = await pactAt("active");
    const buyer = await cli(["pact", "refund-by-agent", pactId], { as: "buyer" });
    expect(buyer.code).toBe(1);
    expect(buyer.stderr).toContain(`${addressOf("buyer")} is not the agent of pact ${pactId}`);
    const refunded = ok(await cli(["pact", "refund-by-agent", pactId, "--json"], { as: "agent" })).json();
    expect(refunded.event).toMatchObject({ refund: "100000000", slashed: "20000000", buyer: addressOf("buyer") });
    const table = ok(await cli(["pact", "history", pactId])).stdout;
    expect(table).toContain("PactRefundedByAgent");
    expect(table).toContain("slashed 20 mUSD");
    expect((await statusOf(pactId)).status).toBe("refunded");
  });
});

describe("pact extend", () => {
  it("test_WhenBothAskSameDeadline_TakesEffect_PactRunsToIt", async () => {
    const pactId = await pactAt("active");
    const { terms } = ok(await cli(["pact", "show", pactId, "--json"])).json<{ terms: { deliverBy: number } }>();
    const deliverBy = terms.deliverBy + 2 * 86_400;

    const asked = ok(await cli(["pact", "extend", pactId, "--deliver-by", String(deliverBy)], { as: "agent" }));
    expect(asked.stdout).toContain(`Later deadline asked (pact ${pactId})`);
    expect(asked.stdout).toContain(`surety pact extend ${pactId} --deliver-by ${deliverBy}`);
    expect(ok(await cli(["pact", "show", pactId])).stdout).toContain("Agent asks");

    const iso = new Date(deliverBy * 1000).toISOString().replace(".000", "");
    const agreed = ok(await cli(["pact", "extend", pactId, "--deliver-by", iso, "--json"], { as: "buyer" })).json();
    expect(agreed.extended).toEqual({ pactId, previousDeliverBy: terms.deliverBy, deliverBy });
    expect(agreed.terms.deliverBy).toBe(deliverBy);

    // Past the old deadline the pact is still active, and every command finds the new terms by itself.
    await travel(3 * 86_400 + 3_600);
    const shown = ok(await cli(["pact", "show", pactId, "--json"])).json();
    expect([shown.effectiveStatus, shown.terms.deliverBy, shown.deadline]).toEqual(["active", deliverBy, deliverBy]);
    ok(await cli(["pact", "deliver", pactId, "--delivery", "ipfs://bafy/late-but-agreed.pdf"], { as: "agent" }));
    ok(await cli(["pact", "release", pactId], { as: "buyer" }));
    expect((await statusOf(pactId)).status).toBe("released");
  });

  it("test_RevertWhen_DeadlineEarlier_OrGivenDeadlinePassed", async () => {
    const pactId = await pactAt("active");
    const earlier = await cli(["pact", "extend", pactId, "--deliver-by", "1d"], { as: "agent" });
    expect(earlier.code).toBe(2);
    expect(earlier.stderr).toContain("--deliver-by: must be after the pact's current delivery deadline");
    await travel(3 * 86_400 + 60);
    const late = await cli(["pact", "extend", pactId, "--deliver-by", "5d"], { as: "agent" });
    expect(late.code).toBe(1);
    expect(late.stderr).toMatch(/the deadline of pact \d+ \(.*\) has passed/);
  });
});

describe("payout claim", () => {
  it("test_GivenSeveralTokens_ClaimsAllInOneTransaction_AllOrNothing", async () => {
    const blocklist = await artifact("mocks/MockBlocklistToken.sol/MockBlocklistToken.json");
    const chain = { ...hardhat, rpcUrls: { default: { http: [rpcUrl()] } } };
    const deployer = createWalletClient({ account: accountOf("operator"), chain, transport: http(rpcUrl()) }).extend(
      publicActions,
    );
    const buyer = createWalletClient({ account: accountOf("buyer"), chain, transport: http(rpcUrl()) }).extend(
      publicActions,
    );
    const abi = [...blocklist.abi, ...mintAbi];
    /** A blocklist token in which the buyer holds a credit of 100: a pact cancelled while it was blocked. */
    const credited = async (): Promise<Address> => {
      const hash = await deployer.deployContract({ abi: blocklist.abi, bytecode: blocklist.bytecode as Hex });
      const token = getAddress((await deployer.waitForTransactionReceipt({ hash })).contractAddress!);
      const mint = await deployer.writeContract({
        address: token,
        abi,
        functionName: "mint",
        args: [addressOf("buyer"), parseUnits("1000", 6)],
      } as never);
      await deployer.waitForTransactionReceipt({ hash: mint });
      ok(
        await cli(["arbiter", "register", "--token", token, "--min-fee", "0", "--max-ruling-period", "30d"], {
          as: "arbiter",
        }),
      );
      const pactId = await pactAt("open", { token, "arbiter-fee": "0" });
      const block = await buyer.writeContract({
        address: token,
        abi,
        functionName: "setBlocked",
        args: [addressOf("buyer"), true],
      } as never);
      await buyer.waitForTransactionReceipt({ hash: block });
      ok(await cli(["pact", "cancel", pactId], { as: "buyer" }));
      return token;
    };
    const [first, second] = [await credited(), await credited()];

    // (The buyer is blocked in both tokens: the credits go to a recipient it names.)
    const stranger = addressOf("stranger");
    const partial = await cli(["payout", "claim", "--token", first, "--token", "eth", "--recipient", stranger], {
      as: "buyer",
    });
    expect(partial.code).toBe(1);
    expect(partial.stderr).toContain(
      `${addressOf("buyer")} has no credit to claim in token 0x0000000000000000000000000000000000000000`,
    );

    const claimed = ok(
      await cli(
        ["payout", "claim", "--token", first, "--token", second, "--recipient", addressOf("stranger"), "--json"],
        { as: "buyer" },
      ),
    ).json();
    expect(claimed).toMatchObject({ action: "payout.claim", eventName: "PayoutClaimed" });
    expect(claimed.events).toEqual([
      { token: first, account: addressOf("buyer"), recipient: addressOf("stranger"), amount: "100000000" },
      { token: second, account: addressOf("buyer"), recipient: addressOf("stranger"), amount: "100000000" },
    ]);
    const again = await cli(["payout", "claim", "--token", first, "--token", second], { as: "buyer" });
    expect(again.code).toBe(1);
  });
});
