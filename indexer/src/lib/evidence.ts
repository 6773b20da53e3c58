/**
 * The evidence behind an agent's outcomes: settled value per buyer, and how much of it the single largest buyer
 * accounts for. An agent whose settled value in some listed token comes more than CONCENTRATION_THRESHOLD (0.5) from
 * one buyer is flagged `concentrated-counterparties`. Pure, for the handlers, the API and the tests.
 */
import { CONCENTRATION_THRESHOLD } from "@surety/sdk";

/** The flag the trust record carries when one buyer accounts for most of an agent's settled value. */
export const CONCENTRATED_FLAG = "concentrated-counterparties";

/** `part / whole` as a number, or null when nothing settled. */
export function shareOf(part: bigint, whole: bigint): number | null {
  return whole === 0n ? null : Number(part) / Number(whole);
}

/** Whether a top buyer's share (null: nothing settled) is above the threshold, strictly. */
export const isConcentrated = (share: number | null): boolean => share !== null && share > CONCENTRATION_THRESHOLD;

/** The largest of the shares given (one per token), or null when none is known. */
export function largestShare(shares: readonly (number | null)[]): number | null {
  let largest: number | null = null;
  for (const share of shares) if (share !== null && (largest === null || share > largest)) largest = share;
  return largest;
}

/**
 * The top buyer after `buyer`'s settled value grew to `value`: values only grow, so the top is the buyer with the
 * largest value, the lowest address (lower case) among equals.
 */
export function nextTopBuyer(
  top: { buyer: string | null; value: bigint },
  buyer: string,
  value: bigint,
): { buyer: string; value: bigint } {
  if (
    top.buyer === null ||
    value > top.value ||
    (value === top.value && buyer.toLowerCase() < top.buyer.toLowerCase())
  ) {
    return { buyer, value };
  }
  return { buyer: top.buyer, value: top.value };
}
