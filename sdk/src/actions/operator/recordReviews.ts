import type { Address, Client } from "viem";
import { zeroHash } from "viem";
import { z } from "zod";

import { CAPPED_DECISIONS } from "../../constants/statuses.ts";
import { address, amount, document, type AmountInput, type DecimalsContext } from "../../schemas/fields.ts";
import { field, parseParameters, type Report } from "../../schemas/parse.ts";
import { REVIEW_DECISIONS, type HashedDocument, type ReviewDecision } from "../../types.ts";
import { anyString, decimalsOf, resolveDeployment } from "../../utils/client.ts";
import type { DocumentInput } from "../../utils/document.ts";
import type { SuretyEvent, SuretyEventArgs } from "../../utils/events.ts";
import { execute, toCalls, type Plan, type WriteResult } from "../../utils/execute.ts";
import {
  withAccount,
  writeFields,
  type PrepareReturnType,
  type WriteErrorType,
  type WriteParameters,
} from "../internal.ts";

/**
 * The most reviews one recordReviews call sends. Every entry costs gas: about 4,000 for a keep (its event), and up to
 * about 30,000 for a decision that writes a fresh standing with a cap and a freeze (a first review). 500 such entries
 * take about 15.2M gas, under the 16,777,216 (2^24) one Ethereum transaction may use since EIP-7825, and half a
 * 30M-gas block. A longer list is refused before anything is sent, rather than failing for gas on chain: split it
 * into several calls (each is all or nothing on its own).
 */
export const MAX_REVIEWS_PER_CALL = 500;

/** One agent's review: the decision, the cap it sets, and the evidence it rests on. */
export type ReviewInput = {
  agent: Address;
  /** What the decision rests on: a 32-byte hash, text, or a JSON value (hashed into `evidenceHash`). */
  evidence: DocumentInput;
} & (
  | { decision: "keep" | "warn" | "recertify"; cap?: undefined }
  /** From narrow up, `cap` bounds the agent's locked collateral, in the stake token (like setAgentStatus's). */
  | { decision: "narrow" | "review"; cap: AmountInput }
  /** A paused agent takes no new pacts whatever its cap, which is 0 by default. */
  | { decision: "pause"; cap?: AmountInput | undefined }
);

export type RecordReviewsParameters = WriteParameters & {
  /**
   * The reviews, one per agent, in any order (they are sent in ascending address order, as the contract
   * requires); 1 to MAX_REVIEWS_PER_CALL entries.
   */
  reviews: readonly ReviewInput[];
};

/** A review as it was checked and sent: its cap in base units, its evidence hashed. */
export type PreparedReview = {
  agent: Address;
  decision: ReviewDecision;
  /** In base units of the stake token; 0 for the decisions without a cap. */
  cap: bigint;
  /** The evidence's hash, and the exact text hashed. */
  evidence: HashedDocument;
};

/** A review as it was recorded on chain. */
export type RecordedReview = PreparedReview & {
  /** The review's AgentReviewed event (its `changed` says whether the agent's standing changed). */
  event: SuretyEventArgs<"AgentReviewed">;
  /** The AgentStatusChanged event of any decision other than keep. */
  statusChange: SuretyEventArgs<"AgentStatusChanged"> | undefined;
};

export type RecordReviewsReturnType = WriteResult & {
  /** Every review, in the order of the `reviews` parameter, with its events. */
  reviews: RecordedReview[];
  /** The AgentReviewed events, in the contract's order (ascending agent address). */
  reviewed: SuretyEventArgs<"AgentReviewed">[];
  /** The AgentStatusChanged events (one per decision other than keep), in the contract's order. */
  statusChanges: SuretyEventArgs<"AgentStatusChanged">[];
};

export type RecordReviewsErrorType = WriteErrorType;

const ACTION = "recordReviews";

const DECISIONS_WITH_CAP: readonly ReviewDecision[] = CAPPED_DECISIONS;
/** Pause may leave the cap out: a paused agent takes no new pacts whatever its cap. */
const DECISIONS_NEEDING_CAP: readonly ReviewDecision[] = CAPPED_DECISIONS.filter((decision) => decision !== "pause");

