import type { Address, Hex } from "viem";

/**
 * A pact's terms exactly as the contract takes them: amounts in base units, deadlines in Unix seconds, periods in
 * seconds. `token` is the payment token, the zero address for ETH. The contract keeps only a commitment to them;
 * every call after creation passes them back. An agreed extension (extendDeadline) replaces `deliverBy`: from then
 * on the terms in force are the created ones with the new deadline.
 */
export type Terms = {
  buyer: Address;
  agent: Address;
  arbiter: Address;
  token: Address;
  price: bigint;
  arbiterFee: bigint;
  collateral: bigint;
  penalty: bigint;
  acceptBy: number;
  deliverBy: number;
  reviewPeriod: number;
  rulingPeriod: number;
  defaultBuyerBps: number;
  termsHash: Hex;
};

/** An agent's offer exactly as it is signed (EIP-712) and funded. `buyer` is the zero address for anyone. */
export type Offer = {
  agent: Address;
  buyer: Address;
  arbiter: Address;
  token: Address;
  price: bigint;
  arbiterFee: bigint;
  collateral: bigint;
  penalty: bigint;
  deliveryPeriod: number;
  reviewPeriod: number;
  rulingPeriod: number;
  defaultBuyerBps: number;
  termsHash: Hex;
  nonce: bigint;
  expiry: number;
};

/** An offer with the agent's signature over it: what an agent hands to a buyer. */
export type SignedOffer = { offer: Offer; signature: Hex };

/** An EIP-2612 permit in the form Surety takes it. */
export type Permit = { deadline: bigint; v: number; r: Hex; s: Hex };

/** A commitment to a document: its keccak256 hash, and the exact text hashed (absent when a hash was given). */
export type HashedDocument = { hash: Hex; canonical: string | undefined };

/** The on-chain statuses of a pact, in the order of the Solidity enum (index 0 is "no pact"). */
export const PACT_STATUSES = [
  "none",
  "open",
  "active",
  "delivered",
  "disputed",
  "cancelled",
  "reclaimed",
  "released",
  "finalized",
  "refunded",
  "resolved",
  "abstained",
  "default-ruled",
  "settled",
] as const;

/** A pact's on-chain status. */
export type PactStatus = Exclude<(typeof PACT_STATUSES)[number], "none">;

/**
 * A pact's status as of the latest block: the on-chain status, or, once a deadline has lapsed, what anyone can do
 * next: `expired` (open past `acceptBy`: reclaimable), `overdue` (active past `deliverBy`: refundable),
 * `finalizable` (delivered past the review period) or `defaultable` (disputed past the ruling period).
 */
export type EffectivePactStatus = PactStatus | "expired" | "overdue" | "finalizable" | "defaultable";

/** The steps of the operator's ladder, in the order of the Solidity enum. */
export const AGENT_STATUSES = ["good", "warned", "narrowed", "under-review", "paused"] as const;

/** An agent's step on the ladder. */
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/**
 * An operator's review decision, in the contract's `ReviewDecision` order: `keep` leaves the agent's scope as it is;
 * `warn`, `narrow`, `review` and `pause` move it to warned, narrowed, under-review and paused; `recertify` returns it
 * to good standing.
 */
export const REVIEW_DECISIONS = ["keep", "warn", "narrow", "review", "pause", "recertify"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/**
 * The kind of an exception note, in the contract's `ExceptionKind` order: an `exception` bends a pact's or the
 * ladder's usual course; a `rescue` is human work that saved an agent's delivery.
 */
export const EXCEPTION_KINDS = ["exception", "rescue"] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];
