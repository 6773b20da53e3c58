/**
 * The handlers of Surety's cooperative module (SuretyCooperative.sol, reached through Surety's fallback, so its
 * events come from Surety's address): settlement proposals, their withdrawal and settlements by agreement, refunds
 * by the agent, deadline extensions, and an arbiter's hold on the default ruling. Each takes everything from its
 * event and appends one history row. When a proposal lapses is lib/proposals.ts's rule.
 */
import { ponder } from "ponder:registry";
import { pact } from "ponder:schema";

import { BPS, counts, loadPact, NO_PROPOSALS, noProposalsOf, parties, partyOf } from "../lib/pact.ts";
import { splitStandsUntil } from "../lib/proposals.ts";
import { record } from "../lib/record.ts";
import { settle } from "../lib/settle.ts";
import { statusDeadline } from "../lib/status.ts";
import { addMoney, updateAgent, updateWeek } from "../lib/upsert.ts";

ponder.on("Surety:SettlementProposed", async ({ event, context }) => {
  const { pactId, party, buyerBps } = event.args;
  const time = event.block.timestamp;
  const row = await loadPact(context, pactId);
  // The contract takes proposals only on an underway pact, whose status has a deadline.
  const standsUntil = splitStandsUntil(time, statusDeadline(row)!);
  await context.db
    .update(pact, { chainId: context.chain.id, pactId })
    .set(
      partyOf(row, party) === "buyer"
        ? { buyerProposedBps: buyerBps, buyerProposedAt: time, buyerProposalStandsUntil: standsUntil }
        : { agentProposedBps: buyerBps, agentProposedAt: time, agentProposalStandsUntil: standsUntil },
    );
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
  await context.db
    .update(pact, { chainId: context.chain.id, pactId })
    .set(
      partyOf(row, party) === "buyer"
        ? { buyerProposedDeliverBy: BigInt(deliverBy) }
        : { agentProposedDeliverBy: BigInt(deliverBy) },
    );
  await record(context, event, { kind: "DeadlineExtensionProposed", actor: party, ...parties(row) });
});

ponder.on("Surety:DeadlineExtended", async ({ event, context }) => {
  const { pactId, deliverBy } = event.args;
  const time = event.block.timestamp;
  const row = await loadPact(context, pactId);
  // The contract stores the extended terms afresh, which moves the pact's updatedAt, and ends every proposal: they
  // were made against the old deadline.
  await context.db.update(pact, { chainId: context.chain.id, pactId }).set({
    deliverBy: BigInt(deliverBy),
    extensions: row.extensions + 1,
    updatedAt: time,
    ...NO_PROPOSALS,
  });
  await updateAgent(context, row.agent, time, (current) =>
    counts(row) ? { extensionsGranted: current.extensionsGranted + 1 } : {},
  );
  if (counts(row)) await updateWeek(context, row.agent, time, (week) => ({ extensions: week.extensions + 1 }));
  // The event names no caller: the party whose request completed the agreement sent the transaction.
  await record(context, event, { kind: "DeadlineExtended", actor: event.transaction.from, ...parties(row) });
});

ponder.on("Surety:ProposalsWithdrawn", async ({ event, context }) => {
  const { pactId, party } = event.args;
  const row = await loadPact(context, pactId);
  // The party's split and its request for a later deadline, both.
  await context.db.update(pact, { chainId: context.chain.id, pactId }).set(noProposalsOf(partyOf(row, party)));
  await record(context, event, { kind: "ProposalsWithdrawn", actor: party, ...parties(row) });
});

ponder.on("Surety:RulingHeld", async ({ event, context }) => {
  const { pactId, arbiter, heldUntil } = event.args;
  const row = await loadPact(context, pactId);
  const held = { ...row, heldUntil: BigInt(heldUntil) };
  // The hold moves the ruling's deadline, and with it the lapse of the splits proposed by it (all so far: the
  // arbiter holds within the ruling period).
  const deadline = statusDeadline(held)!;
  await context.db.update(pact, { chainId: context.chain.id, pactId }).set({
    heldUntil: held.heldUntil,
    ...(row.buyerProposedAt !== null && { buyerProposalStandsUntil: splitStandsUntil(row.buyerProposedAt, deadline) }),
    ...(row.agentProposedAt !== null && { agentProposalStandsUntil: splitStandsUntil(row.agentProposedAt, deadline) }),
  });
  await record(context, event, { kind: "RulingHeld", actor: arbiter, ...parties(row) });
});
