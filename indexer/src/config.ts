/**
 * The indexer's configuration, read from the environment and validated before Ponder starts. Every problem is
 * reported at once, each naming its variable.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

import { getDeployment, loadDeployment, type Deployment } from "@surety/sdk/deployments";
import { validateAddress } from "@surety/sdk";
import type { Address } from "viem";
import { z } from "zod";

/** The repository root: relative paths in the environment are read from here, wherever Ponder runs. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The chain id of a local Hardhat node. */
export const LOCAL_CHAIN_ID = 31337;

export type IndexerConfig = {
  rpcUrl: string;
  chainId: number;
  deployment: Deployment;
  /** Tokens whose pacts count in trust records; pacts in other tokens are counted apart and flagged. */
  listedTokens: readonly Address[];
  /** Court adapters whose court disputes, appeals, evidence and rulings join their pacts' history. */
  courtAdapters: readonly Address[];
  pollingIntervalMs: number;
  database: { kind: "postgres"; connectionString: string } | { kind: "pglite"; directory: string };
  /** The bounds on what an anonymous caller of the HTTP API can make the database do (api/guard.ts). */
  api: ApiLimits;
};

export type ApiLimits = {
  /** Whether GET /sql/* answers at all. */
  sql: boolean;
  /** The statement timeout of the API's PostgreSQL connections. */
  timeoutMs: number;
  /** The planner cost above which a /sql or /graphql statement is refused before it starts; 0 for none. */
  maxCost: number;
  /** Rows one /sql or /graphql statement may return. */
  maxRows: number;
  /** /sql and /graphql requests served at once; more are answered 429. */
  maxConcurrent: number;
  /** Rows one GraphQL request may ask for in all: every page's limit times the pages it is nested in. */
  maxGraphqlRows: number;
  /** SQL texts not seen lately that /sql admits per second, after a burst of ten; more are answered 429. */
  newSqlPerSecond: number;
};

/**
 * Planner cost units PGlite works through per millisecond, at worst, on the reference 2-core machine: measured on a
 * 176- to 2,000-row `history` with seq scans enabled, a three-way cross join ran ~5 ms per 1,000 cost units and a
 * join on a text `like` of every pair ~40 ms per 1,000 (the slowest seen), so 25 units per ms.
 */
export const PGLITE_COST_PER_MS = 25;

export class IndexerConfigError extends Error {
  override readonly name = "IndexerConfigError";
  readonly issues: readonly { variable: string; message: string }[];

  constructor(issues: readonly { variable: string; message: string }[]) {
    super(
      `Invalid indexer configuration:\n${issues.map((issue) => `  - ${issue.variable} ${issue.message}`).join("\n")}`,
    );
    this.issues = issues;
  }
}

/** An address by the SDK's rule (a mixed-case address must carry a valid EIP-55 checksum). */
const addressText = z
  .string()
  .trim()
  .transform((value, context): Address => {
    const result = validateAddress(value);
    if (result.problem === undefined) return result.address;
    context.addIssue({ code: "custom", message: result.problem });
    return z.NEVER;
  });

/** A comma-separated list of addresses; undefined when empty. */
const addressList = () =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === "") return undefined;
      const addresses: Address[] = [];
      for (const item of value.split(",")) {
        const parsed = addressText.safeParse(item);
        if (parsed.success) addresses.push(parsed.data);
        else context.addIssue({ code: "custom", message: `has "${item.trim()}", which is not an address` });
      }
      return addresses;
    });

