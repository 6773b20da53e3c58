/** `surety agent show|set-status|recertify`, `surety arbiter register` and `surety payout claim` against the node. */
import { createWalletClient, http, parseUnits, publicActions, type Address, type Hex } from "viem";
import { hardhat } from "viem/chains";
import { describe, expect, it } from "vitest";

import { artifact } from "../../scripts/lib/local-chain.ts";
import { accountOf, addressOf, mintAbi } from "./helpers/accounts.ts";
import { cli, isolate, ok, rpcUrl, testClient, travel } from "./helpers/cli.ts";
import { pactAt } from "./helpers/pacts.ts";

isolate();

describe("agent set-status", () => {
  it("test_WhenWarnedNarrowedRecertified_AgentShowFollows", async () => {
    const agent = addressOf("agent");
    const warned = ok(
      await cli(["agent", "set-status", agent, "--status", "warned", "--reason", "Two late deliveries", "--json"], {
        as: "operator",
      }),
    ).json();
    expect(warned).toMatchObject({ action: "agent.set-status", eventName: "AgentStatusChanged" });
    expect(warned.event).toMatchObject({ agent, status: "warned" });
    expect(warned.reason.canonical).toBe("Two late deliveries");

    const narrowed = ok(
      await cli(["agent", "set-status", agent, "--status", "narrowed", "--cap", "500", "--reason", "OPS-142"], {
        as: "operator",
      }),
    ).stdout;
    expect(narrowed).toContain(`Agent ${agent} is now narrowed`);
    expect(narrowed).toContain("500 mUSD");

    const shown = ok(await cli(["agent", "show", agent, "--json"])).json();
    expect(shown).toMatchObject({ status: "narrowed", cap: "500000000", acceptsPacts: true });
    expect(shown.stake.staked).toBe("1000000000");

    const table = ok(await cli(["agent", "show", agent])).stdout;
    expect(table).toContain("narrowed");
    expect(table).toContain("1000 mUSD");

    ok(await cli(["agent", "recertify", agent, "--reason", "Audit passed"], { as: "operator" }));
    expect(ok(await cli(["agent", "show", agent, "--json"])).json().status).toBe("good");
  });

  it("test_RevertWhen_CallerNotOperator", async () => {
    const refused = await cli(["agent", "set-status", addressOf("agent"), "--status", "warned", "--reason", "x"], {
      as: "stranger",
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${addressOf("stranger")} does not hold the operator role`);
  });

  it("test_GivenFreezeEnded_WhenWarned_ShowsNoFreeze", async () => {
    const agent = addressOf("agent");
    const review = ["agent", "set-status", agent, "--status", "under-review", "--cap", "10", "--reason", "audit"];
    expect(ok(await cli(review, { as: "operator" })).stdout).toMatch(/Withdrawals frozen[\s│]+until .*\(in /);
    await travel(600);
    const warned = ok(
      await cli(["agent", "set-status", agent, "--status", "warned", "--reason", "audit closed"], { as: "operator" }),
    ).stdout;
    expect(warned).toMatch(/Withdrawals frozen[\s│]+no /);
    expect(warned).not.toContain("ago");
    const shown = ok(await cli(["agent", "show", agent])).stdout;
    expect(shown).toMatch(/Withdrawals frozen[\s│]+no /);
  });
});

describe("agent recertify", () => {
  it("test_RevertGiven_AgentInGoodStanding", async () => {
    const before = await testClient().getBlockNumber();
    const refused = await cli(["agent", "recertify", addressOf("agent"), "--reason", "routine"], { as: "operator" });
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toContain(`agent ${addressOf("agent")} is already in good standing`);
    expect(await testClient().getBlockNumber()).toBe(before);
  });
});

describe("arbiter register", () => {
  it("test_WhenRegistered_BuyersCanNameArbiter", async () => {
    const registered = ok(
      await cli(["arbiter", "register", "--min-fee", "2.5", "--max-ruling-period", "14d", "--json"], {
        as: "stranger",
      }),
    ).json();
    expect(registered.event).toMatchObject({
      arbiter: addressOf("stranger"),
      minFee: "2500000",
      maxRulingPeriod: 1_209_600,
    });
    const pactId = await pactAt("open", { arbiter: addressOf("stranger"), "arbiter-fee": undefined });
    const shown = ok(await cli(["pact", "show", pactId, "--json"])).json();
    expect(shown.terms.arbiterFee).toBe("2500000");
  });
});

describe("payout claim", () => {
  it("test_GivenRefundCreditedAfterFailedTransfer_ClaimsIt", async () => {
    // A token with a blocklist: block the buyer, cancel, and the refund is credited instead of sent.
    const blocklist = await artifact("mocks/MockBlocklistToken.sol/MockBlocklistToken.json");
    const chain = { ...hardhat, rpcUrls: { default: { http: [rpcUrl()] } } };
    const deployer = createWalletClient({ account: accountOf("operator"), chain, transport: http(rpcUrl()) }).extend(
      publicActions,
    );
    const deployHash = await deployer.deployContract({ abi: blocklist.abi, bytecode: blocklist.bytecode as Hex });
    const token = (await deployer.waitForTransactionReceipt({ hash: deployHash })).contractAddress as Address;
    const send = async (functionName: string, args: readonly unknown[]) => {
      const hash = await deployer.writeContract({
        address: token,
        abi: [...blocklist.abi, ...mintAbi],
        functionName,
        args,
      } as never);
      await deployer.waitForTransactionReceipt({ hash });
    };
    await send("mint", [addressOf("buyer"), parseUnits("1000", 6)]);
    ok(
      await cli(["arbiter", "register", "--token", token, "--min-fee", "0", "--max-ruling-period", "30d"], {
        as: "arbiter",
      }),
    );
    const pactId = await pactAt("open", { token, "arbiter-fee": "0" });
    await send("setBlocked", [addressOf("buyer"), true]);

    const cancelled = ok(await cli(["pact", "cancel", pactId], { as: "buyer" })).stdout;
    expect(cancelled).toContain("Credited");
    expect(cancelled).toContain("100 bUSD");

    const blocked = await cli(["payout", "claim", "--token", token], { as: "buyer" });
    expect(blocked.code).toBe(1);
    const claimed = ok(
      await cli(["payout", "claim", "--token", token, "--recipient", addressOf("stranger"), "--json"], { as: "buyer" }),
    ).json();
    expect(claimed.event).toMatchObject({
      account: addressOf("buyer"),
      recipient: addressOf("stranger"),
      amount: "100000000",
    });
  });

  it("test_RevertGiven_NothingToClaim", async () => {
    const refused = await cli(["payout", "claim"], { as: "stranger" });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${addressOf("stranger")} has no credit to claim in token`);
  });
});
