/**
 * The state rows of agents, stakes, buyers, arbiters, money, counterparties and weekly reviews: each created on first
 * use (an insert that does nothing on conflict, then an update), so a handler only says what changes.
 */
import type { Context } from "ponder:registry";
import {
  agent,
  agentCounterpartyLink,
  agentTokenTotal,
  arbiter,
  buyer,
  stakePosition,
  weeklyReview,
} from "ponder:schema";
import type { Address } from "viem";

import type { PactRow } from "./pact.ts";
import { signalAfterRecertification } from "./recovery.ts";
import { isoWeekLabel, weekStartOf } from "./weeks.ts";

export type AgentRow = typeof agent.$inferSelect;
type WeeklyRow = typeof weeklyReview.$inferSelect;

export function newAgent(chainId: number, address: Address, time: bigint): typeof agent.$inferInsert {
  return {
    chainId,
    address,
    status: "good",
    statusSince: time,
    cap: 0n,
    frozenUntil: 0n,
    ladderSteps: 0,
    recertifications: 0,
    pactsOffered: 0,
    pactsAccepted: 0,
    pactsFromOffers: 0,
    pactsDelivered: 0,
    deliveredOnTime: 0,
    pactsReleased: 0,
    pactsFinalized: 0,
    pactsRefunded: 0,
    refundedByAgent: 0,
    settledByAgreement: 0,
    extensionsGranted: 0,
    pactsCancelled: 0,
    pactsReclaimed: 0,
    pactsOpen: 0,
    disputesOpened: 0,
    disputesRuled: 0,
    disputesAbstained: 0,
    disputesDefaulted: 0,
    disputesLost: 0,
    disputesUnfunded: 0,
    slashes: 0,
    slashedTotal: 0n,
    unlistedPacts: 0,
    acceptToDeliverySeconds: 0n,
    acceptToDeliveryCount: 0,
    deliveryToSettlementSeconds: 0n,
    deliveryToSettlementCount: 0,
    disputeToRulingSeconds: 0n,
    disputeToRulingCount: 0,
    distinctBuyers: 0,
    distinctArbiters: 0,
    firstSeenAt: time,
    lastEventAt: time,
    reviewsRecorded: 0,
    reviewsChanged: 0,
    exceptionsLogged: 0,
    containments: 0,
    recoveries: 0,
    recoverySeconds: 0n,
    pactsSinceRecertification: 0,
  };
}

/** Applies `change` to the agent's row, creating the row first when the agent is new. */
export async function updateAgent(
  context: Context,
  address: Address,
  time: bigint,
  change: (row: AgentRow) => Partial<AgentRow>,
): Promise<AgentRow> {
  await context.db
    .insert(agent)
    .values(newAgent(context.chain.id, address, time))
    .onConflictDoNothing();
  return context.db
    .update(agent, { chainId: context.chain.id, address })
    .set((row) => ({ ...change(row), lastEventAt: time }));
}

export async function updateStake(
  context: Context,
  address: Address,
  time: bigint,
  change: (row: { bonded: bigint; locked: bigint; queued: bigint; readyAt: bigint }) => Partial<{
    bonded: bigint;
    locked: bigint;
    queued: bigint;
    readyAt: bigint;
  }>,
): Promise<void> {
  const key = { chainId: context.chain.id, agent: address };
  const current = (await context.db.find(stakePosition, key)) ?? { bonded: 0n, locked: 0n, queued: 0n, readyAt: 0n };
  const next = { bonded: current.bonded, locked: current.locked, queued: current.queued, readyAt: current.readyAt };
  Object.assign(next, change(next));
  const values = { ...next, staked: next.bonded + next.queued, free: next.bonded - next.locked, updatedAt: time };
  await context.db
    .insert(stakePosition)
    .values({ ...key, ...values })
    .onConflictDoUpdate(values);
}

export async function updateBuyer(
  context: Context,
  address: Address,
  time: bigint,
  change: (row: typeof buyer.$inferSelect) => Partial<typeof buyer.$inferSelect>,
): Promise<void> {
  await context.db
    .insert(buyer)
    .values({
      chainId: context.chain.id,
      address,
      pactsCreated: 0,
      disputesOpened: 0,
      disputesDecided: 0,
      disputesBelowHalf: 0,
      firstSeenAt: time,
    })
    .onConflictDoNothing();
  await context.db.update(buyer, { chainId: context.chain.id, address }).set(change);
}