const integerText = (what: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be ${what}`)
    .transform(Number)
    .refine((value) => value >= min && value <= max, `must be ${what} between ${min} and ${max}`);

const environment = z.object({
  SURETY_RPC_URL: z
    .url({ protocol: /^(https?|wss?)$/, error: "must be an http(s) or ws(s) URL" })
    .default("http://127.0.0.1:8545"),
  SURETY_CHAIN_ID: integerText("a chain id", 1).optional(),
  SURETY_DEPLOYMENT: z.string().trim().min(1, "must be a path").optional(),
  SURETY_ADDRESS: addressText.optional(),
  SURETY_START_BLOCK: integerText("a block number", 0).optional(),
  SURETY_TOKENS: addressList(),
  SURETY_COURT_ADAPTERS: addressList(),
  // Ponder polls at most every 100 ms.
  SURETY_POLLING_INTERVAL_MS: integerText("milliseconds", 100, 600_000).optional(),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\/\S+$/, "must be a postgres:// or postgresql:// connection URL")
    .optional(),
  SURETY_PGLITE_DIR: z.string().trim().min(1, "must be a path").optional(),
  SURETY_API_SQL: z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
  SURETY_API_TIMEOUT_MS: integerText("milliseconds", 100, 60_000).default(2_000),
  SURETY_API_MAX_COST: integerText("a planner cost", 0, 1_000_000_000).optional(),
  SURETY_API_MAX_ROWS: integerText("a number of rows", 1, 1_000_000).default(10_000),
  SURETY_API_MAX_CONCURRENT: integerText("a number of requests", 1, 1_000).default(4),
  SURETY_API_MAX_GRAPHQL_ROWS: integerText("a number of rows", 1, 1_000_000).default(2_000),
  SURETY_API_NEW_SQL_PER_SECOND: integerText("a number of SQL texts", 1, 100_000).default(2),
});

/**
 * Reads the configuration from `env`: the RPC URL (default the local node), the deployment (a file or Ignition
 * folder in SURETY_DEPLOYMENT, else the SDK's known deployment on SURETY_CHAIN_ID, default the local chain),
 * optional address and start-block overrides, the listed tokens (default the stake token), the court adapters to
 * index (default the deployment's, if any), the polling interval
 * (100 ms on the local chain, 1 s elsewhere), the database (PostgreSQL when DATABASE_URL is set, else PGlite) and
 * the HTTP API's limits (SURETY_API_*: the SQL route on or off, statement timeout, planner cost limit, row cap,
 * concurrent queries, rows per GraphQL request, new SQL texts per second).
 * @throws IndexerConfigError naming every bad variable.
 */
export async function readIndexerConfig(env: Record<string, string | undefined> = process.env): Promise<IndexerConfig> {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    throw new IndexerConfigError(
      parsed.error.issues.map((issue) => ({ variable: String(issue.path[0]), message: issue.message })),
    );
  }
  const vars = parsed.data;

  let deployment: Deployment;
  try {
    deployment =
      vars.SURETY_DEPLOYMENT !== undefined
        ? await loadDeployment(path.resolve(REPO_ROOT, vars.SURETY_DEPLOYMENT))
        : getDeployment(vars.SURETY_CHAIN_ID ?? LOCAL_CHAIN_ID);
  } catch (error) {
    const variable = vars.SURETY_DEPLOYMENT !== undefined ? "SURETY_DEPLOYMENT" : "SURETY_CHAIN_ID";
    throw new IndexerConfigError([{ variable, message: (error as Error).message }]);
  }
  if (vars.SURETY_CHAIN_ID !== undefined && vars.SURETY_CHAIN_ID !== deployment.chainId) {
    throw new IndexerConfigError([
      {
        variable: "SURETY_CHAIN_ID",
        message: `is ${vars.SURETY_CHAIN_ID}, but the deployment is on chain ${deployment.chainId}`,
      },
    ]);
  }
  deployment = {
    ...deployment,
    surety: vars.SURETY_ADDRESS ?? deployment.surety,
    startBlock: vars.SURETY_START_BLOCK === undefined ? deployment.startBlock : BigInt(vars.SURETY_START_BLOCK),
  };

  return {
    rpcUrl: vars.SURETY_RPC_URL,
    chainId: deployment.chainId,
    deployment,
    listedTokens: vars.SURETY_TOKENS ?? [deployment.stakeToken],
    courtAdapters: vars.SURETY_COURT_ADAPTERS ?? deployment.courtAdapters ?? [],
    pollingIntervalMs: vars.SURETY_POLLING_INTERVAL_MS ?? (deployment.chainId === LOCAL_CHAIN_ID ? 100 : 1_000),
    database:
      vars.DATABASE_URL !== undefined
        ? { kind: "postgres", connectionString: vars.DATABASE_URL }
        : { kind: "pglite", directory: path.resolve(REPO_ROOT, vars.SURETY_PGLITE_DIR ?? "indexer/.ponder/pglite") },
    api: {
      sql: vars.SURETY_API_SQL === "on",
      timeoutMs: vars.SURETY_API_TIMEOUT_MS,
      maxCost: vars.SURETY_API_MAX_COST ?? vars.SURETY_API_TIMEOUT_MS * PGLITE_COST_PER_MS,
      maxRows: vars.SURETY_API_MAX_ROWS,
      maxConcurrent: vars.SURETY_API_MAX_CONCURRENT,
      maxGraphqlRows: vars.SURETY_API_MAX_GRAPHQL_ROWS,
      newSqlPerSecond: vars.SURETY_API_NEW_SQL_PER_SECOND,
    },
  };
}