const ENTRY_SHAPE = "{ agent, decision, cap?, evidence }";

const decision = () =>
  field((value, report): ReviewDecision => {
    if (!REVIEW_DECISIONS.includes(value as ReviewDecision)) report(`must be one of ${REVIEW_DECISIONS.join(", ")}`);
    return value as ReviewDecision;
  });

/** Reports an entry's zod issues at `reviews.<index>.<field>`. */
function reportEntry(error: z.ZodError, index: number, report: Report): void {
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) report(`is not a field of a review ${ENTRY_SHAPE}`, [index, key]);
    } else if (issue.code === "invalid_type" && issue.expected === "object") {
      report(`must be a review ${ENTRY_SHAPE}`, [index]);
    } else {
      report(issue.message, [index, ...issue.path.map((key) => (typeof key === "symbol" ? String(key) : key))]);
    }
  }
}

/**
 * The reviews: a non-empty, bounded list of entries, each agent once, each cap where its decision takes one.
 * Output: the entries in the caller's order.
 */
const reviewList = (decimals: DecimalsContext) => {
  const entry = z.strictObject({
    agent: address({ nonZero: true }),
    decision: decision(),
    cap: amount(decimals, { bits: 128 }).optional(),
    evidence: document(),
  });
  return field((value, report): PreparedReview[] => {
    if (!Array.isArray(value)) {
      report(`must be an array of reviews ${ENTRY_SHAPE}`);
      return [];
    }
    if (value.length === 0) {
      report("is empty: name at least one agent to review");
      return [];
    }
    if (value.length > MAX_REVIEWS_PER_CALL) {
      report(
        `has ${value.length} entries, more than the ${MAX_REVIEWS_PER_CALL} one transaction can carry (its gas ` +
          "would pass the per-transaction cap): split the reviews into several calls",
      );
      return [];
    }
    const reviews: PreparedReview[] = [];
    const seen = new Map<string, number>();
    value.forEach((item: unknown, index) => {
      const parsed = entry.safeParse(item);
      if (!parsed.success) {
        reportEntry(parsed.error, index, report);
        return;
      }
      const { agent, decision, cap, evidence } = parsed.data;
      const first = seen.get(agent.toLowerCase());
      if (first !== undefined) {
        report(`repeats agent ${agent}, already reviewed by reviews.${first}: one decision per agent per call`, [
          index,
          "agent",
        ]);
      } else {
        seen.set(agent.toLowerCase(), index);
      }
      if (cap !== undefined && !DECISIONS_WITH_CAP.includes(decision)) {
        report(
          `does not apply to decision ${decision} (agent ${agent}): only ${DECISIONS_WITH_CAP.join(", ")} take a cap`,
          [index, "cap"],
        );
      }
      if (cap === undefined && DECISIONS_NEEDING_CAP.includes(decision)) {
        report(`is required for decision ${decision} (agent ${agent}): the most collateral the agent may have locked`, [
          index,
          "cap",
        ]);
      }
      if (evidence.hash === zeroHash) {
        report(`is the zero hash (agent ${agent}): commit to the evidence the decision rests on`, [index, "evidence"]);
      }
      reviews.push({ agent, decision, cap: cap ?? 0n, evidence });
    });
    return reviews;
  });
};

/** Whether any entry gives its cap as a string, which needs the stake token's decimals. */
function anyStringCap(reviews: unknown): boolean {
  return (
    Array.isArray(reviews) &&
    reviews.some(
      (review: unknown) =>
        typeof review === "object" && review !== null && anyString((review as { cap?: unknown }).cap),
    )
  );
}

/** Ascending by address, as the contract requires (equal-length lowercase hex compares as the numbers do). */
function byAgent(a: PreparedReview, b: PreparedReview): number {
  const left = a.agent.toLowerCase();
  const right = b.agent.toLowerCase();
  return left < right ? -1 : left > right ? 1 : 0;
}