export async function updateArbiter(
  context: Context,
  address: Address,
  time: bigint,
  change: (row: typeof arbiter.$inferSelect) => Partial<typeof arbiter.$inferSelect>,
): Promise<void> {
  await context.db
    .insert(arbiter)
    .values({
      chainId: context.chain.id,
      address,
      pactsNamed: 0,
      disputesAssigned: 0,
      disputesRuled: 0,
      disputesAbstained: 0,
      disputesDefaulted: 0,
      ruleSeconds: 0n,
      ruleCount: 0,
      firstSeenAt: time,
    })
    .onConflictDoNothing();
  await context.db.update(arbiter, { chainId: context.chain.id, address }).set(change);
}

export async function addMoney(
  context: Context,
  row: PactRow,
  amounts: { earned?: bigint; refundedToBuyers?: bigint; awardedByRulings?: bigint },
): Promise<void> {
  const earned = amounts.earned ?? 0n;
  const refundedToBuyers = amounts.refundedToBuyers ?? 0n;
  const awardedByRulings = amounts.awardedByRulings ?? 0n;
  await context.db
    .insert(agentTokenTotal)
    .values({
      chainId: context.chain.id,
      agent: row.agent,
      token: row.token,
      earned,
      refundedToBuyers,
      awardedByRulings,
    })
    .onConflictDoUpdate((current) => ({
      earned: current.earned + earned,
      refundedToBuyers: current.refundedToBuyers + refundedToBuyers,
      awardedByRulings: current.awardedByRulings + awardedByRulings,
    }));
}

/** Counts a counterparty once per agent; returns whether it is new. */
export async function meet(
  context: Context,
  row: PactRow,
  role: "buyer" | "arbiter",
  party: Address,
): Promise<boolean> {
  const key = { chainId: context.chain.id, agent: row.agent, role, party };
  const existing = await context.db.find(agentCounterpartyLink, key);
  if (existing === null) {
    await context.db.insert(agentCounterpartyLink).values({ ...key, pacts: 1 });
    return true;
  }
  await context.db.update(agentCounterpartyLink, key).set({ pacts: existing.pacts + 1 });
  return false;
}

export async function updateWeek(
  context: Context,
  address: Address,
  time: bigint,
  change: (row: WeeklyRow) => Partial<WeeklyRow>,
): Promise<void> {
  const weekStart = weekStartOf(time);
  await context.db
    .insert(weeklyReview)
    .values({
      chainId: context.chain.id,
      agent: address,
      weekStart,
      isoWeek: isoWeekLabel(weekStart),
      pactsSettled: 0,
      disputes: 0,
      lostDisputes: 0,
      slashes: 0,
      slashedAmount: 0n,
      ladderSteps: 0,
      extensions: 0,
      settlementsByAgreement: 0,
      refundsByAgent: 0,
      loggedExceptions: 0,
      reviews: 0,
      reviewsChanged: 0,
      containments: 0,
      recoveries: 0,
      recoverySeconds: 0n,
      relapses: 0,
      concentratedChange: 0,
    })
    .onConflictDoNothing();
  await context.db.update(weeklyReview, { chainId: context.chain.id, agent: address, weekStart }).set(change);
}

/**
 * A slash or a lost dispute: the operator should answer it with a ladder step. The first since the agent's latest
 * recertification is its relapse (lib/recovery.ts).
 */
export async function signal(context: Context, address: Address, time: bigint): Promise<void> {
  let relapse = false;
  await updateAgent(context, address, time, (row) => {
    const after = signalAfterRecertification(row, time);
    relapse = after.relapse;
    return {
      ...(row.unansweredSignalAt === null && { unansweredSignalAt: time }),
      ...(after.relapse && { relapseAt: time }),
    };
  });
  await updateWeek(context, address, time, (row) => ({
    ...(row.signalAt === null && { signalAt: time }),
    ...(relapse && { relapses: row.relapses + 1, relapseAt: row.relapseAt ?? time }),
  }));
}
