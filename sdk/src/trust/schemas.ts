/**
 * The shapes of the indexer's trust API, as zod schemas: the SDK parses every answer with them, and the indexer
 * types its answers with their input types, so both sides share one definition.
 */
import type { Hex } from "viem";
import { z } from "zod";

import { AGENT_STATUSES, PACT_STATUSES, type AgentStatus, type EffectivePactStatus } from "../types.ts";
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

/** The answers as the API sends them (before parsing): what the indexer's routes must produce. */
export type AgentSummaryResponse = z.input<typeof agentSummarySchema>;
export type AgentTrustResponse = z.input<typeof agentTrustSchema>;
export type AgentListResponse = z.input<typeof agentListSchema>;
export type PactViewResponse = z.input<typeof pactViewSchema>;
export type PactTimelineResponse = z.input<typeof pactTimelineSchema>;
export type PendingResponse = z.input<typeof pendingSchema>;
