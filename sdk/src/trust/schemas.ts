/**
 * The shapes of the indexer's trust API, as zod schemas: the SDK parses every answer with them, and the indexer
 * types its answers with their input types, so both sides share one definition.
 */
import type { Hex } from "viem";
import { z } from "zod";

import {
  AGENT_STATUSES,
  EXCEPTION_KINDS,
  PACT_STATUSES,
  REVIEW_DECISIONS,
  type AgentStatus,
  type EffectivePactStatus,
} from "../types.ts";
import { addressSchema } from "../utils/address.ts";

const address = addressSchema();
const hex = z.string().regex(/^0x[0-9a-fA-F]*$/, "must be hex") as z.ZodType<Hex, string>;
const digits = z.string().regex(/^\d+$/, "must be a decimal integer");
const time = z.number().int().nonnegative();
const nullableNumber = z.number().nullable();

const EFFECTIVE_STATUSES = [
  ...PACT_STATUSES.slice(1),
  "expired",
  "overdue",
  "finalizable",
  "defaultable",
] as readonly EffectivePactStatus[] as [EffectivePactStatus, ...EffectivePactStatus[]];

/** An amount in base units (`raw`, a bigint once parsed) and in the token's units (`amount`, when its decimals are known). */
export const amountSchema = z.object({
  token: address,
  symbol: z.string().nullable(),
  decimals: z.number().int().nonnegative().nullable(),
  raw: digits.transform(BigInt),
  amount: z.string().nullable(),
});

/** The latest indexed block: what the answer is as of. */
export const asOfSchema = z.object({ block: digits.transform(BigInt), timestamp: time }).nullable();

const ladderStatus = z.enum(AGENT_STATUSES as unknown as [AgentStatus, ...AgentStatus[]]);

export const agentSummarySchema = z.object({
  chainId: z.number().int().positive(),
  address,
  status: ladderStatus,
  statusSince: time,
  stake: z.object({
    staked: amountSchema,
    bonded: amountSchema,
    locked: amountSchema,
    queued: amountSchema,
    readyAt: time,
    free: amountSchema,
  }),
  /** Free stake over locked collateral; null while nothing is locked. */
  coverage: nullableNumber,
  /** The exposure cap, from Narrowed down the ladder. */
  cap: amountSchema.nullable(),
  pacts: z.object({
    offered: z.number(),
    accepted: z.number(),
    fromOffers: z.number(),
    delivered: z.number(),
    deliveredOnTime: z.number(),
    released: z.number(),
    finalized: z.number(),
    /** Every refund: claimed after a missed deadline, or made by the agent itself. */
    refundedAfterMissedDelivery: z.number(),
    /** Of those, refunds the agent made itself before the deadline: owned up to, slashed all the same. */
    refundedByAgent: z.number(),
    /** Pacts ended by a split both parties agreed to (no slash, no ruling). */
    settledByAgreement: z.number(),
    /** Delivery deadlines the agent and the buyer extended by agreement. */
    extensionsGranted: z.number(),
    cancelled: z.number(),
    reclaimed: z.number(),
    open: z.number(),
    overdueNow: z.number(),
    settled: z.number(),
    unlistedToken: z.number(),
  }),
  disputes: z.object({
    opened: z.number(),
    ruled: z.number(),
    abstained: z.number(),
    defaulted: z.number(),
    lost: z.number(),
  }),
  slashes: z.object({ count: z.number(), total: amountSchema }),
  rates: z.object({ onTime: nullableNumber, dispute: nullableNumber, slash: nullableNumber }),
  meanSeconds: z.object({
    acceptanceToDelivery: nullableNumber,
    deliveryToSettlement: nullableNumber,
    disputeToRuling: nullableNumber,
  }),
  distinctBuyers: z.number(),
  distinctArbiters: z.number(),
  flags: z.array(z.string()),
  firstSeenAt: time,
  lastEventAt: time,
});

