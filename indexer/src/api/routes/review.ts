/**
 * GET /review/:isoWeek (a week's four signals and the evidence flag, deployment-wide and per agent: undecided agents
 * first) and GET /review?weeks=N (the deployment's signals for the latest N weeks, oldest first). Every figure is read
 * at the week's cutoff, its end or the clock for the current week; the definitions are in indexer/README.md.
 */
import type { AgentWeekResponse, ReviewTrendResponse, ReviewWeekResponse } from "@surety/sdk";
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, lte } from "ponder";
import { z } from "zod";

import { isConcentrated } from "../../lib/evidence.ts";
import { parseIsoWeek, weekStartOf, WEEK_SECONDS } from "../../lib/weeks.ts";
import { asOf, clockOf, type Clock } from "../clock.ts";
import { checksum } from "../format.ts";
import { exceptionEntry, reviewEntry } from "../loop.ts";
import { chainIdParam, NotFound, parse, wholeParam } from "../params.ts";
import { stakeTokenInfo } from "../tokens.ts";
import { sendJson } from "../views.ts";
import { big, deploymentSignals, indexWeeks, loadWeeks, rescueOf, windowOf } from "../weeks.ts";

const { agent, exceptionNote, historyEvent, weeklyReview } = schema;

export const review = new Hono();

/** An ISO week label (2026-W49), or `current` for the clock's week. */
const isoWeekParam = z.string().transform((value, context) => {
  if (value === "current") return "current" as const;
  const parsed = parseIsoWeek(value);
  if (parsed.problem !== undefined) {
    context.addIssue({ code: "custom", message: parsed.problem });
    return z.NEVER;
  }
  return parsed.weekStart;
});

/** The clock of `chainId`, or a 404 while nothing is indexed. */
async function requireClock(chainId: number): Promise<Clock> {
  const clock = await clockOf(chainId);
  if (clock === null) throw new NotFound(`Nothing is indexed on chain ${chainId} yet: no week has begun.`);
  return clock;
}

