/**
 * Pure shaping of indexed rows into the trust API's responses: amounts as decimal strings with their token,
 * pending actions, rates and means (effective statuses are lib/status.ts's). No I/O, so the tests can check it directly.
 */
import type { EffectivePactStatus, PendingAction } from "@surety/sdk";
import { formatUnits, getAddress, type Address } from "viem";

import { standingProposals, type ProposalColumns } from "../lib/proposals.ts";

/** What the API knows of a token: its symbol and decimals, when the token answers for them. */
export type TokenInfo = { address: Address; symbol: string | null; decimals: number | null };

/** An amount with its token: base units, and a decimal string in the token's units when its decimals are known. */
export type Amount = {
  token: Address;
  symbol: string | null;
  decimals: number | null;
  raw: string;
  amount: string | null;
};

export function amountOf(token: TokenInfo, raw: bigint): Amount {
  return {
    token: token.address,
    symbol: token.symbol,
    decimals: token.decimals,
    raw: raw.toString(),
    amount: token.decimals === null ? null : formatUnits(raw, token.decimals),
  };
}

/** What the pending actions of a party depend on: the pact's parties and proposals, as stored. */
export type PendingPact = ProposalColumns & { buyer: string; agent: string; arbiter: string };

export type PendingItem = { action: PendingAction; role: "buyer" | "agent" | "arbiter"; deadline: number | null };

/**
 * What waits on `address` (lower case, as stored) in a pact of effective status `effective` at `now`: the next step
 * of its role, and an answer to what the other party proposed and still stands: a split (to be answered before it
 * lapses with its status's deadline, if it does), a later deadline until the current one passes.
 */
export function pendingActionsOf(
  pact: PendingPact,
  effective: { status: EffectivePactStatus; deadline: number | null },
  address: string,
  now: bigint,
): PendingItem[] {
  const items: PendingItem[] = [];
  const add = (action: PendingAction, role: PendingItem["role"], deadline: number | null) =>
    items.push({ action, role, deadline });
  const isBuyer = pact.buyer === address;
  const isAgent = pact.agent === address;
  const isArbiter = pact.arbiter === address;
  const { deadline } = effective;
  switch (effective.status) {
    case "open":
      if (isAgent) add("accept", "agent", deadline);
      if (isBuyer) add("cancel", "buyer", deadline);
      break;
    case "expired":
      if (isBuyer) add("reclaim", "buyer", null);
      break;
    case "active":
      if (isAgent) add("deliver", "agent", deadline);
      break;
    case "overdue":
      if (isBuyer) add("claim-refund", "buyer", null);
      break;
    case "delivered":
      if (isBuyer) add("release-or-dispute", "buyer", deadline);
      break;
    case "finalizable":
      if (isAgent) add("finalize", "agent", null);
      break;
    case "disputed":
      if (isArbiter) add("rule", "arbiter", deadline);
      if (isBuyer || isAgent) add("submit-evidence", isBuyer ? "buyer" : "agent", deadline);
      break;
    case "defaultable":
      if (isBuyer || isAgent) add("apply-default-ruling", isBuyer ? "buyer" : "agent", null);
      break;
  }
  if (isBuyer || isAgent) {
    const role = isBuyer ? "buyer" : "agent";
    const standing = standingProposals(pact, now);
    if ((isBuyer ? standing.agentBps : standing.buyerBps) !== null) {
      const standsUntil = isBuyer ? pact.agentProposalStandsUntil : pact.buyerProposalStandsUntil;
      add("accept-settlement", role, standsUntil === null ? null : Number(standsUntil));
    }
    if ((isBuyer ? standing.agentDeliverBy : standing.buyerDeliverBy) !== null) add("agree-extension", role, deadline);
  }
  return items;
}

/** `part / whole`, or null when there is nothing to divide by. */
export function ratio(part: bigint | number, whole: bigint | number): number | null {
  if (BigInt(whole) === 0n) return null;
  return Number(part) / Number(whole);
}

/** A mean in seconds, or null with no samples. */
export function mean(total: bigint, count: number): number | null {
  return count === 0 ? null : Number(total) / count;
}

/** The median of `values`, or null with none (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Lower-case hex as the database stores it, from an address already validated. */
export function stored(address: string): Address {
  return address.toLowerCase() as Address;
}

/** Checksummed, for output. */
export function checksum(address: string): Address {
  return getAddress(address);
}

/** A JSON-safe copy: bigints become decimal strings. */
export function jsonSafe<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value, (_key, item) => (typeof item === "bigint" ? item.toString() : item)));
}
