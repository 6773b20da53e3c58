/**
 * The backfill phase: eth_getLogs over the seeded range as the reference no indexer can beat, then the indexer
 * started on an empty database and timed until /ready answers 200, its time split by Ponder's own log into
 * startup, fetching, handlers and indexes, and its totals checked against the seed's.
 */
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";

import type { Address, Hex } from "viem";

import { startIndexer, type IndexerProcess } from "../../lib/indexer-process.ts";
import type { LocalDeployment } from "../../lib/local-chain.ts";
import { getJson, graphql, type IndexerStatus } from "./api.ts";
import type { Bench, Database } from "./options.ts";
import type { Counters, Rpc, SeedResult } from "../seed.ts";
import { median, round } from "./stats.ts";

/** eth_getLogs block range per call, as an indexer would chunk a long range. */
const GET_LOGS_CHUNK = 2_000;

/** A line of Ponder's JSON log, as far as this script reads it. */
type PonderLog = { time?: number; msg?: string; duration?: number; event_count?: number };

/** A Ponder log message, `at` seconds after the indexer was started (by Ponder's own clock). */
export type LogEntry = { at: number; message: string; durationMs: number | null; events: number | null };

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

export type GetLogsResult = {
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
export async function measureGetLogs(rpc: Rpc, surety: Address, from: bigint, to: bigint): Promise<GetLogsResult> {
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
  const seconds = median(runs);
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

export type BackfillResult = {
  database: Database;
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
export async function backfill(
  bench: Bench,
  database: Database,
  config: { url: string } | { directory: string },
  chain: { rpcUrl: string; deployment: LocalDeployment },
  events: number,
  seeded: SeedResult,
  keep: boolean,
): Promise<{ result: BackfillResult; indexer: IndexerProcess; entries: LogEntry[] }> {
  const { options, log, defer, load } = bench;
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

  const status = await getJson<IndexerStatus>(`${indexer.url}/status`).catch(() => ({}) as IndexerStatus);
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
      loadAverage: load.during(started, started + seconds * 1000),
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
