/**
 * The operator's loop as the trust routes show it (the SDK's schemas): a recorded review, an exception note, an
 * agent's recovery and the evidence behind its outcomes. Amounts carry their token (tokens.ts); addresses are
 * checksummed.
 */
import type { AgentTrustResponse, ExceptionEntryResponse, ReviewEntryResponse } from "@surety/sdk";
import { hasCap } from "@surety/sdk";
import schema from "ponder:schema";

import { isConcentrated, largestShare, shareOf } from "../lib/evidence.ts";
import { daysSinceRecertification } from "../lib/recovery.ts";
import { amountOf, checksum, ratio, type TokenInfo } from "./format.ts";
import { tokenInfo } from "./tokens.ts";

const { agent, agentOutcome, agentReview, exceptionNote } = schema;

type AgentRow = typeof agent.$inferSelect;
type ReviewRow = typeof agentReview.$inferSelect;
type NoteRow = typeof exceptionNote.$inferSelect;
type EvidenceRow = typeof agentOutcome.$inferSelect;

/** A recorded review, with the agent's standing right after it (the cap from narrowed up, in the stake token). */
export function reviewEntry(row: ReviewRow, stakeToken: TokenInfo): ReviewEntryResponse {
  return {
    decision: row.decision,
    changed: row.changed,
    status: row.status,
    cap: hasCap(row.status) ? amountOf(stakeToken, row.cap) : null,
    evidenceHash: row.evidenceHash,
    operator: checksum(row.operator),
    timestamp: Number(row.timestamp),
    isoWeek: row.isoWeek,
    transactionHash: row.transactionHash,
  };
}

/** An exception or rescue note. */
export function exceptionEntry(row: NoteRow): ExceptionEntryResponse {
  return {
    kind: row.kind,
    pactId: row.pactId === null ? null : row.pactId.toString(),
    author: checksum(row.author),
    authorRole: row.authorRole,
    noteHash: row.noteHash,
    timestamp: Number(row.timestamp),
    isoWeek: row.isoWeek,
    transactionHash: row.transactionHash,
  };
}

/** The agent's recovery as of `now` (the latest indexed block's time). */
export function recoveryView(row: AgentRow, now: bigint): AgentTrustResponse["recovery"] {
  const days = daysSinceRecertification(row, now);
  return {
    contained: row.containedSince !== null,
    containedSince: row.containedSince === null ? null : Number(row.containedSince),
    containedSeconds: row.containedSince === null ? null : Number(now - row.containedSince),
    recoveries: row.recoveries,
    meanRecoverySeconds: row.recoveries === 0 ? null : Number(row.recoverySeconds) / row.recoveries,
    lastRecovery:
      row.lastContainedAt === null || row.lastRecoveredAt === null
        ? null
        : {
            containedAt: Number(row.lastContainedAt),
            recertifiedAt: Number(row.lastRecoveredAt),
            seconds: Number(row.lastRecoveredAt - row.lastContainedAt),
          },
    sinceRecertification:
      row.recertifiedAt === null
        ? null
        : {
            recertifiedAt: Number(row.recertifiedAt),
            pacts: row.pactsSinceRecertification,
            relapseAt: row.relapseAt === null ? null : Number(row.relapseAt),
            days: days!,
            clean: row.relapseAt === null,
          },
  };
}

/** The evidence behind the agent's outcomes, per listed token, given its buyers of settled pacts over all tokens. */
export async function evidenceView(
  rows: EvidenceRow[],
  distinctBuyers: number,
): Promise<AgentTrustResponse["evidence"]> {
  const tokens = await Promise.all(
    [...rows]
      .sort((a, b) => (a.token < b.token ? -1 : 1))
      .map(async (row) => {
        const token = await tokenInfo(row.token);
        const counted = (count: number, value: bigint) => ({ count, value: amountOf(token, value) });
        return {
          token: token.address,
          symbol: token.symbol,
          settled: counted(row.settledCount, row.settledValue),
          onTime: counted(row.onTimeCount, row.onTimeValue),
          slashed: counted(row.slashedCount, row.slashedValue),
          lost: counted(row.lostCount, row.lostValue),
          rates: {
            onTimeByCount: ratio(row.onTimeCount, row.settledCount),
            onTimeByValue: shareOf(row.onTimeValue, row.settledValue),
            slashedByCount: ratio(row.slashedCount, row.settledCount),
            slashedByValue: shareOf(row.slashedValue, row.settledValue),
          },
          distinctBuyers: row.distinctBuyers,
          topBuyer: row.settledCount === 0 ? null : checksum(row.topBuyer),
          topBuyerShare: shareOf(row.topBuyerValue, row.settledValue),
        };
      }),
  );
  const topBuyerShare = largestShare(tokens.map((token) => token.topBuyerShare));
  return { distinctBuyers, topBuyerShare, concentrated: isConcentrated(topBuyerShare), tokens };
}
