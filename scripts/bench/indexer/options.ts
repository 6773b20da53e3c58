/** `npm run bench:indexer`'s flags, and what every phase of the benchmark shares. */
import { parseArgs } from "node:util";

import type { LoadSampler } from "./stats.ts";

export const USAGE = `usage: npm run bench:indexer -- [--pacts N] [--agents M] [--block-transactions K] [--live-transactions L]
                                [--live-rate R] [--live-on pglite|postgres] [--abuse-seconds S] [--json] [--no-write]
                                [--logs DIR]`;

/** Parses the command line; throws an Error naming the bad flag. */
export function parseOptions(args: string[] = process.argv.slice(2)) {
  const { values } = parseArgs({
    args,
    options: {
      pacts: { type: "string", default: "10000" },
      agents: { type: "string", default: "200" },
      "block-transactions": { type: "string", default: "1000" },
      "live-transactions": { type: "string", default: "200" },
      "live-rate": { type: "string", default: "5" },
      "live-on": { type: "string" },
      "abuse-seconds": { type: "string", default: "30" },
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
    liveOn: liveOn as Database | undefined,
    /** How long the abuse phase runs on each database; 0 skips it. */
    abuseSeconds: whole("abuse-seconds", 0),
    json: values.json,
    write: !values["no-write"],
    logs: values.logs,
  };
}

export type BenchOptions = ReturnType<typeof parseOptions>;

export type Database = "pglite" | "postgres";

/** What the phases share: the options, the progress log, the cleanups and the load sampler. */
export type Bench = {
  options: BenchOptions;
  /** Progress on stderr, so that `--json` leaves stdout to the one JSON object. */
  log: (message: string) => void;
  /** Runs `run` when the benchmark ends, on success, error or Ctrl-C, last deferred first. */
  defer: (what: string, run: () => Promise<void>) => void;
  load: LoadSampler;
};