/** An operator's recorded review of one agent (an `AgentReviewed` event). */
export const reviewEntrySchema = z.object({
  decision: z.enum(REVIEW_DECISIONS),
  /** Whether the decision changed the agent's standing (status, cap or withdrawal freeze). */
  changed: z.boolean(),
  /** The agent's status and cap right after the decision (the cap from narrowed up, else null). */
  status: ladderStatus,
  cap: amountSchema.nullable(),
  evidenceHash: hex,
  operator: address,
  timestamp: time,
  /** The ISO week the review was recorded in (by its block's time, UTC), such as 2026-W49. */
  isoWeek: z.string(),
  transactionHash: hex,
});

/** An exception or rescue note (an `ExceptionLogged` event). */
export const exceptionEntrySchema = z.object({
  kind: z.enum(EXCEPTION_KINDS),
  /** The pact the note is about, or null for a note about the agent as a whole. */
  pactId: digits.nullable(),
  author: address,
  /** Whether the author logged it as the operator or as the pact's buyer. */
  authorRole: z.enum(["operator", "buyer"]),
  noteHash: hex,
  timestamp: time,
  isoWeek: z.string(),
  transactionHash: hex,
});

/** A count of settled pacts next to the price they carried, in one token. */
const countedValueSchema = z.object({ count: z.number(), value: amountSchema });

/**
 * What an agent's outcomes rest on, per listed pact token: each outcome counted and weighted by the price of the
 * pacts (settled, accepted pacts only), and how much of the settled value came from the agent's single largest buyer.
 */
export const evidenceSchema = z.object({
  distinctBuyers: z.number(),
  /** The largest `topBuyerShare` over the tokens; null while nothing settled. */
  topBuyerShare: nullableNumber,
  /** `topBuyerShare` above the API's concentration threshold (CONCENTRATION_THRESHOLD, 0.5). */
  concentrated: z.boolean(),
  tokens: z.array(
    z.object({
      token: address,
      symbol: z.string().nullable(),
      settled: countedValueSchema,
      /** Delivered on time and not refunded. */
      onTime: countedValueSchema,
      /** Ended with a slash of the agent's collateral. */
      slashed: countedValueSchema,
      /** Disputes ruled (or defaulted) against the agent. */
      lost: countedValueSchema,
      rates: z.object({
        /** On-time share of settled pacts, by count and by value. */
        onTimeByCount: nullableNumber,
        onTimeByValue: nullableNumber,
        slashedByCount: nullableNumber,
        slashedByValue: nullableNumber,
      }),
      distinctBuyers: z.number(),
      topBuyer: address.nullable(),
      /** The top buyer's share of the settled value in this token. */
      topBuyerShare: nullableNumber,
    }),
  ),
});

/** Recovery after containment (narrowed, under review, paused) and after recertification. */
export const recoverySchema = z.object({
  /** Whether the agent is contained now, since when, and for how long as of the answer's block. */
  contained: z.boolean(),
  containedSince: time.nullable(),
  containedSeconds: nullableNumber,
  /** Containments ended by a recertification, and their mean length. */
  recoveries: z.number(),
  meanRecoverySeconds: nullableNumber,
  /** The latest containment that ended in a recertification. */
  lastRecovery: z.object({ containedAt: time, recertifiedAt: time, seconds: z.number() }).nullable(),
  /**
   * Since the latest recertification: pacts accepted until the next slash or lost dispute (or until now), and the
   * days it took; `clean` while none came.
   */
  sinceRecertification: z
    .object({
      recertifiedAt: time,
      pacts: z.number(),
      relapseAt: time.nullable(),
      days: z.number(),
      clean: z.boolean(),
    })
    .nullable(),
});

