/**
 * Pure shaping of indexed rows into the trust API's responses: amounts as decimal strings with their token,
 * effective statuses, rates and means. No I/O, so the tests can check it directly.
 */
import { effectiveStatusOf, type EffectivePactStatus, type PactStatus, type Terms } from "@surety/sdk";
import { formatUnits, getAddress, type Address } from "viem";

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

/** The pact fields an effective status depends on, as the pact table stores them. */
export type PactTimes = {
  status: PactStatus;
  acceptBy: bigint;
  deliverBy: bigint;
  reviewPeriod: bigint;
  rulingPeriod: bigint;
  updatedAt: bigint;
};

/**
 * A pact's status as of `now` (the latest indexed block's time), by the SDK's own rule: what no event announces,
 * such as an open pact past its acceptance deadline (expired) or a delivery whose review period ran out
 * (finalizable), with the deadline the current status runs to.
 */
export function effectiveStatus(
  pact: PactTimes,
  now: bigint,
): { status: EffectivePactStatus; deadline: number | null } {
  const terms = {
    acceptBy: Number(pact.acceptBy),
    deliverBy: Number(pact.deliverBy),
    reviewPeriod: Number(pact.reviewPeriod),
    rulingPeriod: Number(pact.rulingPeriod),
  } as Terms;
  const { effectiveStatus: status, deadline } = effectiveStatusOf(
    pact.status,
    terms,
    Number(pact.updatedAt),
    Number(now),
  );
  return { status, deadline: deadline ?? null };
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
