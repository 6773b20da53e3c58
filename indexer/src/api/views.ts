/**
 * Rows as the trust routes show them (the SDK's response schemas): a pact with its effective status and standing
 * proposals, an agent's summary with its rates, a ladder step, a timeline entry, an agent's money. Amounts carry their
 * token's symbol and decimals (tokens.ts); addresses are checksummed.
 */
import {
  AGENT_STATUSES,
  hasCap,
  type AgentSummaryResponse,
  type AgentTrustResponse,
  type PactTimelineResponse,
  type PactViewResponse,
} from "@surety/sdk";
import schema from "ponder:schema";
import type { Context } from "hono";

import { CONCENTRATED_FLAG, isConcentrated } from "../lib/evidence.ts";
import { standingProposals } from "../lib/proposals.ts";
import { effectiveStatus } from "../lib/status.ts";
import { amountOf, checksum, jsonSafe, mean, ratio } from "./format.ts";
import { onTimeOf, settledOf } from "./rates.ts";
import { stakeTokenInfo, tokenInfo } from "./tokens.ts";

const { agent, agentTokenTotal, historyEvent, pact, stakePosition } = schema;

type PactRow = typeof pact.$inferSelect;
type AgentRow = typeof agent.$inferSelect;
type StakeRow = typeof stakePosition.$inferSelect;
type HistoryRow = typeof historyEvent.$inferSelect;
type MoneyRow = typeof agentTokenTotal.$inferSelect;

const seconds = (value: bigint | null) => (value === null ? null : Number(value));

/** A pact as of `now` (the latest indexed block's time): the SDK's pact view. */
export async function pactView(row: PactRow, now: bigint): Promise<PactViewResponse> {
  const token = await tokenInfo(row.token);
  const stake = await stakeTokenInfo();
  const effective = effectiveStatus(row, now);
  // Only what stands now: a split lapses with its status's deadline, a later deadline once the current one passed.
  const proposals = standingProposals(row, now);
  const money = (value: bigint | null, info = token) => (value === null ? null : amountOf(info, value));
  return {
    chainId: row.chainId,
    pactId: row.pactId.toString(),
    status: row.status,
    effectiveStatus: effective.status,
    deadline: effective.deadline,
    buyer: checksum(row.buyer),
    agent: checksum(row.agent),
    arbiter: checksum(row.arbiter),
    tokenListed: row.tokenListed,
    price: amountOf(token, row.price),
    arbiterFee: amountOf(token, row.arbiterFee),
    collateral: amountOf(stake, row.collateral),
    penalty: amountOf(stake, row.penalty),
    acceptBy: Number(row.acceptBy),
    deliverBy: Number(row.deliverBy),
    reviewPeriod: Number(row.reviewPeriod),
    rulingPeriod: Number(row.rulingPeriod),
    defaultBuyerBps: row.defaultBuyerBps,
    termsHash: row.termsHash,
    offerNonce: row.offerNonce?.toString() ?? null,
    deliveryHash: row.deliveryHash,
    disputeReasonHash: row.disputeReasonHash,
    rulingHash: row.rulingHash,
    buyerBps: row.buyerBps,
    toBuyer: money(row.toBuyer),
    toAgent: money(row.toAgent),
    slashed: money(row.slashed, stake),
    arbiterFeePaid: money(row.arbiterFeePaid),
    proposals: {
      buyerBps: proposals.buyerBps,
      buyerSplitAt: seconds(proposals.buyerSplitAt),
      agentBps: proposals.agentBps,
      agentSplitAt: seconds(proposals.agentSplitAt),
      buyerDeliverBy: seconds(proposals.buyerDeliverBy),
      agentDeliverBy: seconds(proposals.agentDeliverBy),
    },
    extensions: row.extensions,
    settledByAgreement: row.settledByAgreement,
    refundedByAgent: row.refundedByAgent,
    heldUntil: seconds(row.heldUntil),
    courtUnfunded: row.courtUnfunded,
    createdAt: Number(row.createdAt),
    acceptedAt: seconds(row.acceptedAt),
    deliveredAt: seconds(row.deliveredAt),
    disputedAt: seconds(row.disputedAt),
    settledAt: seconds(row.settledAt),
    updatedAt: Number(row.updatedAt),
    createdBlock: row.createdBlock.toString(),
    createdTransaction: row.createdTransaction,
  };
}