export const agentTrustSchema = agentSummarySchema.extend({
  asOf: asOfSchema,
  ladder: z.object({
    status: ladderStatus,
    since: time,
    reasonHash: hex.nullable(),
    operator: address.nullable(),
    frozenUntil: time,
    steps: z.number(),
    recertifications: z.number(),
    unansweredSignalAt: time.nullable(),
    history: z.array(
      z.object({
        status: ladderStatus,
        cap: amountSchema,
        frozenUntil: time,
        reasonHash: hex,
        operator: address,
        timestamp: time,
        transactionHash: hex,
      }),
    ),
  }),
  money: z.array(
    z.object({
      token: address,
      symbol: z.string().nullable(),
      listed: z.boolean(),
      earned: amountSchema,
      refundedToBuyers: amountSchema,
      awardedByRulings: amountSchema,
    }),
  ),
  /** The operator's recorded reviews: how many, how many changed scope, the latest, and the newest 100. */
  reviews: z.object({
    count: z.number(),
    changedScope: z.number(),
    latest: reviewEntrySchema.nullable(),
    history: z.array(reviewEntrySchema),
  }),
  /** Exception and rescue notes logged against the agent or its pacts, newest first (at most 100). */
  exceptions: z.object({ count: z.number(), history: z.array(exceptionEntrySchema) }),
  recovery: recoverySchema,
  evidence: evidenceSchema,
});

/** The rescue work of a week: exception paths used, per settled pact. */
const rescueSignalSchema = z.object({
  /** Accepted pacts (listed tokens) that reached a terminal status in the week. */
  pactsSettled: z.number(),
  extensions: z.number(),
  settlementsByAgreement: z.number(),
  refundsByAgent: z.number(),
  /** Exception and rescue notes logged in the week (a pact's notes count once per pact). */
  loggedExceptions: z.number(),
  /** The four above, summed. */
  total: z.number(),
  /** `total` over `pactsSettled`; null when nothing settled. */
  perSettledPact: nullableNumber,
});

/** One week's four signals (five with the evidence), for the deployment or summed over the agents listed. */
export const weekSignalsSchema = z.object({
  rescue: rescueSignalSchema,
  narrowing: z.object({
    /** Agents whose record worsened (a slash or a lost dispute) in the week. */
    worsened: z.number(),
    /** Of those signals, the ones a ladder step answered, and how fast (seconds, over the answered ones). */
    answered: z.number(),
    meanTimeToNarrowSeconds: nullableNumber,
    medianTimeToNarrowSeconds: nullableNumber,
    /** Agents with a signal still unanswered at the week's end (or now, for the current week), and the longest wait. */
    unanswered: z.number(),
    longestUnansweredSeconds: nullableNumber,
  }),
  recovery: z.object({
    /** Agents moved into containment in the week (from good or warned). */
    containments: z.number(),
    /** Containments ended by a recertification in the week, and their mean and median length. */
    recertifications: z.number(),
    meanRecoverySeconds: nullableNumber,
    medianRecoverySeconds: nullableNumber,
    /** First slashes or lost disputes after a recertification, in the week. */
    relapses: z.number(),
  }),
  reviews: z.object({
    recorded: z.number(),
    agentsReviewed: z.number(),
    /** Agents with an accepted pact open at any time in the week. */
    activeAgents: z.number(),
    activeReviewed: z.number(),
    /** `activeReviewed` over `activeAgents`; null when no agent was active. */
    coverage: nullableNumber,
    /** Reviews whose decision changed the agent's standing, and their share of `recorded`. */
    changedScope: z.number(),
    decisionRate: nullableNumber,
    byDecision: z.record(z.enum(REVIEW_DECISIONS), z.number()),
  }),
  evidence: z.object({
    /** Agents flagged concentrated-counterparties as of the week's end. */
    concentrated: z.number(),
  }),
});

/** One agent's row of a week's review table. */
export const agentWeekSchema = z.object({
  agent: address,
  /** The agent's status now (as of the answer's block). */
  status: ladderStatus,
  active: z.boolean(),
  /** A slash or a lost dispute in the week. */
  worsened: z.boolean(),
  /** Worsened with no review and no ladder step since the first signal (by the week's end, or now). */
  undecided: z.boolean(),
  rescue: rescueSignalSchema,
  /** The week's first unanswered signal, and how long the ladder took to answer it or has been waiting. */
  signalAt: time.nullable(),
  timeToNarrowSeconds: nullableNumber,
  unansweredSeconds: nullableNumber,
  /** Containment started and recertification in the week (with the containment's length). */
  containedAt: time.nullable(),
  recertifiedAt: time.nullable(),
  recoverySeconds: nullableNumber,
  relapseAt: time.nullable(),
  reviews: z.array(reviewEntrySchema),
  exceptions: z.array(exceptionEntrySchema),
  topBuyerShare: nullableNumber,
  concentrated: z.boolean(),
});