async function planRecordReviews(client: Client, parameters: RecordReviewsParameters) {
  const deployment = await resolveDeployment(client, parameters.deployment, ACTION);
  const decimals: DecimalsContext = anyStringCap(parameters.reviews)
    ? await decimalsOf(client, deployment.stakeToken)
    : { reason: "unused" };
  const schema = z.strictObject({ reviews: reviewList(decimals), ...writeFields() });
  const input = parseParameters(ACTION, schema, withAccount(client, parameters));
  const sorted = [...input.reviews].sort(byAgent);
  const plan: Plan = {
    action: ACTION,
    deployment,
    account: input.account,
    approval: undefined,
    call: {
      functionName: "recordReviews",
      args: [
        sorted.map((review) => ({
          agent: review.agent,
          decision: REVIEW_DECISIONS.indexOf(review.decision),
          cap: review.cap,
          evidenceHash: review.evidence.hash,
        })),
      ],
      value: 0n,
    },
  };
  return { plan, reviews: input.reviews };
}

/** The events of each agent's review, matched by agent (each agent is reviewed once per call). */
function matchEvents(reviews: readonly PreparedReview[], events: readonly SuretyEvent[]) {
  const reviewed: SuretyEventArgs<"AgentReviewed">[] = [];
  const statusChanges: SuretyEventArgs<"AgentStatusChanged">[] = [];
  for (const event of events) {
    if (event.eventName === "AgentReviewed") reviewed.push(event.args);
    else if (event.eventName === "AgentStatusChanged") statusChanges.push(event.args);
  }
  const recorded = reviews.map((review): RecordedReview => {
    const agent = review.agent.toLowerCase();
    const event = reviewed.find((candidate) => candidate.agent.toLowerCase() === agent);
    if (event === undefined) throw new Error(`the receipt has no AgentReviewed event for agent ${review.agent}`);
    const statusChange = statusChanges.find((candidate) => candidate.agent.toLowerCase() === agent);
    return { ...review, event, statusChange };
  });
  return { reviews: recorded, reviewed, statusChanges };
}

/**
 * The operator records a week's reviews in one transaction, all or nothing: for each agent a decision (keep,
 * warn, narrow, review, pause or recertify) and the evidence it rests on. Every decision but keep moves the agent
 * on the ladder exactly as setAgentStatus or recertify would (an AgentStatusChanged event); every entry emits an
 * AgentReviewed event, whose `changed` says whether the agent's standing changed. Entries may come in any order;
 * they are sent sorted by agent address. It never moves funds.
 * @example
 * const { reviews } = await recordReviews(operatorClient, {
 *   reviews: [
 *     { agent: alice, decision: "keep", evidence: "OPS-201: 14 pacts settled on time" },
 *     { agent: bob, decision: "narrow", cap: "500", evidence: { ticket: "OPS-202", lost: "pact 41" } },
 *     { agent: carol, decision: "recertify", evidence: "OPS-203: audit passed" },
 *   ],
 * });
 * reviews.map((review) => review.event.changed); // [false, true, true]
 */
export async function recordReviews(
  client: Client,
  parameters: RecordReviewsParameters,
): Promise<RecordReviewsReturnType> {
  const { plan, reviews } = await planRecordReviews(client, parameters);
  const { events, ...result } = await execute(client, plan);
  return { ...result, ...matchEvents(reviews, events) };
}

/**
 * The call recordReviews would make (its entries sorted by agent), without sending it.
 * @example
 * const { calls, reviews } = await prepareRecordReviews(operatorClient, {
 *   reviews: [{ agent, decision: "pause", evidence: "OPS-204: unreachable for a week" }],
 * });
 */
export async function prepareRecordReviews(
  client: Client,
  parameters: RecordReviewsParameters,
): Promise<PrepareReturnType & { reviews: PreparedReview[] }> {
  const { plan, reviews } = await planRecordReviews(client, parameters);
  return { calls: toCalls(plan), reviews };
}
