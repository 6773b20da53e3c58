/**
 * The live phase: with automining on, pacts sent at a steady rate and each timed from its receipt to its effect on
 * the trust route, while two other clients time the trust route and a GraphQL page of 50 agents.
 */
import type { Address, Hex } from "viem";

import type { LocalDeployment } from "../../lib/local-chain.ts";
import { getJson, graphql, sleep, type IndexerStatus } from "./api.ts";
import type { LogEntry } from "./backfill.ts";
import type { Bench, Database } from "./options.ts";
import type { Rpc, SeedResult } from "../seed.ts";
import { distribution, round, type Distribution } from "./stats.ts";

/** How often a live transaction's effect is looked for on the trust route. */
const LIVE_POLL_MS = 20;
/** Pauses of the clients that time the API while the live load runs. */
const TRUST_PAUSE_MS = 50;
const GRAPHQL_PAUSE_MS = 200;
const AGENTS_PAGE = `{ agents(limit: 50, orderBy: "pactsAccepted", orderDirection: "desc") { items { address pactsAccepted } } }`;

export type LiveResult = {
  database: Database;
  transactions: number;
  ratePerSec: number;
  pollMs: number;
  /** Receipt to the effect on the trust route. */
  latency: Distribution;
  /** Sending to the receipt (the node mines each transaction as it arrives). */
  receipt: Distribution;
  /** Transactions whose effect never showed within 30 s. */
  missed: number;
  trust: Distribution;
  graphql: Distribution;
  /** API requests that failed while the live load ran. */
  apiErrors: number;
  /** Seconds from /ready to the indexer reaching the chain's head (the unfinalized blocks), before the load. */
  catchUpSeconds: number;
  /** The API with one client and no load, for reference. */
  idle: { trust: Distribution; graphql: Distribution };
  /** Ponder's own time per live block ("Indexed block": handlers and commit), from its log. */
  ponderBlockMs: Distribution;
  /** The mean 1-minute load average of the machine during the live load. */
  loadAverage: number;
};

/**
 * Sends live pacts at `rate` per second and times each from its receipt to its effect on the trust route, while
 * two clients time the trust route and a GraphQL page of 50 agents.
 */