/** GET /review/:isoWeek: a week's signals for the deployment and its table of agents. */
export const reviewWeekSchema = z.object({
  chainId: z.number(),
  asOf: asOfSchema,
  isoWeek: z.string(),
  /** Monday 00:00 UTC of the week, and the next Monday (exclusive end). */
  weekStart: time,
  weekEnd: time,
  /** Whether the indexed clock has passed the week's end. */
  complete: z.boolean(),
  deployment: weekSignalsSchema,
  /**
   * Agents active, reviewed, with an event or with a signal waiting in the week: undecided agents first (oldest
   * signal first), then by address.
   */
  agents: z.array(agentWeekSchema),
});

/** GET /review?weeks=8: the deployment's signals for the latest weeks, oldest first (the current week last). */
export const reviewTrendSchema = z.object({
  chainId: z.number(),
  asOf: asOfSchema,
  weeks: z.array(
    z.object({ isoWeek: z.string(), weekStart: time, complete: z.boolean(), deployment: weekSignalsSchema }),
  ),
});

export const agentListSchema = z.object({
  asOf: asOfSchema,
  orderBy: z.string(),
  order: z.enum(["asc", "desc"]),
  offset: z.number(),
  limit: z.number(),
  hasMore: z.boolean(),
  agents: z.array(agentSummarySchema),
});

export const pactViewSchema = z.object({
  chainId: z.number(),
  pactId: digits.transform(BigInt),
  status: z.enum(PACT_STATUSES.slice(1) as [EffectivePactStatus, ...EffectivePactStatus[]]),
  effectiveStatus: z.enum(EFFECTIVE_STATUSES),
  /** When the current status runs out (acceptBy, deliverBy, the end of review or ruling), if it does. */
  deadline: time.nullable(),
  buyer: address,
  agent: address,
  arbiter: address,
  tokenListed: z.boolean(),
  price: amountSchema,
  arbiterFee: amountSchema,
  collateral: amountSchema,
  penalty: amountSchema,
  acceptBy: time,
  deliverBy: time,
  reviewPeriod: time,
  rulingPeriod: time,
  defaultBuyerBps: z.number(),
  termsHash: hex,
  offerNonce: digits.transform(BigInt).nullable(),
  deliveryHash: hex.nullable(),
  disputeReasonHash: hex.nullable(),
  rulingHash: hex.nullable(),
  buyerBps: z.number().nullable(),
  toBuyer: amountSchema.nullable(),
  toAgent: amountSchema.nullable(),
  slashed: amountSchema.nullable(),
  arbiterFeePaid: amountSchema.nullable(),
  /**
   * What each party proposed and the other can still accept: a split (the buyer's share in basis points, and when
   * it was proposed) until it lapses with the pact's status or that status's deadline, a later delivery deadline
   * while the pact is active and on time.
   */
  proposals: z.object({
    buyerBps: z.number().nullable(),
    buyerSplitAt: time.nullable(),
    agentBps: z.number().nullable(),
    agentSplitAt: time.nullable(),
    buyerDeliverBy: time.nullable(),
    agentDeliverBy: time.nullable(),
  }),
  /** Until when the arbiter (a court adapter, once its court has the dispute) holds off the default ruling. */
  heldUntil: time.nullable(),
  /** The buyer left a court's fee unpaid past the fee window, so the delivery stood and the agent was paid. */
  courtUnfunded: z.boolean(),
  /** Delivery deadlines extended by agreement; `deliverBy` is the one in force. */
  extensions: z.number(),
  settledByAgreement: z.boolean(),
  refundedByAgent: z.boolean(),
  createdAt: time,
  acceptedAt: time.nullable(),
  deliveredAt: time.nullable(),
  disputedAt: time.nullable(),
  settledAt: time.nullable(),
  updatedAt: time,
  createdBlock: digits.transform(BigInt),
  createdTransaction: hex,
});

