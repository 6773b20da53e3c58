/**
 * The pieces an indexer integration test runs against: a real Hardhat node with Surety deployed, SDK clients for
 * the roles, the indexer as a real process, and reads of what it serves.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { getDeployment, suretyActions } from "@surety/sdk";
import {
  createTestClient,
  createWalletClient,
  http,
  parseUnits,
  publicActions,
  walletActions,
  type Account,
  type Address,
} from "viem";
import { hardhat } from "viem/chains";

import { startIndexer, type IndexerProcess } from "../../../scripts/lib/indexer-process.ts";
import { deployLocalSurety, localAccount, startHardhatNode, type LocalNode } from "../../../scripts/lib/local-chain.ts";

/** The local mock stake token's open `mint(to, amount)`, which tests use to fund accounts. */
export const MOCK_MINT_ABI = [
  {
    type: "function",
    name: "mint",
    stateMutability: "nonpayable",
    inputs: [
      { name: "to", type: "address" },
      { name: "amount", type: "uint256" },
    ],
    outputs: [],
  },
] as const;

export const deployment = getDeployment(31337);

export type Chain = Awaited<ReturnType<typeof startChain>>;

/**
 * A node with Surety deployed, the role clients (and `walletOf` for more accounts), and stake tokens minted to the
 * first ten accounts.
 */
export async function startChain() {
  const node: LocalNode = await startHardhatNode();
  try {
    await deployLocalSurety(node.url);
  } catch (error) {
    await node.stop();
    throw error;
  }
  const chain = { ...hardhat, rpcUrls: { default: { http: [node.url] } } } as const;
  const transport = http(node.url);
  const test = createTestClient({ mode: "hardhat", chain, transport, cacheTime: 0 })
    .extend(publicActions)
    .extend(walletActions);
  const walletOf = (account: Account) =>
    createWalletClient({ account, chain, transport, pollingInterval: 50 }).extend(suretyActions(deployment));
  const operator = walletOf(localAccount(0));
  const roles = {
    operator,
    buyer: walletOf(localAccount(1)),
    agent: walletOf(localAccount(2)),
    arbiter: walletOf(localAccount(3)),
    buyer2: walletOf(localAccount(4)),
    agent2: walletOf(localAccount(5)),
  };
  for (let index = 0; index < 10; index += 1) {
    const hash = await operator.writeContract({
      address: deployment.stakeToken,
      abi: MOCK_MINT_ABI,
      functionName: "mint",
      args: [localAccount(index).address, parseUnits("1000000", 6)],
    });
    await test.waitForTransactionReceipt({ hash });
  }
  await roles.arbiter.registerArbiter({ token: deployment.stakeToken, minFee: 0n, maxRulingPeriod: "60d" });
  /** Moves the clock on and mines exactly one block, as the indexer needs while it runs. */
  const travel = async (seconds: number) => {
    await test.increaseTime({ seconds });
    await test.mine({ blocks: 1 });
  };
  return { node, test, roles, walletOf, travel, stop: () => node.stop() };
}

/** The usual terms of the tests' pacts, in the stake token, with the arbiter named. */
export function termsFor(roles: Chain["roles"], overrides: Record<string, unknown> = {}) {
  return {
    agent: roles.agent.account.address,
    arbiter: roles.arbiter.account.address,
    token: deployment.stakeToken,
    price: "100",
    arbiterFee: "5",
    collateral: "50",
    penalty: "20",
    defaultBuyerBps: 5_000,
    acceptBy: "1d",
    deliverBy: "3d",
    reviewPeriod: "2d",
    rulingPeriod: "5d",
    terms: { task: "indexer test" },
    ...overrides,
  } as const;
}

export type Indexer = IndexerProcess & { folder: string | null; close: () => Promise<void> };

/** The indexer on a fresh PGlite folder, or on `database` (a PostgreSQL URL) when given. */
export async function startTestIndexer(
  rpcUrl: string,
  options: { databaseUrl?: string; schema?: string; env?: Record<string, string> } = {},
): Promise<Indexer> {
  const folder = options.databaseUrl === undefined ? await mkdtemp(path.join(tmpdir(), "surety-pglite-")) : null;
  const indexer = await startIndexer({
    rpcUrl,
    database: folder === null ? { url: options.databaseUrl! } : { directory: folder },
    ...(options.schema === undefined ? {} : { schema: options.schema }),
    ...(options.env === undefined ? {} : { env: options.env }),
  });
  const close = async () => {
    await indexer.stop();
    if (folder !== null) await rm(folder, { recursive: true, force: true });
  };
  return { ...indexer, folder, close };
}

/** Runs a GraphQL query and returns its data; GraphQL errors throw. */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors !== undefined) throw new Error(`GraphQL errors: ${body.errors.map((e) => e.message).join("; ")}`);
  return body.data!;
}

/** Every table the indexer serves, as GraphQL names its list queries. */
export const TABLES = [
  "indexedBlocks",
  "pacts",
  "agents",
  "stakePositions",
  "agentTokenTotals",
  "agentCounterpartyLinks",
  "buyers",
  "arbiters",
  "arbiterFees",
  "arbiterRegistrations",
  "payoutCredits",
  "weeklyReviews",
  "metaEvidenceDocuments",
  "courtDisputes",
  "agentOutcomes",
  "agentBuyerValues",
  "agentReviews",
  "exceptionNotes",
  "containmentEpisodes",
  "historyEvents",
] as const;

/** Every row of every table, read page by page over GraphQL, each table's rows in a stable order. */
export async function dumpTables(url: string): Promise<Record<string, Record<string, unknown>[]>> {
  const introspection = await graphql<{
    __schema: {
      queryType: { fields: { name: string; type: { name: string | null; ofType: { name: string } | null } }[] };
    };
  }>(url, "{ __schema { queryType { fields { name type { name ofType { name } } } } } }");
  const dump: Record<string, Record<string, unknown>[]> = {};
  for (const table of TABLES) {
    const field = introspection.__schema.queryType.fields.find((candidate) => candidate.name === table);
    if (field === undefined) throw new Error(`GraphQL has no query ${table}`);
    const pageType = field.type.name ?? field.type.ofType!.name;
    const { __type } = await graphql<{ __type: { fields: { name: string }[] } }>(
      url,
      `{ __type(name: "${pageType}") { fields { name } } }`,
    );
    const itemType = pageType.replace(/Page$/, "");
    const { __type: item } = await graphql<{
      __type: { fields: { name: string; type: { kind: string; ofType: { kind: string } | null } }[] };
    }>(url, `{ __type(name: "${itemType}") { fields { name type { kind ofType { kind } } } } }`);
    if (!__type.fields.some((candidate) => candidate.name === "items")) throw new Error(`${pageType} has no items`);
    const scalars = item.fields
      .filter((candidate) => ["SCALAR", "ENUM"].includes(candidate.type.ofType?.kind ?? candidate.type.kind))
      .map((candidate) => candidate.name);
    const rows: Record<string, unknown>[] = [];
    let after: string | null = null;
    do {
      const data: Record<
        string,
        { items: Record<string, unknown>[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }
      > = await graphql(
        url,
        `query ($after: String) { ${table}(limit: 1000, after: $after) { items { ${scalars.join(" ")} } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      const page = data[table]!;
      rows.push(...page.items);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after !== null);
    const key = (row: Record<string, unknown>) => JSON.stringify(row);
    dump[table] = rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
  return dump;
}

export async function getJson<T = Record<string, unknown>>(url: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as T };
}

export type { Address };
