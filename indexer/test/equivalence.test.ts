/**
 * The indexer against an independent recomputation: a local chain runs the full scenario (every path of the
 * contract over three ISO weeks), then the indexer indexes it from scratch, on PGlite and on PostgreSQL, and every
 * row of every state table must equal what test/helpers/expected.ts recomputes from the chain's logs and reads. The
 * operator's weekly signals (GET /review/:isoWeek for every week of the scenario, GET /review?weeks=N) and the trust
 * record's reviews, notes, recovery and evidence must equal what test/helpers/expected-review.ts recomputes from the
 * same logs by the definitions of issue 17.
 * GraphQL's names, links and documented examples are checked on the same indexer (helpers/graphql-suite.ts).
 * Then the chain's clock moves under both indexers across every underway pact's deadline, with proposals made before
 * and after it and withdrawn, and the proposals they serve must be the contract's own (`proposalsOf`) at each step.
 * Last, the scenario's chain is replayed block by block under a third indexer, compared after every block (its tables,
 * and the current week's review at that block's clock).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { isUnderwayPactStatus, suretyAbi, suretyActions } from "@surety/sdk";
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  formatUnits,
  getAddress,
  http,
  keccak256,
  parseAbi,
  publicActions,
  serializeTransaction,
  type Address,
  type Hex,
  type Transaction,
} from "viem";
import { hardhat } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startIndexer, type IndexerProcess } from "../../scripts/lib/indexer-process.ts";
import { deployLocalSurety, localAccount, startHardhatNode, type LocalNode } from "../../scripts/lib/local-chain.ts";
import { findPostgresBin, startPostgres, type Postgres } from "../../scripts/lib/postgres.ts";
import { runScenario, type ScenarioResult } from "../../scripts/lib/scenario.ts";
import * as schema from "../ponder.schema.ts";
import { expectedReviewTrend, expectedReviewWeek, expectedTrustReview, reviewView } from "./helpers/expected-review.ts";
import { graphqlSuite } from "./helpers/graphql-suite.ts";
import {
  computeExpected,
  deadlineOf,
  isoWeekLabel,
  isoWeekStart,
  standingAt,
  type BlockTables,
  type ExpectedState,
  type PactRow,
} from "./helpers/expected.ts";

/** The state tables compared row for row: GraphQL's plural query and the primary key's columns. */
const TABLES = {
  pact: { query: "pacts", key: ["pactId"] },
  agent: { query: "agents", key: ["address"] },
  stakePosition: { query: "stakePositions", key: ["agent"] },
  agentTokenTotal: { query: "agentTokenTotals", key: ["agent", "token"] },
  buyer: { query: "buyers", key: ["address"] },
  arbiter: { query: "arbiters", key: ["address"] },
  arbiterFee: { query: "arbiterFees", key: ["arbiter", "token"] },
  arbiterRegistration: { query: "arbiterRegistrations", key: ["arbiter", "token"] },
  payoutCredit: { query: "payoutCredits", key: ["account", "token"] },
  weeklyReview: { query: "weeklyReviews", key: ["agent", "weekStart"] },
  metaEvidenceDocument: { query: "metaEvidenceDocuments", key: ["adapter", "metaEvidenceId"] },
  courtDispute: { query: "courtDisputes", key: ["pactId"] },
  agentOutcome: { query: "agentOutcomes", key: ["agent", "token"] },
  agentBuyerValue: { query: "agentBuyerValues", key: ["agent", "token", "buyer"] },
  agentReview: { query: "agentReviews", key: ["blockNumber", "logIndex"] },
  exceptionNote: { query: "exceptionNotes", key: ["blockNumber", "logIndex"] },
  containmentEpisode: { query: "containmentEpisodes", key: ["agent", "episode"] },
} as const satisfies Partial<Record<keyof typeof schema, { query: string; key: readonly string[] }>>;

type TableName = keyof typeof TABLES;
type Row = Record<string, unknown>;

/** A table's columns, as its Ponder definition lists them (a table also carries functions such as enableRLS). */
function columnsOf(table: object): string[] {
  return Object.entries(table)
    .filter(([, value]) => typeof value === "object" && value !== null)
    .map(([name]) => name);
}

/** Rows as GraphQL returns them: bigints as decimal strings, sorted by primary key. */
function normalise(rows: readonly object[], key: readonly string[]): Row[] {
  const json = rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([column, value]) => [column, typeof value === "bigint" ? value.toString() : value]),
    ),
  );
  const sortKey = (row: Row) => key.map((column) => String(row[column]).padStart(80, "0")).join("|");
  return json.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
}

