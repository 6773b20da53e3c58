/**
 * `npm run bench:indexer`: how fast the indexer backfills, and how fresh it stays live.
 *
 * 1. Seeds a fresh local node with `--pacts` pacts (default 10,000) across `--agents` agents (default 200), taking
 *    every path a pact can take, in few blocks (one `evm_mine` per batch of at most `--block-transactions`,
 *    default 1,000), then 31 empty blocks so that the whole seed is final.
 * 2. Counts Surety's events with eth_getLogs and times that bare fetch: the reference no indexer can beat.
 * 3. Backfill: starts the indexer on an empty database, PGlite then PostgreSQL, and times it until /ready answers
 *    200; then checks the indexed totals against the seed.
 * 4. Live: with automining back on, sends `--live-transactions` pacts (default 200) at `--live-rate` per second
 *    (default 5) and times each from its receipt to its effect in /agents/:address/trust, while two other clients
 *    time the trust route and a GraphQL page of 50 agents. The indexer on PostgreSQL serves it (`--live-on pglite`
 *    for PGlite), or the one on PGlite when the machine has no PostgreSQL.
 *
 * Prints a table with the targets, and writes snapshots/indexer-bench.json (unless `--no-write`). With `--json`,
 * stdout carries exactly one JSON object and every other line goes to stderr (run it as `npm run -s`, or npm
 * prints its banner on stdout). `--logs DIR` keeps each indexer's full JSON log. Every process and temporary
 * folder the benchmark starts is removed at the end, on error and on Ctrl-C.
 *
 * Batches are capped at 1,000 transactions (40 to 90 million gas, about the node's default block of 60 million)
 * rather than one block per phase: a block of 10,000 transactions is a 15 MB JSON-RPC answer that no real chain
 * holds, and on a loaded machine Ponder's 10-second request timeout cuts it off and retries.
 */
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import type { Address, Hex } from "viem";

import type { Counters, Rpc as RpcType, SeedResult } from "./bench/indexer-seed.ts";
import { startIndexer, type IndexerProcess } from "./lib/indexer-process.ts";
import { deployLocalSurety, REPO_ROOT, startHardhatNode, type LocalDeployment } from "./lib/local-chain.ts";
import { findPostgresBin, startPostgres } from "./lib/postgres.ts";

const SNAPSHOT = path.join(REPO_ROOT, "snapshots/indexer-bench.json");

const TARGETS = {
  backfillEventsPerSec: 1_000,
  liveLatencyP95Ms: 1_000,
  trustP95Ms: 20,
} as const;

/** eth_getLogs block range per call, as an indexer would chunk a long range. */
const GET_LOGS_CHUNK = 2_000;
/** How often a live transaction's effect is looked for on the trust route. */
const LIVE_POLL_MS = 20;
/** Pauses of the clients that time the API while the live load runs. */
const TRUST_PAUSE_MS = 50;
const GRAPHQL_PAUSE_MS = 200;
const AGENTS_PAGE = `{ agents(limit: 50, orderBy: "pactsAccepted", orderDirection: "desc") { items { address pactsAccepted } } }`;

/* ------------------------------------------------------------------------------------------------------------ */
/*                                                  ARGUMENTS                                                   */
/* ------------------------------------------------------------------------------------------------------------ */

