/** How amounts, times, rates and addresses read on the dashboard. Times are UTC: the chain's clock has no zone. */
import { isoWeekOf, type AgentStatus, type TrustAmount } from "@surety/sdk";

import { h } from "./dom.ts";

export const STATUS_LABELS: Record<AgentStatus, string> = {
  good: "Good",
  warned: "Warned",
  narrowed: "Narrowed",
  "under-review": "Under review",
  paused: "Paused",
};

/** The agent's step on the ladder as a colored badge. */
export function badge(status: AgentStatus): HTMLSpanElement {
  return h("span", { class: `badge badge-${status}`, "data-status": status }, STATUS_LABELS[status] ?? status);
}

/** A token that amounts are shown in: the stake token's decimals and symbol are known from the trust API. */
export type TokenUnits = { decimals: number | null; symbol: string | null };

/** Digits grouped by thousands; by hand, as toLocaleString builds a formatter on every call (slow for big tables). */
function grouped(value: bigint): string {
  return value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Base units as a decimal number of the token, grouped by thousands, with up to 2 decimals. */
export function units(raw: bigint | string, token: TokenUnits): string {
  const value = BigInt(raw);
  if (token.decimals === null) return `${grouped(value)} base units`;
  const scale = 10n ** BigInt(token.decimals);
  const negative = value < 0n;
  const absolute = negative ? -value : value;
  const whole = absolute / scale;
  const cents = token.decimals === 0 ? 0n : ((absolute % scale) * 100n) / scale;
  const fraction = cents === 0n ? "" : `.${cents.toString().padStart(2, "0")}`;
  return `${negative ? "-" : ""}${grouped(whole)}${fraction}${token.symbol ? ` ${token.symbol}` : ""}`;
}

/** An amount from the trust API. */
export function amount(value: TrustAmount | null): string {
  if (value === null) return "—";
  return units(value.raw, value);
}

export function percent(ratio: number | null): string {
  return ratio === null ? "—" : `${(ratio * 100).toFixed(ratio >= 0.995 || ratio === 0 ? 0 : 1)}%`;
}

export function coverage(ratio: number | null): string {
  return ratio === null ? "—" : `${ratio.toFixed(2)}×`;
}

/** Unix seconds as `2026-11-28 23:50 UTC`. */
export function time(seconds: number | string | null): string {
  if (seconds === null) return "—";
  const value = Number(seconds);
  if (value === 0) return "—";
  return `${new Date(value * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** A duration in seconds as `2 d 3 h`, `45 min`, `12 s`. */
export function duration(seconds: number | string | null): string {
  if (seconds === null) return "—";
  let left = Math.round(Math.abs(Number(seconds)));
  const parts: string[] = [];
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3_600],
    ["min", 60],
  ] as const) {
    if (left >= size) {
      parts.push(`${Math.floor(left / size)} ${unit}`);
      left %= size;
    }
    if (parts.length === 2) break;
  }
  if (parts.length === 0) parts.push(`${left} s`);
  return parts.join(" ");
}

/** A deadline relative to the indexer's clock: `in 3 h` or `2 d ago`. */
export function relative(deadline: number | null, now: number | null): string {
  if (deadline === null || now === null) return "";
  return deadline >= now ? `in ${duration(deadline - now)}` : `${duration(now - deadline)} ago`;
}

/** `0x7099…79C8`, with the whole address on hover. */
export function short(address: string): HTMLElement {
  return h("code", { title: address, class: "address" }, `${address.slice(0, 6)}…${address.slice(-4)}`);
}

/** The ISO week of a Unix time, as `2026-W48` (the SDK's reckoning, which the indexer's weeks share). */
export function isoWeek(seconds: number): string {
  return isoWeekOf(BigInt(Math.floor(seconds)));
}

/** A kind of event as words: `PactReleased` as `Pact released`. */
export function words(kind: string): string {
  const spaced = kind.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
