/**
 * The named sets of pact and agent statuses, each defined once here. Every other package (indexer, CLI, dashboard,
 * scripts, tests) imports them instead of listing statuses by hand.
 */
import { AGENT_STATUSES, PACT_STATUSES, type AgentStatus, type PactStatus, type ReviewDecision } from "../types.ts";

/**
 * Where each status stands in a pact's life:
 * - `open`: funded by the buyer, not yet accepted: the price is in escrow, no agent is bound.
 * - `underway`: accepted and not ended: the price is in escrow and the agent's collateral is locked.
 * - `terminal`: ended; no call moves the pact again.
 * A pact is live while it is open or underway. The contract's `_requireUnderway` admits exactly the underway
 * statuses.
 */
const STAGE = {
  open: "open",
  active: "underway",
  delivered: "underway",
  disputed: "underway",
  cancelled: "terminal",
  reclaimed: "terminal",
  released: "terminal",
  finalized: "terminal",
  refunded: "terminal",
  resolved: "terminal",
  abstained: "terminal",
  "default-ruled": "terminal",
  settled: "terminal",
} as const satisfies Record<PactStatus, "open" | "underway" | "terminal">;

type Stage = typeof STAGE;
type StatusesIn<stage extends Stage[PactStatus]> = {
  [status in PactStatus]: Stage[status] extends stage ? status : never;
}[PactStatus];

/** A pact that has not ended: open or underway. */
export type LivePactStatus = StatusesIn<"open" | "underway">;
/** A pact accepted by its agent and not yet ended. */
export type UnderwayPactStatus = StatusesIn<"underway">;
/** A pact that has ended. */
export type TerminalPactStatus = StatusesIn<"terminal">;

const ON_CHAIN: readonly PactStatus[] = PACT_STATUSES.filter((status): status is PactStatus => status !== "none");

/** The statuses of a pact that has not ended (Open, Active, Delivered, Disputed), in the contract's order. */
export const LIVE_PACT_STATUSES = ON_CHAIN.filter(
  (status) => STAGE[status] !== "terminal",
) as readonly LivePactStatus[];

/** The statuses of an accepted pact that has not ended (Active, Delivered, Disputed), in the contract's order. */
export const UNDERWAY_PACT_STATUSES = ON_CHAIN.filter(
  (status) => STAGE[status] === "underway",
) as readonly UnderwayPactStatus[];

/** The statuses of a pact that has ended, in the contract's order. */
export const TERMINAL_PACT_STATUSES = ON_CHAIN.filter(
  (status) => STAGE[status] === "terminal",
) as readonly TerminalPactStatus[];

/** Whether a pact in `status` has not ended (Open included). */
export const isLivePactStatus = (status: PactStatus): status is LivePactStatus => STAGE[status] !== "terminal";

/** Whether a pact in `status` is accepted and has not ended. */
export const isUnderwayPactStatus = (status: PactStatus): status is UnderwayPactStatus => STAGE[status] === "underway";

/** Whether a pact in `status` has ended. */
export const isTerminalPactStatus = (status: PactStatus): status is TerminalPactStatus => STAGE[status] === "terminal";

/** The ladder's steps an operator sets with setAgentStatus; recertify returns an agent to "good". */
export const LADDER_STEPS = AGENT_STATUSES.filter((status) => status !== "good") as readonly Exclude<
  AgentStatus,
  "good"
>[];

/** A step an operator can set. */
export type LadderStep = (typeof LADDER_STEPS)[number];

/**
 * The statuses under which the agent's cap bounds its locked collateral: narrowed and up (the contract compares
 * `status >= Narrowed`). A paused agent takes no new pacts whatever its cap.
 */
export const CAPPED_AGENT_STATUSES = AGENT_STATUSES.slice(AGENT_STATUSES.indexOf("narrowed")) as readonly Exclude<
  AgentStatus,
  "good" | "warned"
>[];

/** Whether an agent's cap applies in `status`. */
export const hasCap = (status: AgentStatus): status is (typeof CAPPED_AGENT_STATUSES)[number] =>
  AGENT_STATUSES.indexOf(status) >= AGENT_STATUSES.indexOf("narrowed");

/** The steps an operator must give a cap with; a paused agent's cap may be left out (it takes no new pacts). */
export const CAP_REQUIRED_STEPS = ["narrowed", "under-review"] as const satisfies readonly LadderStep[];

/** Whether setting an agent to `status` needs a cap. */
export const requiresCap = (status: AgentStatus): status is (typeof CAP_REQUIRED_STEPS)[number] =>
  (CAP_REQUIRED_STEPS as readonly AgentStatus[]).includes(status);

/**
 * The statuses that contain an agent: narrowed, under-review and paused. Recovery runs from the move into one of
 * them (from good or warned) to the agent's recertification.
 */
export const CONTAINED_AGENT_STATUSES = CAPPED_AGENT_STATUSES;

/** Whether an agent in `status` is contained (narrowed, under review or paused). */
export const isContained = hasCap;

/** The ladder status each review decision other than `keep` moves the agent to. */
export const DECISION_STATUS = {
  warn: "warned",
  narrow: "narrowed",
  review: "under-review",
  pause: "paused",
  recertify: "good",
} as const satisfies Record<Exclude<ReviewDecision, "keep">, AgentStatus>;

/** The decisions that take a cap (from narrow up); a pause's cap may be left out, as with setAgentStatus. */
export const CAPPED_DECISIONS = ["narrow", "review", "pause"] as const satisfies readonly ReviewDecision[];

/**
 * Above this share of an agent's settled value in one token coming from a single buyer, the agent's record is flagged
 * `concentrated-counterparties`: its outcomes rest mostly on one counterparty, which may be the agent itself under
 * another address (sock-puppet buyers cost only gas).
 */
export const CONCENTRATION_THRESHOLD = 0.5;