const USAGE = `usage: npm run bench:indexer -- [--pacts N] [--agents M] [--block-transactions K] [--live-transactions L]
                                [--live-rate R] [--live-on pglite|postgres] [--json] [--no-write] [--logs DIR]`;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      pacts: { type: "string", default: "10000" },
      agents: { type: "string", default: "200" },
      "block-transactions": { type: "string", default: "1000" },
      "live-transactions": { type: "string", default: "200" },
      "live-rate": { type: "string", default: "5" },
      "live-on": { type: "string" },
      json: { type: "boolean", default: false },
      "no-write": { type: "boolean", default: false },
      logs: { type: "string" },
    },
    strict: true,
  });
  const whole = (name: keyof typeof values, min: number): number => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number of at least ${min}`);
    return value;
  };
  const liveOn = values["live-on"];
  if (liveOn !== undefined && liveOn !== "pglite" && liveOn !== "postgres") {
    throw new Error("--live-on must be pglite or postgres");
  }
  return {
    pacts: whole("pacts", 1),
    agents: whole("agents", 2),
    blockTransactions: whole("block-transactions", 1),
    liveTransactions: whole("live-transactions", 1),
    liveRate: whole("live-rate", 1),
    liveOn,
    json: values.json,
    write: !values["no-write"],
    logs: values.logs,
  };
}

let options: ReturnType<typeof parseOptions>;
try {
  options = parseOptions();
} catch (error) {
  process.stderr.write(`bench:indexer: ${(error as Error).message}\n${USAGE}\n`);
  process.exit(2);
}

/** Progress goes to stderr, so that `--json` leaves stdout to the one JSON object. */
const log = (message: string) => process.stderr.write(`${message}\n`);

/* ------------------------------------------------------------------------------------------------------------ */
/*                                                   CLEANUP                                                    */
/* ------------------------------------------------------------------------------------------------------------ */

const cleanups: { what: string; run: () => Promise<void> }[] = [];
const defer = (what: string, run: () => Promise<void>) => cleanups.push({ what, run });

/** Runs the deferred cleanups, last first; a failing one does not stop the others. */
async function cleanUp(): Promise<void> {
  for (let item = cleanups.pop(); item !== undefined; item = cleanups.pop()) {
    await item.run().catch((error: unknown) => log(`could not ${item!.what}: ${(error as Error).message}`));
  }
}

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    log(`\n${signal}: stopping everything the benchmark started`);
    void cleanUp().finally(() => process.exit(130));
  });
}

/* ------------------------------------------------------------------------------------------------------------ */
/*                                                   HELPERS                                                    */
/* ------------------------------------------------------------------------------------------------------------ */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Nearest-rank percentile of `values` (milliseconds). */
function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!);
}

type Distribution = { samples: number; p50Ms: number | null; p95Ms: number | null; maxMs: number | null };
const distribution = (values: readonly number[]): Distribution => ({
  samples: values.length,
  p50Ms: percentile(values, 50),
  p95Ms: percentile(values, 95),
  maxMs: percentile(values, 100),
});

/**
 * The machine's 1-minute load average, sampled every 2 s from the start: other work on the machine skews every
 * figure, and the report says how busy it was during each measure.
 */
const loads: { at: number; load: number }[] = [];
const sampleLoad = () => loads.push({ at: performance.now(), load: os.loadavg()[0]! });

/** The mean load average sampled between two `performance.now()` times (the last sample before `from` included). */
function loadDuring(from: number, to = performance.now()): number {
  const first = Math.max(
    0,
    loads.findLastIndex((sample) => sample.at <= from),
  );
  const window = loads.slice(first).filter((sample) => sample.at <= to);
  return window.length === 0
    ? round(os.loadavg()[0]!, 2)
    : round(window.reduce((sum, s) => sum + s.load, 0) / window.length, 2);
}

/** A line of Ponder's JSON log, as far as this script reads it. */
type PonderLog = { time?: number; msg?: string; duration?: number; event_count?: number };

/** A Ponder log message, `at` seconds after the indexer was started (by Ponder's own clock). */
type LogEntry = { at: number; message: string; durationMs: number | null; events: number | null };

/** Keeps the messages of the indexer's JSON log (the process helper keeps only its last few kilobytes). */
function captureLogs(indexer: IndexerProcess, startedAt: number): LogEntry[] {
  const entries: LogEntry[] = [];
  let pending = "";
  const take = (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop()!;
    for (const line of lines) {
      let parsed: PonderLog;
      try {
        parsed = JSON.parse(line) as PonderLog;
      } catch {
        continue; // not a log line (Node's own warnings)
      }
      if (typeof parsed.msg !== "string") continue;
      entries.push({
        at: round(((parsed.time ?? Date.now()) - startedAt) / 1000, 2),
        message: parsed.msg,
        durationMs: typeof parsed.duration === "number" ? Math.round(parsed.duration) : null,
        events: typeof parsed.event_count === "number" ? parsed.event_count : null,
      });
    }
  };
  indexer.child.stdout!.on("data", take);
  indexer.child.stderr!.on("data", take);
  return entries;
}

/** Where a backfill's time went, from Ponder's log: seconds since the start, or null when a line is missing. */
function stagesOf(entries: readonly LogEntry[], readySeconds: number) {
  const at = (message: string) => entries.find((entry) => entry.message === message)?.at ?? null;
  const since = (from: number | null, to: number | null) => (from === null || to === null ? null : round(to - from, 2));
  const started = at("Started backfill indexing");
  const completed = at("Completed backfill indexing across all chains");
  const ranges = entries.filter((entry) => entry.message === "Indexed block range");
  return {
    /** Node, Ponder's build of the config, schema and handlers, the database and its tables, the HTTP server. */
    startupSeconds: started,
    /** Fetching logs, blocks and transactions into Ponder's sync store. */
    fetchSeconds: since(at("Started fetching backfill JSON-RPC data"), at("Finished fetching backfill JSON-RPC data")),
    /** Running the handlers, summed over Ponder's "Indexed block range" lines (may overlap the fetch). */
    handlerSeconds: round(ranges.reduce((sum, entry) => sum + (entry.durationMs ?? 0), 0) / 1000, 2),
    handlerEvents: ranges.reduce((sum, entry) => sum + (entry.events ?? 0), 0),
    backfillSeconds: since(started, completed),
    /** Creating the indexes and the first 200 from /ready. */
    finishSeconds: since(completed, readySeconds),
  };
}

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${init?.method ?? "GET"} ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

async function graphql<T>(indexerUrl: string, query: string): Promise<T> {
  const body = await getJson<{ data?: T; errors?: { message: string }[] }>(`${indexerUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  if (body.errors !== undefined && body.errors.length > 0) {
    throw new Error(`GraphQL error: ${body.errors.map((error) => error.message).join("; ")}`);
  }
  return body.data!;
}

