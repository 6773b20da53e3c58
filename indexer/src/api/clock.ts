/** The latest indexed block of a chain: the clock that effective statuses, deadlines and overdue pacts are read at. */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { eq } from "ponder";

const { indexedBlock } = schema;

export type Clock = { number: bigint; timestamp: bigint };

/** The latest indexed block of the chain, or null before the first. */
export async function clockOf(chainId: number): Promise<Clock | null> {
  const [row] = await db.select().from(indexedBlock).where(eq(indexedBlock.chainId, chainId));
  return row === undefined ? null : { number: row.number, timestamp: row.timestamp };
}

/** The `asOf` of an answer: the block and time it was read at. */
export function asOf(clock: Clock | null) {
  return clock === null ? null : { block: clock.number.toString(), timestamp: Number(clock.timestamp) };
}