async function graphql<T>(indexer: IndexerProcess, query: string): Promise<T> {
  const response = await fetch(`${indexer.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!response.ok || body.errors !== undefined || body.data === undefined) {
    throw new Error(`GraphQL ${response.status}: ${JSON.stringify(body.errors ?? body)}`);
  }
  return body.data;
}

/** Every row of every state table in one GraphQL request, by table (one page each: the scenario stays under 1,000). */
async function allRowsOf(indexer: IndexerProcess): Promise<Record<TableName, Row[]>> {
  const names = Object.keys(TABLES) as TableName[];
  const fields = names.map(
    (name) => `${name}: ${TABLES[name].query}(limit: 1000) { items { ${columnsOf(schema[name]).join(" ")} } }`,
  );
  const data = await graphql<Record<TableName, { items: Row[] }>>(indexer, `{ ${fields.join(" ")} }`);
  // A full page could hide more rows behind it.
  for (const name of names) expect(data[name].items.length, name).toBeLessThan(1000);
  return Object.fromEntries(names.map((name) => [name, data[name].items])) as Record<TableName, Row[]>;
}

/** Every row of a table (one page: the scenario stays well under GraphQL's limit of 1,000). */
async function rowsOf(indexer: IndexerProcess, name: TableName): Promise<Row[]> {
  const { query } = TABLES[name];
  const columns = columnsOf(schema[name]);
  const data = await graphql<Record<string, { totalCount: number; items: Row[] }>>(
    indexer,
    `{ ${query}(limit: 1000) { totalCount items { ${columns.join(" ")} } } }`,
  );
  const page = data[query]!;
  expect(page.items).toHaveLength(page.totalCount);
  return page.items;
}

/** The test court's calls: its owner's ruling, then anyone's execution once the appeal period ended. */
const COURT_ABI = parseAbi([
  "function giveRuling(uint256 disputeID, uint256 ruling)",
  "function executeRuling(uint256 disputeID)",
]);

/** What the contract's `proposalsOf` answers, as its struct's fields (zero for none). */
type Standing = ReturnType<typeof standingAt>;

/** The pact columns GraphQL serves that say what stands proposed. */
const PROPOSAL_COLUMNS = [
  "pactId",
  "status",
  "deliverBy",
  "buyerProposedBps",
  "buyerProposedAt",
  "buyerProposalStandsUntil",
  "agentProposedBps",
  "agentProposedAt",
  "agentProposalStandsUntil",
  "buyerProposedDeliverBy",
  "agentProposedDeliverBy",
] as const;

/** What the indexer's pact rows, read over GraphQL, say stands proposed at `now` on every pact, by pact id. */
async function standingInRows(indexer: IndexerProcess, now: bigint): Promise<Map<bigint, Standing>> {
  const data = await graphql<{ pacts: { items: Record<(typeof PROPOSAL_COLUMNS)[number], string | number | null>[] } }>(
    indexer,
    `{ pacts(limit: 1000) { items { ${PROPOSAL_COLUMNS.join(" ")} } } }`,
  );
  const big = (value: string | number | null) => (value === null ? null : BigInt(value));
  return new Map(
    data.pacts.items.map((item) => {
      const row = {
        status: item.status as PactRow["status"],
        deliverBy: BigInt(item.deliverBy!),
        buyerProposedBps: item.buyerProposedBps as number | null,
        buyerProposedAt: big(item.buyerProposedAt),
        buyerProposalStandsUntil: big(item.buyerProposalStandsUntil),
        agentProposedBps: item.agentProposedBps as number | null,
        agentProposedAt: big(item.agentProposedAt),
        agentProposalStandsUntil: big(item.agentProposalStandsUntil),
        buyerProposedDeliverBy: big(item.buyerProposedDeliverBy),
        agentProposedDeliverBy: big(item.agentProposedDeliverBy),
      } as PactRow;
      return [BigInt(item.pactId!), standingAt(row, now)];
    }),
  );
}

/** What the trust API's pact view says stands proposed on pact `pactId` now, in the contract's terms. */
async function standingServed(indexer: IndexerProcess, pactId: bigint): Promise<Standing> {
  const response = await fetch(`${indexer.url}/pacts/${pactId}`);
  expect(response.status).toBe(200);
  const { pact } = (await response.json()) as {
    pact: {
      proposals: Record<
        "buyerBps" | "buyerSplitAt" | "agentBps" | "agentSplitAt" | "buyerDeliverBy" | "agentDeliverBy",
        number | null
      >;
    };
  };
  const zero = (value: number | null) => BigInt(value ?? 0);
  return {
    buyerSplitAt: zero(pact.proposals.buyerSplitAt),
    buyerSplitBps: zero(pact.proposals.buyerBps),
    agentSplitAt: zero(pact.proposals.agentSplitAt),
    agentSplitBps: zero(pact.proposals.agentBps),
    buyerDeliverBy: zero(pact.proposals.buyerDeliverBy),
    agentDeliverBy: zero(pact.proposals.agentDeliverBy),
  };
}

/** The indexer's history against the recomputation's: one row per event, of its kind, with its actor and amount. */
async function expectHistory(indexer: IndexerProcess): Promise<void> {
  const data = await graphql<{ historyEvents: { totalCount: number; items: Row[] } }>(
    indexer,
    "{ historyEvents(limit: 1000) { totalCount items { kind blockNumber logIndex transactionHash pactId actor amount } } }",
  );
  expect(data.historyEvents.items).toHaveLength(data.historyEvents.totalCount);
  // The actor and amount where the recomputation states them (the cooperative paths' events, holds, unfunded courts).
  const entries = expected.history.map(({ detail, ...entry }) => ({ ...entry, ...detail }));
  const items = data.historyEvents.items.map(({ actor, amount, ...item }) => {
    const entry = expected.history.find(
      (candidate) => candidate.blockNumber.toString() === item.blockNumber && candidate.logIndex === item.logIndex,
    );
    return entry?.detail === undefined ? item : { ...item, actor, amount };
  });
  expect(normalise(items, ["blockNumber", "logIndex"])).toEqual(normalise(entries, ["blockNumber", "logIndex"]));
}

let node: LocalNode | undefined;
/** A second node, started first (its genesis must come before the scenario's first block), for the replay. */
let replayNode: LocalNode | undefined;
let scenario: ScenarioResult;
let expected: ExpectedState;
/** The recomputed tables after each block of the scenario that holds an event, and the scenario's history. */
let scenarioBlocks: BlockTables[];
let scenarioHistory: ExpectedState["history"];
/** The recomputation at the scenario's end (`expected` moves on with the chain in the last suites). */
let scenarioState: ExpectedState;

beforeAll(async () => {
  replayNode = await startHardhatNode();
  node = await startHardhatNode();
  await deployLocalSurety(node.url);
  const started = performance.now();
  scenario = await runScenario({ rpcUrl: node.url });
  console.info(`scenario: ${scenario.lastBlock} blocks in ${Math.round(performance.now() - started)} ms`);
  expected = await computeExpected({
    rpcUrl: node.url,
    deployment: scenario.deployment,
    courtAdapters: [scenario.court.adapter],
    everyBlock: true,
  });
  scenarioBlocks = expected.blocks;
  scenarioHistory = expected.history;
  scenarioState = expected;
});

afterAll(async () => {
  await node?.stop();
  await replayNode?.stop();
});

/** The review signals' recomputation at the scenario's head (the indexers' clock). */
function headView() {
  const { chainId, stakeToken } = scenario.deployment;
  return reviewView(expected, { chainId, stakeToken: stakeToken.toLowerCase() as Hex });
}

/** The trust route's answer for an agent, recomputed from the expected rows (mUSD has 6 decimals). */
function expectedTrust(address: Hex) {
  const review = expectedTrustReview(headView(), address);
  const usd = (raw: bigint) => formatUnits(raw, 6);
  const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
  const mean = (total: bigint, count: number) => (count === 0 ? null : Number(total) / count);
  const row = expected.agent.find((agent) => agent.address === address)!;
  const stake = expected.stakePosition.find((position) => position.agent === address);
  const overdueNow = expected.pact.filter(
    (pact) =>
      pact.agent === address &&
      pact.status === "active" &&
      pact.tokenListed &&
      pact.deliverBy < expected.head.timestamp,
  ).length;
  const locked = stake?.locked ?? 0n;
  const free = stake?.free ?? 0n;
  return {
    status: row.status,
    statusSince: Number(row.statusSince),
    stake: {
      staked: usd(stake?.staked ?? 0n),
      bonded: usd(stake?.bonded ?? 0n),
      locked: usd(locked),
      queued: usd(stake?.queued ?? 0n),
      readyAt: Number(stake?.readyAt ?? 0n),
      free: usd(free),
    },
    coverage: locked === 0n ? null : Number(free) / Number(locked),
    cap: row.status === "good" || row.status === "warned" ? null : usd(row.cap),
    pacts: {
      offered: row.pactsOffered,
      accepted: row.pactsAccepted,
      fromOffers: row.pactsFromOffers,
      delivered: row.pactsDelivered,
      deliveredOnTime: row.deliveredOnTime,
      released: row.pactsReleased,
      finalized: row.pactsFinalized,
      refundedAfterMissedDelivery: row.pactsRefunded,
      refundedByAgent: row.refundedByAgent,
      settledByAgreement: row.settledByAgreement,
      extensionsGranted: row.extensionsGranted,
      cancelled: row.pactsCancelled,
      reclaimed: row.pactsReclaimed,
      open: row.pactsOpen,
      overdueNow,
      settled:
        row.pactsReleased +
        row.pactsFinalized +
        row.pactsRefunded +
        row.settledByAgreement +
        row.disputesRuled +
        row.disputesAbstained +
        row.disputesDefaulted,
      unlistedToken: row.unlistedPacts,
    },
    disputes: {
      opened: row.disputesOpened,
      ruled: row.disputesRuled,
      abstained: row.disputesAbstained,
      defaulted: row.disputesDefaulted,
      lost: row.disputesLost,
    },
    slashes: { count: row.slashes, total: usd(row.slashedTotal) },
    rates: {
      onTime: ratio(row.deliveredOnTime, row.pactsDelivered + row.pactsRefunded + overdueNow),
      dispute: ratio(row.disputesOpened, row.pactsAccepted),
      slash: ratio(row.slashes, row.pactsAccepted),
    },
    meanSeconds: {
      acceptanceToDelivery: mean(row.acceptToDeliverySeconds, row.acceptToDeliveryCount),
      deliveryToSettlement: mean(row.deliveryToSettlementSeconds, row.deliveryToSettlementCount),
      disputeToRuling: mean(row.disputeToRulingSeconds, row.disputeToRulingCount),
    },
    distinctBuyers: row.distinctBuyers,
    distinctArbiters: row.distinctArbiters,
    flags: [
      ...(row.unlistedPacts > 0 ? ["unlisted-token-pacts"] : []),
      ...(row.unansweredSignalAt !== null ? ["unanswered-signal"] : []),
      ...(overdueNow > 0 ? ["overdue-deliveries"] : []),
      ...(review.evidence.concentrated ? ["concentrated-counterparties"] : []),
    ],
    firstSeenAt: Number(row.firstSeenAt),
    lastEventAt: Number(row.lastEventAt),
    ladder: {
      status: row.status,
      since: Number(row.statusSince),
      reasonHash: row.statusReasonHash,
      operator: row.statusOperator === null ? null : getAddress(row.statusOperator),
      frozenUntil: Number(row.frozenUntil),
      steps: row.ladderSteps,
      recertifications: row.recertifications,
      unansweredSignalAt: row.unansweredSignalAt === null ? null : Number(row.unansweredSignalAt),
      history: expected.statusChanges
        .filter((change) => change.agent === address)
        .map((change) => ({
          status: change.status,
          cap: usd(change.cap),
          frozenUntil: Number(change.frozenUntil),
          reasonHash: change.reasonHash,
          operator: getAddress(change.operator),
          timestamp: Number(change.time),
          transactionHash: change.transactionHash,
        })),
    },
    money: expected.agentTokenTotal
      .filter((item) => item.agent === address)
      .map((item) => ({
        token: getAddress(item.token),
        earned: usd(item.earned),
        refundedToBuyers: usd(item.refundedToBuyers),
        awardedByRulings: usd(item.awardedByRulings),
      }))
      .sort((a, b) => a.token.localeCompare(b.token)),
    reviews: review.reviews,
    exceptions: review.exceptions,
    recovery: review.recovery,
    evidence: review.evidence,
  };
}

type Amount = { amount: string | null };

/** The parts of the trust route's answer that expectedTrust recomputes. */
type TrustBody = {
  status: string;
  statusSince: number;
  stake: Record<"staked" | "bonded" | "locked" | "queued" | "free", Amount> & { readyAt: number };
  coverage: number | null;
  cap: Amount | null;
  pacts: Record<string, number>;
  disputes: Record<string, number>;
  slashes: { count: number; total: Amount };
  rates: Record<string, number | null>;
  meanSeconds: Record<string, number | null>;
  distinctBuyers: number;
  distinctArbiters: number;
  flags: string[];
  firstSeenAt: number;
  lastEventAt: number;
  ladder: {
    status: string;
    since: number;
    reasonHash: Hex | null;
    operator: Hex | null;
    frozenUntil: number;
    steps: number;
    recertifications: number;
    unansweredSignalAt: number | null;
    history: {
      status: string;
      cap: Amount;
      frozenUntil: number;
      reasonHash: Hex;
      operator: Hex;
      timestamp: number;
      transactionHash: Hex;
    }[];
  };
  money: { token: Hex; earned: Amount; refundedToBuyers: Amount; awardedByRulings: Amount }[];
  /** Compared whole: the recomputation writes them as the API does. */
  reviews: unknown;
  exceptions: unknown;
  recovery: unknown;
  evidence: unknown;
};

/** The trust route's answer reduced to what expectedTrust recomputes: amounts as their decimal strings. */
function trustView(body: TrustBody) {
  const { stake, cap, slashes, ladder, money } = body;
  return {
    status: body.status,
    statusSince: body.statusSince,
    stake: {
      staked: stake.staked.amount,
      bonded: stake.bonded.amount,
      locked: stake.locked.amount,
      queued: stake.queued.amount,
      readyAt: stake.readyAt,
      free: stake.free.amount,
    },
    coverage: body.coverage,
    cap: cap === null ? null : cap.amount,
    pacts: body.pacts,
    disputes: body.disputes,
    slashes: { count: slashes.count, total: slashes.total.amount },
    rates: body.rates,
    meanSeconds: body.meanSeconds,
    distinctBuyers: body.distinctBuyers,
    distinctArbiters: body.distinctArbiters,
    flags: body.flags,
    firstSeenAt: body.firstSeenAt,
    lastEventAt: body.lastEventAt,
    ladder: {
      status: ladder.status,
      since: ladder.since,
      reasonHash: ladder.reasonHash,
      operator: ladder.operator,
      frozenUntil: ladder.frozenUntil,
      steps: ladder.steps,
      recertifications: ladder.recertifications,
      unansweredSignalAt: ladder.unansweredSignalAt,
      history: ladder.history.map((step) => ({
        status: step.status,
        cap: step.cap.amount,
        frozenUntil: step.frozenUntil,
        reasonHash: step.reasonHash,
        operator: step.operator,
        timestamp: step.timestamp,
        transactionHash: step.transactionHash,
      })),
    },
    money: money
      .map((item) => ({
        token: item.token,
        earned: item.earned.amount,
        refundedToBuyers: item.refundedToBuyers.amount,
        awardedByRulings: item.awardedByRulings.amount,
      }))
      .sort((a, b) => a.token.localeCompare(b.token)),
    reviews: body.reviews,
    exceptions: body.exceptions,
    recovery: body.recovery,
    evidence: body.evidence,
  };
}

type Launched = { indexer: IndexerProcess; close: () => Promise<void> };
type Opener = () => Promise<{ database: { url: string } | { directory: string }; close: () => Promise<void> }>;

/**
 * The scenario's court adapter, and a GraphQL row budget that lets one request dump every table at once (the
 * comparisons read whole tables; a public indexer keeps the default, which public-api.test.ts checks).
 */
const ALL_TABLES_ENV = () => ({
  SURETY_COURT_ADAPTERS: scenario.court.adapter,
  SURETY_API_MAX_GRAPHQL_ROWS: "1000000",
});

/** Starts an indexer on the database `open` provides and waits until it has indexed the scenario. */
async function launch(open: Opener): Promise<Launched> {
  const opened = await open();
  const started = performance.now();
  const indexer = await startIndexer({
    rpcUrl: node!.url,
    database: opened.database,
    env: ALL_TABLES_ENV(),
  });
  const close = async () => {
    await indexer.stop();
    await opened.close();
  };
  try {
    await indexer.caughtUp();
    console.info(`indexer: caught up with the scenario in ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    await close();
    throw error;
  }
  return { indexer, close };
}

