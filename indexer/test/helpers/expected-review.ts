/**
 * The operator's weekly signals and the trust record's review keys, recomputed from the chain: the journal of events
 * computeExpected (expected.ts) folds from Surety's logs, and its pact rows (acceptance, settlement, outcome). Written
 * from the definitions of issue 17 (below), not from the indexer's code: what GET /review/:isoWeek, GET /review?weeks=N
 * and the trust record's `reviews`, `exceptions`, `recovery` and `evidence` must answer at a given block.
 *
 * - A week is an ISO week (UTC, Monday 00:00 to the next Monday, exclusive). The clock is the block's time; a week is
 *   complete once the clock reaches its end; cutoff(W) = min(weekEnd, clock). Events at the clock are indexed: "as of
 *   cutoff(W)" takes every event of the week's end or earlier, up to the clock.
 * - Pact-level counts take accepted pacts in listed tokens only ("counting" pacts).
 * - Rescue work: pacts settled, agreed extensions, settlements by agreement, refunds by the agent, and notes (each
 *   note about an agent; the first note on a pact in a listed token, whoever wrote it); per settled pact.
 * - Time to narrow: a week's first signal (a slash above zero in any token, or a lost dispute), answered by the next
 *   ladder step (a move to a status other than good) after it. An agent is unanswered at cutoff(W) when a week up
 *   to W has a signal before the cutoff that no step answered by the cutoff; for as long as its earliest such signal.
 * - Recovery: a move into narrowed, under-review or paused from good or warned starts a containment; a move to good
 *   ends it as a recovery, one to warned without a figure. Every move to good is a recertification: the pacts the
 *   agent accepts after it count until the first signal after it, its relapse.
 * - Reviews: AgentReviewed in the week, distinct agents, active agents (a counting pact accepted before the week's
 *   end and not settled before its start), the active ones reviewed, and the share whose decision changed scope.
 * - Evidence: per listed token, over settled counting pacts (as of the clock, or cutoff(W)), outcomes counted and
 *   weighted by price; the buyer with the largest settled value (the lowest address among equals) and its share.
 *   Concentrated when the largest share over the tokens is strictly above CONCENTRATION_THRESHOLD.
 * Choices the definitions leave open are stated where they are made (search for "Choice:").
 */
import {
  CONCENTRATION_THRESHOLD,
  CONTAINED_AGENT_STATUSES,
  REVIEW_DECISIONS,
  type AgentStatus,
  type ExceptionEntryResponse,
  type ReviewDecision,
  type ReviewEntryResponse,
  type WeekSignalsResponse,
} from "@surety/sdk";
import { formatUnits, getAddress, type Hex } from "viem";

import {
  isoWeekLabel,
  isoWeekStart,
  type BlockTables,
  type ExpectedState,
  type ExpectedTables,
  type Journal,
  type PactRow,
  type Position,
  type StatusChange,
} from "./expected.ts";

const DAY = 86_400n;
const WEEK = 7n * DAY;

/** What the indexer has seen at one block: the tables then, the journal's events up to it, its time as the clock. */
export type ReviewView = {
  chainId: number;
  block: bigint;
  clock: bigint;
  stakeToken: Hex;
  tables: ExpectedTables;
  journal: Journal;
  statusChanges: StatusChange[];
  tokenInfo: ExpectedState["tokenInfo"];
};

/** The view at the head of `expected`, or at one of its blocks (the journal cut at that block). */
export function reviewView(
  expected: ExpectedState,
  options: { chainId: number; stakeToken: Hex; at?: BlockTables },
): ReviewView {
  const block = options.at?.number ?? expected.head.number;
  const upTo = <T extends Position>(items: readonly T[]) => items.filter((item) => item.blockNumber <= block);
  const { journal } = expected;
  return {
    chainId: options.chainId,
    block,
    clock: options.at?.timestamp ?? expected.head.timestamp,
    stakeToken: options.stakeToken,
    tables: options.at?.tables ?? expected,
    journal: {
      reviews: upTo(journal.reviews),
      notes: upTo(journal.notes),
      signals: upTo(journal.signals),
      paths: upTo(journal.paths),
      acceptances: upTo(journal.acceptances),
    },
    statusChanges: upTo(expected.statusChanges),
    tokenInfo: expected.tokenInfo,
  };
}