review.get("/:isoWeek", async (c) => {
  const query = parse(z.strictObject({ isoWeek: isoWeekParam, chainId: chainIdParam }), {
    ...c.req.query(),
    isoWeek: c.req.param("isoWeek"),
  });
  const { chainId } = query;
  const clock = await requireClock(chainId);
  const now = clock.timestamp;
  const weekStart = query.isoWeek === "current" ? weekStartOf(now) : query.isoWeek;
  const week = windowOf(weekStart, now);
  if (weekStart > now) {
    throw new NotFound(`The week ${week.isoWeek} starts after the latest indexed block (${Number(now)}).`);
  }

  const [data, rows, notes, steps] = await Promise.all([
    loadWeeks(chainId, weekStart, weekStart, now),
    db
      .select()
      .from(weeklyReview)
      .where(and(eq(weeklyReview.chainId, chainId), eq(weeklyReview.weekStart, weekStart))),
    db
      .select()
      .from(exceptionNote)
      .where(and(eq(exceptionNote.chainId, chainId), eq(exceptionNote.weekStart, weekStart)))
      .orderBy(asc(exceptionNote.blockNumber), asc(exceptionNote.logIndex)),
    // Ladder steps in the week: an answer to a signal, as a review is.
    db
      .select({ agent: historyEvent.agent, timestamp: historyEvent.timestamp })
      .from(historyEvent)
      .where(
        and(
          eq(historyEvent.chainId, chainId),
          gte(historyEvent.timestamp, weekStart),
          lt(historyEvent.timestamp, week.weekEnd),
          eq(historyEvent.kind, "AgentStatusChanged"),
        ),
      ),
  ]);
  const weeks = indexWeeks(data);
  const key = weekStart.toString();
  const reviews = weeks.reviews.get(key) ?? [];
  const active = new Set((weeks.active.get(key) ?? []).map((row) => row.agent));
  const unanswered = new Map(
    (weeks.unanswered.get(key) ?? []).map((row) => [row.agent, Number(big(row.cutoff) - big(row.signalAt))]),
  );
  const listed = [
    ...new Set([
      ...active,
      ...reviews.map((row) => row.agent),
      ...rows.map((row) => row.agent),
      ...notes.map((row) => row.agent),
      ...unanswered.keys(),
    ]),
  ];

  const [statuses, shares, stakeToken] = await Promise.all([
    listed.length === 0
      ? []
      : db
          .select({ address: agent.address, status: agent.status })
          .from(agent)
          .where(and(eq(agent.chainId, chainId), inArray(agent.address, listed))),
    // Each agent's top buyer share as of the week's end: after its last settlement up to that week.
    listed.length === 0
      ? []
      : db
          .selectDistinctOn([weeklyReview.agent], { agent: weeklyReview.agent, share: weeklyReview.topBuyerShare })
          .from(weeklyReview)
          .where(
            and(
              eq(weeklyReview.chainId, chainId),
              inArray(weeklyReview.agent, listed),
              lte(weeklyReview.weekStart, weekStart),
              isNotNull(weeklyReview.topBuyerShare),
            ),
          )
          .orderBy(weeklyReview.agent, desc(weeklyReview.weekStart)),
    stakeTokenInfo(),
  ]);
  const statusOf = new Map(statuses.map((row) => [row.address, row.status]));
  const shareOf = new Map(shares.map((row) => [row.agent, row.share]));
  const rowOf = new Map(rows.map((row) => [row.agent, row]));

  const agents: (AgentWeekResponse & { sortSignal: number | null; sortAddress: string })[] = listed.map((address) => {
    const row = rowOf.get(address);
    const signalAt = row?.signalAt ?? null;
    const mine = reviews.filter((item) => item.agent === address);
    // Worsened, and neither a review nor a ladder step since the week's first signal.
    const answered =
      signalAt !== null &&
      (mine.some((item) => item.timestamp >= signalAt) ||
        steps.some((step) => step.agent === address && step.timestamp >= signalAt));
    const share = shareOf.get(address) ?? null;
    return {
      agent: checksum(address),
      status: statusOf.get(address) ?? "good",
      active: active.has(address),
      worsened: signalAt !== null,
      undecided: signalAt !== null && !answered,
      rescue: rescueOf({
        pactsSettled: row?.pactsSettled ?? 0,
        extensions: row?.extensions ?? 0,
        settlementsByAgreement: row?.settlementsByAgreement ?? 0,
        refundsByAgent: row?.refundsByAgent ?? 0,
        loggedExceptions: row?.loggedExceptions ?? 0,
      }),
      signalAt: signalAt === null ? null : Number(signalAt),
      timeToNarrowSeconds: row?.timeToNarrow == null ? null : Number(row.timeToNarrow),
      unansweredSeconds: unanswered.get(address) ?? null,
      containedAt: row?.containedAt == null ? null : Number(row.containedAt),
      recertifiedAt: row?.recertifiedAt == null ? null : Number(row.recertifiedAt),
      recoverySeconds: row?.lastRecoverySeconds == null ? null : Number(row.lastRecoverySeconds),
      relapseAt: row?.relapseAt == null ? null : Number(row.relapseAt),
      reviews: mine.map((item) => reviewEntry(item, stakeToken)),
      exceptions: notes.filter((item) => item.agent === address).map(exceptionEntry),
      topBuyerShare: share,
      concentrated: isConcentrated(share),
      sortSignal: signalAt === null ? null : Number(signalAt),
      sortAddress: address,
    };
  });
  // Undecided first, the oldest signal first; then by address.
  agents.sort((a, b) => {
    if (a.undecided !== b.undecided) return a.undecided ? -1 : 1;
    if (a.undecided && a.sortSignal !== b.sortSignal) return a.sortSignal! - b.sortSignal!;
    return a.sortAddress < b.sortAddress ? -1 : 1;
  });

  return sendJson<ReviewWeekResponse>(c, {
    chainId,
    asOf: asOf(clock),
    isoWeek: week.isoWeek,
    weekStart: Number(week.weekStart),
    weekEnd: Number(week.weekEnd),
    complete: week.complete,
    deployment: deploymentSignals(weeks, week),
    agents: agents.map(({ sortSignal: _signal, sortAddress: _address, ...item }) => item),
  });
});

const trendQuery = z.strictObject({
  chainId: chainIdParam,
  weeks: wholeParam.refine((value) => value >= 1 && value <= 52, "must be between 1 and 52").default(8),
});

review.get("/", async (c) => {
  const { chainId, weeks: count } = parse(trendQuery, c.req.query());
  const clock = await clockOf(chainId);
  if (clock === null) return sendJson<ReviewTrendResponse>(c, { chainId, asOf: null, weeks: [] });
  const now = clock.timestamp;
  const last = weekStartOf(now);
  const first = last - BigInt(count - 1) * WEEK_SECONDS;
  const weeks = indexWeeks(await loadWeeks(chainId, first, last, now));
  const windows = Array.from({ length: count }, (_, index) => windowOf(first + BigInt(index) * WEEK_SECONDS, now));
  return sendJson<ReviewTrendResponse>(c, {
    chainId,
    asOf: asOf(clock),
    weeks: windows.map((week) => ({
      isoWeek: week.isoWeek,
      weekStart: Number(week.weekStart),
      complete: week.complete,
      deployment: deploymentSignals(weeks, week),
    })),
  });
});