const postgresMissing = findPostgresBin() === null;
if (postgresMissing) {
  console.warn("SKIPPED: the PostgreSQL equivalence suite (no initdb, pg_ctl and createdb on this machine)");
}

const openPglite: Opener = async () => {
  const directory = await mkdtemp(path.join(tmpdir(), "surety-pglite-"));
  return { database: { directory }, close: () => rm(directory, { recursive: true, force: true }) };
};
const openPostgres: Opener = async () => {
  const postgres: Postgres = await startPostgres();
  return { database: { url: postgres.url }, close: () => postgres.stop() };
};

/**
 * Both databases' indexers start together, once the scenario ran, and each suite waits for its own; so does the
 * replay's indexer (startReplay), whose start-up thus overlaps the suites before the last.
 */
const launches: Partial<Record<"pglite" | "postgres", Promise<Launched>>> = {};
let replayLaunch: Promise<Replay> | undefined;
beforeAll(() => {
  launches.pglite = launch(openPglite);
  if (!postgresMissing) launches.postgres = launch(openPostgres);
  replayLaunch = startReplay();
  // Each suite awaits its launch; a failure must not go unhandled before then.
  for (const launched of [...Object.values(launches), replayLaunch]) launched.catch(() => undefined);
});

// The indexers run to the end of the file: its later suites move the chain's clock under the first two. (After-all
// hooks run in reverse order: these stop before the nodes do.)
afterAll(async () => {
  for (const launched of [...Object.values(launches), replayLaunch])
    await (await launched?.catch(() => undefined))?.close();
});