const lower = (address: string) => address.toLowerCase() as Hex;
const after = (a: Position, b: Position) =>
  a.blockNumber === b.blockNumber ? a.logIndex > b.logIndex : a.blockNumber > b.blockNumber;
const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const mean = (values: readonly number[]) =>
  values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
/** Choice: the median of an even count is the mean of the middle two. */
const median = (values: readonly number[]) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
/** Events newest first (the latest block, then the latest log). */
const newestFirst = <T extends Position>(items: readonly T[]) =>
  [...items].sort((a, b) => (after(a, b) ? -1 : after(b, a) ? 1 : 0));
const contained = (status: AgentStatus) => (CONTAINED_AGENT_STATUSES as readonly AgentStatus[]).includes(status);

/** An amount as the API writes it, in a listed token whose symbol and decimals were read from the chain. */
function amountOf(view: ReviewView, token: string, raw: bigint) {
  const info = view.tokenInfo.get(lower(token));
  if (info === undefined) throw new Error(`token ${token} is not listed`);
  return {
    token: getAddress(token),
    symbol: info.symbol,
    decimals: info.decimals,
    raw: raw.toString(),
    amount: formatUnits(raw, info.decimals),
  };
}

/* ------------------------------------------------ entries ------------------------------------------------ */

function reviewEntry(view: ReviewView, review: Journal["reviews"][number]): ReviewEntryResponse {
  return {
    decision: review.decision,
    changed: review.changed,
    status: review.status,
    // The cap belongs to the statuses from narrowed up.
    cap: contained(review.status) ? amountOf(view, view.stakeToken, review.cap) : null,
    evidenceHash: review.evidenceHash,
    operator: getAddress(review.operator),
    timestamp: Number(review.time),
    isoWeek: isoWeekLabel(isoWeekStart(review.time)),
    transactionHash: review.transactionHash,
  };
}

function exceptionEntry(note: Journal["notes"][number]): ExceptionEntryResponse {
  return {
    kind: note.kind,
    pactId: note.pactId === null ? null : note.pactId.toString(),
    author: getAddress(note.author),
    authorRole: note.authorRole,
    noteHash: note.noteHash,
    timestamp: Number(note.time),
    isoWeek: isoWeekLabel(isoWeekStart(note.time)),
    transactionHash: note.transactionHash,
  };
}

/* ------------------------------------------------ per agent ------------------------------------------------ */

/** The counting pacts (accepted, listed token). */
const countingPacts = (view: ReviewView) =>
  view.tables.pact.filter((pact) => pact.tokenListed && pact.acceptedAt !== null);

/** A ladder history folded into containments and recertifications (each with its relapse and pacts since). */
function ladderOf(view: ReviewView, agent: Hex) {
  const containments: { containedAt: bigint; endedAt: bigint | null; recoverySeconds: bigint | null }[] = [];
  const recertifications: (Position & { recoverySeconds: bigint | null; containedAt: bigint | null })[] = [];
  let open: (typeof containments)[number] | null = null;
  let status: AgentStatus = "good";
  for (const change of view.statusChanges.filter((item) => item.agent === agent)) {
    if (contained(change.status) && !contained(status)) {
      open = { containedAt: change.time, endedAt: null, recoverySeconds: null };
      containments.push(open);
    } else if (change.status === "good") {
      const seconds = open === null ? null : change.time - open.containedAt;
      if (open !== null) Object.assign(open, { endedAt: change.time, recoverySeconds: seconds });
      recertifications.push({ ...change, recoverySeconds: seconds, containedAt: open?.containedAt ?? null });
      open = null;
    } else if (change.status === "warned" && open !== null) {
      open.endedAt = change.time;
      open = null;
    }
    status = change.status;
  }
  const signals = view.journal.signals.filter((signal) => signal.agent === agent);
  const epochs = recertifications.map((recertification, index) => {
    const next = recertifications[index + 1];
    const relapse = signals.find(
      (signal) => after(signal, recertification) && (next === undefined || after(next, signal)),
    );
    const pacts = view.journal.acceptances.filter(
      (acceptance) =>
        acceptance.agent === agent &&
        after(acceptance, recertification) &&
        (relapse === undefined || after(relapse, acceptance)) &&
        (next === undefined || after(next, acceptance)),
    ).length;
    return { recertification, relapse, pacts };
  });
  return { containments, recertifications, epochs, open };
}