/* ------------------------------------------------------------------------------------------------------------ */
/*                                                   PHASES                                                     */
/* ------------------------------------------------------------------------------------------------------------ */

type GetLogsResult = {
  events: number;
  blocks: number;
  chunkBlocks: number;
  calls: number;
  seconds: number;
  eventsPerSec: number;
  /** Fetching the blocks that hold events, with their transactions, as Ponder also does: for reference. */
  blocksWithEvents: number;
  getBlocksSeconds: number;
};

/** Counts Surety's events over the seeded range and times eth_getLogs over it (median of three fetches). */
async function measureGetLogs(rpc: RpcType, surety: Address, from: bigint, to: bigint): Promise<GetLogsResult> {
  const ranges: [bigint, bigint][] = [];
  for (let start = from; start <= to; start += BigInt(GET_LOGS_CHUNK)) {
    const end = start + BigInt(GET_LOGS_CHUNK) - 1n;
    ranges.push([start, end < to ? end : to]);
  }
  const runs: number[] = [];
  let logs: { blockNumber: Hex }[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    logs = [];
    for (const [start, end] of ranges) {
      const chunk = await rpc.call<{ blockNumber: Hex }[]>("eth_getLogs", [
        { address: surety, fromBlock: `0x${start.toString(16)}`, toBlock: `0x${end.toString(16)}` },
      ]);
      logs.push(...chunk);
    }
    runs.push((performance.now() - started) / 1000);
  }
  const seconds = runs.sort((a, b) => a - b)[1]!;
  const blocks = [...new Set(logs.map((entry) => entry.blockNumber))];
  const started = performance.now();
  await rpc.batch(
    blocks.map((block) => ({ method: "eth_getBlockByNumber", params: [block, true] })),
    1,
    1,
  );
  return {
    events: logs.length,
    blocks: Number(to - from) + 1,
    chunkBlocks: GET_LOGS_CHUNK,
    calls: ranges.length,
    seconds: round(seconds, 3),
    eventsPerSec: Math.round(logs.length / seconds),
    blocksWithEvents: blocks.length,
    getBlocksSeconds: round((performance.now() - started) / 1000, 3),
  };
}

type BackfillResult = {
  database: "pglite" | "postgres";
  seconds: number;
  eventsPerSec: number;
  /** The mean 1-minute load average of the machine meanwhile (2 cores: above 2, something else ran too). */
  loadAverage: number;
  /** Events over the time after Ponder's startup (build, database, tables): the indexing rate proper. */
  eventsPerSecAfterStartup: number | null;
  stages: ReturnType<typeof stagesOf>;
  /** Ponder's log messages, but the per-range ones, with their time in seconds since the start. */
  timeline: LogEntry[];
  indexedBlock: number | null;
  /** The indexer's totals over every agent against the seed's, by counter; empty when all agree. */
  mismatches: { counter: string; indexed: number; expected: number }[];
};

