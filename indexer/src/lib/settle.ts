/**
 * The end of an accepted pact, whatever ended it: its outcome on the pact row, the collateral unlocked and any slash
 * taken, the agent's counters and weekly review, and the signal a slash or a lost dispute raises. Stake positions and
 * slashes are always exact, whatever the pact's token; the counters move only for pacts that count (lib/pact.ts).
 */
import type { Context } from "ponder:registry";
import { pact } from "ponder:schema";
import type { Hex } from "viem";

import { addEvidence } from "./evidence-rows.ts";
import { counts, HALF_BPS, NO_PROPOSALS, type PactRow } from "./pact.ts";
import type { AnyEvent } from "./record.ts";
import { signal, updateAgent, updateBuyer, updateStake, updateWeek } from "./upsert.ts";

/**
 * Ends an accepted pact: unlocks its collateral, slashing `slashed` of it, counts the settlement, and clears the
 * parties' standing proposals, which nothing can accept any more.
 */
export async function settle(
  context: Context,
  event: AnyEvent,
  row: PactRow,
  outcome: {
    status: PactRow["status"];
    counter:
      | "pactsReleased"
      | "pactsFinalized"
      | "pactsRefunded"
      | "settledByAgreement"
      | "disputesRuled"
      | "disputesAbstained"
      | "disputesDefaulted";
    toBuyer: bigint;
    toAgent: bigint;
    slashed: bigint;
    buyerBps?: number;
    arbiterFeePaid?: bigint;
    rulingHash?: Hex;
    lost?: boolean;
    /** Ended by the parties themselves: a split they agreed, or a refund the agent made. */
    flag?: "settledByAgreement" | "refundedByAgent";
  },
): Promise<void> {
  const time = event.block.timestamp;
  await context.db.update(pact, { chainId: context.chain.id, pactId: row.pactId }).set({
    status: outcome.status,
    toBuyer: outcome.toBuyer,
    toAgent: outcome.toAgent,
    slashed: outcome.slashed,
    buyerBps: outcome.buyerBps ?? null,
    arbiterFeePaid: outcome.arbiterFeePaid ?? null,
    rulingHash: outcome.rulingHash ?? null,
    ...NO_PROPOSALS,
    ...(outcome.flag === "settledByAgreement" && { settledByAgreement: true }),
    ...(outcome.flag === "refundedByAgent" && { refundedByAgent: true }),
    settledAt: time,
    updatedAt: time,
  });
  if (row.collateral > 0n) {
    await updateStake(context, row.agent, time, (stake) => ({
      locked: stake.locked - row.collateral,
      bonded: stake.bonded - outcome.slashed,
    }));
  }
  if (outcome.slashed > 0n) {
    await updateAgent(context, row.agent, time, (current) => ({
      slashes: current.slashes + 1,
      slashedTotal: current.slashedTotal + outcome.slashed,
    }));
    await updateWeek(context, row.agent, time, (week) => ({
      slashes: week.slashes + 1,
      slashedAmount: week.slashedAmount + outcome.slashed,
    }));
  }
  if (counts(row)) {
    const ruling = outcome.counter === "disputesRuled" || outcome.counter === "disputesAbstained";
    await updateAgent(context, row.agent, time, (current) => ({
      [outcome.counter]: current[outcome.counter] + 1,
      pactsOpen: current.pactsOpen - 1,
      disputesLost: current.disputesLost + (outcome.lost === true ? 1 : 0),
      ...(row.deliveredAt !== null && {
        deliveryToSettlementSeconds: current.deliveryToSettlementSeconds + (time - row.deliveredAt),
        deliveryToSettlementCount: current.deliveryToSettlementCount + 1,
      }),
      ...(ruling &&
        row.disputedAt !== null && {
          disputeToRulingSeconds: current.disputeToRulingSeconds + (time - row.disputedAt),
          disputeToRulingCount: current.disputeToRulingCount + 1,
        }),
    }));
    await updateWeek(context, row.agent, time, (week) => ({
      pactsSettled: week.pactsSettled + 1,
      lostDisputes: week.lostDisputes + (outcome.lost === true ? 1 : 0),
      settlementsByAgreement: week.settlementsByAgreement + (outcome.flag === "settledByAgreement" ? 1 : 0),
      refundsByAgent: week.refundsByAgent + (outcome.flag === "refundedByAgent" ? 1 : 0),
    }));
    await addEvidence(context, row, time, { slashed: outcome.slashed > 0n, lost: outcome.lost === true });
  }
  if (outcome.slashed > 0n || outcome.lost === true) await signal(context, row.agent, time);
}

/** A decided dispute, as the buyer's record counts it. */
export async function decideForBuyer(context: Context, row: PactRow, time: bigint, buyerBps: number): Promise<void> {
  await updateBuyer(context, row.buyer, time, (current) => ({
    disputesDecided: current.disputesDecided + 1,
    disputesBelowHalf: current.disputesBelowHalf + (buyerBps < HALF_BPS ? 1 : 0),
  }));
}