/** The first signal of each week up to the view, and the ladder step that answered it (the first after it). */
function weeklySignalsOf(view: ReviewView, agent: Hex) {
  const steps = view.statusChanges.filter((change) => change.agent === agent && change.status !== "good");
  const firsts = new Map<bigint, Position>();
  for (const signal of view.journal.signals.filter((item) => item.agent === agent)) {
    const week = isoWeekStart(signal.time);
    if (!firsts.has(week)) firsts.set(week, signal);
  }
  return [...firsts].map(([weekStart, signal]) => {
    const step = steps.find((change) => after(change, signal));
    return { weekStart, signal, timeToNarrow: step === undefined ? null : step.time - signal.time };
  });
}

/** The agent's evidence from its counting pacts settled by `until` (inclusive). */
function evidenceOf(view: ReviewView, agent: Hex, until: bigint) {
  const settled = countingPacts(view).filter(
    (pact) => pact.agent === agent && pact.settledAt !== null && pact.settledAt <= until,
  );
  const tokens = [...new Set(settled.map((pact) => pact.token))].sort();
  const sum = (pacts: readonly PactRow[]) => pacts.reduce((total, pact) => total + pact.price, 0n);
  const perToken = tokens.map((token) => {
    const pacts = settled.filter((pact) => pact.token === token);
    const onTime = pacts.filter((pact) => pact.deliveredAt !== null && pact.deliveredAt <= pact.deliverBy);
    const slashed = pacts.filter((pact) => (pact.slashed ?? 0n) > 0n);
    // A lost dispute: a ruling (not an abstention) that gave the buyer more than half or slashed.
    const lost = pacts.filter(
      (pact) => pact.status === "resolved" && ((pact.buyerBps ?? 0) > 5_000 || (pact.slashed ?? 0n) > 0n),
    );
    const byBuyer = new Map<string, bigint>();
    for (const pact of pacts) byBuyer.set(pact.buyer, (byBuyer.get(pact.buyer) ?? 0n) + pact.price);
    const [top] = [...byBuyer].sort(([a, x], [b, y]) => (x === y ? (a < b ? -1 : 1) : x > y ? -1 : 1));
    const value = sum(pacts);
    const share = Number(top![1]) / Number(value);
    const counted = (items: readonly PactRow[]) => ({ count: items.length, value: amountOf(view, token, sum(items)) });
    return {
      share,
      buyers: [...byBuyer.keys()],
      entry: {
        token: getAddress(token),
        symbol: view.tokenInfo.get(token)!.symbol,
        settled: counted(pacts),
        onTime: counted(onTime),
        slashed: counted(slashed),
        lost: counted(lost),
        rates: {
          onTimeByCount: ratio(onTime.length, pacts.length),
          onTimeByValue: ratio(Number(sum(onTime)), Number(value)),
          slashedByCount: ratio(slashed.length, pacts.length),
          slashedByValue: ratio(Number(sum(slashed)), Number(value)),
        },
        distinctBuyers: byBuyer.size,
        topBuyer: getAddress(top![0]),
        topBuyerShare: share,
      },
    };
  });
  const topBuyerShare = perToken.length === 0 ? null : Math.max(...perToken.map((item) => item.share));
  return {
    // Choice: the agent's distinct buyers over its settled pacts in every listed token.
    distinctBuyers: new Set(perToken.flatMap((item) => item.buyers)).size,
    topBuyerShare,
    concentrated: topBuyerShare !== null && topBuyerShare > CONCENTRATION_THRESHOLD,
    tokens: perToken.map((item) => item.entry),
  };
}

