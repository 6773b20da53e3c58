/**
 * The operator's weekly signals (GET /review): what the indexer's tables hold for a run of ISO weeks, read in a fixed
 * number of batched queries whatever the number of weeks (1 to 52) or agents, and each week's deployment-wide
 * signals computed from it. The definitions are the README's (indexer/README.md, "Data": the operator's weekly loop).
 */
import { REVIEW_DECISIONS, type ReviewDecision, type WeekSignalsResponse } from "@surety/sdk";
import { db } from "ponder:api";
import schema from "ponder:schema";
import { and, asc, between, eq, isNotNull, lte, ne, sql } from "ponder";
import type { Hex } from "viem";

import { isoWeekLabel, WEEK_SECONDS } from "../lib/weeks.ts";
import { mean, median, ratio } from "./format.ts";

const { agentReview, containmentEpisode, pact, weeklyReview } = schema;

type ReviewRow = typeof agentReview.$inferSelect;

/** One ISO week as of the clock: its bounds, and the cutoff its figures are read at (its end, or now). */
export type WeekWindow = {
  weekStart: bigint;
  weekEnd: bigint;
  /** min(weekEnd, clock). */
  cutoff: bigint;
  /** Whether the clock has reached the week's end. */
  complete: boolean;
  isoWeek: string;
};

export function windowOf(weekStart: bigint, clock: bigint): WeekWindow {
  const weekEnd = weekStart + WEEK_SECONDS;
  return {
    weekStart,
    weekEnd,
    cutoff: weekEnd < clock ? weekEnd : clock,
    complete: clock >= weekEnd,
    isoWeek: isoWeekLabel(weekStart),
  };
}

/** An agent in a week (`weekStart` as a decimal string, the map key). */
type AgentInWeek = { weekStart: string; agent: Hex };

/** What the tables hold for weeks `from` to `to` (week starts, both included). */
export type WeeksData = Awaited<ReturnType<typeof loadWeeks>>;

/** Rows of a raw statement, as either driver returns them. */
async function rows<T>(statement: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}

/** A decimal string, bigint or number from a raw statement, as a bigint. */
export const big = (value: unknown): bigint => BigInt(String(value));