/**
 * Starts the indexer on an empty database and times it until /ready answers 200. Leaves it running when `keep`
 * (its stop is deferred), else stops it.
 */
async function backfill(
  database: BackfillResult["database"],
  config: { url: string } | { directory: string },
  chain: { rpcUrl: string; deployment: LocalDeployment },
  events: number,
  seeded: SeedResult,
  keep: boolean,
): Promise<{ result: BackfillResult; indexer: IndexerProcess; entries: LogEntry[] }> {
  log(`backfill on ${database}: starting the indexer on an empty database`);
  const started = performance.now();
  const startedAt = Date.now();
  const indexer = await startIndexer({
    rpcUrl: chain.rpcUrl,
    database: config,
    env: {
      SURETY_ADDRESS: chain.deployment.surety,
      SURETY_START_BLOCK: String(chain.deployment.startBlock),
    },
  });
  const entries = captureLogs(indexer, startedAt);
  if (options.logs !== undefined) {
    await mkdir(options.logs, { recursive: true });
    const file = createWriteStream(path.join(options.logs, `indexer-${database}.log`));
    indexer.child.stdout!.pipe(file);
    indexer.child.stderr!.pipe(file);
  }
  // Deferred in any case; stopping an indexer that already stopped does nothing.
  defer(`stop the ${database} indexer`, indexer.stop);
  await indexer.ready(60 * 60_000);
  const seconds = (performance.now() - started) / 1000;
  log(`backfill on ${database}: ready after ${round(seconds, 2)} s (${Math.round(events / seconds)} events/s)`);

  const status = await getJson<Record<string, { block?: { number: number } }>>(`${indexer.url}/status`).catch(
    () => ({}) as Record<string, { block?: { number: number } }>,
  );
  const mismatches = await checkTotals(indexer.url, seeded);
  if (mismatches.length > 0) {
    log(`backfill on ${database}: the indexed totals differ from the seed's:`);
    for (const item of mismatches) log(`  ${item.counter}: indexed ${item.indexed}, seeded ${item.expected}`);
  }
  if (!keep) await indexer.stop();

  const stages = stagesOf(entries, seconds);
  return {
    indexer,
    entries,
    result: {
      database,
      seconds: round(seconds, 2),
      eventsPerSec: Math.round(events / seconds),
      loadAverage: loadDuring(started, started + seconds * 1000),
      eventsPerSecAfterStartup:
        stages.startupSeconds === null ? null : Math.round(events / (seconds - stages.startupSeconds)),
      stages,
      timeline: entries.filter((entry) => entry.message !== "Indexed block range"),
      indexedBlock: status.surety?.block?.number ?? null,
      mismatches,
    },
  };
}

const COUNTERS: (keyof Counters)[] = [
  "pactsOffered",
  "pactsAccepted",
  "pactsFromOffers",
  "pactsReleased",
  "pactsFinalized",
  "pactsRefunded",
  "pactsCancelled",
  "pactsReclaimed",
  "disputesRuled",
  "disputesAbstained",
  "disputesDefaulted",
  "slashes",
];

