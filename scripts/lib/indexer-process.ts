/**
 * Runs the indexer (`ponder start` in indexer/) as a child process in its own process group, for the tests,
 * the benchmark and the local stack: configured by environment, waited on until /ready answers 200, stopped with
 * everything it started. It runs under a watchdog (supervise.ts), so it ends with this process however this process
 * ends, and an indexer that ignores SIGTERM gets SIGKILL after the grace period.
 */
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

import { freePort, REPO_ROOT } from "./local-chain.ts";
import { killSupervised, stopSupervised, superviseProcess } from "./supervise.ts";

export type IndexerProcess = {
  url: string;
  port: number;
  /** The indexer's watchdog: it leads the indexer's process group, and its stdout and stderr are the indexer's. */
  child: ChildProcess;
  /** The process's recent output, for error messages. */
  output: () => string;
  /** Resolves when /ready answers 200; rejects when the process exits first or `timeoutMs` passes. */
  ready: (timeoutMs?: number) => Promise<void>;
  /**
   * Resolves once the indexer is ready and has indexed the chain's latest block as of the call (`/ready` answers
   * 200 before the last, not yet final, blocks are in: this waits on `/status` too).
   */
  caughtUp: (timeoutMs?: number) => Promise<void>;
  /** SIGTERM to the group (SIGKILL after the grace period); `kill` sends SIGKILL at once, as a crash would. */
  stop: () => Promise<void>;
  kill: () => Promise<void>;
};

export type IndexerOptions = {
  rpcUrl: string;
  /** A PostgreSQL URL, or a PGlite folder. */
  database: { url: string } | { directory: string };
  /** The database schema Ponder writes the tables to. */
  schema?: string;
  port?: number;
  /** More environment, such as SURETY_TOKENS. */
  env?: Record<string, string>;
  /** Milliseconds between SIGTERM and SIGKILL when the indexer is stopped (default 5 s). */
  graceMs?: number;
};

/** The chain's latest block number, asked directly (no client cache). */
async function chainHead(rpcUrl: string): Promise<number> {
  const response = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
  });
  const { result } = (await response.json()) as { result: string };
  return Number(result);
}

export async function startIndexer(options: IndexerOptions): Promise<IndexerProcess> {
  if (!existsSync(path.join(REPO_ROOT, "sdk/dist/index.js"))) {
    throw new Error("the indexer imports the built SDK: run `npm run build -w sdk` first");
  }
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const ponder = path.join(REPO_ROOT, "node_modules/ponder/dist/esm/bin/ponder.js");
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    SURETY_RPC_URL: options.rpcUrl,
    DATABASE_SCHEMA: options.schema ?? "surety",
    PONDER_TELEMETRY_DISABLED: "true",
    ...options.env,
  };
  delete env.DATABASE_URL;
  delete env.SURETY_PGLITE_DIR;
  if ("url" in options.database) env.DATABASE_URL = options.database.url;
  else env.SURETY_PGLITE_DIR = options.database.directory;

  const graceMs = options.graceMs ?? 5_000;
  const child = superviseProcess(
    process.execPath,
    [ponder, "start", "--port", String(port), "--hostname", "127.0.0.1", "--log-format", "json"],
    // Run from indexer/, where Ponder also writes its generated GraphQL schema (git-ignored).
    { cwd: path.join(REPO_ROOT, "indexer"), env, graceMs },
  );
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const output = () => log;

  const ready = async (timeoutMs = 120_000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the indexer exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${log}`);
      }
      try {
        const response = await fetch(`${url}/ready`);
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the indexer was not ready within ${timeoutMs} ms:\n${log}`);
  };
  const caughtUp = async (timeoutMs = 120_000) => {
    const deadline = Date.now() + timeoutMs;
    const head = await chainHead(options.rpcUrl);
    await ready(timeoutMs);
    while (Date.now() < deadline) {
      const status = (await (await fetch(`${url}/status`)).json()) as Record<
        string,
        { block: { number: number } | null }
      >;
      if ((Object.values(status)[0]?.block?.number ?? -1) >= head) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the indexer did not reach block ${head} within ${timeoutMs} ms:\n${log}`);
  };
  return {
    url,
    port,
    child,
    output,
    ready,
    caughtUp,
    stop: () => stopSupervised(child, graceMs),
    kill: () => killSupervised(child),
  };
}