export async function loadWeeks(chainId: number, from: bigint, to: bigint, clock: bigint) {
  const inRange = between(weeklyReview.weekStart, from, to);
  const series = sql`generate_series(${from.toString()}::numeric, ${to.toString()}::numeric, ${WEEK_SECONDS.toString()}::numeric)`;
  const firstCutoff = windowOf(from, clock).cutoff;
  const [sums, narrowed, recovered, reviews, active, unanswered, concentration] = await Promise.all([
    db
      .select({
        weekStart: weeklyReview.weekStart,
        pactsSettled: sql<number>`sum(${weeklyReview.pactsSettled})::int`,
        extensions: sql<number>`sum(${weeklyReview.extensions})::int`,
        settlementsByAgreement: sql<number>`sum(${weeklyReview.settlementsByAgreement})::int`,
        refundsByAgent: sql<number>`sum(${weeklyReview.refundsByAgent})::int`,
        loggedExceptions: sql<number>`sum(${weeklyReview.loggedExceptions})::int`,
        worsened: sql<number>`(count(*) filter (where ${weeklyReview.signalAt} is not null))::int`,
        containments: sql<number>`sum(${weeklyReview.containments})::int`,
        relapses: sql<number>`sum(${weeklyReview.relapses})::int`,
      })
      .from(weeklyReview)
      .where(and(eq(weeklyReview.chainId, chainId), inRange))
      .groupBy(weeklyReview.weekStart),
    // Each answered signal's time to narrow.
    db
      .select({ weekStart: weeklyReview.weekStart, seconds: weeklyReview.timeToNarrow })
      .from(weeklyReview)
      .where(
        and(
          eq(weeklyReview.chainId, chainId),
          inRange,
          isNotNull(weeklyReview.signalAt),
          isNotNull(weeklyReview.timeToNarrow),
        ),
      ),
    // Each containment a recertification ended, by the week it ended.
    db
      .select({ weekStart: containmentEpisode.endedWeekStart, seconds: containmentEpisode.recoverySeconds })
      .from(containmentEpisode)
      .where(
        and(
          eq(containmentEpisode.chainId, chainId),
          between(containmentEpisode.endedWeekStart, from, to),
          isNotNull(containmentEpisode.recoverySeconds),
        ),
      ),
    // Every review recorded, in the chain's order.
    db
      .select()
      .from(agentReview)
      .where(and(eq(agentReview.chainId, chainId), between(agentReview.weekStart, from, to)))
      .orderBy(asc(agentReview.blockNumber), asc(agentReview.logIndex)),
    // Agents with an accepted pact (listed token) open at some time in each week: accepted before its end, not
    // settled before its start. The pacts open in the run are found first, on the settled-time index.
    rows<AgentInWeek>(sql`
      with open as (
        select ${pact.agent} as agent, ${pact.acceptedAt} as accepted_at, ${pact.settledAt} as settled_at
        from ${pact}
        where ${pact.chainId} = ${chainId} and ${pact.tokenListed} and ${pact.acceptedAt} is not null
          and ${pact.acceptedAt} < ${(to + WEEK_SECONDS).toString()}::numeric
          and (${pact.settledAt} is null or ${pact.settledAt} >= ${from.toString()}::numeric)
      )
      select distinct w.ws::text as "weekStart", open.agent as agent
      from ${series} as w(ws)
      join open on open.accepted_at < w.ws + ${WEEK_SECONDS.toString()}::numeric
        and (open.settled_at is null or open.settled_at >= w.ws)`),
    // Agents with a signal unanswered at each week's cutoff, and their earliest such signal.
    rows<AgentInWeek & { signalAt: string; cutoff: string }>(sql`
      with signals as (
        select ${weeklyReview.agent} as agent, ${weeklyReview.weekStart} as week_start,
          ${weeklyReview.signalAt} as signal_at, ${weeklyReview.timeToNarrow} as time_to_narrow
        from ${weeklyReview}
        where ${weeklyReview.chainId} = ${chainId} and ${weeklyReview.signalAt} is not null
          and ${weeklyReview.weekStart} <= ${to.toString()}::numeric
          and (${weeklyReview.timeToNarrow} is null
            or ${weeklyReview.signalAt} + ${weeklyReview.timeToNarrow} > ${firstCutoff.toString()}::numeric)
      ),
      weeks as (
        select w.ws, least(w.ws + ${WEEK_SECONDS.toString()}::numeric, ${clock.toString()}::numeric) as cutoff
        from ${series} as w(ws)
      )
      select weeks.ws::text as "weekStart", signals.agent as agent, min(signals.signal_at)::text as "signalAt",
        weeks.cutoff::text as cutoff
      from weeks
      join signals on signals.week_start <= weeks.ws and signals.signal_at < weeks.cutoff
        and (signals.time_to_narrow is null or signals.signal_at + signals.time_to_narrow > weeks.cutoff)
      group by weeks.ws, weeks.cutoff, signals.agent`),
    // Changes of the concentrated-counterparties flag, by week, up to the run's last week.
    db
      .select({ weekStart: weeklyReview.weekStart, change: sql<number>`sum(${weeklyReview.concentratedChange})::int` })
      .from(weeklyReview)
      .where(
        and(eq(weeklyReview.chainId, chainId), lte(weeklyReview.weekStart, to), ne(weeklyReview.concentratedChange, 0)),
      )
      .groupBy(weeklyReview.weekStart),
  ]);
  return { sums, narrowed, recovered, reviews, active, unanswered, concentration };
}

/** Groups `items` by their week start (a bigint or decimal string). */
function byWeek<T extends { weekStart: bigint | string | null }>(items: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const key = String(item.weekStart);
    map.set(key, [...(map.get(key) ?? []), item]);
  }
  return map;
}

/** The weeks' data indexed by week, for the signals of each. */
export type IndexedWeeks = ReturnType<typeof indexWeeks>;

export function indexWeeks(data: WeeksData) {
  return {
    sums: new Map(data.sums.map((row) => [row.weekStart.toString(), row])),
    narrowed: byWeek(data.narrowed),
    recovered: byWeek(data.recovered),
    reviews: byWeek(data.reviews),
    active: byWeek(data.active),
    unanswered: byWeek(data.unanswered),
    concentration: data.concentration.map((row) => ({ weekStart: row.weekStart, change: Number(row.change) })),
  };
}