/** Sums every agent's counters over GraphQL and compares them with what the seed did. */
async function checkTotals(indexerUrl: string, seeded: SeedResult) {
  const totals = Object.fromEntries(COUNTERS.map((counter) => [counter, 0])) as Counters;
  let after: string | null = null;
  let agents = 0;
  for (;;) {
    const cursor: string = after === null ? "" : `, after: ${JSON.stringify(after)}`;
    const page: { agents: { items: Counters[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
      await graphql(
        indexerUrl,
        `{ agents(limit: 1000${cursor}) { items { ${COUNTERS.join(" ")} } pageInfo { hasNextPage endCursor } } }`,
      );
    for (const item of page.agents.items) {
      agents++;
      for (const counter of COUNTERS) totals[counter] += item[counter];
    }
    if (!page.agents.pageInfo.hasNextPage) break;
    after = page.agents.pageInfo.endCursor;
  }
  const mismatches: { counter: string; indexed: number; expected: number }[] = COUNTERS.filter(
    (counter) => totals[counter] !== seeded.expected[counter],
  ).map((counter) => ({
    counter,
    indexed: totals[counter],
    expected: seeded.expected[counter],
  }));
  if (agents !== seeded.agents.length) {
    mismatches.push({ counter: "agent rows", indexed: agents, expected: seeded.agents.length });
  }
  return mismatches;
}

type LiveResult = {
  database: "pglite" | "postgres";
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
async function live(
  database: LiveResult["database"],
  indexerUrl: string,
  entries: readonly LogEntry[],
  rpc: RpcType,
  seeded: SeedResult,
  deployment: LocalDeployment,
): Promise<LiveResult> {
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
    const status = await getJson<Record<string, { block?: { number: number } }>>(`${indexerUrl}/status`);
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
    loadAverage: loadDuring(start),
  };
}

/* ------------------------------------------------------------------------------------------------------------ */
/*                                                    MAIN                                                      */
/* ------------------------------------------------------------------------------------------------------------ */

async function main() {
  for (const [file, fix] of [
    ["sdk/dist/index.js", "npm run build -w sdk"],
    ["artifacts/contracts/Surety.sol/Surety.json", "npm run build"],
  ] as const) {
    if (!existsSync(path.join(REPO_ROOT, file))) throw new Error(`${file} is missing: run \`${fix}\` first`);
  }
  // The seed imports the built SDK, hence after the check above.
  const { Rpc, seed } = await import("./bench/indexer-seed.ts");

  sampleLoad();
  const loadSampler = setInterval(sampleLoad, 2_000);
  defer("stop sampling the load", async () => clearInterval(loadSampler));
  log(`bench:indexer: ${options.pacts} pacts across ${options.agents} agents on ${os.cpus().length} cores`);
  const node = await startHardhatNode();
  defer("stop the Hardhat node", node.stop);
  const rpc = new Rpc(node.url);
  // The node prints every call and mined transaction otherwise: tens of thousands of lines.
  await rpc.call("hardhat_setLoggingEnabled", [false]);
  const deployment = await deployLocalSurety(node.url);

  log("seeding");
  const { pacts, agents, blockTransactions } = options;
  const seeded = await seed({ rpc, deployment, log, pacts, agents, blockTransactions });
  log(`seeded ${seeded.transactions} transactions in ${seeded.blocks} blocks in ${seeded.seconds} s`);

  const getLogs = await measureGetLogs(rpc, deployment.surety, seeded.fromBlock, seeded.toBlock);
  const events = getLogs.events;
  log(`eth_getLogs: ${events} events over ${getLogs.blocks} blocks in ${getLogs.seconds} s`);

  const chain = { rpcUrl: node.url, deployment };
  const postgresBin = findPostgresBin();
  const postgresNote =
    postgresBin === null ? "no PostgreSQL binaries on this machine (initdb, pg_ctl, createdb): not measured" : null;
  if (options.liveOn === "postgres" && postgresBin === null) throw new Error(`--live-on postgres: ${postgresNote}`);
  const liveOn = options.liveOn ?? (postgresBin === null ? "pglite" : "postgres");
  // One indexer at a time: the one that serves the live phase backfills last and keeps running.
  const runPglite = async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), "surety-bench-pglite-"));
    defer("remove the PGlite folder", () => rm(directory, { recursive: true, force: true }));
    return backfill("pglite", { directory }, chain, events, seeded, liveOn === "pglite");
  };
  const runPostgres = async () => {
    if (postgresBin === null) {
      log(`backfill on postgres: ${postgresNote}`);
      return null;
    }
    const server = await startPostgres({ database: "surety_bench" });
    defer("stop PostgreSQL", server.stop);
    return backfill("postgres", { url: server.url }, chain, events, seeded, liveOn === "postgres");
  };
  let pglite: Awaited<ReturnType<typeof backfill>>;
  let postgres: Awaited<ReturnType<typeof backfill>> | null;
  if (liveOn === "pglite") {
    postgres = await runPostgres();
    pglite = await runPglite();
  } else {
    pglite = await runPglite();
    postgres = await runPostgres();
  }

  const served = liveOn === "pglite" ? pglite : postgres!;
  const liveResult = await live(served.result.database, served.indexer.url, served.entries, rpc, seeded, deployment);

  const report = buildReport({
    seeded,
    getLogs,
    pglite: pglite.result,
    postgres: postgres?.result ?? null,
    postgresNote,
    live: liveResult,
  });
  if (options.write) {
    await writeFile(SNAPSHOT, `${JSON.stringify(report, null, 2)}\n`);
    log(`wrote ${path.relative(process.cwd(), SNAPSHOT)}`);
  }
  process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : table(report));
  // Wrong totals or lost live transactions make the figures meaningless; a missed target is only a finding.
  const mismatched = [pglite, postgres].some((item) => item !== null && item.result.mismatches.length > 0);
  if (mismatched || liveResult.missed > 0) process.exitCode = 1;
}

