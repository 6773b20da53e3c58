/**
 * The time a transaction sent now will see: the one clock of every deadline check in the SDK and the CLI.
 *
 * A transaction never runs in the latest block, only in a later one, and `block.timestamp` there is what every
 * deadline of the contracts is judged against. On a real chain the latest block is seconds to a minute old; on a
 * local node that mines only on demand (Hardhat's automine) it is as old as the last transaction, hours maybe. So
 * the SDK judges deadlines, and simulates every write, at the next block's time, never at the latest block's.
 */
import type { Client } from "viem";
import { getBlock } from "viem/actions";
import { getAction } from "viem/utils";

import { RequestError } from "../errors/request.ts";

/** What the SDK knows of the block a transaction sent now goes into. */
export type NextBlock = {
  /** Its timestamp, at the earliest: see {@link nextBlockTime}. */
  timestamp: bigint;
  /**
   * Where the timestamp comes from: the node's own pending block (Hardhat, geth), or the latest block and the
   * local clock, when the node has no pending block later than its latest.
   */
  source: "pending" | "clock";
  /** The latest block, which the next one follows. */
  latest: { number: bigint; timestamp: bigint };
};

/**
 * The time a transaction sent now will see, from what the node says and the local clock (the definition every
 * deadline check of the SDK and the CLI uses):
 * - the timestamp of the node's pending block, when the node has one later than its latest block: the node's own
 *   answer, exact on a Hardhat node (whose clock may run behind or, after time travel, ahead of this machine's);
 * - otherwise max(latest block's timestamp + 1, the local clock in whole seconds): a block is always later than
 *   its parent, and a block being built now is not stamped before now.
 */
export function nextBlockTime(input: {
  /** The latest block's timestamp, in Unix seconds. */
  latest: bigint;
  /** The node's pending block's timestamp, when it has one. */
  pending?: bigint | undefined;
  /** The local clock, in milliseconds since the epoch (Date.now()). */
  now: number;
}): bigint {
  if (input.pending !== undefined && input.pending > input.latest) return input.pending;
  const clock = BigInt(Math.floor(input.now / 1000));
  const after = input.latest + 1n;
  return clock > after ? clock : after;
}

/** The next block, as far as it can be known: its earliest timestamp and the latest block it follows. */
export async function getNextBlock(client: Client, action: string): Promise<NextBlock> {
  const read = getAction(client, getBlock, "getBlock");
  let latest: { number: bigint; timestamp: bigint };
  let pending: bigint | undefined;
  try {
    const [latestBlock, pendingBlock] = await Promise.all([
      read({ blockTag: "latest" }),
      // A node without a pending block (or that refuses the tag) leaves the local clock to tell.
      read({ blockTag: "pending" }).catch(() => undefined),
    ]);
    latest = { number: latestBlock.number, timestamp: latestBlock.timestamp };
    pending = pendingBlock?.timestamp;
  } catch (error) {
    throw new RequestError({ action, cause: error });
  }
  const timestamp = nextBlockTime({ latest: latest.timestamp, pending, now: Date.now() });
  const source = pending !== undefined && pending > latest.timestamp ? "pending" : "clock";
  return { timestamp, source, latest };
}

/** The next block's time (see {@link nextBlockTime}), for an action: a failing node is a RequestError naming it. */
export async function nextBlockTimeFor(client: Client, action: string): Promise<bigint> {
  return (await getNextBlock(client, action)).timestamp;
}

/**
 * The time a transaction sent now will see (`block.timestamp` of the next block, at the earliest): what the SDK
 * judges every deadline at, simulates every write at, and counts durations ("3d") from.
 * @throws RequestError when the node cannot be asked.
 * @example
 * const now = await getNextBlockTime(publicClient);
 * if (now > BigInt(terms.deliverBy)) await claimRefund(walletClient, { pactId, terms });
 */
export async function getNextBlockTime(client: Client): Promise<bigint> {
  return nextBlockTimeFor(client, "getNextBlockTime");
}
