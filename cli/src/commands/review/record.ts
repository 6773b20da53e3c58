/**
 * `surety review record`: the operator's decisions on many agents in one transaction, from a file or from one agent's
 * flags, every entry checked before anything is sent.
 */
import {
  AGENT_STATUSES,
  hasCap,
  MAX_REVIEWS_PER_CALL,
  type AgentStatus,
  type ReviewDecision,
  type ReviewInput,
} from "@surety/sdk";
import type { Address } from "viem";

import type { Context } from "../../context.ts";
import { RefusedError } from "../../errors.ts";
import { amount } from "../../format.ts";
import type { Result } from "../../output.ts";
import { documentJson, txJson, txRows } from "../shared.ts";
import { checkReview, FLAG_SOURCE, readReviewFile, REVIEW_FIELDS, type ReviewEntry } from "./entries.ts";

/** Reads the reviews from `--file` or from the flags of one agent, reporting every problem. */
function readReviews(context: Context): ReviewEntry[] {
  const { flags } = context;
  // The flags of one review, which `--file` replaces.
  const given = REVIEW_FIELDS.filter((key) => flags.has(key));
  if (flags.has("file")) {
    if (given.length > 0) {
      flags.report(
        "--file",
        `cannot be combined with ${given.map((key) => `--${key}`).join(", ")}: give every review in the file, or one agent's review by flags`,
      );
      return [];
    }
    const file = flags.file("file");
    if (file === undefined) return [];
    return readReviewFile(flags, { path: file, given: flags.raw("file")! });
  }
  if (given.length === 0) {
    flags.report(
      "--file",
      "or --agent is required: the reviews as a file (--file reviews.json or reviews.csv), or one agent's by flags (--agent, --decision, --cap, --evidence)",
    );
    return [];
  }
  const raw = Object.fromEntries(REVIEW_FIELDS.map((key) => [key, flags.given(key)]));
  const entry = checkReview(flags, raw, FLAG_SOURCE(context.io.cwd));
  return entry === undefined ? [] : [entry];
}

/** A checked review as the SDK takes it (a cap exactly where the decision takes one, as checkReview made sure). */
function toInput(entry: ReviewEntry): ReviewInput {
  const review = { agent: entry.agent, evidence: entry.evidence.value };
  switch (entry.decision) {
    case "narrow":
    case "review":
      return { ...review, decision: entry.decision, cap: entry.cap! };
    case "pause":
      return { ...review, decision: entry.decision, cap: entry.cap };
    default:
      return { ...review, decision: entry.decision };
  }
}

/** A review's JSON once recorded: the decision, the evidence's hash, and the agent's standing before and after. */
type ReviewJson = {
  agent: Address;
  decision: ReviewDecision;
  /** The agent's cap after the decision, in base units (narrowed and up), else null. */
  cap: bigint | null;
  evidence: ReturnType<typeof documentJson>;
  /** Whether the decision changed the agent's standing (status, cap or withdrawal freeze). */
  changed: boolean;
  statusBefore: AgentStatus;
  status: AgentStatus;
  frozenUntil: number | null;
  where: string;
};

/** `review record`'s action. */
export async function recordReviews(context: Context): Promise<Result> {
  const entries = readReviews(context);
  if (entries.length > MAX_REVIEWS_PER_CALL) {
    context.flags.report(
      "--file",
      `holds ${entries.length} reviews, more than the ${MAX_REVIEWS_PER_CALL} one transaction carries: split it into several files`,
    );
  }
  const session = await context.connect(context.settings("required"));
  const stake = await session.token(session.deployment.stakeToken);

  // The agents' standing now: a recertification of an agent in good standing would add a ladder step that changes
  // nothing and restart its recovery count, so it is refused, as `agent recertify` refuses it.
  const before = await inBatches(entries, (entry) => session.reader.getAgentStatus({ agent: entry.agent }));
  const good = entries.filter((entry, index) => entry.decision === "recertify" && before[index]!.status === "good");
  if (good.length > 0) {
    throw new RefusedError(
      [
        ...good.map(
          (entry) => `${entry.where}: agent ${entry.agent} is already in good standing: record keep, not recertify`,
        ),
        "Nothing was sent.",
      ].join("\n"),
    );
  }

  // The SDK names a problem it finds (a cap with more decimals than the stake token has) by its index in `reviews`,
  // the entries' order: name it by the entry or flag instead.
  context.app.flagMap = Object.fromEntries([
    ["reviews", "--file"],
    ...entries.flatMap((entry, index) =>
      REVIEW_FIELDS.map((field) => [`reviews.${index}.${field}`, entry.name(field)]),
    ),
  ]);
  const result = await session.signer().recordReviews({
    reviews: entries.map(toInput),
  });

  const reviews = result.reviews.map((review, index): ReviewJson => {
    const entry = entries[index]!;
    const standing = before[index]!;
    const change = review.statusChange;
    const status = change === undefined ? standing.status : (AGENT_STATUSES[change.status] ?? standing.status);
    const cap = change === undefined ? standing.cap : hasCap(status) ? change.cap : undefined;
    return {
      agent: review.agent,
      decision: review.decision,
      cap: cap ?? null,
      evidence: documentJson(review.evidence, entry.evidence.source),
      changed: review.event.changed,
      statusBefore: standing.status,
      status,
      frozenUntil: change === undefined ? null : Number(change.frozenUntil),
      where: entry.where,
    };
  });
  const changed = reviews.filter((review) => review.changed).length;
  const rows = reviews.map((review) => [
    review.agent,
    review.decision,
    review.status === review.statusBefore ? review.status : `${review.statusBefore} → ${review.status}`,
    review.cap === null ? "-" : amount(review.cap, stake),
    review.changed ? "yes" : "no",
  ]);
  return {
    json: { action: context.path, eventName: "AgentReviewed", ...txJson(result), reviews },
    views: [
      {
        title: `Recorded ${count(reviews.length, "review")} in one transaction: ${changed} changed an agent's standing`,
        rows: [
          ...(await txRows(session, result)),
          ["Gas per review", String(result.receipt.gasUsed / BigInt(Math.max(reviews.length, 1)))],
        ],
      },
      // The cap wraps at its unit, if it must, to fit 100 columns.
      { list: { head: ["Agent", "Decision", "Status", "Cap", "Changed"], rows, borderless: { wrap: 3 } } },
    ],
  };
}

function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? "" : "s"}`;
}

/** How many reads go to the node at once: a 500-agent review should not open 500 requests together. */
const READS_AT_ONCE = 25;

/** `read` over `items`, at most READS_AT_ONCE at a time, in order. */
async function inBatches<T, R>(items: readonly T[], read: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += READS_AT_ONCE) {
    results.push(...(await Promise.all(items.slice(start, start + READS_AT_ONCE).map(read))));
  }
  return results;
}
