/** The chain's clock: the latest indexed block, which effective statuses are computed against. */
import type { Context } from "ponder:registry";
import { indexedBlock } from "ponder:schema";

/** Records the latest indexed block; the clock never runs backwards. */
export async function tick(context: Context, block: { number: bigint; timestamp: bigint }): Promise<void> {
  await context.db
    .insert(indexedBlock)
    .values({ chainId: context.chain.id, number: block.number, timestamp: block.timestamp })
    .onConflictDoUpdate((row) =>
      block.number > row.number ? { number: block.number, timestamp: block.timestamp } : {},
    );
}