export async function live(
  bench: Bench,
  database: Database,
  indexerUrl: string,
  entries: readonly LogEntry[],
  rpc: Rpc,
  seeded: SeedResult,
  deployment: LocalDeployment,
): Promise<LiveResult> {
  const { options, log, load } = bench;
  const { agents, buyers, arbiters, sender } = seeded;
  const trustOf = (agent: Address) => getJson<{ pacts: { offered: number } }>(`${indexerUrl}/agents/${agent}/trust`);
  const agentsPage = async () => {
    const data = await graphql<{ agents: { items: unknown[] } }>(indexerUrl, AGENTS_PAGE);
    if (data.agents.items.length !== Math.min(50, agents.length)) {
      throw new Error(`the GraphQL page held ${data.agents.items.length} agents`);
    }
  };

  // /ready answers once the final blocks are indexed; the last unfinalized ones follow. Live load starts after.
  const head = await rpc.call<{ number: Hex; timestamp: Hex }>("eth_getBlockByNumber", ["latest", false]);
  const catchUpStarted = performance.now();
  for (;;) {
    const status = await getJson<IndexerStatus>(`${indexerUrl}/status`);
    if ((status.surety?.block?.number ?? 0) >= Number(head.number)) break;
    if (performance.now() - catchUpStarted > 600_000) throw new Error("the indexer did not reach the chain's head");
    await sleep(50);
  }
  const catchUpSeconds = round((performance.now() - catchUpStarted) / 1000, 2);
  log(`live on ${database}: caught up with the head ${catchUpSeconds} s after /ready`);

  // The API alone, for reference: one client at a time, nothing else running. The first requests warm it up (the
  // trust route reads the stake token's symbol and decimals from the chain once) and are not counted.
  for (let i = 0; i < 5; i++) await Promise.all([trustOf(agents[i % agents.length]!.address), agentsPage()]);
  const idleTrust: number[] = [];
  const idleGraphql: number[] = [];
  for (let i = 0; i < 100; i++) {
    const started = performance.now();
    await trustOf(agents[(i * 13) % agents.length]!.address);
    idleTrust.push(performance.now() - started);
  }
  for (let i = 0; i < 30; i++) {
    const started = performance.now();
    await agentsPage();
    idleGraphql.push(performance.now() - started);
  }

  const offered = new Map<Address, number>();
  for (const agent of agents) offered.set(agent.address, (await trustOf(agent.address)).pacts.offered);
  const acceptBy = Number(head.timestamp) + 30 * 86_400;

  let running = true;
  let apiErrors = 0;
  const trustTimes: number[] = [];
  const graphqlTimes: number[] = [];
  const timed = async (times: number[], request: () => Promise<unknown>) => {
    const started = performance.now();
    try {
      await request();
      times.push(performance.now() - started);
    } catch (error) {
      apiErrors++;
      if (apiErrors <= 3) log(`  API request failed: ${(error as Error).message}`);
    }
  };
  const trustClient = (async () => {
    for (let i = 0; running; i++) {
      await timed(trustTimes, () => trustOf(agents[(i * 13) % agents.length]!.address));
      await sleep(TRUST_PAUSE_MS);
    }
  })();
  const graphqlClient = (async () => {
    while (running) {
      await timed(graphqlTimes, agentsPage);
      await sleep(GRAPHQL_PAUSE_MS);
    }
  })();

  log(`live on ${database}: ${options.liveTransactions} pacts at ${options.liveRate}/s`);
  const firstEntry = entries.length;
  const latencies: number[] = [];
  const receipts: number[] = [];
  let missed = 0;
  const interval = 1000 / options.liveRate;
  const start = performance.now();
  const sends: Promise<void>[] = [];
  try {
    for (let i = 0; i < options.liveTransactions; i++) {
      const wait = start + i * interval - performance.now();
      if (wait > 0) await sleep(wait);
      const buyer = buyers[i % buyers.length]!;
      const agent = agents[(i * 7 + 1) % agents.length]!;
      const arbiter = arbiters[i % arbiters.length]!;
      const target = offered.get(agent.address)! + 1;
      offered.set(agent.address, target);
      const job = sender.surety(buyer, "createPact", [
        {
          buyer: buyer.address,
          agent: agent.address,
          arbiter: arbiter.address,
          token: deployment.stakeToken,
          price: 42_000_000n,
          arbiterFee: 1_000_000n,
          collateral: 0n,
          penalty: 0n,
          acceptBy,
          deliverBy: acceptBy + 86_400,
          reviewPeriod: 86_400,
          rulingPeriod: 86_400,
          defaultBuyerBps: 5_000,
          termsHash: `0x${(i + 1).toString(16).padStart(64, "0")}`,
        },
      ]);
      sends.push(
        (async () => {
          const sent = performance.now();
          const hash = await sender.send(job);
          // The node mines each transaction as it arrives: the receipt is there at once, or very soon.
          let receipt = await rpc.call<{ status: Hex } | null>("eth_getTransactionReceipt", [hash]);
          while (receipt === null) {
            if (performance.now() - sent > 30_000) throw new Error(`live transaction ${hash} was not mined in 30 s`);
            await sleep(5);
            receipt = await rpc.call<{ status: Hex } | null>("eth_getTransactionReceipt", [hash]);
          }
          if (receipt.status !== "0x1") throw new Error(`live transaction ${hash} failed`);
          const mined = performance.now();
          receipts.push(mined - sent);
          while (performance.now() - mined < 30_000) {
            const trust = await trustOf(agent.address).catch(() => null);
            if (trust !== null && trust.pacts.offered >= target) {
              latencies.push(performance.now() - mined);
              return;
            }
            await sleep(LIVE_POLL_MS);
          }
          missed++;
        })(),
      );
    }
    await Promise.all(sends);
  } finally {
    // Also on failure, or the two clients would keep the process alive.
    running = false;
    await Promise.allSettled([...sends, trustClient, graphqlClient]);
  }
  log(`live on ${database}: done in ${round((performance.now() - start) / 1000)} s`);
  const blockTimes = entries
    .slice(firstEntry)
    .filter((entry) => entry.message === "Indexed block" && entry.durationMs !== null)
    .map((entry) => entry.durationMs!);
  return {
    database,
    transactions: options.liveTransactions,
    ratePerSec: options.liveRate,
    pollMs: LIVE_POLL_MS,
    latency: distribution(latencies),
    receipt: distribution(receipts),
    missed,
    trust: distribution(trustTimes),
    graphql: distribution(graphqlTimes),
    apiErrors,
    catchUpSeconds,
    idle: { trust: distribution(idleTrust), graphql: distribution(idleGraphql) },
    ponderBlockMs: distribution(blockTimes),
    loadAverage: load.during(start),
  };
}
