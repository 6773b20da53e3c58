/**
 * `surety agent trust|list`, `surety pending` and `surety review week` against the real indexer (Ponder on PGlite, as
 * a process) on a node of this file's own, seeded through the CLI: the trust API read through the SDK's
 * createTrustClient. The node's clock is set to a Wednesday noon (UTC) first, so that every event falls in one ISO
 * week, whenever the test runs.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { createTestClient, createWalletClient, http, parseUnits, publicActions } from "viem";
import { hardhat } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startIndexer, type IndexerProcess } from "../../scripts/lib/indexer-process.ts";
import { deployLocalSurety, localAccount, startHardhatNode, type LocalNode } from "../../scripts/lib/local-chain.ts";
import { addressOf, mintAbi, ROLES } from "./helpers/accounts.ts";
import { cli as runCli, file, ok, type CliOptions } from "./helpers/cli.ts";
import { createArgs } from "./helpers/pacts.ts";

const DAY = 86_400;
const WEEK = 7 * DAY;
/** Unix time 0 was a Thursday: from a Thursday 00:00, the next Wednesday noon is 6.5 days on. */
const THURSDAY_TO_WEDNESDAY_NOON = 6 * DAY + DAY / 2;

/** The ISO week label of a Unix time: the year of its week's Thursday, and that Thursday's week of the year. */
function isoWeekLabel(seconds: number): string {
  const day = Math.floor(seconds / DAY);
  const thursday = new Date((day - ((day + 3) % 7) + 3) * DAY * 1000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (WEEK * 1000)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

let node: LocalNode;
let indexer: IndexerProcess;
let database: string;
const pacts: Record<"open" | "delivered" | "disputed" | "released", string> = {
  open: "",
  delivered: "",
  disputed: "",
  released: "",
};
/** An agent with no pact, which the operator narrows. */
const IDLE = localAccount(6).address;
/** agent2's pact it lost a dispute on (slashed), and the ISO week everything happened in. */
let lost = "";
let isoWeek = "";

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
  // A fixed clock: the Wednesday noon (UTC) after the deployment, so that the whole seeding falls in one ISO week.
  const clock = createTestClient({ mode: "hardhat", chain, transport: http(node.url) }).extend(publicActions);
  const { timestamp } = await clock.getBlock();
  const wednesday = Number(timestamp) - (Number(timestamp) % WEEK) + WEEK + THURSDAY_TO_WEDNESDAY_NOON;
  await clock.setNextBlockTimestamp({ timestamp: BigInt(wednesday) });
  await clock.mine({ blocks: 1 });
  isoWeek = isoWeekLabel(wednesday);

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

  // The week's review: agent2 loses a dispute and is slashed, with no decision yet; the operator keeps the agent and
  // narrows an idle agent (no pact: inactive); a rescue note from the buyer on the agent's released pact, and an
  // exception note from the operator on agent2.
  ok(await cli(["stake", "deposit", "--amount", "500"], { as: "agent2" }));
  lost = ok(await cli([...createArgs({ agent: addressOf("agent2") }), "--json"], { as: "buyer" })).json().pactId;
  ok(await cli(["pact", "accept", lost], { as: "agent2" }));
  ok(await cli(["pact", "deliver", lost, "--delivery", "done"], { as: "agent2" }));
  ok(await cli(["pact", "dispute", lost, "--reason", "empty report"], { as: "buyer" }));
  ok(
    await cli(["dispute", "resolve", lost, "--buyer-bps", "100%", "--slash", "10", "--ruling", "nothing delivered"], {
      as: "arbiter",
    }),
  );
  const reviews = file("indexer-reviews.json", [
    { agent: addressOf("agent"), decision: "keep", evidence: "OPS-401: one dispute open, on time otherwise" },
    { agent: IDLE, decision: "narrow", cap: "100", evidence: "OPS-402: unknown operator" },
  ]);
  ok(await cli(["review", "record", "--file", reviews], { as: "operator" }));
  ok(
    await cli(["review", "log-exception", "--pact", pacts.released, "--kind", "rescue", "--note", "fixed by hand"], {
      as: "buyer",
    }),
  );
  ok(
    await cli(["review", "log-exception", "--agent", addressOf("agent2"), "--kind", "exception", "--note", "OPS-403"], {
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

describe("review week (the indexer's review route)", () => {
  it("test_WhenCurrentWeek_PrintsSignalsAndAgents_UndecidedFirst", async () => {
    const week = ok(await cli(["review", "week", "--json"])).json();
    expect(week).toMatchObject({ isoWeek, complete: false });
    expect(week.deployment).toMatchObject({
      // Two settled pacts (the agent's released one, agent2's lost one); two notes, one per pact or agent.
      rescue: { pactsSettled: 2, extensions: 0, settlementsByAgreement: 0, refundsByAgent: 0, loggedExceptions: 2 },
      narrowing: { worsened: 1, answered: 0, unanswered: 1 },
      recovery: { containments: 1, recertifications: 0, relapses: 0 },
      reviews: {
        recorded: 2,
        agentsReviewed: 2,
        activeAgents: 2,
        activeReviewed: 1,
        coverage: 0.5,
        changedScope: 1,
        decisionRate: 0.5,
        byDecision: { keep: 1, warn: 0, narrow: 1, review: 0, pause: 0, recertify: 0 },
      },
      evidence: { concentrated: 2 },
    });
    expect(week.deployment.rescue).toMatchObject({ total: 2, perSettledPact: 1 });
    expect(week.deployment.narrowing.longestUnansweredSeconds).toBeGreaterThan(0);
    // agent2 first (undecided), then by address: the agent (0x3C44…), the idle one (0x976E…).
    expect(week.agents.map((row: { agent: string }) => row.agent)).toEqual([
      addressOf("agent2"),
      addressOf("agent"),
      IDLE,
    ]);
    const [agent2, agent, idle] = week.agents;
    expect(agent2).toMatchObject({
      undecided: true,
      worsened: true,
      active: true,
      concentrated: true,
      topBuyerShare: 1,
    });
    expect(agent2.exceptions).toEqual([
      expect.objectContaining({ kind: "exception", pactId: null, authorRole: "operator" }),
    ]);
    expect(idle).toMatchObject({ active: false, status: "narrowed", undecided: false });
    expect(idle.reviews).toEqual([
      expect.objectContaining({
        decision: "narrow",
        changed: true,
        status: "narrowed",
        cap: expect.objectContaining({ amount: "100" }),
      }),
    ]);
    expect(agent).toMatchObject({
      active: true,
      status: "warned",
      rescue: expect.objectContaining({ loggedExceptions: 1 }),
    });
    expect(agent.reviews).toEqual([expect.objectContaining({ decision: "keep", changed: false })]);

    const table = ok(await cli(["review", "week"])).stdout;
    expect(table).toContain(`Week ${isoWeek}: Monday `);
    expect(table).toContain("in progress");
    const flat = table.replace(/\s+/g, " ");
    expect(flat).toContain("2 exception paths used over 2 settled pacts: 1.00 per settled pact");
    expect(flat).toContain("1 of 2 active agents reviewed: 50.0%");
    expect(flat).toContain("keep 1, warn 0, narrow 1, review 0, pause 0, recertify 0");
    expect(table).toContain("Agents (3, 1 undecided first)");
    const rows = table.split("\n").filter((line) => /^0x[0-9a-fA-F]{40} /.test(line));
    expect(rows.map((line) => line.slice(0, 42))).toEqual([addressOf("agent2"), addressOf("agent"), IDLE]);
    expect(rows[0]).toMatch(/ good\s+UNDECIDED for \S+/);
    expect(rows[0]).toMatch(/ 1\/1\s+100% !$/);
    expect(table).toContain("narrow, cap 100 mUSD");
    for (const line of table.split("\n")) expect(line.length, line).toBeLessThanOrEqual(100);
  });

  it("test_WhenWeekNamed_AnswersThatWeek_WhenAfterClock_Refused", async () => {
    const named = ok(await cli(["review", "week", "--week", isoWeek, "--json"])).json();
    expect(named).toMatchObject({ isoWeek, deployment: { reviews: { recorded: 2 } } });
    const before = ok(await cli(["review", "week", "--week", "2020-W53", "--json"])).json();
    expect(before).toMatchObject({ isoWeek: "2020-W53", complete: true, agents: [] });

    const later = await cli(["review", "week", "--week", "9999-W01"]);
    expect(later.code).toBe(1);
    expect(later.stderr).toContain("has no review of week 9999-W01: it starts after the latest indexed block");
  });
});