/** The trust record's review keys for `agent`, and whether it carries the concentrated-counterparties flag. */
export function expectedTrustReview(view: ReviewView, address: Hex) {
  const agent = lower(address);
  const reviews = newestFirst(view.journal.reviews.filter((review) => review.agent === agent));
  const notes = newestFirst(view.journal.notes.filter((note) => note.agent === agent));
  const { containments, epochs, open } = ladderOf(view, agent);
  const recovered = containments.filter((item) => item.recoverySeconds !== null);
  const last = epochs.filter((epoch) => epoch.recertification.recoverySeconds !== null).at(-1)?.recertification;
  const latest = epochs.at(-1);
  const relapseAt = latest?.relapse?.time ?? null;
  const evidence = evidenceOf(view, agent, view.clock);
  return {
    reviews: {
      count: reviews.length,
      changedScope: reviews.filter((review) => review.changed).length,
      latest: reviews[0] === undefined ? null : reviewEntry(view, reviews[0]),
      history: reviews.slice(0, 100).map((review) => reviewEntry(view, review)),
    },
    exceptions: { count: notes.length, history: notes.slice(0, 100).map(exceptionEntry) },
    recovery: {
      contained: open !== null,
      containedSince: open === null ? null : Number(open.containedAt),
      containedSeconds: open === null ? null : Number(view.clock - open.containedAt),
      recoveries: recovered.length,
      meanRecoverySeconds: mean(recovered.map((item) => Number(item.recoverySeconds))),
      lastRecovery:
        last === undefined
          ? null
          : {
              containedAt: Number(last.containedAt),
              recertifiedAt: Number(last.time),
              seconds: Number(last.recoverySeconds),
            },
      sinceRecertification:
        latest === undefined
          ? null
          : {
              recertifiedAt: Number(latest.recertification.time),
              pacts: latest.pacts,
              relapseAt: relapseAt === null ? null : Number(relapseAt),
              days: Number((relapseAt ?? view.clock) - latest.recertification.time) / 86_400,
              clean: relapseAt === null,
            },
    },
    evidence,
  };
}

/* ------------------------------------------------ per week ------------------------------------------------ */

type AgentWeekFacts = {
  agent: Hex;
  active: boolean;
  reviewed: boolean;
  worsened: boolean;
  undecided: boolean;
  signalAt: bigint | null;
  timeToNarrow: bigint | null;
  unansweredSince: bigint | null;
  rescue: {
    pactsSettled: number;
    extensions: number;
    settlementsByAgreement: number;
    refundsByAgent: number;
    loggedExceptions: number;
  };
  containments: number;
  containedAt: bigint | null;
  recoveries: number[];
  recertifiedAt: bigint | null;
  recoverySeconds: bigint | null;
  relapses: number;
  relapseAt: bigint | null;
  reviews: Journal["reviews"];
  notes: Journal["notes"];
  topBuyerShare: number | null;
  concentrated: boolean;
};

/** Every signal of one agent in the week starting `weekStart`, as of the view. */
function agentWeekFacts(view: ReviewView, agent: Hex, weekStart: bigint): AgentWeekFacts {
  const weekEnd = weekStart + WEEK;
  const cutoff = view.clock < weekEnd ? view.clock : weekEnd;
  const inWeek = (time: bigint) => time >= weekStart && time < weekEnd;
  const pacts = countingPacts(view).filter((pact) => pact.agent === agent);
  const reviews = view.journal.reviews.filter((review) => review.agent === agent && inWeek(review.time));
  const notes = view.journal.notes.filter((note) => note.agent === agent && inWeek(note.time));
  const paths = view.journal.paths.filter((path) => path.agent === agent && inWeek(path.time));
  // A pact's notes count once, at its first note, and only in a listed token.
  const firstNotes = new Set<Position>();
  const seen = new Set<bigint>();
  for (const note of view.journal.notes) {
    if (note.pactId === null || seen.has(note.pactId)) continue;
    seen.add(note.pactId);
    if (view.tables.pact.find((pact) => pact.pactId === note.pactId)?.tokenListed) firstNotes.add(note);
  }
  const weekly = weeklySignalsOf(view, agent);
  const thisWeek = weekly.find((item) => item.weekStart === weekStart);
  const waiting = weekly.filter(
    (item) =>
      item.weekStart <= weekStart &&
      item.signal.time < cutoff &&
      (item.timeToNarrow === null || item.signal.time + item.timeToNarrow > cutoff),
  );
  const { epochs, containments } = ladderOf(view, agent);
  const recertifications = epochs.map((epoch) => epoch.recertification).filter((item) => inWeek(item.time));
  const latestRecertification = recertifications.at(-1);
  const relapses = epochs.flatMap((epoch) =>
    epoch.relapse !== undefined && inWeek(epoch.relapse.time) ? [epoch.relapse] : [],
  );
  const started = containments.filter((item) => inWeek(item.containedAt));
  // Choice: a decision is a review or a ladder step after the week's first signal, by the cutoff (events at the
  // clock included: they are indexed).
  const decided =
    thisWeek !== undefined &&
    [...view.journal.reviews, ...view.statusChanges].some(
      (item) => item.agent === agent && after(item, thisWeek.signal) && item.time < weekEnd,
    );
  const evidence = evidenceOf(view, agent, weekEnd - 1n);
  const pactsSettled = pacts.filter((pact) => pact.settledAt !== null && inWeek(pact.settledAt)).length;
  return {
    agent,
    active: pacts.some(
      (pact) => pact.acceptedAt! < weekEnd && (pact.settledAt === null || pact.settledAt >= weekStart),
    ),
    reviewed: reviews.length > 0,
    worsened: thisWeek !== undefined,
    undecided: thisWeek !== undefined && !decided,
    signalAt: thisWeek?.signal.time ?? null,
    timeToNarrow: thisWeek?.timeToNarrow ?? null,
    unansweredSince: waiting.length === 0 ? null : waiting[0]!.signal.time,
    rescue: {
      pactsSettled,
      extensions: paths.filter((path) => path.path === "extension").length,
      settlementsByAgreement: paths.filter((path) => path.path === "settlement").length,
      refundsByAgent: paths.filter((path) => path.path === "refundByAgent").length,
      loggedExceptions: notes.filter((note) => note.pactId === null || firstNotes.has(note)).length,
    },
    containments: started.length,
    // Choice: the week's latest containment start, and its latest recertification.
    containedAt: started.at(-1)?.containedAt ?? null,
    recoveries: recertifications.flatMap((item) =>
      item.recoverySeconds === null ? [] : [Number(item.recoverySeconds)],
    ),
    recertifiedAt: latestRecertification?.time ?? null,
    recoverySeconds: latestRecertification?.recoverySeconds ?? null,
    relapses: relapses.length,
    relapseAt: relapses.at(-1)?.time ?? null,
    reviews,
    notes,
    topBuyerShare: evidence.topBuyerShare,
    concentrated: evidence.concentrated,
  };
}

