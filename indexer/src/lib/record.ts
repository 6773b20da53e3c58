/** The append-only history: one row per contract event, each moving the chain's clock forward. */
import { replaceBigInts } from "ponder";
import type { Context, Event, EventNames } from "ponder:registry";
import { history } from "ponder:schema";
import type { Address } from "viem";

import { tick } from "./clock.ts";

/** Any log event of the contracts indexed (not the clock's blocks). */
export type AnyEvent = Event<Exclude<EventNames, "Clock:block">>;

/** A history row's columns that the handler fills; the rest (block, time, transaction, arguments) come from the event. */
export type HistoryEntry = {
  kind: (typeof history.$inferInsert)["kind"];
  actor: Address;
  pactId?: bigint;
  agent?: Address;
  buyer?: Address;
  arbiter?: Address;
  account?: Address;
  token?: Address;
  amount?: bigint;
};

/** Appends the event to the history and moves the chain's clock forward. */
export async function record(context: Context, event: AnyEvent, entry: HistoryEntry): Promise<void> {
  const args = replaceBigInts(event.args as Record<string, unknown>, (value: bigint) => value.toString());
  await context.db.insert(history).values({
    id: event.id,
    chainId: context.chain.id,
    ...entry,
    args,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
    logIndex: event.log.logIndex,
  });
  await tick(context, event.block);
}
