/** Amounts, times, periods and shares written for people. */
import { AGENT_STATUSES, type TrustAmount } from "@surety/sdk";
import { formatUnits, zeroAddress, type Address } from "viem";

/** A token's symbol and decimals (ETH for the zero address). */
export type TokenInfo = { address: Address; symbol: string; decimals: number };

export const ETH: TokenInfo = { address: zeroAddress, symbol: "ETH", decimals: 18 };

/** `12.5 mUSD`. */
export function amount(raw: bigint, token: TokenInfo): string {
  return `${formatUnits(raw, token.decimals)} ${token.symbol}`;
}

/** An amount as the trust API gives it: its decimal string and symbol, or its base units. */
export function trustAmount(value: TrustAmount | null | undefined): string {
  if (value === null || value === undefined) return "-";
  if (value.amount !== null) return `${value.amount} ${value.symbol ?? ""}`.trim();
  return `${value.raw} base units of ${value.token}`;
}

/** `1d 12h`, `90m` → `1h 30m`, `0s`. */
export function period(seconds: number | bigint): string {
  let rest = BigInt(seconds);
  if (rest === 0n) return "0s";
  const negative = rest < 0n;
  if (negative) rest = -rest;
  const parts: string[] = [];
  for (const [unit, size] of [
    ["d", 86_400n],
    ["h", 3_600n],
    ["m", 60n],
    ["s", 1n],
  ] as const) {
    if (rest >= size) {
      parts.push(`${rest / size}${unit}`);
      rest %= size;
    }
  }
  return (negative ? "-" : "") + parts.slice(0, 2).join(" ");
}

/** `2027-01-15 08:00:00 UTC`, with `(in 2d 3h)` or `(3h ago)` relative to the chain's time when given. */
export function time(seconds: number | bigint, now?: number | bigint): string {
  const value = Number(seconds);
  if (value === 0) return "-";
  const date = new Date(value * 1000);
  const text = Number.isNaN(date.getTime())
    ? String(seconds)
    : `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
  if (now === undefined) return text;
  const delta = BigInt(seconds) - BigInt(now);
  if (delta === 0n) return `${text} (now)`;
  return delta > 0n ? `${text} (in ${period(delta)})` : `${text} (${period(-delta)} ago)`;
}

/** `75%` for 7500 basis points. */
export function share(bps: number | bigint): string {
  const value = Number(bps);
  return `${value / 100}%`;
}

/** A ratio (0.93) as a percentage, or "-" when there is none. */
export function rate(value: number | null): string {
  return value === null ? "-" : `${(value * 100).toFixed(1)}%`;
}

/** A ladder status from its enum index. */
export function ladder(index: number | bigint): string {
  return AGENT_STATUSES[Number(index)] ?? `status ${index}`;
}