/* ------------------------------------------------------------------------------------------------------------ */
/*                                                   REPORT                                                     */
/* ------------------------------------------------------------------------------------------------------------ */

type Check = { name: string; value: number | null; target: string; pass: boolean | null };

function check(name: string, value: number | null, op: ">=" | "<", target: number): Check {
  return {
    name,
    value,
    target: `${op} ${target.toLocaleString("en-US")}`,
    pass: value === null ? null : op === ">=" ? value >= target : value < target,
  };
}

function buildReport(input: {
  seeded: SeedResult;
  getLogs: GetLogsResult;
  pglite: BackfillResult;
  postgres: BackfillResult | null;
  postgresNote: string | null;
  live: LiveResult;
}) {
  const { seeded, getLogs, pglite, postgres, live } = input;
  return {
    date: new Date().toISOString(),
    machine: {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? null,
      memoryGiB: round(os.totalmem() / 2 ** 30),
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
      /** The 1-minute load average, sampled every 2 s: at the start, its mean and its maximum over the run. */
      loadAverage: {
        start: round(loads[0]!.load, 2),
        mean: loadDuring(0),
        max: round(Math.max(...loads.map((sample) => sample.load)), 2),
      },
    },
    parameters: {
      pacts: options.pacts,
      agents: options.agents,
      buyers: seeded.buyers.length,
      arbiters: seeded.arbiters.length,
      blockTransactions: options.blockTransactions,
      liveTransactions: options.liveTransactions,
      liveRatePerSec: options.liveRate,
    },
    seed: {
      transactions: seeded.transactions,
      blocks: seeded.blocks,
      finalityBlocks: seeded.finalityBlocks,
      seconds: seeded.seconds,
      paths: seeded.paths,
      phases: seeded.phases,
    },
    events: getLogs.events,
    backfillEventsPerSecPglite: pglite.eventsPerSec,
    backfillEventsPerSecPostgres: postgres?.eventsPerSec ?? null,
    getLogsEventsPerSec: getLogs.eventsPerSec,
    liveLatencyP50Ms: live.latency.p50Ms,
    liveLatencyP95Ms: live.latency.p95Ms,
    trustP50Ms: live.trust.p50Ms,
    trustP95Ms: live.trust.p95Ms,
    graphqlP50Ms: live.graphql.p50Ms,
    graphqlP95Ms: live.graphql.p95Ms,
    getLogs,
    backfill: { pglite, postgres, postgresNote: input.postgresNote },
    live,
    targets: [
      check("backfill on PGlite (events/s)", pglite.eventsPerSec, ">=", TARGETS.backfillEventsPerSec),
      check("backfill on PostgreSQL (events/s)", postgres?.eventsPerSec ?? null, ">=", TARGETS.backfillEventsPerSec),
      check("live receipt to trust route, p95 (ms)", live.latency.p95Ms, "<", TARGETS.liveLatencyP95Ms),
      check("trust route under live load, p95 (ms)", live.trust.p95Ms, "<", TARGETS.trustP95Ms),
    ],
  };
}

type Report = ReturnType<typeof buildReport>;

/** Columns padded to their widest cell; the first left-aligned, the others right-aligned. */
function columns(rows: readonly string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join("  ")
      .trimEnd();
  return [line(rows[0]!), widths.map((width) => "-".repeat(width)).join("  "), ...rows.slice(1).map(line)];
}