function rescueOf(facts: AgentWeekFacts["rescue"]) {
  const total = facts.extensions + facts.settlementsByAgreement + facts.refundsByAgent + facts.loggedExceptions;
  return { ...facts, total, perSettledPact: ratio(total, facts.pactsSettled) };
}

/** The deployment's signals of the week starting `weekStart`: every agent's, summed. */
function weekSignals(view: ReviewView, weekStart: bigint, all: readonly AgentWeekFacts[]): WeekSignalsResponse {
  const weekEnd = weekStart + WEEK;
  const cutoff = view.clock < weekEnd ? view.clock : weekEnd;
  const total = (pick: (facts: AgentWeekFacts) => number) => all.reduce((sum, facts) => sum + pick(facts), 0);
  const answered = all.filter((facts) => facts.worsened && facts.timeToNarrow !== null);
  const unanswered = all.filter((facts) => facts.unansweredSince !== null);
  const recoveries = all.flatMap((facts) => facts.recoveries);
  const reviews = all.flatMap((facts) => facts.reviews);
  const active = all.filter((facts) => facts.active);
  const byDecision = Object.fromEntries(
    REVIEW_DECISIONS.map((decision) => [decision, reviews.filter((review) => review.decision === decision).length]),
  ) as Record<ReviewDecision, number>;
  const changed = reviews.filter((review) => review.changed).length;
  return {
    rescue: rescueOf({
      pactsSettled: total((facts) => facts.rescue.pactsSettled),
      extensions: total((facts) => facts.rescue.extensions),
      settlementsByAgreement: total((facts) => facts.rescue.settlementsByAgreement),
      refundsByAgent: total((facts) => facts.rescue.refundsByAgent),
      loggedExceptions: total((facts) => facts.rescue.loggedExceptions),
    }),
    narrowing: {
      worsened: all.filter((facts) => facts.worsened).length,
      answered: answered.length,
      meanTimeToNarrowSeconds: mean(answered.map((facts) => Number(facts.timeToNarrow))),
      medianTimeToNarrowSeconds: median(answered.map((facts) => Number(facts.timeToNarrow))),
      unanswered: unanswered.length,
      longestUnansweredSeconds:
        unanswered.length === 0
          ? null
          : Math.max(...unanswered.map((facts) => Number(cutoff - facts.unansweredSince!))),
    },
    recovery: {
      containments: total((facts) => facts.containments),
      recertifications: recoveries.length,
      meanRecoverySeconds: mean(recoveries),
      medianRecoverySeconds: median(recoveries),
      relapses: total((facts) => facts.relapses),
    },
    reviews: {
      recorded: reviews.length,
      agentsReviewed: all.filter((facts) => facts.reviewed).length,
      activeAgents: active.length,
      activeReviewed: active.filter((facts) => facts.reviewed).length,
      coverage: ratio(active.filter((facts) => facts.reviewed).length, active.length),
      changedScope: changed,
      decisionRate: ratio(changed, reviews.length),
      byDecision,
    },
    evidence: { concentrated: all.filter((facts) => facts.concentrated).length },
  };
}

