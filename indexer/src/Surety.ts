/**
 * Surety's event handlers. Each takes everything from its event (no RPC reads), updates the state tables and
 * appends one history row. Trust-record counters move only for pacts in listed tokens that the agent accepted;
 * stake positions and slashes are always exact, whatever the pact's token.
 */
import { replaceBigInts } from "ponder";
import { ponder, type Context, type Event, type EventNames } from "ponder:registry";
import {
  agent,
  agentCounterparty,
  agentMoney,
  arbiter,
  arbiterFee,
  arbiterRegistration,
  buyer,
  history,
  indexedBlock,
  pact,
  payoutCredit,
  stakePosition,
  weeklyReview,
} from "ponder:schema";
import { AGENT_STATUSES } from "@surety/sdk";
import type { Address, Hex } from "viem";

import { indexerConfig } from "../ponder.config.ts";
import { isoWeekLabel, weekStartOf, weekStartsBetween } from "./lib/weeks.ts";

const HALF_BPS = 5_000;
const BPS = 10_000n;

const listed = new Set(indexerConfig.listedTokens.map((token) => token.toLowerCase()));
const stakeToken = indexerConfig.deployment.stakeToken;

/** Any log event of the contracts indexed (not the clock's blocks). */
export type AnyEvent = Event<Exclude<EventNames, "Clock:block">>;
export type PactRow = typeof pact.$inferSelect;
type AgentRow = typeof agent.$inferSelect;
type WeeklyRow = typeof weeklyReview.$inferSelect;

/* ------------------------------------------------------------------------------------------------------------ */
/*                                                   HELPERS                                                    */
/* ------------------------------------------------------------------------------------------------------------ */

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
async function tick(context: Context, block: { number: bigint; timestamp: bigint }): Promise<void> {
  await context.db
    .insert(indexedBlock)
    .values({ chainId: context.chain.id, number: block.number, timestamp: block.timestamp })
    .onConflictDoUpdate((row) =>
      block.number > row.number ? { number: block.number, timestamp: block.timestamp } : {},
    );
}

