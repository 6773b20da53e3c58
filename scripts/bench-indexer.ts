/**
 * `npm run bench:indexer`: how fast the indexer backfills, how fresh it stays live, and how its API holds up
 * under abusive queries.
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
 * 5. Abuse, on each indexer after its other phases (`--abuse-seconds`, default 30, per kind; 0 skips it): four
 *    clients send expensive GraphQL queries in a loop, then four send the SQL route a four-way self-join of
 *    `history`, while another client times the trust route; every answer is counted by status and error code, and
 *    every request has a client-side timeout, so that a hang shows as one and the run still ends.
 *
 * Prints a table with the targets, and writes snapshots/indexer-bench.json (unless `--no-write`). With `--json`,
 * stdout carries exactly one JSON object and every other line goes to stderr (run it as `npm run -s`, or npm
 * prints its banner on stdout). `--logs DIR` keeps each indexer's full JSON log. Every process and temporary
 * folder the benchmark starts is removed at the end, on error and on Ctrl-C.
 *
 * Batches are capped at 1,000 transactions (40 to 90 million gas, about the node's default block of 60 million)
 * rather than one block per phase: a block of 10,000 transactions is a 15 MB JSON-RPC answer that no real chain
 * holds, and on a loaded machine Ponder's 10-second request timeout cuts it off and retries.
 *
 * The seed is scripts/bench/seed.ts (shared with bench:dashboard); the phases are in scripts/bench/indexer/
 * (backfill.ts, live.ts, abuse.ts, report.ts, and stats.ts for the arithmetic); this file runs them in order and
 * cleans up.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { abuse, apiStatements, type AbuseKind, type AbuseResult } from "./bench/indexer/abuse.ts";
import { backfill, measureGetLogs } from "./bench/indexer/backfill.ts";
import { live } from "./bench/indexer/live.ts";
import { parseOptions, USAGE, type Bench, type BenchOptions, type Database } from "./bench/indexer/options.ts";
import { buildReport, table } from "./bench/indexer/report.ts";
import { LoadSampler } from "./bench/indexer/stats.ts";
import { deployLocalSurety, REPO_ROOT, startHardhatNode } from "./lib/local-chain.ts";
import { findPostgresBin, startPostgres } from "./lib/postgres.ts";

const SNAPSHOT = path.join(REPO_ROOT, "snapshots/indexer-bench.json");

let options: BenchOptions;
try {
  options = parseOptions();
} catch (error) {
  process.stderr.write(`bench:indexer: ${(error as Error).message}\n${USAGE}\n`);
  process.exit(2);
}

/** Progress goes to stderr, so that `--json` leaves stdout to the one JSON object. */
const log = (message: string) => process.stderr.write(`${message}\n`);

const cleanups: { what: string; run: () => Promise<void> }[] = [];

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

const bench: Bench = {
  options,
  log,
  defer: (what, run) => void cleanups.push({ what, run }),
  load: new LoadSampler(),
};
const { defer, load } = bench;

async function main() {
  for (const [file, fix] of [
    ["sdk/dist/index.js", "npm run build -w sdk"],
    ["artifacts/contracts/Surety.sol/Surety.json", "npm run build"],
  ] as const) {
    if (!existsSync(path.join(REPO_ROOT, file))) throw new Error(`${file} is missing: run \`${fix}\` first`);
  }
  // The seed imports the built SDK, hence after the check above.
  const { Rpc, seed } = await import("./bench/seed.ts");

  load.start();
  defer("stop sampling the load", async () => load.stop());
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
  // One indexer at a time: the one that serves the live phase backfills last and keeps running. The abuse phase
  // comes last on each indexer (on the served one after the live phase), as it may leave it stuck.
  const abused: Partial<Record<Database, Record<AbuseKind, AbuseResult>>> = {};
  const abuseThenStop = async (
    database: Database,
    run: Awaited<ReturnType<typeof backfill>>,
    databaseUrl: string | null,
  ) => {
    if (options.abuseSeconds > 0) {
      abused[database] = await abuse(bench, database, run.indexer.url, seeded.agents, databaseUrl);
    }
    await run.indexer.stop();
    // Statements the stopped indexer left running on the server would load the machine for the phases after.
    if (databaseUrl !== null) await apiStatements(databaseUrl, true);
  };
  let postgresUrl: string | null = null;
  const runPglite = async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), "surety-bench-pglite-"));
    defer("remove the PGlite folder", () => rm(directory, { recursive: true, force: true }));
    const run = await backfill(bench, "pglite", { directory }, chain, events, seeded, true);
    if (liveOn !== "pglite") await abuseThenStop("pglite", run, null);
    return run;
  };
  const runPostgres = async () => {
    if (postgresBin === null) {
      log(`backfill on postgres: ${postgresNote}`);
      return null;
    }
    const server = await startPostgres({ database: "surety_bench" });
    defer("stop PostgreSQL", server.stop);
    postgresUrl = server.url;
    const run = await backfill(bench, "postgres", { url: server.url }, chain, events, seeded, true);
    if (liveOn !== "postgres") await abuseThenStop("postgres", run, server.url);
    return run;
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
  const liveResult = await live(
    bench,
    served.result.database,
    served.indexer.url,
    served.entries,
    rpc,
    seeded,
    deployment,
  );
  await abuseThenStop(liveOn, served, liveOn === "postgres" ? postgresUrl : null);

  const report = buildReport({
    options,
    load,
    seeded,
    getLogs,
    pglite: pglite.result,
    postgres: postgres?.result ?? null,
    postgresNote,
    live: liveResult,
    abuse: { pglite: abused.pglite ?? null, postgres: abused.postgres ?? null },
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