function table(report: Report): string {
  const figure = (value: number | null) => (value === null ? "n/a" : value.toLocaleString("en-US"));
  const verdict = (item: Check) => (item.pass === null ? "n/a" : item.pass ? "pass" : "FAIL");
  const [pgliteCheck, postgresCheck, liveCheck, trustCheck] = report.targets as [Check, Check, Check, Check];
  const { pglite, postgres } = report.backfill;
  const { live, getLogs, seed, machine } = report;
  const measures = columns([
    ["measure", "median (p50)", "p95", "target", "result"],
    [`eth_getLogs, ${getLogs.calls} call(s) (events/s)`, figure(getLogs.eventsPerSec), "", "", "reference"],
    [
      `backfill on PGlite, ${pglite.seconds} s, load ${pglite.loadAverage} (events/s)`,
      figure(pglite.eventsPerSec),
      "",
      pgliteCheck.target,
      verdict(pgliteCheck),
    ],
    [
      `backfill on PostgreSQL${postgres === null ? "" : `, ${postgres.seconds} s, load ${postgres.loadAverage}`} (events/s)`,
      figure(postgres?.eventsPerSec ?? null),
      "",
      postgresCheck.target,
      verdict(postgresCheck),
    ],
    [
      `live: receipt to trust route on ${live.database}, load ${live.loadAverage} (ms)`,
      figure(live.latency.p50Ms),
      figure(live.latency.p95Ms),
      liveCheck.target,
      verdict(liveCheck),
    ],
    [
      "trust route under live load (ms)",
      figure(live.trust.p50Ms),
      figure(live.trust.p95Ms),
      trustCheck.target,
      verdict(trustCheck),
    ],
    ["GraphQL page of 50 agents under live load (ms)", figure(live.graphql.p50Ms), figure(live.graphql.p95Ms), "", ""],
    [
      "Ponder's own time per live block (ms)",
      figure(live.ponderBlockMs.p50Ms),
      figure(live.ponderBlockMs.p95Ms),
      "",
      "reference",
    ],
    ["trust route, idle (ms)", figure(live.idle.trust.p50Ms), figure(live.idle.trust.p95Ms), "", "reference"],
    [
      "GraphQL page of 50 agents, idle (ms)",
      figure(live.idle.graphql.p50Ms),
      figure(live.idle.graphql.p95Ms),
      "",
      "reference",
    ],
  ]);
  const stage = (name: string, result: BackfillResult) => [
    name,
    figure(result.stages.startupSeconds),
    figure(result.stages.fetchSeconds),
    figure(result.stages.handlerSeconds),
    figure(result.stages.finishSeconds),
    figure(result.seconds),
    figure(result.eventsPerSecAfterStartup),
  ];
  const stages = columns([
    ["backfill (s)", "startup", "fetch", "handlers", "indexes", "total", "events/s after startup"],
    stage("PGlite", pglite),
    ...(postgres === null ? [] : [stage("PostgreSQL", postgres)]),
  ]);
  return [
    `${figure(report.parameters.pacts)} pacts across ${figure(report.parameters.agents)} agents: ` +
      `${figure(report.events)} events in ${seed.blocks - seed.finalityBlocks} blocks of at most ` +
      `${figure(report.parameters.blockTransactions)} transactions, then ${seed.finalityBlocks} empty ones`,
    `${machine.cores} cores; 1-minute load average ${machine.loadAverage.start} at the start, ` +
      `${machine.loadAverage.mean} on average, ${machine.loadAverage.max} at most (other work skews every figure)`,
    "",
    ...measures,
    "",
    ...stages,
    "(Ponder fetches and runs handlers at once: the stages overlap)",
    "",
  ].join("\n");
}

/** An error with its chain of causes (fetch's "fetch failed" says nothing without them). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause === undefined ? "" : `\ncaused by: ${describe(error.cause)}`;
  return `${error.stack ?? error.message}${cause}`;
}

try {
  await main();
} catch (error) {
  // After Ctrl-C the run fails as its processes go away: only the interruption is worth reporting.
  if (!interrupted) log(`bench:indexer failed: ${describe(error)}`);
  process.exitCode = 1;
} finally {
  if (!interrupted) await cleanUp();
}
