/**
 * Court adapters' event handlers. The adapter's meta-evidence (fixed at its deployment, shared by all its disputes)
 * has a row per adapter; each pact's court dispute has a row linked to it. Each court dispute, appeal, piece of
 * ERC-1497 evidence (the buyer's reason for requesting arbitration included), court ruling applied or late, and
 * dispute left unfunded becomes a row of its pact's history (so of the GET /pacts/:pactId timeline). A court whose
 * ruling Surety refuses makes the adapter's `rule` revert, which leaves no event. Rows take everything from the
 * event and the pact's row; an event about a pact that does not name the emitting adapter is ignored.
 */
import { ponder, type Context } from "ponder:registry";
import { courtDispute, metaEvidenceDocument, pact } from "ponder:schema";
import { isAddressEqual, zeroAddress, type Address } from "viem";

import { counts, parties, type PactRow } from "../lib/pact.ts";
import { record, type AnyEvent, type HistoryEntry } from "../lib/record.ts";
import { updateAgent } from "../lib/upsert.ts";

/** The pact an adapter's event is about, when it names that adapter as its arbiter. */
async function courtPact(context: Context, event: AnyEvent, pactId: bigint): Promise<PactRow | undefined> {
  const row = await context.db.find(pact, { chainId: context.chain.id, pactId });
  if (row === null || !isAddressEqual(row.arbiter, event.log.address)) return undefined;
  return row;
}

/** Records a court event of `row`'s pact; amounts are in ETH (token address zero), as courts are paid. */
async function recordCourt(
  context: Context,
  event: AnyEvent,
  row: PactRow,
  entry: { kind: HistoryEntry["kind"]; actor?: Address; account?: Address; amount?: bigint },
): Promise<void> {
  await record(context, event, {
    ...entry,
    // A ruling is applied by the adapter on its court's word: the adapter is its actor.
    actor: entry.actor ?? event.log.address,
    ...parties(row),
    ...(entry.amount === undefined ? {} : { token: zeroAddress }),
  });
}

/** The court dispute's row of `row`'s pact. */
const disputeKey = (context: Context, row: PactRow) => ({ chainId: context.chain.id, pactId: row.pactId });

ponder.on("CourtAdapter:MetaEvidence", async ({ event, context }) => {
  const { metaEvidenceID, evidence } = event.args;
  const values = {
    uri: evidence,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
  };
  await context.db
    .insert(metaEvidenceDocument)
    .values({ chainId: context.chain.id, adapter: event.log.address, metaEvidenceId: metaEvidenceID, ...values })
    .onConflictDoUpdate(values);
});

ponder.on("CourtAdapter:Dispute", async ({ event, context }) => {
  const { arbitrator, disputeID, metaEvidenceID, evidenceGroupID } = event.args;
  // The evidence group is the pact; the meta-evidence is the adapter's, whatever the pact.
  const row = await courtPact(context, event, evidenceGroupID);
  if (row === undefined) return;
  await context.db.insert(courtDispute).values({
    ...disputeKey(context, row),
    adapter: event.log.address,
    court: arbitrator,
    disputeId: disputeID,
    metaEvidenceId: metaEvidenceID,
    createdAt: event.block.timestamp,
    appeals: 0,
    appealCosts: 0n,
  });
});

ponder.on("CourtAdapter:ArbitrationRequested", async ({ event, context }) => {
  const { pactId, requester, cost } = event.args;
  const row = await courtPact(context, event, pactId);
  if (row === undefined) return;
  // The Dispute event of the same call came first and created the row.
  await context.db.update(courtDispute, disputeKey(context, row)).set({ requester, cost });
  await recordCourt(context, event, row, {
    kind: "ArbitrationRequested",
    actor: requester,
    account: requester,
    amount: cost,
  });
});

ponder.on("CourtAdapter:ArbitrationUnfunded", async ({ event, context }) => {
  const { pactId, caller } = event.args;
  const row = await courtPact(context, event, pactId);
  if (row === undefined) return;
  // Surety's DisputeResolved follows in the same call: resolved for the agent, counted as a dispute it won.
  await context.db.update(pact, { chainId: context.chain.id, pactId }).set({ courtUnfunded: true });
  if (counts(row)) {
    await updateAgent(context, row.agent, event.block.timestamp, (current) => ({
      disputesUnfunded: current.disputesUnfunded + 1,
    }));
  }
  await recordCourt(context, event, row, { kind: "ArbitrationUnfunded", actor: caller });
});

ponder.on("CourtAdapter:AppealFunded", async ({ event, context }) => {
  const { pactId, party, cost } = event.args;
  const row = await courtPact(context, event, pactId);
  if (row === undefined) return;
  await context.db
    .update(courtDispute, disputeKey(context, row))
    .set((current) => ({ appeals: current.appeals + 1, appealCosts: current.appealCosts + cost }));
  await recordCourt(context, event, row, { kind: "AppealFunded", actor: party, account: party, amount: cost });
});

ponder.on("CourtAdapter:Evidence", async ({ event, context }) => {
  const { evidenceGroupID, party } = event.args;
  const row = await courtPact(context, event, evidenceGroupID);
  if (row === undefined) return;
  await recordCourt(context, event, row, { kind: "Evidence", actor: party, account: party });
});

ponder.on("CourtAdapter:RulingApplied", async ({ event, context }) => {
  const { pactId, ruling } = event.args;
  const row = await courtPact(context, event, pactId);
  if (row === undefined) return;
  await context.db
    .update(courtDispute, disputeKey(context, row))
    .set({ ruling, rulingApplied: true, ruledAt: event.block.timestamp });
  await recordCourt(context, event, row, { kind: "RulingApplied" });
});

ponder.on("CourtAdapter:RulingLate", async ({ event, context }) => {
  const { pactId, ruling } = event.args;
  const row = await courtPact(context, event, pactId);
  if (row === undefined) return;
  await context.db
    .update(courtDispute, disputeKey(context, row))
    .set({ ruling, rulingApplied: false, ruledAt: event.block.timestamp });
  await recordCourt(context, event, row, { kind: "RulingLate" });
});
