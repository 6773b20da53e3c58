/**
 * The state tables' bookkeeping shared by the handlers: the history and the clock, and the rows of pacts, agents,
 * stakes, buyers, arbiters, money and weekly reviews, each created on first use. Trust-record counters move only for
 * pacts in listed tokens that the agent accepted; stake positions and slashes are always exact, whatever the token.
 */
import { replaceBigInts } from "ponder";
import type { Context, Event, EventNames } from "ponder:registry";
import {
  agent,
  agentCounterparty,
  agentMoney,
  arbiter,
  buyer,
  history,
  indexedBlock,
  pact,
  stakePosition,
  weeklyReview,
} from "ponder:schema";
import type { Address, Hex } from "viem";

import { indexerConfig } from "../../ponder.config.ts";
import { isoWeekLabel, weekStartOf } from "./weeks.ts";

export const HALF_BPS = 5_000;
export const BPS = 10_000n;

const listed = new Set(indexerConfig.listedTokens.map((token) => token.toLowerCase()));

/** Whether pacts in `token` count in trust records (SURETY_TOKENS). */
export const listedToken = (token: Address) => listed.has(token.toLowerCase());
export const stakeToken = indexerConfig.deployment.stakeToken;

/** Any log event of the contracts indexed (not the clock's blocks). */
export type AnyEvent = Event<Exclude<EventNames, "Clock:block">>;
export type PactRow = typeof pact.$inferSelect;
type AgentRow = typeof agent.$inferSelect;
type WeeklyRow = typeof weeklyReview.$inferSelect;

/** Appends the event to the history and moves the chain's clock forward. */
export async function record(
  context: Context,
  event: AnyEvent,
  row: {
    kind: (typeof history.$inferInsert)["kind"];
    actor: Address;
    pactId?: bigint;
    agent?: Address;
    buyer?: Address;
    arbiter?: Address;
    account?: Address;
    token?: Address;
    amount?: bigint;
  },
): Promise<void> {
  const args = replaceBigInts(event.args as Record<string, unknown>, (value: bigint) => value.toString());
  await context.db.insert(history).values({
    id: event.id,
    chainId: context.chain.id,
    ...row,
    args,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
    logIndex: event.log.logIndex,
  });
  await tick(context, event.block);
}

/** Records the latest indexed block; the clock never runs backwards. */
export async function tick(context: Context, block: { number: bigint; timestamp: bigint }): Promise<void> {
  await context.db
    .insert(indexedBlock)
    .values({ chainId: context.chain.id, number: block.number, timestamp: block.timestamp })
    .onConflictDoUpdate((row) =>
      block.number > row.number ? { number: block.number, timestamp: block.timestamp } : {},
    );
}

export async function loadPact(context: Context, pactId: bigint): Promise<PactRow> {
  const row = await context.db.find(pact, { chainId: context.chain.id, pactId });
  // The contract emits every other pact event only after PactCreated, so a missing row is an indexing bug.
  if (row === null) throw new Error(`pact ${pactId} on chain ${context.chain.id} has no PactCreated row`);
  return row;
}

/** A pact event's history columns: the pact and its parties. */
export const parties = (row: PactRow) => ({
  pactId: row.pactId,
  agent: row.agent,
  buyer: row.buyer,
  arbiter: row.arbiter,
});

/** A party's proposal columns with nothing standing: its split and its request for a later deadline. */
export function noProposalsOf(party: "buyer" | "agent") {
  return party === "buyer"
    ? ({
        buyerProposedBps: null,
        buyerProposedAt: null,
        buyerProposalStandsUntil: null,
        buyerProposedDeliverBy: null,
      } as const)
    : ({
        agentProposedBps: null,
        agentProposedAt: null,
        agentProposalStandsUntil: null,
        agentProposedDeliverBy: null,
      } as const);
}

/**
 * A pact's proposal columns with nothing standing: every proposal binds only the status it was made in, so all
 * lapse when the status changes (delivery, dispute, the end) and when an agreed extension takes effect.
 */
export const NO_PROPOSALS = { ...noProposalsOf("buyer"), ...noProposalsOf("agent") } as const;

/** Which party of `row` `address` is (the buyer or the agent; the contract takes proposals from no one else). */
export const partyOf = (row: PactRow, address: Address): "buyer" | "agent" =>
  address.toLowerCase() === row.buyer.toLowerCase() ? "buyer" : "agent";

/** A pact counts in trust records once accepted, and only in a listed token. */
export const counts = (row: PactRow) => row.tokenListed && row.acceptedAt !== null;

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
    .insert(agentMoney)
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
  const existing = await context.db.find(agentCounterparty, key);
  if (existing === null) {
    await context.db.insert(agentCounterparty).values({ ...key, pacts: 1 });
    return true;
  }
  await context.db.update(agentCounterparty, key).set({ pacts: existing.pacts + 1 });
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
    })
    .onConflictDoNothing();
  await context.db.update(weeklyReview, { chainId: context.chain.id, agent: address, weekStart }).set(change);
}

/** A slash or a lost dispute: the operator should answer it with a ladder step. */
export async function signal(context: Context, address: Address, time: bigint): Promise<void> {
  await updateAgent(context, address, time, (row) =>
    row.unansweredSignalAt === null ? { unansweredSignalAt: time } : {},
  );
  await updateWeek(context, address, time, (row) => (row.signalAt === null ? { signalAt: time } : {}));
}

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
    }));
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
