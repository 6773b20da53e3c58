/**
 * An agent's pacts settled and on-time rate, each defined once here and produced two ways from that one definition:
 * in TypeScript over the agent's row (what the trust route shows) and in SQL over the agent table (what
 * GET /agents?orderBy= sorts by). Both count the agent's pacts overdue now, which only a query can: the SQL is
 * `overdueSql`, and the TypeScript takes its answer.
 */
import schema from "ponder:schema";
import { and, eq, lt, sql } from "ponder";

import { ratio } from "./format.ts";

const { agent, indexedBlock, pact } = schema;

type AgentRow = typeof agent.$inferSelect;

/** A piece of SQL (drizzle's, as Ponder re-exports it). */
export type SQL<T = unknown> = ReturnType<typeof sql<T>>;

/** The agent's columns that count something. */
type Counter = { [column in keyof AgentRow]: AgentRow[column] extends number ? column : never }[keyof AgentRow];

/** A sum of the agent's counters, plus its pacts overdue now when `overdue`. */
type Sum = { readonly counters: readonly Counter[]; readonly overdue: boolean };

/**
 * Pacts settled: every way an accepted pact ends (released, finalized, refunded by claim or by the agent, settled by
 * agreement, ruled, abstained on, default-ruled).
 */
export const SETTLED: Sum = {
  counters: [
    "pactsReleased",
    "pactsFinalized",
    "pactsRefunded",
    "settledByAgreement",
    "disputesRuled",
    "disputesAbstained",
    "disputesDefaulted",
  ],
  overdue: false,
};

/**
 * The on-time rate: deliveries by the deadline over deliveries plus missed deliveries, a missed delivery being a
 * refund (claimed after the deadline, or made by the agent itself) or an active pact past its deadline now. Null
 * with neither.
 */
export const ON_TIME: { readonly part: Sum; readonly whole: Sum } = {
  part: { counters: ["deliveredOnTime"], overdue: false },
  whole: { counters: ["pactsDelivered", "pactsRefunded"], overdue: true },
};

/**
 * The agent's pacts overdue now, for the agent row of the query it is part of: active, in a listed token, past the
 * delivery deadline at the latest indexed block's time (none before the first block).
 */
export const overdueSql: SQL<number> = sql<number>`(select count(*)::int from ${pact} where ${and(
  eq(pact.chainId, agent.chainId),
  eq(pact.agent, agent.address),
  eq(pact.status, "active"),
  eq(pact.tokenListed, true),
  lt(
    pact.deliverBy,
    sql`(select ${indexedBlock.timestamp} from ${indexedBlock} where ${indexedBlock.chainId} = ${agent.chainId})`,
  ),
)})`;

function sumOf(row: AgentRow, sum: Sum, overdueNow: number): number {
  return sum.counters.reduce((total, counter) => total + row[counter], sum.overdue ? overdueNow : 0);
}

function sumSql(sum: Sum): SQL {
  const terms = [...sum.counters.map((counter) => sql`${agent[counter]}`), ...(sum.overdue ? [overdueSql] : [])];
  return sql`(${sql.join(terms, sql` + `)})`;
}

/** The agent's pacts settled. */
export const settledOf = (row: AgentRow, overdueNow: number): number => sumOf(row, SETTLED, overdueNow);

/** The agent's on-time rate, given its pacts overdue now (`overdueSql`'s answer). */
export const onTimeOf = (row: AgentRow, overdueNow: number): number | null =>
  ratio(sumOf(row, ON_TIME.part, overdueNow), sumOf(row, ON_TIME.whole, overdueNow));

/** The agent's pacts settled, in SQL over the agent table. */
export const settledSql: SQL = sumSql(SETTLED);

/** The agent's on-time rate in SQL over the agent table: null with nothing to divide by, as `onTimeOf`. */
export const onTimeSql: SQL = sql`(${sumSql(ON_TIME.part)}::numeric / nullif(${sumSql(ON_TIME.whole)}, 0))`;
