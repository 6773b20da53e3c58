/**
 * `surety agent trust|list` and `surety pending` against the real indexer (Ponder on PGlite, as a process) on a
 * node of this file's own, seeded through the CLI: the trust API read through the SDK's createTrustClient.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { createWalletClient, http, parseUnits, publicActions } from "viem";
import { hardhat } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startIndexer, type IndexerProcess } from "../../scripts/lib/indexer-process.ts";
import { deployLocalSurety, localAccount, startHardhatNode, type LocalNode } from "../../scripts/lib/local-chain.ts";
import { addressOf, mintAbi, ROLES } from "./helpers/accounts.ts";
import { cli as runCli, ok, type CliOptions } from "./helpers/cli.ts";
import { createArgs } from "./helpers/pacts.ts";

let node: LocalNode;
let indexer: IndexerProcess;
let database: string;
const pacts: Record<"open" | "delivered" | "disputed" | "released", string> = {
  open: "",
  delivered: "",
  disputed: "",
  released: "",
};

/** The CLI on this file's node and indexer. */
const cli = (argv: string[], options: CliOptions = {}) =>
  runCli(argv, { rpc: node.url, ...options, env: { SURETY_INDEXER_URL: indexer?.url, ...options.env } });

beforeAll(async () => {
  node = await startHardhatNode();
  const deployed = await deployLocalSurety(node.url);
  const chain = { ...hardhat, rpcUrls: { default: { http: [node.url] } } };
  const deployer = createWalletClient({ account: localAccount(0), chain, transport: http(node.url) }).extend(
    publicActions,
  );
  for (const index of Object.values(ROLES)) {
    const hash = await deployer.writeContract({
      address: deployed.stakeToken,
      abi: mintAbi,
      functionName: "mint",
      args: [localAccount(index).address, parseUnits("10000", 6)],
    });
    await deployer.waitForTransactionReceipt({ hash });
  }
  ok(await cli(["arbiter", "register", "--min-fee", "1", "--max-ruling-period", "60d"], { as: "arbiter" }));
  ok(await cli(["stake", "deposit", "--amount", "1000"], { as: "agent" }));
  const create = async () =>
    ok(await cli([...createArgs(), "--json"], { as: "buyer" })).json<{ pactId: string }>().pactId;
  for (const stage of ["released", "disputed", "delivered", "open"] as const) {
    const pactId = await create();
    pacts[stage] = pactId;
    if (stage === "open") continue;
    ok(await cli(["pact", "accept", pactId], { as: "agent" }));
    ok(await cli(["pact", "deliver", pactId, "--delivery", "done"], { as: "agent" }));
    if (stage === "released") ok(await cli(["pact", "release", pactId], { as: "buyer" }));
    if (stage === "disputed") ok(await cli(["pact", "dispute", pactId, "--reason", "late"], { as: "buyer" }));
  }
  ok(
    await cli(["agent", "set-status", addressOf("agent"), "--status", "warned", "--reason", "a dispute"], {
      as: "operator",
    }),
  );

  database = mkdtempSync(path.join(tmpdir(), "surety-cli-pglite-"));
  indexer = await startIndexer({ rpcUrl: node.url, database: { directory: database } });
  await indexer.caughtUp();
});

afterAll(async () => {
  await indexer?.stop();
  await node?.stop();
  if (database !== undefined) rmSync(database, { recursive: true, force: true });
});

describe("agent trust, agent list, pending (the indexer's trust API)", () => {
  it("test_WhenAgentTrust_PrintsRecordAsJsonAndTables", async () => {
    const record = ok(await cli(["agent", "trust", addressOf("agent"), "--json"])).json();
    expect(record).toMatchObject({
      address: addressOf("agent"),
      status: "warned",
      pacts: { offered: 4, accepted: 3, released: 1, delivered: 3 },
      disputes: { opened: 1 },
    });
    expect(record.stake.staked).toMatchObject({ amount: "1000", symbol: "mUSD", raw: "1000000000" });
    expect(record.ladder.history).toHaveLength(1);

    const table = ok(await cli(["agent", "trust", addressOf("agent")])).stdout;
    expect(table).toContain(`Trust record of ${addressOf("agent")}`);
    expect(table).toContain("warned since");
    expect(table).toContain("1000 mUSD");
    expect(table).toContain("Ladder history");
    expect(table).toContain("Money by token");
  });

  it("test_RevertGiven_AgentUnknownToIndexer", async () => {
    const unknown = await cli(["agent", "trust", addressOf("stranger")]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`has never seen agent ${addressOf("stranger")}`);
  });

  it("test_WhenAgentList_RanksFiltersByStatusAndPages", async () => {
    const list = ok(await cli(["agent", "list", "--order-by", "stake", "--limit", "5", "--json"])).json();
    expect(list).toMatchObject({ orderBy: "stake", order: "desc", limit: 5, hasMore: false });
    expect(list.agents.map((agent: { address: string }) => agent.address)).toContain(addressOf("agent"));

    const warned = ok(await cli(["agent", "list", "--status", "warned,paused", "--json"])).json();
    expect(warned.agents.map((agent: { status: string }) => agent.status)).toEqual(["warned"]);
    const none = ok(await cli(["agent", "list", "--status", "paused"])).stdout;
    expect(none).toContain("no agents");

    const table = ok(await cli(["agent", "list"])).stdout;
    expect(table).toContain("Agents by settled (desc)");
    expect(table).toContain(addressOf("agent"));
  });

  it("test_WhenPending_ListsWhatWaitsOnEachRole_WithAnsweringCommand", async () => {
    const forAgent = ok(await cli(["pending", addressOf("agent"), "--json"])).json();
    expect(forAgent.actions).toContainEqual(
      expect.objectContaining({
        action: "accept",
        role: "agent",
        pact: expect.objectContaining({ pactId: pacts.open }),
      }),
    );
    const forBuyer = ok(await cli(["pending", addressOf("buyer"), "--json"])).json();
    expect(
      forBuyer.actions.map((item: { action: string; pact: { pactId: string } }) => [item.action, item.pact.pactId]),
    ).toEqual(
      expect.arrayContaining([
        ["release-or-dispute", pacts.delivered],
        ["cancel", pacts.open],
      ]),
    );
    const table = ok(await cli(["pending", addressOf("arbiter")])).stdout;
    expect(table).toContain(`Waiting on ${addressOf("arbiter")}`);
    expect(table).toContain(`surety dispute resolve ${pacts.disputed}`);
    expect(table).toContain("Payouts to claim");
  });
});