/** An agent's summary, given its pacts overdue now (rates.ts's `overdueSql`): the rows of GET /agents. */
export async function agentSummary(
  row: AgentRow,
  stake: StakeRow | null,
  overdueNow: number,
): Promise<AgentSummaryResponse> {
  const stakeToken = await stakeTokenInfo();
  const locked = stake?.locked ?? 0n;
  const free = stake?.free ?? 0n;
  return {
    chainId: row.chainId,
    address: checksum(row.address),
    status: row.status,
    statusSince: Number(row.statusSince),
    stake: {
      staked: amountOf(stakeToken, stake?.staked ?? 0n),
      bonded: amountOf(stakeToken, stake?.bonded ?? 0n),
      locked: amountOf(stakeToken, locked),
      queued: amountOf(stakeToken, stake?.queued ?? 0n),
      readyAt: Number(stake?.readyAt ?? 0n),
      free: amountOf(stakeToken, free),
    },
    /** Free stake over locked collateral; null while nothing is locked. */
    coverage: ratio(free, locked),
    cap: hasCap(row.status) ? amountOf(stakeToken, row.cap) : null,
    pacts: {
      offered: row.pactsOffered,
      accepted: row.pactsAccepted,
      fromOffers: row.pactsFromOffers,
      delivered: row.pactsDelivered,
      deliveredOnTime: row.deliveredOnTime,
      released: row.pactsReleased,
      finalized: row.pactsFinalized,
      refundedAfterMissedDelivery: row.pactsRefunded,
      refundedByAgent: row.refundedByAgent,
      settledByAgreement: row.settledByAgreement,
      extensionsGranted: row.extensionsGranted,
      cancelled: row.pactsCancelled,
      reclaimed: row.pactsReclaimed,
      open: row.pactsOpen,
      overdueNow,
      settled: settledOf(row, overdueNow),
      unlistedToken: row.unlistedPacts,
    },
    disputes: {
      opened: row.disputesOpened,
      ruled: row.disputesRuled,
      abstained: row.disputesAbstained,
      defaulted: row.disputesDefaulted,
      lost: row.disputesLost,
    },
    slashes: { count: row.slashes, total: amountOf(stakeToken, row.slashedTotal) },
    rates: {
      onTime: onTimeOf(row, overdueNow),
      dispute: ratio(row.disputesOpened, row.pactsAccepted),
      slash: ratio(row.slashes, row.pactsAccepted),
    },
    meanSeconds: {
      acceptanceToDelivery: mean(row.acceptToDeliverySeconds, row.acceptToDeliveryCount),
      deliveryToSettlement: mean(row.deliveryToSettlementSeconds, row.deliveryToSettlementCount),
      disputeToRuling: mean(row.disputeToRulingSeconds, row.disputeToRulingCount),
    },
    distinctBuyers: row.distinctBuyers,
    distinctArbiters: row.distinctArbiters,
    flags: [
      ...(row.unlistedPacts > 0 ? ["unlisted-token-pacts"] : []),
      ...(row.unansweredSignalAt !== null ? ["unanswered-signal"] : []),
      ...(overdueNow > 0 ? ["overdue-deliveries"] : []),
      ...(isConcentrated(row.topBuyerShare) ? [CONCENTRATED_FLAG] : []),
    ],
    firstSeenAt: Number(row.firstSeenAt),
    lastEventAt: Number(row.lastEventAt),
  };
}

/** The agent's ladder: where it stands, and every step from its `AgentStatusChanged` history rows, oldest first. */
export async function ladderView(row: AgentRow, steps: HistoryRow[]): Promise<AgentTrustResponse["ladder"]> {
  const stakeToken = await stakeTokenInfo();
  return {
    status: row.status,
    since: Number(row.statusSince),
    reasonHash: row.statusReasonHash,
    operator: row.statusOperator === null ? null : checksum(row.statusOperator),
    frozenUntil: Number(row.frozenUntil),
    steps: row.ladderSteps,
    recertifications: row.recertifications,
    unansweredSignalAt: row.unansweredSignalAt === null ? null : Number(row.unansweredSignalAt),
    history: steps.map((step) => {
      const args = step.args as { status: string; cap: string; frozenUntil: string; reasonHash: string };
      return {
        status: AGENT_STATUSES[Number(args.status)]!,
        cap: amountOf(stakeToken, BigInt(args.cap)),
        frozenUntil: Number(args.frozenUntil),
        reasonHash: args.reasonHash,
        operator: checksum(step.actor),
        timestamp: Number(step.timestamp),
        transactionHash: step.transactionHash,
      };
    }),
  };
}

/** An agent's money in one pact token (only listed tokens have rows). */
export async function moneyView(item: MoneyRow): Promise<AgentTrustResponse["money"][number]> {
  const token = await tokenInfo(item.token);
  return {
    token: token.address,
    symbol: token.symbol,
    listed: true,
    earned: amountOf(token, item.earned),
    refundedToBuyers: amountOf(token, item.refundedToBuyers),
    awardedByRulings: amountOf(token, item.awardedByRulings),
  };
}

/** A history row as an entry of a pact's timeline. */
export async function timelineEntry(event: HistoryRow): Promise<PactTimelineResponse["timeline"][number]> {
  return {
    kind: event.kind,
    actor: checksum(event.actor),
    account: event.account === null ? null : checksum(event.account),
    amount: event.token === null || event.amount === null ? null : amountOf(await tokenInfo(event.token), event.amount),
    args: event.args,
    blockNumber: event.blockNumber.toString(),
    timestamp: Number(event.timestamp),
    transactionHash: event.transactionHash,
    logIndex: event.logIndex,
  };
}

/** Sends an answer of the trust API's shape (the SDK's schemas), bigints as decimal strings. */
export function sendJson<T>(c: Context, body: T) {
  return c.json(jsonSafe(body) as object, 200);
}