/** The comparison suite against the indexer of `database`. */
function equivalence(database: "pglite" | "postgres") {
  let indexer: IndexerProcess | undefined;

  beforeAll(async () => {
    ({ indexer } = await launches[database]!);
  });

  it("test_CoversEveryPathOfTheScenario", () => {
    const { pacts } = scenario;
    const statusOf = (pactId: bigint) => expected.pact.find((pact) => pact.pactId === pactId)?.status;
    expect({
      cancelled: statusOf(pacts.cancelled),
      reclaimed: statusOf(pacts.reclaimed),
      released: statusOf(pacts.released),
      releasedActive: statusOf(pacts.releasedActive),
      finalized: statusOf(pacts.finalized),
      refunded: statusOf(pacts.refunded),
      resolvedSplit: statusOf(pacts.resolvedSplit),
      resolvedForAgent: statusOf(pacts.resolvedForAgent),
      resolvedLost: statusOf(pacts.resolvedLost),
      abstained: statusOf(pacts.abstained),
      defaultRuled: statusOf(pacts.defaultRuled),
      releasedInDispute: statusOf(pacts.releasedInDispute),
      settledActive: statusOf(pacts.settledActive),
      settledInDispute: statusOf(pacts.settledInDispute),
      refundedByAgent: statusOf(pacts.refundedByAgent),
      extended: statusOf(pacts.extended),
      fromOffer: statusOf(pacts.fromOffer),
      unlistedReleased: statusOf(pacts.unlistedReleased),
      unlistedSlashed: statusOf(pacts.unlistedSlashed),
      creditedPayout: statusOf(pacts.creditedPayout),
      finalizedUnderCap: statusOf(pacts.finalizedUnderCap),
      releasedWithoutCollateral: statusOf(pacts.releasedWithoutCollateral),
      afterRecertification: statusOf(pacts.afterRecertification),
      openDelivered: statusOf(pacts.openDelivered),
      openActive: statusOf(pacts.openActive),
      openDisputed: statusOf(pacts.openDisputed),
      courtRuled: statusOf(pacts.courtRuled),
      courtUnfunded: statusOf(pacts.courtUnfunded),
      courtHeld: statusOf(pacts.courtHeld),
      spam: pacts.spam.map(statusOf),
    }).toEqual({
      cancelled: "cancelled",
      reclaimed: "reclaimed",
      released: "released",
      releasedActive: "released",
      finalized: "finalized",
      refunded: "refunded",
      resolvedSplit: "resolved",
      resolvedForAgent: "resolved",
      resolvedLost: "resolved",
      abstained: "abstained",
      defaultRuled: "default-ruled",
      releasedInDispute: "released",
      settledActive: "settled",
      settledInDispute: "settled",
      refundedByAgent: "refunded",
      extended: "released",
      fromOffer: "released",
      unlistedReleased: "released",
      unlistedSlashed: "resolved",
      creditedPayout: "released",
      finalizedUnderCap: "finalized",
      releasedWithoutCollateral: "released",
      afterRecertification: "released",
      openDelivered: "delivered",
      openActive: "active",
      openDisputed: "disputed",
      courtRuled: "resolved",
      courtUnfunded: "resolved",
      courtHeld: "resolved",
      spam: ["open", "open", "open"],
    });
    // The buyer who left the court's fee unpaid: the delivery stood, the agent won; the court's hold let its ruling,
    // given past the pact's ruling period, be the one applied.
    const pactOf = (pactId: bigint) => expected.pact.find((pact) => pact.pactId === pactId)!;
    const unfunded = pactOf(pacts.courtUnfunded);
    expect([unfunded.courtUnfunded, unfunded.buyerBps, unfunded.heldUntil]).toEqual([true, 0, null]);
    const held = pactOf(pacts.courtHeld);
    expect(held.heldUntil).not.toBeNull();
    expect(held.settledAt! > held.disputedAt! + held.rulingPeriod).toBe(true);
    expect(expected.courtDispute.find((dispute) => dispute.pactId === pacts.courtHeld)?.rulingApplied).toBe(true);
    expect(expected.metaEvidenceDocument).toHaveLength(1);
    // Proposals left standing at the end, for the pending route.
    const openActive = expected.pact.find((pact) => pact.pactId === pacts.openActive)!;
    expect([openActive.buyerProposedBps, openActive.agentProposedDeliverBy !== null]).toEqual([5_000, true]);
    // Every kind of event but a court's ruling that came late, which the court's hold leaves the scenario none of (the
    // last suite adds one); over three ISO weeks, with a signal answered and signals never answered.
    const kinds = new Set(expected.history.map((entry) => entry.kind));
    expect(schema.eventKind.enumValues.filter((kind) => !kinds.has(kind))).toEqual(["RulingLate"]);
    expect(new Set(expected.weeklyReview.map((week) => week.weekStart))).toEqual(new Set(scenario.weekStarts));
    expect(expected.weeklyReview.some((week) => week.signalAt !== null && week.timeToNarrow !== null)).toBe(true);
    expect(expected.weeklyReview.some((week) => week.signalAt !== null && week.timeToNarrow === null)).toBe(true);
  });

  for (const name of Object.keys(TABLES) as TableName[]) {
    it(`test_HoldsEvery${name[0]!.toUpperCase()}${name.slice(1)}RowExactlyAsRecomputedFromTheChain`, async () => {
      const { key } = TABLES[name];
      expect(normalise(await rowsOf(indexer!, name), key)).toEqual(normalise(expected[name], key));
    });
  }

  it("test_HoldsOneHistoryRowPerSuretyAndCourtAdapterEventOfItsKind", async () => {
    await expectHistory(indexer!);
  });

  it("test_AnswersTheTrustRouteOfEveryAgentWithTheRecomputedCountsRatesAndAmounts", async () => {
    for (const address of Object.values(scenario.agents)) {
      const response = await fetch(`${indexer!.url}/agents/${address}/trust`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as TrustBody;
      expect({ agent: address, ...trustView(body) }).toEqual({
        agent: address,
        ...expectedTrust(address.toLowerCase() as Hex),
      });
    }
  });

  it("test_AnswersEachWeekOfTheScenarioWithTheRecomputedSignalsAndItsAgentsUndecidedFirst", async () => {
    const view = headView();
    const asked = [
      ...scenario.weekStarts.map((weekStart) => ({ label: isoWeekLabel(weekStart), weekStart })),
      { label: "current", weekStart: isoWeekStart(view.clock) },
    ];
    for (const { label, weekStart } of asked) {
      const response = await fetch(`${indexer!.url}/review/${label}`);
      expect({ label, status: response.status }).toEqual({ label, status: 200 });
      expect({ label, body: await response.json() }).toEqual({ label, body: expectedReviewWeek(view, weekStart) });
    }
  });

  it("test_AnswersTheTrendOfTheLatestWeeksWithTheRecomputedDeploymentSignals", async () => {
    const view = headView();
    // Eight by default; five reach back past the deployment's first week, to weeks with nothing in them.
    for (const [query, weeks] of [
      ["", 8],
      ["?weeks=5", 5],
      ["?weeks=1", 1],
    ] as const) {
      const response = await fetch(`${indexer!.url}/review${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 200 });
      expect({ query, body: await response.json() }).toEqual({ query, body: expectedReviewTrend(view, weeks) });
    }
  });

  it("test_ServesOnEveryPactExactlyTheProposalsTheContractStandsByAtTheHead_InItsRowsAndItsApi", async () => {
    const { read } = chainClients();
    const rows = await standingInRows(indexer!, expected.head.timestamp);
    for (const [pactId, terms] of expected.terms) {
      const chain = await standingOnChain(read, pactId, terms, expected.head.number);
      expect({ pactId, rows: rows.get(pactId), served: await standingServed(indexer!, pactId) }).toEqual({
        pactId,
        rows: chain,
        served: chain,
      });
    }
  });

  it("test_ListsTheProposalsWaitingOnEachPartysAnswerAsPendingActions", async () => {
    const answers = new Set(["accept-settlement", "agree-extension"]);
    const found: [string, string][] = [];
    for (const address of [...Object.values(scenario.agents), ...scenario.buyers]) {
      const response = await fetch(`${indexer!.url}/parties/${address}/pending`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { actions: { action: string; pact: { pactId: string } }[] };
      const actual = body.actions
        .filter((item) => answers.has(item.action))
        .map((item): [string, string] => [item.action, item.pact.pactId])
        .sort();
      expect({ party: address, answers: actual }).toEqual({
        party: address,
        answers: expectedAnswers(address.toLowerCase() as Hex).sort(),
      });
      found.push(...actual);
    }
    expect(found.map(([action]) => action).sort()).toEqual(["accept-settlement", "agree-extension"]);
  });
}

/** The chain's clients: reads at a block, the clock, and the wallets of the scenario's accounts. */
function chainClients() {
  const chain = { ...hardhat, rpcUrls: { default: { http: [node!.url] } } } as const;
  const transport = http(node!.url);
  const accounts = new Map<string, ReturnType<typeof localAccount>>();
  for (let index = 0; index < 20; index += 1) {
    const account = localAccount(index);
    accounts.set(account.address.toLowerCase(), account);
  }
  return {
    read: createPublicClient({ chain, transport, cacheTime: 0 }),
    test: createTestClient({ mode: "hardhat", chain, transport }),
    wallet: (address: string) =>
      createWalletClient({ account: accounts.get(address.toLowerCase())!, chain, transport, pollingInterval: 50 }),
  };
}

/** What the contract says each party of pact `pactId` stands proposing at block `blockNumber`. */
async function standingOnChain(
  read: ReturnType<typeof chainClients>["read"],
  pactId: bigint,
  terms: ExpectedState["terms"] extends ReadonlyMap<bigint, infer T> ? T : never,
  blockNumber: bigint,
): Promise<Standing> {
  const standing = await read.readContract({
    address: scenario.deployment.surety,
    abi: suretyAbi,
    functionName: "proposalsOf",
    args: [pactId, terms],
    blockNumber,
  });
  return {
    buyerSplitAt: BigInt(standing.buyerSplitAt),
    buyerSplitBps: BigInt(standing.buyerSplitBps),
    agentSplitAt: BigInt(standing.agentSplitAt),
    agentSplitBps: BigInt(standing.agentSplitBps),
    buyerDeliverBy: BigInt(standing.buyerDeliverBy),
    agentDeliverBy: BigInt(standing.agentDeliverBy),
  };
}

/** The parties' pending answers to what the other party stands proposing at the head, recomputed. */
function expectedAnswers(address: Hex): [string, string][] {
  const answers: [string, string][] = [];
  for (const pact of [...expected.pact].sort((a, b) => Number(a.pactId - b.pactId))) {
    const isBuyer = pact.buyer === address;
    if (!isBuyer && pact.agent !== address) continue;
    const standing = standingAt(pact, expected.head.timestamp);
    const split = isBuyer ? standing.agentSplitAt : standing.buyerSplitAt;
    const deadline = isBuyer ? standing.agentDeliverBy : standing.buyerDeliverBy;
    if (split !== 0n) answers.push(["accept-settlement", pact.pactId.toString()]);
    if (deadline !== 0n) answers.push(["agree-extension", pact.pactId.toString()]);
  }
  return answers;
}

/** The scenario itself: the weekly review has data in every signal, so the comparisons below compare something. */
describe("runScenario", () => {
  it("test_GivesEveryWeeklySignalAndBothSidesOfTheConcentrationFlagData", () => {
    const view = headView();
    const { agents } = scenario;
    const [first, second, third] = scenario.weekStarts.map((weekStart) => expectedReviewWeek(view, weekStart));
    // Two weeks of reviews, each a Monday batch of several agents in one transaction (the second week adds a
    // recertification two days later), with an active agent left out; a keep, a narrow after a lost dispute, a
    // pause, recertifications, and one decision other than a keep that changed nothing.
    expect(first!.deployment.reviews.recorded).toBe(0);
    for (const week of [second!, third!]) {
      expect(new Set(week.agents.flatMap((row) => row.reviews.map((review) => review.transactionHash))).size).toBe(
        week === second ? 1 : 2,
      );
      expect(week.deployment.reviews.agentsReviewed).toBeGreaterThan(1);
      expect(week.deployment.reviews.coverage).toBeGreaterThan(0);
      expect(week.deployment.reviews.coverage).toBeLessThan(1);
    }
    expect(second!.deployment.reviews.byDecision).toMatchObject({ keep: 2, narrow: 1 });
    expect(third!.deployment.reviews.byDecision).toMatchObject({ narrow: 1, pause: 1, recertify: 2 });
    const unchanged = third!.agents.flatMap((row) => row.reviews).filter((review) => review.decision !== "keep");
    expect(unchanged.filter((review) => !review.changed).map((review) => review.decision)).toEqual(["recertify"]);
    const narrowed = second!.agents.find((row) => row.agent === agents.narrowed)!;
    expect([narrowed.reviews[0]?.decision, narrowed.timeToNarrowSeconds]).toEqual(["narrow", null]);
    expect(first!.agents.find((row) => row.agent === agents.narrowed)?.timeToNarrowSeconds).toBeGreaterThan(0);
    // Rescue work of every kind, a pact's notes counted once; signals unanswered, and undecided agents.
    const rescue = [first!, second!, third!].map((week) => week.deployment.rescue);
    const totals = (path: "extensions" | "settlementsByAgreement" | "refundsByAgent" | "loggedExceptions") =>
      rescue.reduce((sum, week) => sum + week[path], 0);
    // The buyer's rescue note and the note on an agent; not the second note on a pact, nor one in an unlisted token.
    expect({
      extensions: totals("extensions"),
      settlementsByAgreement: totals("settlementsByAgreement"),
      refundsByAgent: totals("refundsByAgent"),
      loggedExceptions: totals("loggedExceptions"),
    }).toEqual({ extensions: 1, settlementsByAgreement: 2, refundsByAgent: 1, loggedExceptions: 2 });
    expect(third!.deployment.narrowing.unanswered).toBeGreaterThan(0);
    expect(second!.agents[0]).toMatchObject({ agent: agents.unanswered, undecided: true });
    // A recovery, a recertification of an agent never contained, a relapse.
    expect(third!.deployment.recovery).toMatchObject({ containments: 0, recertifications: 1, relapses: 1 });
    expect(second!.deployment.recovery.containments).toBe(2);
    const recertified = expectedTrustReview(view, agents.recertified.toLowerCase() as Hex).recovery;
    expect(recertified).toMatchObject({ recoveries: 1, sinceRecertification: { pacts: 1, clean: true } });
    expect(recertified.lastRecovery?.seconds).toBeGreaterThan(0);
    const spammed = expectedTrustReview(view, agents.spammed.toLowerCase() as Hex);
    expect(spammed.recovery).toMatchObject({ recoveries: 0, sinceRecertification: { pacts: 5, clean: false } });
    // Notes from a buyer and the operator, on pacts and on an agent.
    const notes = expectedTrustReview(view, agents.unanswered.toLowerCase() as Hex).exceptions;
    expect(notes.history.map((note) => [note.authorRole, note.pactId === null])).toEqual([
      ["operator", true],
      ["operator", false],
    ]);
    const extended = expectedTrustReview(view, agents.narrowed.toLowerCase() as Hex).exceptions.history;
    expect(extended.map((note) => [note.authorRole, note.kind])).toEqual([
      ["operator", "exception"],
      ["buyer", "rescue"],
    ]);
    // Concentrated, spread, and exactly half (not concentrated: the threshold is strict).
    const share = (agent: Hex) => expectedTrustReview(view, agent.toLowerCase() as Hex).evidence;
    expect(share(agents.spammed)).toMatchObject({ concentrated: true });
    expect(share(agents.recertified).topBuyerShare).toBeLessThan(0.5);
    expect(share(agents.narrowed)).toMatchObject({ topBuyerShare: 0.5, concentrated: false });
  });
});

describe("the indexer", () => {
  describe("given the scenario, on PGlite", () => {
    equivalence("pglite");
  });

  describe.skipIf(postgresMissing)("given the scenario, on PostgreSQL", () => {
    equivalence("postgres");
  });
});

// GraphQL's names, relations and the README's examples, on the PGlite indexer before the chain moves on.
graphqlSuite(async () => ({ indexer: (await launches.pglite!).indexer, scenario, expected }));

/**
 * The lapse rule as time passes: the chain's clock moves under both indexers to each underway pact's status deadline
 * and the second after it, with splits proposed before it (lapsing), after it (fresh consent, standing) and
 * withdrawn; at every step each indexer's rows and API must say what `proposalsOf` says. The scenario's
 * comparisons ran before: from here the chain moves on.
 */
describe("the indexers", () => {
  describe("when the chain moves on", () => {
    it("test_WhenDeadlinesPassAndProposalsAreMadeOrWithdrawn_ServeTheContractsProposalsAtEachStep", async () => {
      const indexers = await Promise.all(Object.values(launches).map(async (launched) => (await launched).indexer));
      const { read, test, wallet } = chainClients();
      const underway = () => expected.pact.filter((pact) => isUnderwayPactStatus(pact.status));
      const propose = async (party: Address, pactId: bigint, buyerBps: number) => {
        const hash = await wallet(party).writeContract({
          address: scenario.deployment.surety,
          abi: suretyAbi,
          functionName: "proposeSettlement",
          args: [pactId, expected.terms.get(pactId)!, buyerBps],
        });
        expect((await read.waitForTransactionReceipt({ hash })).status).toBe("success");
      };
      const withdraw = async (party: Address, pactId: bigint) => {
        const hash = await wallet(party).writeContract({
          address: scenario.deployment.surety,
          abi: suretyAbi,
          functionName: "withdrawProposals",
          args: [pactId, expected.terms.get(pactId)!],
        });
        expect((await read.waitForTransactionReceipt({ hash })).status).toBe("success");
      };
      const mineAt = async (timestamp: bigint) => {
        await test.setNextBlockTimestamp({ timestamp });
        await test.mine({ blocks: 1 });
      };
      let checks = 0;
      let lapsed = 0;
      /** Every pact, on every indexer, at the chain's head: rows and API against `proposalsOf`. */
      const check = async (step: string) => {
        const head = await read.getBlock({ blockTag: "latest" });
        for (const indexer of indexers) await indexer.caughtUp();
        for (const indexer of indexers) {
          const rows = await standingInRows(indexer, head.timestamp);
          for (const [pactId, terms] of expected.terms) {
            const chain = await standingOnChain(read, pactId, terms, head.number);
            expect({ step, pactId, rows: rows.get(pactId), served: await standingServed(indexer, pactId) }).toEqual({
              step,
              pactId,
              rows: chain,
              served: chain,
            });
          }
        }
        checks += 1;
      };

      // Both parties of every underway pact propose now, before its status's deadline.
      const pacts = underway();
      expect(pacts.length).toBeGreaterThan(0);
      for (const pact of pacts) {
        await propose(pact.buyer, pact.pactId, 3_000);
        await propose(pact.agent, pact.pactId, 7_000);
      }
      await check("both parties proposed on every underway pact");
      // The first underway pact's buyer withdraws.
      await withdraw(pacts[0]!.buyer, pacts[0]!.pactId);
      await check(`the buyer of pact ${pacts[0]!.pactId} withdrew`);

      expected = await computeExpected({
        rpcUrl: node!.url,
        deployment: scenario.deployment,
        courtAdapters: [scenario.court.adapter],
      });
      // The deadlines still ahead (a pact past its own, overdue or finalizable, keeps the proposals just made: they
      // were made after the deadline, so they stand until its status changes).
      const now = (await read.getBlock({ blockTag: "latest" })).timestamp;
      const ahead = underway().filter((pact) => deadlineOf(pact) > now);
      const deadlines = [...new Set(ahead.map(deadlineOf))].sort((a, b) => (a < b ? -1 : 1));
      expect(deadlines.length).toBeGreaterThan(0);
      for (const deadline of deadlines) {
        await mineAt(deadline);
        await check(`at ${deadline}, the deadline's last second`);
        await mineAt(deadline + 1n);
        await check(`at ${deadline + 1n}, the second after the deadline`);
        for (const pact of ahead.filter((item) => deadlineOf(item) === deadline)) {
          // Proposed by the deadline, both splits have lapsed; the agent's fresh consent stands after it.
          const head = await read.getBlockNumber();
          const chain = await standingOnChain(read, pact.pactId, expected.terms.get(pact.pactId)!, head);
          if (chain.buyerSplitAt === 0n && chain.agentSplitAt === 0n) lapsed += 1;
          await propose(pact.agent, pact.pactId, 6_000);
        }
        await check(`after fresh proposals past ${deadline}`);
      }
      expect(lapsed).toBe(ahead.length);
      expect(checks).toBe(2 + 3 * deadlines.length);
    });

    it("test_WhenACourtRulesLate_RecordItAndHoldEveryRowAndEventAsRecomputed", async () => {
      const indexers = await Promise.all(Object.values(launches).map(async (launched) => (await launched).indexer));
      const { read, test, wallet } = chainClients();
      const deployment = scenario.deployment;
      const as = (address: Address) => wallet(address).extend(suretyActions(deployment));
      const [buyer, agent] = [scenario.buyers[0], scenario.agents.spammed];
      // A pact before the court adapter, disputed and sent to the court by its buyer, then released by the buyer
      // while the court still deliberates: the court's ruling arrives once the pact has left Disputed.
      const { pactId, terms } = await as(buyer).createPact({
        agent,
        arbiter: scenario.court.adapter,
        token: scenario.tokens.stake,
        price: "10",
        arbiterFee: "0",
        collateral: "0",
        penalty: "0",
        acceptBy: "1d",
        deliverBy: "5d",
        reviewPeriod: "2d",
        rulingPeriod: "3d",
        defaultBuyerBps: 5_000,
        terms: { document: "released before the court ruled" },
      });
      const pact = { pactId, terms };
      await as(agent).acceptPact(pact);
      await as(agent).deliverPact({ ...pact, delivery: "the work" });
      await as(buyer).disputePact({ ...pact, reason: "not what was asked" });
      const { disputeID } = await as(buyer).requestArbitration({ ...pact, reason: "ipfs://reason/late.json" });
      await as(buyer).releasePact(pact);
      const court = (functionName: "giveRuling" | "executeRuling", args: readonly bigint[]) =>
        wallet(scenario.operator).writeContract({
          address: scenario.court.court,
          abi: COURT_ABI,
          functionName,
          args: args as never,
        });
      await read.waitForTransactionReceipt({ hash: await court("giveRuling", [disputeID, 1n]) });
      const head = await read.getBlock({ blockTag: "latest" });
      // Past the court's one-day appeal period.
      await test.setNextBlockTimestamp({ timestamp: head.timestamp + 86_400n + 3_600n });
      await test.mine({ blocks: 1 });
      await read.waitForTransactionReceipt({ hash: await court("executeRuling", [disputeID]) });

      expected = await computeExpected({ rpcUrl: node!.url, deployment, courtAdapters: [scenario.court.adapter] });
      const late = expected.courtDispute.find((dispute) => dispute.pactId === pactId);
      expect([late?.ruling, late?.rulingApplied]).toEqual([1n, false]);
      expect(new Set(expected.history.map((entry) => entry.kind)).size).toBe(schema.eventKind.enumValues.length);
      for (const indexer of indexers) {
        await indexer.caughtUp();
        for (const name of Object.keys(TABLES) as TableName[]) {
          const { key } = TABLES[name];
          expect({ name, rows: normalise(await rowsOf(indexer, name), key) }).toEqual({
            name,
            rows: normalise(expected[name], key),
          });
        }
        await expectHistory(indexer);
      }
    });
  });
});

