/** `surety court …` against the node: a court adapter as a pact's arbiter, from evidence to the court's ruling. */
import { createWalletClient, http, publicActions } from "viem";
import { hardhat } from "viem/chains";
import { describe, expect, inject, it } from "vitest";

import { accountOf, addressOf } from "./helpers/accounts.ts";
import { cli, isolate, ok, rpcUrl, travel } from "./helpers/cli.ts";
import { pactAt, statusOf } from "./helpers/pacts.ts";

isolate();

const { court, adapter } = inject("courts");
const META = "ipfs://bafy/meta-evidence.json";

const rulingAbi = [
  {
    type: "function",
    name: "giveRuling",
    stateMutability: "nonpayable",
    inputs: [
      { name: "disputeID", type: "uint256" },
      { name: "ruling", type: "uint256" },
    ],
    outputs: [],
  },
  {
    type: "function",
    name: "executeRuling",
    stateMutability: "nonpayable",
    inputs: [{ name: "disputeID", type: "uint256" }],
    outputs: [],
  },
] as const;

/** The court's owner (the operator account, which deployed it) calls it. */
async function courtCall(functionName: "giveRuling" | "executeRuling", args: readonly bigint[]): Promise<void> {
  const client = createWalletClient({
    account: accountOf("operator"),
    chain: { ...hardhat, rpcUrls: { default: { http: [rpcUrl()] } } },
    transport: http(rpcUrl()),
  }).extend(publicActions);
  const hash = await client.writeContract({ address: court, abi: rulingAbi, functionName, args: args as never });
  await client.waitForTransactionReceipt({ hash });
}

describe("court", () => {
  it("evidence, arbitration, an appeal and the court's final ruling settle the pact", async () => {
    const pactId = await pactAt("disputed", { arbiter: adapter });
    const evidence = ok(
      await cli(["court", "evidence", pactId, "--evidence", "ipfs://bafy/chat.json", "--json"], { as: "buyer" }),
    ).json();
    expect(evidence.event).toMatchObject({ party: addressOf("buyer"), evidence: "ipfs://bafy/chat.json" });

    const requested = ok(
      await cli(["court", "request", pactId, "--meta-evidence", META, "--value", "0.5", "--json"], { as: "stranger" }),
    ).json();
    expect(requested.event).toMatchObject({ requester: addressOf("stranger"), cost: "10000000000000000" });
    const disputeID = BigInt(requested.event.disputeID);

    const table = ok(await cli(["court", "status", pactId])).stdout;
    expect(table).toContain(`Court dispute of pact ${pactId}`);
    expect(table).toContain(`yes, court dispute ${disputeID}`);
    expect(table).toContain("waiting");

    await courtCall("giveRuling", [disputeID, 1n]);
    const appealable = ok(await cli(["court", "status", pactId, "--json"])).json();
    expect(appealable).toMatchObject({
      courtStatus: "appealable",
      currentRuling: "1",
      appealCost: "20000000000000000",
    });
    const appeal = ok(await cli(["court", "appeal", pactId, "--json"], { as: "agent" })).json();
    expect(appeal.event).toMatchObject({ party: addressOf("agent"), cost: "20000000000000000" });

    await courtCall("giveRuling", [disputeID, 2n]);
    await travel(86_400);
    await courtCall("executeRuling", [disputeID]);
    const solved = ok(await cli(["court", "status", pactId, "--json"])).json();
    expect(solved).toMatchObject({ courtStatus: "solved", ruled: true, ruling: "2", applied: true });
    expect((await statusOf(pactId)).status).toBe("resolved");
  });

  it("refuses bad input naming its flag (exit 2), and the adapter's refusals in plain words (exit 1)", async () => {
    const plain = await pactAt("disputed");
    const notCourt = await cli(["court", "request", plain, "--meta-evidence", META], { as: "stranger" });
    expect(notCourt.code).toBe(2);
    expect(notCourt.stderr).toContain("--adapter: is not a court adapter (it has no COURT())");

    const missing = await cli(["court", "request", plain], { as: "stranger" });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--meta-evidence: is required");

    const pactId = await pactAt("disputed", { arbiter: adapter });
    const stranger = await cli(["court", "evidence", pactId, "--evidence", "ipfs://x"], { as: "stranger" });
    expect(stranger.code).toBe(2);
    expect(stranger.stderr).toContain(`must be the pact's buyer ${addressOf("buyer")} or agent ${addressOf("agent")}`);

    const early = await cli(["court", "appeal", pactId], { as: "buyer" });
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(`no one has requested arbitration of pact ${pactId} yet`);
  });
});