/** A week's rescue work from its counts. */
export function rescueOf(counts: {
  pactsSettled: number;
  extensions: number;
  settlementsByAgreement: number;
  refundsByAgent: number;
  loggedExceptions: number;
}): WeekSignalsResponse["rescue"] {
  const total = counts.extensions + counts.settlementsByAgreement + counts.refundsByAgent + counts.loggedExceptions;
  return {
    pactsSettled: counts.pactsSettled,
    extensions: counts.extensions,
    settlementsByAgreement: counts.settlementsByAgreement,
    refundsByAgent: counts.refundsByAgent,
    loggedExceptions: counts.loggedExceptions,
    total,
    perSettledPact: ratio(total, counts.pactsSettled),
  };
}

/** The reviews of a week summed: recorded, agents reviewed, active ones among them, decisions. */
export function reviewSignals(reviews: ReviewRow[], active: ReadonlySet<string>): WeekSignalsResponse["reviews"] {
  const byDecision = Object.fromEntries(REVIEW_DECISIONS.map((decision) => [decision, 0])) as Record<
    ReviewDecision,
    number
  >;
  const reviewed = new Set<string>();
  let changedScope = 0;
  for (const review of reviews) {
    byDecision[review.decision] += 1;
    reviewed.add(review.agent);
    if (review.changed) changedScope += 1;
  }
  const activeReviewed = [...reviewed].filter((agent) => active.has(agent)).length;
  return {
    recorded: reviews.length,
    agentsReviewed: reviewed.size,
    activeAgents: active.size,
    activeReviewed,
    coverage: ratio(activeReviewed, active.size),
    changedScope,
    decisionRate: ratio(changedScope, reviews.length),
    byDecision,
  };
}

/** The deployment's signals for `week`, from the run's data. */
export function deploymentSignals(weeks: IndexedWeeks, week: WeekWindow): WeekSignalsResponse {
  const key = week.weekStart.toString();
  const sums = weeks.sums.get(key);
  const narrowTimes = (weeks.narrowed.get(key) ?? []).map((row) => Number(row.seconds));
  const recoveryTimes = (weeks.recovered.get(key) ?? []).map((row) => Number(row.seconds));
  const narrowFigures = meanAndMedian(narrowTimes);
  const recoveryFigures = meanAndMedian(recoveryTimes);
  const unanswered = (weeks.unanswered.get(key) ?? []).map((row) => Number(big(row.cutoff) - big(row.signalAt)));
  const active = new Set((weeks.active.get(key) ?? []).map((row) => row.agent));
  const concentrated = weeks.concentration
    .filter((row) => row.weekStart <= week.weekStart)
    .reduce((total, row) => total + row.change, 0);
  return {
    rescue: rescueOf({
      pactsSettled: Number(sums?.pactsSettled ?? 0),
      extensions: Number(sums?.extensions ?? 0),
      settlementsByAgreement: Number(sums?.settlementsByAgreement ?? 0),
      refundsByAgent: Number(sums?.refundsByAgent ?? 0),
      loggedExceptions: Number(sums?.loggedExceptions ?? 0),
    }),
    narrowing: {
      worsened: Number(sums?.worsened ?? 0),
      answered: narrowTimes.length,
      meanTimeToNarrowSeconds: narrowFigures.mean,
      medianTimeToNarrowSeconds: narrowFigures.median,
      unanswered: unanswered.length,
      longestUnansweredSeconds: unanswered.length === 0 ? null : Math.max(...unanswered),
    },
    recovery: {
      containments: Number(sums?.containments ?? 0),
      recertifications: recoveryTimes.length,
      meanRecoverySeconds: recoveryFigures.mean,
      medianRecoverySeconds: recoveryFigures.median,
      relapses: Number(sums?.relapses ?? 0),
    },
    reviews: reviewSignals(weeks.reviews.get(key) ?? [], active),
    evidence: { concentrated },
  };
}

/** The mean and the median of durations in seconds; null when there are none. */
function meanAndMedian(seconds: readonly number[]): { mean: number | null; median: number | null } {
  return {
    mean: mean(
      seconds.reduce((total, value) => total + BigInt(value), 0n),
      seconds.length,
    ),
    median: median(seconds),
  };
}