/** A mined transaction as the signed bytes its sender sent, checked against its hash. */
function signedBytesOf(transaction: Transaction): Hex {
  const common = {
    chainId: transaction.chainId!,
    nonce: transaction.nonce,
    to: transaction.to ?? undefined,
    value: transaction.value,
    data: transaction.input,
    gas: transaction.gas,
  };
  const { r, s, yParity } = transaction;
  const signed =
    transaction.type === "eip1559"
      ? serializeTransaction(
          {
            ...common,
            type: "eip1559",
            maxFeePerGas: transaction.maxFeePerGas,
            maxPriorityFeePerGas: transaction.maxPriorityFeePerGas,
            accessList: transaction.accessList,
          },
          { r, s, yParity: yParity! },
        )
      : transaction.type === "legacy"
        ? serializeTransaction(
            { ...common, type: "legacy", gasPrice: transaction.gasPrice },
            { r, s, v: transaction.v },
          )
        : undefined;
  if (signed === undefined)
    throw new Error(`transaction ${transaction.hash} is of type ${transaction.type}: not replayable`);
  if (keccak256(signed) !== transaction.hash) throw new Error(`transaction ${transaction.hash} did not serialise back`);
  return signed;
}

/** The replay node, brought to the block before the scenario's first event, and an indexer following it live. */
type Replay = { indexer: IndexerProcess; replayTo: (number: bigint) => Promise<void>; close: () => Promise<void> };

