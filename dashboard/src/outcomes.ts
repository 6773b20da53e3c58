/**
 * What each kind of history row means for an agent's charts: an outcome on the outcomes chart (a pact settled one
 * way or another, or disputed), a move of the agent's stake, both (a settlement that slashed) or neither. The
 * classification is typed by the indexer's kinds, which it derives from the contracts' ABIs
 * (`@surety/indexer/history`): an event added to a contract does not build here until it is classified. Pure: the
 * agent page draws what these functions compute, and the tests feed them a row of every kind.
 */
import type { HistoryKind } from "@surety/indexer/history";

import type { Period, Series } from "./chart.ts";
import { isoWeek } from "./format.ts";

/** A history row as the agent page reads it over GraphQL (amounts and arguments as decimal strings). */
export type HistoryRow = {
  kind: string;
  actor: string;
  pactId: string | null;
  token: string | null;
  amount: string | null;
  args: Record<string, unknown>;
  timestamp: string;
  transactionHash: string;
};

/** The outcomes chart's series, in the order they are drawn; "slashed" counts the settlements that slashed. */
export const OUTCOMES = [
  { key: "released", label: "Released" },
  { key: "refunded", label: "Refunded" },
  { key: "settled", label: "Settled by agreement" },
  { key: "ruled", label: "Ruled" },
  { key: "disputed", label: "Disputed" },
  { key: "slashed", label: "Slashed" },
] as const satisfies readonly Series[];

export type Outcome = Exclude<(typeof OUTCOMES)[number]["key"], "slashed">;

/**
 * A move of the agent's stake (bonded plus queued): a deposit adds the event's amount, a withdrawal takes it out, a
 * request only queues it (no change), a slash takes the event's `slashed` argument (none when it is zero).
 */
export type StakeMove = "deposit" | "request" | "withdraw" | "slash";

export type KindRole = { outcome: Outcome | null; stake: StakeMove | null };

const NEITHER: KindRole = { outcome: null, stake: null };

/**
 * Every kind's role. A pact settles through exactly one Surety event (released, finalized, refunded by claim or by
 * the agent, settled by agreement, ruled, abstained on, default-ruled); a court's events are bookkeeping around the
 * `DisputeResolved` that follows them in the same call, and a cancelled or reclaimed pact was never accepted, so
 * none of those is an outcome. Locks and unlocks of collateral move no stake.
 */
export const KIND_ROLES = {
  PactReleased: { outcome: "released", stake: null },
  PactFinalized: { outcome: "released", stake: null },
  PactRefunded: { outcome: "refunded", stake: "slash" },
  PactRefundedByAgent: { outcome: "refunded", stake: "slash" },
  PactSettled: { outcome: "settled", stake: null },
  DisputeResolved: { outcome: "ruled", stake: "slash" },
  DefaultRulingApplied: { outcome: "ruled", stake: null },
  PactDisputed: { outcome: "disputed", stake: null },
  StakeDeposited: { outcome: null, stake: "deposit" },
  WithdrawalRequested: { outcome: null, stake: "request" },
  StakeWithdrawn: { outcome: null, stake: "withdraw" },
  AgentReviewed: NEITHER,
  AgentStatusChanged: NEITHER,
  ArbiterDeregistered: NEITHER,
  ArbiterRegistered: NEITHER,
  DeadlineExtended: NEITHER,
  DeadlineExtensionProposed: NEITHER,
  EvidenceSubmitted: NEITHER,
  ExceptionLogged: NEITHER,
  OfferFunded: NEITHER,
  OfferRevoked: NEITHER,
  PactAccepted: NEITHER,
  PactCancelled: NEITHER,
  PactCreated: NEITHER,
  PactDelivered: NEITHER,
  PactReclaimed: NEITHER,
  PayoutClaimed: NEITHER,
  PayoutCredited: NEITHER,
  ProposalsWithdrawn: NEITHER,
  RulingHeld: NEITHER,
  SettlementProposed: NEITHER,
  AppealFunded: NEITHER,
  ArbitrationRequested: NEITHER,
  ArbitrationUnfunded: NEITHER,
  Evidence: NEITHER,
  RulingApplied: NEITHER,
  RulingLate: NEITHER,
} as const satisfies Record<HistoryKind, KindRole>;

/** A kind's role; a kind this build does not know (a newer indexer's) has none. */
export function roleOf(kind: string): KindRole {
  return (KIND_ROLES as Readonly<Record<string, KindRole>>)[kind] ?? NEITHER;
}

/** The kinds the outcomes chart and the stake history read: every kind with a role. */
export const RECORD_KINDS = (Object.keys(KIND_ROLES) as HistoryKind[]).filter((kind) => {
  const role: KindRole = KIND_ROLES[kind];
  return role.outcome !== null || role.stake !== null;
});

/** The stake an event slashed: its `slashed` argument, for the kinds that can slash. */
export function slashOf(event: HistoryRow): bigint {
  const slashed = event.args.slashed;
  return roleOf(event.kind).stake === "slash" && typeof slashed === "string" ? BigInt(slashed) : 0n;
}

/** What an event counts as on the outcomes chart. */
export function outcomesOf(event: HistoryRow): (Outcome | "slashed")[] {
  const { outcome } = roleOf(event.kind);
  return [...(outcome === null ? [] : [outcome]), ...(slashOf(event) > 0n ? (["slashed"] as const) : [])];
}

const WEEK = 7 * 86_400;

/** The outcomes chart's data: counts per ISO week, oldest first, the weeks between with none shown empty. */
export function outcomePeriods(events: HistoryRow[]): Period[] {
  const counted = events.filter((event) => outcomesOf(event).length > 0);
  if (counted.length === 0) return [];
  const times = counted.map((event) => Number(event.timestamp));
  const weeks = new Map<string, Period>();
  const last = isoWeek(Math.max(...times));
  for (let t = Math.min(...times); isoWeek(t) <= last; t += WEEK) {
    weeks.set(isoWeek(t), {
      label: isoWeek(t),
      values: Object.fromEntries(OUTCOMES.map((series) => [series.key, 0])),
    });
  }
  for (const event of counted) {
    const values = weeks.get(isoWeek(Number(event.timestamp)))!.values;
    for (const outcome of outcomesOf(event)) values[outcome] = (values[outcome] ?? 0) + 1;
  }
  return [...weeks.values()];
}

/** A row of the stake history: the event, what it did to the stake, and the stake after it. */
export type StakeRow = { event: HistoryRow; move: StakeMove; change: bigint; after: bigint };

/**
 * The stake history's data, newest first (as `events` come), with the stake after each move counted back from the
 * stake now. Events that move nothing (a settlement with no slash) are left out.
 */
export function stakeRows(events: HistoryRow[], stakeNow: bigint): StakeRow[] {
  let after = stakeNow;
  const rows: StakeRow[] = [];
  for (const event of events) {
    const move = roleOf(event.kind).stake;
    if (move === null) continue;
    const amount = BigInt(event.amount ?? 0);
    const change =
      move === "deposit" ? amount : move === "withdraw" ? -amount : move === "slash" ? -slashOf(event) : 0n;
    if (move === "slash" && change === 0n) continue;
    rows.push({ event, move, change, after });
    after -= change;
  }
  return rows;
}
