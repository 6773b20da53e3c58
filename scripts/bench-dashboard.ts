/**
 * `npm run bench:dashboard`: how long the dashboard's agents page takes to show a full page of agents.
 *
 * Seeds a fresh local node with `--agents` agents (default 200, the page's size) and `--pacts` pacts across them
 * through every path (scripts/bench/seed.ts), indexes it on a fresh PGlite database, builds and serves the
 * dashboard, then loads #/agents in headless Chromium `--runs` times (default 15, after one warm-up load) and
 * times each from navigation start to the page putting the table of every agent's row in the document (the
 * page's `surety:rendered` performance mark): fetching the page and bundle, the indexer's answer, parsing it with
 * the SDK's schemas, and building the table.
 *
 *   npm run bench:dashboard
 *   npm run -s bench:dashboard -- --runs 30 --json
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import { buildDashboard } from "../dashboard/build.ts";
import { startDashboardServer } from "../dashboard/server.ts";
import { Rpc, seed } from "./bench/seed.ts";
import { launchChromium } from "./lib/chromium.ts";
import { startIndexer } from "./lib/indexer-process.ts";
import { deployLocalSurety, startHardhatNode } from "./lib/local-chain.ts";

const USAGE = "usage: npm run bench:dashboard -- [--agents N (2-200)] [--pacts M] [--runs K] [--json]";

function parseOptions() {
  const { values } = parseArgs({
    options: {
      agents: { type: "string", default: "200" },
      pacts: { type: "string", default: "1000" },
      runs: { type: "string", default: "15" },
      json: { type: "boolean", default: false },
    },
    strict: true,
  });
  const whole = (name: "agents" | "pacts" | "runs", min: number, max = Number.MAX_SAFE_INTEGER): number => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
    }
    return value;
  };
  return { agents: whole("agents", 2, 200), pacts: whole("pacts", 1), runs: whole("runs", 1), json: values.json };
}

let options: ReturnType<typeof parseOptions>;
try {
  options = parseOptions();
} catch (error) {
  process.stderr.write(`bench:dashboard: ${(error as Error).message}\n${USAGE}\n`);
  process.exit(2);
}

/** Progress goes to stderr, so that `--json` leaves stdout to the one JSON object. */
const log = (message: string) => process.stderr.write(`${message}\n`);

/** The value below which `fraction` of the sorted samples fall (nearest rank). */
function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

const cleanups: (() => Promise<void>)[] = [];
try {
  log(
    `bench:dashboard: ${options.agents} agents, ${options.pacts} pacts, ${options.runs} runs, ${os.cpus().length} cores`,
  );
  const node = await startHardhatNode();
  cleanups.push(node.stop);
  const rpc = new Rpc(node.url);
  await rpc.call("hardhat_setLoggingEnabled", [false]);
  const deployment = await deployLocalSurety(node.url);
  const seeded = await seed({ rpc, deployment, pacts: options.pacts, agents: options.agents, log: () => {} });
  log(`seeded ${seeded.transactions} transactions in ${seeded.seconds} s`);

  const folder = await mkdtemp(path.join(os.tmpdir(), "surety-bench-dashboard-"));
  cleanups.push(() => rm(folder, { recursive: true, force: true }));
  const indexer = await startIndexer({
    rpcUrl: node.url,
    database: { directory: folder },
    env: { SURETY_ADDRESS: deployment.surety, SURETY_START_BLOCK: String(deployment.startBlock) },
  });
  cleanups.push(indexer.stop);
  await indexer.caughtUp(300_000);
  log(`indexed at ${indexer.url}`);

  const { bytes } = await buildDashboard();
  const dashboard = await startDashboardServer({ apiUrl: indexer.url });
  cleanups.push(dashboard.close);
  const browser = await launchChromium();
  cleanups.push(browser.close);

  type Sample = { total: number; api: number };
  const load = async (): Promise<Sample> => {
    const page = await browser.context.newPage();
    try {
      await page.goto(`${dashboard.url}#/agents`);
      // A string: evaluated in the page, where the DOM is (this file is type-checked without it).
      await page.waitForFunction(
        `document.querySelectorAll("table.agents tbody tr").length === ${options.agents}`,
        null,
        {
          timeout: 30_000,
          polling: "raf",
        },
      );
      // Milliseconds from this navigation's start to the page putting the table in the document (its own mark,
      // so the test harness's polling is not counted), and the trust API's part of them.
      return (await page.evaluate(`({
        total: performance.getEntriesByName("surety:rendered").at(-1).startTime,
        api: performance.getEntriesByType("resource").find((entry) => entry.name.includes("/agents?"))?.duration ?? 0,
      })`)) as Sample;
    } finally {
      await page.close();
    }
  };
  await load();
  const samples: Sample[] = [];
  for (let run = 0; run < options.runs; run += 1) samples.push(await load());
  const sorted = samples.map((sample) => sample.total).sort((a, b) => a - b);
  const api = samples.map((sample) => sample.api).sort((a, b) => a - b);
  const report = {
    agents: options.agents,
    pacts: options.pacts,
    runs: options.runs,
    bundleBytes: bytes,
    medianMs: Math.round(percentile(sorted, 0.5)),
    p95Ms: Math.round(percentile(sorted, 0.95)),
    maxMs: Math.round(sorted.at(-1)!),
    apiMedianMs: Math.round(percentile(api, 0.5)),
    samplesMs: samples.map((sample) => Math.round(sample.total)),
    loadAverage: os.loadavg().map((value) => Number(value.toFixed(2))),
  };
  if (options.json) {
    console.log(JSON.stringify(report));
  } else {
    console.log(
      `Agents page, ${report.agents} rows, ${report.runs} loads (after a warm-up) in headless Chromium:\n` +
        `  median ${report.medianMs} ms, p95 ${report.p95Ms} ms, max ${report.maxMs} ms` +
        ` (of which the trust API's answer: median ${report.apiMedianMs} ms)\n` +
        `  bundle ${(bytes / 1024).toFixed(0)} KiB; load average ${report.loadAverage.join(" ")}`,
    );
  }
} catch (error) {
  log(`bench:dashboard failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
} finally {
  for (let cleanup = cleanups.pop(); cleanup !== undefined; cleanup = cleanups.pop()) {
    await cleanup().catch((error: unknown) => log(`cleanup failed: ${(error as Error).message}`));
  }
}