/**
 * Mines the scenario chain's blocks on the replay node, one at a time, from the same signed transactions at the same
 * times (automine and interval mining off), checking that each comes out with the same state and receipts; and starts
 * an indexer on it once it is at the block before the scenario's first event.
 */
async function startReplay(): Promise<Replay> {
  const chainOf = (url: string) => ({ ...hardhat, rpcUrls: { default: { http: [url] } } }) as const;
  const source = createPublicClient({ chain: chainOf(node!.url), transport: http(node!.url) });
  const target = createTestClient({
    mode: "hardhat",
    chain: chainOf(replayNode!.url),
    transport: http(replayNode!.url),
    cacheTime: 0,
  }).extend(publicActions);
  await target.setAutomine(false);
  await target.request({ method: "evm_setIntervalMining", params: [0] } as never);
  if ((await target.getBlockNumber()) !== 0n) throw new Error("the replay node mined blocks of its own");

  const replay = async (number: bigint) => {
    const block = await source.getBlock({ blockNumber: number, includeTransactions: true });
    for (const transaction of block.transactions) {
      await target.sendRawTransaction({ serializedTransaction: signedBytesOf(transaction) });
    }
    await target.setNextBlockTimestamp({ timestamp: block.timestamp });
    await target.mine({ blocks: 1 });
    const mined = await target.getBlock({ blockNumber: number });
    if (mined.stateRoot !== block.stateRoot || mined.receiptsRoot !== block.receiptsRoot) {
      throw new Error(`block ${number} replayed to another state or other receipts than the scenario's`);
    }
  };
  let replayed = 0n;
  const replayTo = async (number: bigint) => {
    while (replayed < number) await replay((replayed += 1n));
  };

  await replayTo(scenarioBlocks[0]!.number - 1n);
  const directory = await mkdtemp(path.join(tmpdir(), "surety-pglite-"));
  const indexer = await startIndexer({
    rpcUrl: replayNode!.url,
    database: { directory },
    env: ALL_TABLES_ENV(),
  });
  const close = async () => {
    await indexer.stop();
    await rm(directory, { recursive: true, force: true });
  };
  try {
    await indexer.caughtUp();
  } catch (error) {
    await close();
    throw error;
  }
  return { indexer, replayTo, close };
}

