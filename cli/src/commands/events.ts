/** Surety's events in one line each, amounts in their token. */
import type { Terms } from "@surety/sdk";
import type { Address } from "viem";

import { amount, ladder, period, share, time, type TokenInfo } from "../format.ts";

const PAYMENT = new Set(["refund", "payment", "feeRefund", "toBuyer", "toAgent", "arbiterFee", "fee", "price"]);
const STAKE = new Set(["collateral", "locked", "slashed", "penalty", "bonded", "queued", "cap"]);
const TIMES = new Set(["readyAt", "frozenUntil", "acceptBy", "deliverBy", "previousDeliverBy", "expiry", "heldUntil"]);
const PERIODS = new Set(["reviewPeriod", "rulingPeriod", "deliveryPeriod", "maxRulingPeriod"]);
const SHARES = new Set(["buyerBps", "defaultBuyerBps"]);
const SKIP = new Set(["pactId", "termsHash"]);

export type EventTokens = {
  payment: TokenInfo;
  stake: TokenInfo;
  /** Other tokens named by an event (a payout's token). */
  byAddress: (token: Address) => TokenInfo | undefined;
};

function words(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`);
}

function value(key: string, item: unknown, args: Record<string, unknown>, tokens: EventTokens): string {
  if (typeof item === "bigint" || typeof item === "number") {
    if (PAYMENT.has(key)) return amount(BigInt(item), tokens.payment);
    if (STAKE.has(key)) return amount(BigInt(item), tokens.stake);
    if (TIMES.has(key)) return time(item);
    if (PERIODS.has(key)) return period(item);
    if (SHARES.has(key)) return share(item);
    if (key === "status") return ladder(item);
    if (key === "amount" || key === "minFee") {
      const token = typeof args.token === "string" ? tokens.byAddress(args.token as Address) : undefined;
      return amount(BigInt(item), token ?? tokens.stake);
    }
  }
  return String(item);
}

/** `price 100 mUSD`, `collateral 50 mUSD`, … for an event's arguments, one line each. */
export function describeEvent(eventName: string, args: Record<string, unknown>, tokens: EventTokens): string {
  if (eventName === "PactCreated") {
    const terms = args.terms as Terms;
    return [
      `buyer ${terms.buyer}`,
      `agent ${terms.agent}`,
      `price ${amount(terms.price, tokens.payment)}`,
      `collateral ${amount(terms.collateral, tokens.stake)}`,
      `accept by ${time(terms.acceptBy)}`,
      `deliver by ${time(terms.deliverBy)}`,
    ].join("\n");
  }
  return Object.entries(args)
    .filter(([key]) => !SKIP.has(key))
    .map(([key, item]) => `${words(key)} ${value(key, item, args, tokens)}`)
    .join("\n");
}
