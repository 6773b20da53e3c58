/**
 * A pact's own path on Surety: created (by the buyer, or funded from the agent's signed offer), accepted, cancelled
 * or reclaimed before acceptance, delivered, then released, finalized or refunded; an offer revoked; and the payouts
 * credited to an account whose transfer failed, and claimed. Disputes are arbitration.ts's, agreements
 * cooperative.ts's. Each handler takes everything from its event and appends one history row.
 */
import { ponder } from "ponder:registry";
import { pact, payoutCredit } from "ponder:schema";

import { counts, listedToken, loadPact, NO_PROPOSALS, parties, stakeToken } from "../lib/pact.ts";
import { record } from "../lib/record.ts";
import { acceptPact } from "../lib/recovery.ts";
import { settle } from "../lib/settle.ts";
import { addMoney, meet, updateAgent, updateArbiter, updateBuyer, updateStake } from "../lib/upsert.ts";

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
      pactsSinceRecertification: acceptPact(current).pactsSinceRecertification,
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

ponder.on("Surety:OfferRevoked", async ({ event, context }) => {
  const { agent: address } = event.args;
  await record(context, event, { kind: "OfferRevoked", actor: address, agent: address });
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