/**
 * The scenario's chain replayed one block at a time on a second node (the same signed transactions, mined at the same
 * times into blocks of the same numbers, so the same state), with an indexer on PGlite following it live. After each
 * block that holds an event, once the indexer has indexed that block, every state table must equal the recomputation
 * as of that block, and GET /review/current the week's signals recomputed at that block's clock. A handler that
 * leaves a column stale on one event and has it set right by a later one agrees at the head; here it fails at the
 * block of the first event. The history is append-only: the comparisons at the head cover it. One database
 * suffices: the handlers are the same on both.
 */
describe("the indexer, following the scenario block by block", () => {
  it("test_AfterEveryBlockOfTheScenario_HoldsEveryRowExactlyAsRecomputedAtThatBlock", async () => {
    const started = performance.now();
    const { indexer, replayTo } = await replayLaunch!;
    const indexed = async () => {
      const status = (await (await fetch(`${indexer.url}/status`)).json()) as Record<
        string,
        { block: { number: number } | null }
      >;
      return BigInt(Object.values(status)[0]?.block?.number ?? -1);
    };
    const spent = { replay: 0, wait: 0, compare: 0, review: 0 };
    const { chainId, stakeToken } = scenario.deployment;
    for (const block of scenarioBlocks) {
      const { number, tables } = block;
      let mark = performance.now();
      await replayTo(number);
      spent.replay += performance.now() - mark;
      mark = performance.now();
      const deadline = Date.now() + 30_000;
      while ((await indexed()) < number) {
        if (Date.now() > deadline) throw new Error(`the indexer did not reach block ${number}:\n${indexer.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      spent.wait += performance.now() - mark;
      mark = performance.now();
      const rows = await allRowsOf(indexer);
      for (const name of Object.keys(TABLES) as TableName[]) {
        const { key } = TABLES[name];
        const [actual, wanted] = [normalise(rows[name], key), normalise(tables[name], key)];
        // Compared as text first (fast); a difference is shown by the deep comparison, with the block's events.
        if (JSON.stringify(actual) === JSON.stringify(wanted)) continue;
        const events = scenarioHistory.filter((entry) => entry.blockNumber === number).map((entry) => entry.kind);
        expect(actual, `${name} rows after block ${number} (${events.join(", ")})`).toEqual(wanted);
      }
      spent.compare += performance.now() - mark;
      mark = performance.now();
      // The current week's review at this block's clock, which is the week's cutoff: signals waiting, undecided
      // agents and evidence as they stood then, not only as they ended.
      const view = reviewView(scenarioState, { chainId, stakeToken: stakeToken.toLowerCase() as Hex, at: block });
      const served = await (await fetch(`${indexer.url}/review/current`)).json();
      const recomputed = expectedReviewWeek(view, isoWeekStart(block.timestamp));
      if (JSON.stringify(served) !== JSON.stringify(recomputed)) {
        const events = scenarioHistory.filter((entry) => entry.blockNumber === number).map((entry) => entry.kind);
        expect(served, `GET /review/current after block ${number} (${events.join(", ")})`).toEqual(recomputed);
      }
      spent.review += performance.now() - mark;
    }
    // The scenario's events land in well over a hundred blocks; each was a comparison.
    expect(scenarioBlocks.length).toBeGreaterThan(100);
    const [replay, wait, compare, review] = [spent.replay, spent.wait, spent.compare, spent.review].map(Math.round);
    console.info(
      `block by block: ${scenarioBlocks.length} blocks with events compared in ${Math.round(performance.now() - started)} ms ` +
        `(${replay} ms replaying, ${wait} ms waiting for the indexer, ${compare} ms reading and comparing, ` +
        `${review} ms on the week's review)`,
    );
  });
});
