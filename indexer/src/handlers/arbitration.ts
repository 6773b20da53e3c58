/**
 * Disputes and arbiters on Surety: a dispute opened, evidence submitted, the arbiter's ruling or abstention, the
 * default ruling once the ruling period (or a court's hold) ran out; and arbiters publishing their terms per token.
 * A court adapter's own events are court.ts's. Each handler takes everything from its event and appends one
 * history row.
 */
import { ponder } from "ponder:registry";
import { arbiterFee, arbiterRegistration, pact } from "ponder:schema";

import { counts, HALF_BPS, loadPact, NO_PROPOSALS, parties } from "../lib/pact.ts";
import { record } from "../lib/record.ts";
import { decideForBuyer, settle } from "../lib/settle.ts";
import { addMoney, updateAgent, updateArbiter, updateBuyer, updateWeek } from "../lib/upsert.ts";

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