/** Every agent the view knows, each one's facts for the week. */
function allFacts(view: ReviewView, weekStart: bigint): AgentWeekFacts[] {
  return view.tables.agent.map((agent) => agentWeekFacts(view, agent.address, weekStart));
}

/** GET /review/:isoWeek for the week starting `weekStart`, recomputed. */
export function expectedReviewWeek(view: ReviewView, weekStart: bigint) {
  const weekEnd = weekStart + WEEK;
  const cutoff = view.clock < weekEnd ? view.clock : weekEnd;
  const all = allFacts(view, weekStart);
  const rowIn = new Set(
    view.tables.weeklyReview.filter((row) => row.weekStart === weekStart).map((row) => row.agent as string),
  );
  const listed = all
    .filter(
      (facts) =>
        facts.active ||
        facts.reviewed ||
        rowIn.has(facts.agent) ||
        facts.notes.length > 0 ||
        facts.unansweredSince !== null,
    )
    .sort((a, b) => {
      if (a.undecided !== b.undecided) return a.undecided ? -1 : 1;
      if (a.undecided && a.signalAt !== b.signalAt) return a.signalAt! < b.signalAt! ? -1 : 1;
      return a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0;
    });
  const statusOf = (agent: Hex) => view.tables.agent.find((row) => row.address === agent)!.status;
  return {
    chainId: view.chainId,
    asOf: { block: view.block.toString(), timestamp: Number(view.clock) },
    isoWeek: isoWeekLabel(weekStart),
    weekStart: Number(weekStart),
    weekEnd: Number(weekEnd),
    complete: view.clock >= weekEnd,
    deployment: weekSignals(view, weekStart, all),
    agents: listed.map((facts) => ({
      agent: getAddress(facts.agent),
      status: statusOf(facts.agent),
      active: facts.active,
      worsened: facts.worsened,
      undecided: facts.undecided,
      rescue: rescueOf(facts.rescue),
      signalAt: facts.signalAt === null ? null : Number(facts.signalAt),
      timeToNarrowSeconds: facts.timeToNarrow === null ? null : Number(facts.timeToNarrow),
      unansweredSeconds: facts.unansweredSince === null ? null : Number(cutoff - facts.unansweredSince),
      containedAt: facts.containedAt === null ? null : Number(facts.containedAt),
      recertifiedAt: facts.recertifiedAt === null ? null : Number(facts.recertifiedAt),
      recoverySeconds: facts.recoverySeconds === null ? null : Number(facts.recoverySeconds),
      relapseAt: facts.relapseAt === null ? null : Number(facts.relapseAt),
      // Choice: a week's reviews and notes in chain order, as its log reads.
      reviews: facts.reviews.map((review) => reviewEntry(view, review)),
      exceptions: facts.notes.map(exceptionEntry),
      topBuyerShare: facts.topBuyerShare,
      concentrated: facts.concentrated,
    })),
  };
}

/** GET /review?weeks=`weeks`: the deployment's signals of the weeks ending with the clock's, oldest first. */
export function expectedReviewTrend(view: ReviewView, weeks: number) {
  const last = isoWeekStart(view.clock);
  const starts = Array.from({ length: weeks }, (_, index) => last - BigInt(weeks - 1 - index) * WEEK);
  return {
    chainId: view.chainId,
    asOf: { block: view.block.toString(), timestamp: Number(view.clock) },
    weeks: starts.map((weekStart) => ({
      isoWeek: isoWeekLabel(weekStart),
      weekStart: Number(weekStart),
      complete: view.clock >= weekStart + WEEK,
      deployment: weekSignals(view, weekStart, allFacts(view, weekStart)),
    })),
  };
}