async function loadPact(context: Context, pactId: bigint): Promise<PactRow> {
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

/** A pact's proposal columns with nothing standing: for requests of a later deadline, and for every proposal. */
const NO_EXTENSION_PROPOSALS = { buyerProposedDeliverBy: null, agentProposedDeliverBy: null } as const;
const NO_PROPOSALS = { buyerProposedBps: null, agentProposedBps: null, ...NO_EXTENSION_PROPOSALS } as const;

/** A pact counts in trust records once accepted, and only in a listed token. */
const counts = (row: PactRow) => row.tokenListed && row.acceptedAt !== null;

function newAgent(chainId: number, address: Address, time: bigint): typeof agent.$inferInsert {
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
async function updateAgent(
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

async function updateStake(
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

async function updateBuyer(
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

async function updateArbiter(
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

async function addMoney(
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
async function meet(context: Context, row: PactRow, role: "buyer" | "arbiter", party: Address): Promise<boolean> {
  const key = { chainId: context.chain.id, agent: row.agent, role, party };
  const existing = await context.db.find(agentCounterparty, key);
  if (existing === null) {
    await context.db.insert(agentCounterparty).values({ ...key, pacts: 1 });
    return true;
  }
  await context.db.update(agentCounterparty, key).set({ pacts: existing.pacts + 1 });
  return false;
}

async function updateWeek(
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
async function signal(context: Context, address: Address, time: bigint): Promise<void> {
  await updateAgent(context, address, time, (row) =>
    row.unansweredSignalAt === null ? { unansweredSignalAt: time } : {},
  );
  await updateWeek(context, address, time, (row) => (row.signalAt === null ? { signalAt: time } : {}));
}

/**
 * Ends an accepted pact: unlocks its collateral, slashing `slashed` of it, counts the settlement, and clears the
 * parties' standing proposals, which nothing can accept any more.
 */
async function settle(
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
async function decideForBuyer(context: Context, row: PactRow, time: bigint, buyerBps: number): Promise<void> {
  await updateBuyer(context, row.buyer, time, (current) => ({
    disputesDecided: current.disputesDecided + 1,
    disputesBelowHalf: current.disputesBelowHalf + (buyerBps < HALF_BPS ? 1 : 0),
  }));
}

/* ------------------------------------------------------------------------------------------------------------ */
/*                                                    PACTS                                                     */
/* ------------------------------------------------------------------------------------------------------------ */

ponder.on("Surety:PactCreated", async ({ event, context }) => {
  const { pactId, terms } = event.args;
  const time = event.block.timestamp;
  const tokenListed = listed.has(terms.token.toLowerCase());
  await context.db.insert(pact).values({
    chainId: context.chain.id,
    pactId,
    buyer: terms.buyer,
    agent: terms.agent,
    arbiter: terms.arbiter,
    token: terms.token,
    tokenListed,
    price: terms.price,
    arbiterFee: terms.arbiterFee,
    collateral: terms.collateral,
    penalty: terms.penalty,
    acceptBy: BigInt(terms.acceptBy),
    deliverBy: BigInt(terms.deliverBy),
    reviewPeriod: BigInt(terms.reviewPeriod),
    rulingPeriod: BigInt(terms.rulingPeriod),
    defaultBuyerBps: terms.defaultBuyerBps,
    termsHash: terms.termsHash,
    status: "open",
    extensions: 0,
    settledByAgreement: false,
    refundedByAgent: false,
    createdAt: time,
    updatedAt: time,
    createdBlock: event.block.number,
    createdTransaction: event.transaction.hash,
  });
  await updateBuyer(context, terms.buyer, time, (row) => ({ pactsCreated: row.pactsCreated + 1 }));
  await updateArbiter(context, terms.arbiter, time, (row) => ({ pactsNamed: row.pactsNamed + 1 }));
  await updateAgent(context, terms.agent, time, (row) =>
    tokenListed ? { pactsOffered: row.pactsOffered + 1 } : { unlistedPacts: row.unlistedPacts + 1 },
  );
  await record(context, event, {
    kind: "PactCreated",
    actor: terms.buyer,
    pactId,
    agent: terms.agent,
    buyer: terms.buyer,
    arbiter: terms.arbiter,
    token: terms.token,
    amount: terms.price,
  });
});

ponder.on("Surety:PactAccepted", async ({ event, context }) => {
  const { pactId, collateral, locked } = event.args;
  const time = event.block.timestamp;
  const row = await loadPact(context, pactId);
  await context.db
    .update(pact, { chainId: context.chain.id, pactId })
    .set({ status: "active", acceptedAt: time, updatedAt: time });
  await updateStake(context, row.agent, time, () => ({ locked }));
  if (row.tokenListed) {
    const newBuyer = await meet(context, row, "buyer", row.buyer);
    const newArbiter = await meet(context, row, "arbiter", row.arbiter);
    await updateAgent(context, row.agent, time, (current) => ({
      pactsAccepted: current.pactsAccepted + 1,
      pactsOpen: current.pactsOpen + 1,
      distinctBuyers: current.distinctBuyers + (newBuyer ? 1 : 0),
      distinctArbiters: current.distinctArbiters + (newArbiter ? 1 : 0),
    }));
  }
  await record(context, event, {
    kind: "PactAccepted",
    actor: row.agent,
    ...parties(row),
    token: stakeToken,
    amount: collateral,
  });
});

ponder.on("Surety:OfferFunded", async ({ event, context }) => {
  const { pactId, nonce } = event.args;
  const row = await loadPact(context, pactId);
  await context.db.update(pact, { chainId: context.chain.id, pactId }).set({ offerNonce: nonce });
  if (row.tokenListed) {
    await updateAgent(context, row.agent, event.block.timestamp, (current) => ({
      pactsFromOffers: current.pactsFromOffers + 1,
    }));
  }
  await record(context, event, {
    kind: "OfferFunded",
    actor: row.buyer,
    ...parties(row),
  });
});

ponder.on("Surety:PactCancelled", async ({ event, context }) => {
  const { pactId, refund } = event.args;
  const time = event.block.timestamp;
  const row = await loadPact(context, pactId);
  await context.db
    .update(pact, { chainId: context.chain.id, pactId })
    .set({ status: "cancelled", toBuyer: refund, settledAt: time, updatedAt: time });
  if (row.tokenListed) {
    await updateAgent(context, row.agent, time, (current) => ({ pactsCancelled: current.pactsCancelled + 1 }));
  }
  await record(context, event, {
    kind: "PactCancelled",
    actor: row.buyer,
    ...parties(row),
    token: row.token,
    amount: refund,
  });
});

ponder.on("Surety:PactReclaimed", async ({ event, context }) => {
  const { pactId, caller, refund } = event.args;
  const time = event.block.timestamp;
  const row = await loadPact(context, pactId);
  await context.db
    .update(pact, { chainId: context.chain.id, pactId })
    .set({ status: "reclaimed", toBuyer: refund, settledAt: time, updatedAt: time });
  if (row.tokenListed) {
    await updateAgent(context, row.agent, time, (current) => ({ pactsReclaimed: current.pactsReclaimed + 1 }));
  }
  await record(context, event, {
    kind: "PactReclaimed",
    actor: caller,
    ...parties(row),
    token: row.token,
    amount: refund,
  });
});

ponder.on("Surety:PactDelivered", async ({ event, context }) => {
  const { pactId, deliveryHash } = event.args;
  const time = event.block.timestamp;
  const row = await loadPact(context, pactId);
  await context.db
    .update(pact, { chainId: context.chain.id, pactId })
    // A later deadline can be asked for only while active: the requests lapse with the delivery.
    .set({ status: "delivered", deliveryHash, deliveredAt: time, updatedAt: time, ...NO_EXTENSION_PROPOSALS });
  if (counts(row)) {
    await updateAgent(context, row.agent, time, (current) => ({
      pactsDelivered: current.pactsDelivered + 1,
      deliveredOnTime: current.deliveredOnTime + (time <= row.deliverBy ? 1 : 0),
      acceptToDeliverySeconds: current.acceptToDeliverySeconds + (time - row.acceptedAt!),
      acceptToDeliveryCount: current.acceptToDeliveryCount + 1,
    }));
  }
  await record(context, event, {
    kind: "PactDelivered",
    actor: row.agent,
    ...parties(row),
  });
});

ponder.on("Surety:PactReleased", async ({ event, context }) => {
  const { pactId, payment } = event.args;
  const row = await loadPact(context, pactId);
  // Released during a dispute, the held arbiter fee goes back to the buyer: no price to the buyer, no fee paid.
  await settle(context, event, row, {
    status: "released",
    counter: "pactsReleased",
    toBuyer: 0n,
    toAgent: payment,
    slashed: 0n,
    ...(row.status === "disputed" && { arbiterFeePaid: 0n }),
  });
  if (counts(row)) await addMoney(context, row, { earned: payment });
  await record(context, event, {
    kind: "PactReleased",
    actor: row.buyer,
    ...parties(row),
    token: row.token,
    amount: payment,
  });
});

ponder.on("Surety:PactFinalized", async ({ event, context }) => {
  const { pactId, caller, payment } = event.args;
  const row = await loadPact(context, pactId);
  await settle(context, event, row, {
    status: "finalized",
    counter: "pactsFinalized",
    toBuyer: 0n,
    toAgent: payment,
    slashed: 0n,
  });
  if (counts(row)) await addMoney(context, row, { earned: payment });
  await record(context, event, {
    kind: "PactFinalized",
    actor: caller,
    ...parties(row),
    token: row.token,
    amount: payment,
  });
});

ponder.on("Surety:PactRefunded", async ({ event, context }) => {
  const { pactId, caller, refund, slashed } = event.args;
  const row = await loadPact(context, pactId);
  await settle(context, event, row, {
    status: "refunded",
    counter: "pactsRefunded",
    toBuyer: refund,
    toAgent: 0n,
    slashed,
  });
  if (counts(row)) await addMoney(context, row, { refundedToBuyers: refund });
  await record(context, event, {
    kind: "PactRefunded",
    actor: caller,
    ...parties(row),
    token: row.token,
    amount: refund,
  });
});

/* ------------------------------------------------------------------------------------------------------------ */
/*                                                   DISPUTES                                                   */
/* ------------------------------------------------------------------------------------------------------------ */

ponder.on("Surety:PactDisputed", async ({ event, context }) => {
  const { pactId, reasonHash, fee } = event.args;
  const time = event.block.timestamp;
  const row = await loadPact(context, pactId);
  await context.db
    .update(pact, { chainId: context.chain.id, pactId })
    .set({ status: "disputed", disputeReasonHash: reasonHash, disputedAt: time, updatedAt: time });
  if (counts(row)) {
    await updateAgent(context, row.agent, time, (current) => ({ disputesOpened: current.disputesOpened + 1 }));
    await updateWeek(context, row.agent, time, (week) => ({ disputes: week.disputes + 1 }));
  }
  await updateBuyer(context, row.buyer, time, (current) => ({ disputesOpened: current.disputesOpened + 1 }));
  await updateArbiter(context, row.arbiter, time, (current) => ({ disputesAssigned: current.disputesAssigned + 1 }));
  await record(context, event, {
    kind: "PactDisputed",
    actor: row.buyer,
    ...parties(row),
    token: row.token,
    amount: fee,
  });
});

ponder.on("Surety:EvidenceSubmitted", async ({ event, context }) => {
  const { pactId, party } = event.args;
  const row = await loadPact(context, pactId);
  await record(context, event, {
    kind: "EvidenceSubmitted",
    actor: party,
    ...parties(row),
  });
});

ponder.on("Surety:DisputeResolved", async ({ event, context }) => {
  const { pactId, buyerBps, toBuyer, toAgent, slashed, arbiterFee: fee, rulingHash, abstained } = event.args;
  const time = event.block.timestamp;
  const row = await loadPact(context, pactId);
  const lost = !abstained && (buyerBps > HALF_BPS || slashed > 0n);
  await settle(context, event, row, {
    status: abstained ? "abstained" : "resolved",
    counter: abstained ? "disputesAbstained" : "disputesRuled",
    toBuyer,
    toAgent,
    slashed,
    buyerBps,
    arbiterFeePaid: fee,
    rulingHash,
    lost,
  });
  if (counts(row)) {
    await addMoney(context, row, { earned: toAgent, awardedByRulings: toAgent, refundedToBuyers: toBuyer });
  }
  await decideForBuyer(context, row, time, buyerBps);
  await updateArbiter(context, row.arbiter, time, (current) => ({
    ...(abstained
      ? { disputesAbstained: current.disputesAbstained + 1 }
      : { disputesRuled: current.disputesRuled + 1 }),
    ruleSeconds: current.ruleSeconds + (time - row.disputedAt!),
    ruleCount: current.ruleCount + 1,
  }));
  if (fee > 0n) {
    await context.db
      .insert(arbiterFee)
      .values({ chainId: context.chain.id, arbiter: row.arbiter, token: row.token, earned: fee })
      .onConflictDoUpdate((current) => ({ earned: current.earned + fee }));
  }
  await record(context, event, {
    kind: "DisputeResolved",
    actor: row.arbiter,
    ...parties(row),
    token: row.token,
    amount: toBuyer,
  });
});

ponder.on("Surety:DefaultRulingApplied", async ({ event, context }) => {
  const { pactId, caller, buyerBps, toBuyer, toAgent } = event.args;
  const time = event.block.timestamp;
  const row = await loadPact(context, pactId);
  await settle(context, event, row, {
    status: "default-ruled",
    counter: "disputesDefaulted",
    toBuyer,
    toAgent,
    slashed: 0n,
    buyerBps,
    arbiterFeePaid: 0n,
  });
  if (counts(row)) {
    await addMoney(context, row, { earned: toAgent, awardedByRulings: toAgent, refundedToBuyers: toBuyer });
  }
  await decideForBuyer(context, row, time, buyerBps);
  await updateArbiter(context, row.arbiter, time, (current) => ({
    disputesDefaulted: current.disputesDefaulted + 1,
  }));
  await record(context, event, {
    kind: "DefaultRulingApplied",
    actor: caller,
    ...parties(row),
    token: row.token,
    amount: toBuyer,
  });
});

/* ------------------------------------------------------------------------------------------------------------ */
/*                                                 BY AGREEMENT                                                 */
/* ------------------------------------------------------------------------------------------------------------ */

ponder.on("Surety:SettlementProposed", async ({ event, context }) => {
  const { pactId, party, buyerBps } = event.args;
  const row = await loadPact(context, pactId);
  const byBuyer = party.toLowerCase() === row.buyer.toLowerCase();
  await context.db
    .update(pact, { chainId: context.chain.id, pactId })
    .set(byBuyer ? { buyerProposedBps: buyerBps } : { agentProposedBps: buyerBps });
  await updateAgent(context, row.agent, event.block.timestamp, () => ({}));
  await record(context, event, {
    kind: "SettlementProposed",
    actor: party,
    ...parties(row),
    token: row.token,
    // What the buyer would receive, rounded down as the contract splits.
    amount: (row.price * BigInt(buyerBps)) / BPS,
  });
});

ponder.on("Surety:PactSettled", async ({ event, context }) => {
  const { pactId, proposer, buyerBps, toBuyer, toAgent } = event.args;
  const row = await loadPact(context, pactId);
  // Settled during a dispute, the held arbiter fee goes back to the buyer: the arbiter is paid nothing.
  await settle(context, event, row, {
    status: "settled",
    counter: "settledByAgreement",
    toBuyer,
    toAgent,
    slashed: 0n,
    buyerBps,
    flag: "settledByAgreement",
    ...(row.status === "disputed" && { arbiterFeePaid: 0n }),
  });
  if (counts(row)) await addMoney(context, row, { earned: toAgent, refundedToBuyers: toBuyer });
  else await updateAgent(context, row.agent, event.block.timestamp, () => ({}));
  const byBuyer = proposer.toLowerCase() === row.buyer.toLowerCase();
  await record(context, event, {
    kind: "PactSettled",
    // The party that accepted the other's proposal.
    actor: byBuyer ? row.agent : row.buyer,
    ...parties(row),
    token: row.token,
    amount: toBuyer,
  });
});

ponder.on("Surety:PactRefundedByAgent", async ({ event, context }) => {
  const { pactId, refund, slashed } = event.args;
  const row = await loadPact(context, pactId);
  // Counted as a refund (a missed delivery, on the on-time rate) with its slash, and flagged as owned up.
  await settle(context, event, row, {
    status: "refunded",
    counter: "pactsRefunded",
    toBuyer: refund,
    toAgent: 0n,
    slashed,
    flag: "refundedByAgent",
  });
  if (counts(row)) await addMoney(context, row, { refundedToBuyers: refund });
  await updateAgent(context, row.agent, event.block.timestamp, (current) =>
    counts(row) ? { refundedByAgent: current.refundedByAgent + 1 } : {},
  );
  await record(context, event, {
    kind: "PactRefundedByAgent",
    actor: row.agent,
    ...parties(row),
    token: row.token,
    amount: refund,
  });
});

ponder.on("Surety:DeadlineExtensionProposed", async ({ event, context }) => {
  const { pactId, party, deliverBy } = event.args;
  const row = await loadPact(context, pactId);
  const byBuyer = party.toLowerCase() === row.buyer.toLowerCase();
  await context.db
    .update(pact, { chainId: context.chain.id, pactId })
    .set(byBuyer ? { buyerProposedDeliverBy: BigInt(deliverBy) } : { agentProposedDeliverBy: BigInt(deliverBy) });
  await updateAgent(context, row.agent, event.block.timestamp, () => ({}));
  await record(context, event, { kind: "DeadlineExtensionProposed", actor: party, ...parties(row) });
});

ponder.on("Surety:DeadlineExtended", async ({ event, context }) => {
  const { pactId, deliverBy } = event.args;
  const time = event.block.timestamp;
  const row = await loadPact(context, pactId);
  // The contract stores the extended terms afresh, which moves the pact's updatedAt.
  await context.db.update(pact, { chainId: context.chain.id, pactId }).set({
    deliverBy: BigInt(deliverBy),
    extensions: row.extensions + 1,
    updatedAt: time,
    ...NO_EXTENSION_PROPOSALS,
  });
  await updateAgent(context, row.agent, time, (current) =>
    counts(row) ? { extensionsGranted: current.extensionsGranted + 1 } : {},
  );
  // The event names no caller: the party whose request completed the agreement sent the transaction.
  await record(context, event, { kind: "DeadlineExtended", actor: event.transaction.from, ...parties(row) });
});

/* ------------------------------------------------------------------------------------------------------------ */
/*                                                   PAYOUTS                                                    */
/* ------------------------------------------------------------------------------------------------------------ */

ponder.on("Surety:PayoutCredited", async ({ event, context }) => {
  const { pactId, token, account, amount } = event.args;
  const time = event.block.timestamp;
  await context.db
    .insert(payoutCredit)
    .values({ chainId: context.chain.id, account, token, owed: amount, updatedAt: time })
    .onConflictDoUpdate((row) => ({ owed: row.owed + amount, updatedAt: time }));
  const row = await loadPact(context, pactId);
  await record(context, event, {
    kind: "PayoutCredited",
    actor: event.transaction.from,
    ...parties(row),
    account,
    token,
    amount,
  });
});

ponder.on("Surety:PayoutClaimed", async ({ event, context }) => {
  const { token, account, recipient, amount } = event.args;
  const time = event.block.timestamp;
  await context.db
    .update(payoutCredit, { chainId: context.chain.id, account, token })
    .set((row) => ({ owed: row.owed - amount, updatedAt: time }));
  await record(context, event, { kind: "PayoutClaimed", actor: account, account: recipient, token, amount });
});

/* ------------------------------------------------------------------------------------------------------------ */
/*                                                   ARBITERS                                                   */
/* ------------------------------------------------------------------------------------------------------------ */

ponder.on("Surety:ArbiterRegistered", async ({ event, context }) => {
  const { arbiter: address, token, minFee, maxRulingPeriod } = event.args;
  const time = event.block.timestamp;
  await updateArbiter(context, address, time, () => ({}));
  const values = { active: true, minFee, maxRulingPeriod: BigInt(maxRulingPeriod), updatedAt: time };
  await context.db
    .insert(arbiterRegistration)
    .values({ chainId: context.chain.id, arbiter: address, token, ...values })
    .onConflictDoUpdate(values);
  await record(context, event, { kind: "ArbiterRegistered", actor: address, arbiter: address, token, amount: minFee });
});

ponder.on("Surety:ArbiterDeregistered", async ({ event, context }) => {
  const { arbiter: address, token } = event.args;
  await context.db
    .update(arbiterRegistration, { chainId: context.chain.id, arbiter: address, token })
    .set({ active: false, updatedAt: event.block.timestamp });
  await record(context, event, { kind: "ArbiterDeregistered", actor: address, arbiter: address, token });
});

/* ------------------------------------------------------------------------------------------------------------ */
/*                                              STAKE AND STANDING                                              */
/* ------------------------------------------------------------------------------------------------------------ */

ponder.on("Surety:StakeDeposited", async ({ event, context }) => {
  const { agent: address, amount, bonded } = event.args;
  const time = event.block.timestamp;
  await updateAgent(context, address, time, () => ({}));
  await updateStake(context, address, time, () => ({ bonded }));
  await record(context, event, { kind: "StakeDeposited", actor: address, agent: address, token: stakeToken, amount });
});

ponder.on("Surety:WithdrawalRequested", async ({ event, context }) => {
  const { agent: address, amount, queued, readyAt } = event.args;
  const time = event.block.timestamp;
  await updateStake(context, address, time, (stake) => ({
    bonded: stake.bonded - amount,
    queued,
    readyAt: BigInt(readyAt),
  }));
  await record(context, event, {
    kind: "WithdrawalRequested",
    actor: address,
    agent: address,
    token: stakeToken,
    amount,
  });
});

ponder.on("Surety:StakeWithdrawn", async ({ event, context }) => {
  const { agent: address, recipient, amount } = event.args;
  const time = event.block.timestamp;
  await updateStake(context, address, time, (stake) => ({ queued: stake.queued - amount, readyAt: 0n }));
  await record(context, event, {
    kind: "StakeWithdrawn",
    actor: address,
    agent: address,
    account: recipient,
    token: stakeToken,
    amount,
  });
});

ponder.on("Surety:AgentStatusChanged", async ({ event, context }) => {
  const { agent: address, operator, status: index, cap, frozenUntil, reasonHash } = event.args;
  const time = event.block.timestamp;
  const status = AGENT_STATUSES[index];
  if (status === undefined) throw new Error(`AgentStatusChanged carries an unknown status ${index}`);
  const step = status !== "good";
  const before = await updateAgent(context, address, time, () => ({}));
  await updateAgent(context, address, time, (row) => ({
    status,
    statusSince: row.status === status ? row.statusSince : time,
    statusReasonHash: reasonHash,
    statusOperator: operator,
    cap,
    frozenUntil: BigInt(frozenUntil),
    ...(step
      ? { ladderSteps: row.ladderSteps + 1, unansweredSignalAt: null }
      : { recertifications: row.recertifications + 1 }),
  }));
  if (step) {
    await updateWeek(context, address, time, (week) => ({ ladderSteps: week.ladderSteps + 1 }));
    // The step answers every week whose signal was waiting: each week's time to narrow runs from its signal.
    if (before.unansweredSignalAt !== null) {
      for (const weekStart of weekStartsBetween(before.unansweredSignalAt, time)) {
        const key = { chainId: context.chain.id, agent: address, weekStart };
        const week = await context.db.find(weeklyReview, key);
        if (week?.signalAt != null && week.timeToNarrow === null) {
          await context.db.update(weeklyReview, key).set({ timeToNarrow: time - week.signalAt });
        }
      }
    }
  }
  await record(context, event, { kind: "AgentStatusChanged", actor: operator, agent: address });
});

ponder.on("Surety:OfferRevoked", async ({ event, context }) => {
  const { agent: address } = event.args;
  await record(context, event, { kind: "OfferRevoked", actor: address, agent: address });
});

/* ------------------------------------------------------------------------------------------------------------ */
/*                                                    CLOCK                                                     */
/* ------------------------------------------------------------------------------------------------------------ */

ponder.on("Clock:block", async ({ event, context }) => {
  await tick(context, event.block);
});
