/**
 * The append-only history: one row per contract event, each moving the chain's clock forward and, when the row names
 * an agent, that agent's `lastEventAt`.
 */
import { replaceBigInts } from "ponder";
import type { Context, Event, EventNames } from "ponder:registry";
import { historyEvent } from "ponder:schema";
import type { Address } from "viem";

import { tick } from "./clock.ts";
import { updateAgent } from "./upsert.ts";
import { isoWeekLabel, weekStartOf } from "./weeks.ts";

/** Any log event of the contracts indexed (not the clock's blocks). */
export type AnyEvent = Event<Exclude<EventNames, "Clock:block">>;

/** A history row's columns that the handler fills; the rest (block, time, transaction, arguments) come from the event. */
export type HistoryEntry = {
  kind: (typeof historyEvent.$inferInsert)["kind"];
  actor: Address;
  pactId?: bigint;
  agent?: Address;
  buyer?: Address;
  arbiter?: Address;
  account?: Address;
  token?: Address;
  amount?: bigint;
};

/**
 * Appends the event to the history and moves the chain's clock forward. A row that names an agent is a row of the
 * agent's history, so it moves the agent's `lastEventAt` (creating the agent's record at its first event) whether
 * or not a counter moved: pacts in unlisted tokens, evidence, payouts credited, stake withdrawals and a court's events
 * included. Here rather than in each handler, so no handler can forget it.
 */
export async function record(context: Context, event: AnyEvent, entry: HistoryEntry): Promise<void> {
  const args = replaceBigInts(event.args as Record<string, unknown>, (value: bigint) => value.toString());
  await context.db.insert(historyEvent).values({
    id: event.id,
    chainId: context.chain.id,
    ...entry,
    args,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
    logIndex: event.log.logIndex,
  });
  if (entry.agent !== undefined) await updateAgent(context, entry.agent, event.block.timestamp, () => ({}));
  await tick(context, event.block);
}

/**
 * The columns that place a row made from one event (a review, a note): its chain, its position in the chain, its
 * time and the ISO week that time falls in.
 */
export function eventPosition(context: Context, event: AnyEvent) {
  const weekStart = weekStartOf(event.block.timestamp);
  return {
    chainId: context.chain.id,
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    weekStart,
    isoWeek: isoWeekLabel(weekStart),
    timestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
  };
}