export const pactTimelineSchema = z.object({
  asOf: asOfSchema,
  pact: pactViewSchema,
  timeline: z.array(
    z.object({
      kind: z.string(),
      actor: address,
      account: address.nullable(),
      amount: amountSchema.nullable(),
      /** The event's arguments as logged, integers as decimal strings. */
      args: z.record(z.string(), z.unknown()),
      blockNumber: digits.transform(BigInt),
      timestamp: time,
      transactionHash: hex,
      logIndex: z.number(),
    }),
  ),
});

/** The next step each side can take on a pact. */
export const PENDING_ACTIONS = [
  "accept",
  "cancel",
  "reclaim",
  "deliver",
  "claim-refund",
  "release-or-dispute",
  "finalize",
  "rule",
  "submit-evidence",
  "apply-default-ruling",
  /** The other party proposed a split: accept it (or propose another). */
  "accept-settlement",
  /** The other party asked for a later delivery deadline: ask for the same one to agree. */
  "agree-extension",
] as const;

export const pendingSchema = z.object({
  address,
  chainId: z.number(),
  asOf: asOfSchema,
  actions: z.array(
    z.object({
      action: z.enum(PENDING_ACTIONS),
      role: z.enum(["buyer", "agent", "arbiter"]),
      deadline: time.nullable(),
      pact: pactViewSchema,
    }),
  ),
  claims: z.array(z.object({ action: z.literal("claim-payout"), owed: amountSchema })),
  withdrawal: z
    .object({ action: z.literal("withdraw-stake"), amount: amountSchema, readyAt: time, ready: z.boolean() })
    .nullable(),
});

/** The error body of every 4xx and 5xx answer. */
export const apiErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export type TrustAmount = z.output<typeof amountSchema>;
export type AgentSummary = z.output<typeof agentSummarySchema>;
export type AgentTrust = z.output<typeof agentTrustSchema>;
export type AgentList = z.output<typeof agentListSchema>;
export type PactView = z.output<typeof pactViewSchema>;
export type PactTimeline = z.output<typeof pactTimelineSchema>;
export type Pending = z.output<typeof pendingSchema>;
export type PendingAction = (typeof PENDING_ACTIONS)[number];
export type ReviewEntry = z.output<typeof reviewEntrySchema>;
export type ExceptionEntry = z.output<typeof exceptionEntrySchema>;
export type AgentEvidence = z.output<typeof evidenceSchema>;
export type AgentRecovery = z.output<typeof recoverySchema>;
export type WeekSignals = z.output<typeof weekSignalsSchema>;
export type AgentWeek = z.output<typeof agentWeekSchema>;
export type ReviewWeek = z.output<typeof reviewWeekSchema>;
export type ReviewTrend = z.output<typeof reviewTrendSchema>;

/** The answers as the API sends them (before parsing): what the indexer's routes must produce. */
export type AgentSummaryResponse = z.input<typeof agentSummarySchema>;
export type AgentTrustResponse = z.input<typeof agentTrustSchema>;
export type AgentListResponse = z.input<typeof agentListSchema>;
export type PactViewResponse = z.input<typeof pactViewSchema>;
export type PactTimelineResponse = z.input<typeof pactTimelineSchema>;
export type PendingResponse = z.input<typeof pendingSchema>;
export type ReviewEntryResponse = z.input<typeof reviewEntrySchema>;
export type ExceptionEntryResponse = z.input<typeof exceptionEntrySchema>;
export type WeekSignalsResponse = z.input<typeof weekSignalsSchema>;
export type AgentWeekResponse = z.input<typeof agentWeekSchema>;
export type ReviewWeekResponse = z.input<typeof reviewWeekSchema>;
export type ReviewTrendResponse = z.input<typeof reviewTrendSchema>;
