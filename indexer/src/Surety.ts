/**
 * Surety's event handlers. Each takes everything from its event (no RPC reads), updates the state tables and
 * appends one history row. The cooperative module's events (emitted at Surety's address) have their own file,
 * SuretyCooperative.ts.
 */
import { ponder } from "ponder:registry";
import { arbiterFee, arbiterRegistration, pact, payoutCredit, weeklyReview } from "ponder:schema";
import { AGENT_STATUSES } from "@surety/sdk";

import {
  addMoney,
  counts,
  decideForBuyer,
  HALF_BPS,
  listedToken,
  loadPact,
  meet,
  NO_PROPOSALS,
  parties,
  record,
  settle,
  stakeToken,
  tick,
  updateAgent,
  updateArbiter,
  updateBuyer,
  updateStake,
  updateWeek,
} from "./lib/store.ts";
import { weekStartsBetween } from "./lib/weeks.ts";

/* ------------------------------------------------------------------------------------------------------------ */
/*                                                    PACTS                                                     */
/* ------------------------------------------------------------------------------------------------------------ */

ponder.on("Surety:PactCreated", async ({ event, context }) => {
  const { pactId, terms } = event.args;
  const time = event.block.timestamp;
  const tokenListed = listedToken(terms.token);
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
    courtUnfunded: false,
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
    // Every proposal binds only the status it was made in: all lapse with the delivery.
    .set({ status: "delivered", deliveryHash, deliveredAt: time, updatedAt: time, ...NO_PROPOSALS });
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
    // The proposals made while delivered (or active) lapse with the dispute.
    .set({ status: "disputed", disputeReasonHash: reasonHash, disputedAt: time, updatedAt: time, ...NO_PROPOSALS });
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
