/**
 * Court adapters' event handlers: each court dispute, appeal, piece of ERC-1497 evidence and court ruling, applied or
 * late, becomes a row of its pact's history (so of the GET /pacts/:pactId timeline). A ruling Surety refused
 * (RulingNotApplied) adds no row: the pact stays disputed, and the ruling's later application (RulingApplied) or the
 * default ruling does. Rows take everything from the event and the
 * pact's row; an event about a pact that does not name the emitting adapter is ignored.
 */
import { ponder, type Context } from "ponder:registry";
import { pact } from "ponder:schema";
import { isAddressEqual, zeroAddress, type Address } from "viem";

import { parties, record, type AnyEvent, type PactRow } from "./lib/store.ts";

/** The pact an adapter's event is about, when it names that adapter as its arbiter. */
async function courtPact(context: Context, event: AnyEvent, pactId: bigint): Promise<PactRow | undefined> {
  const row = await context.db.find(pact, { chainId: context.chain.id, pactId });
  if (row === null || !isAddressEqual(row.arbiter, event.log.address)) return undefined;
  return row;
}

/** Records a court event of pact `pactId`; amounts are in ETH (token address zero), as courts are paid. */
async function recordCourt(
  context: Context,
  event: AnyEvent,
  pactId: bigint,
  row: { kind: Parameters<typeof record>[2]["kind"]; actor?: Address; account?: Address; amount?: bigint },
): Promise<void> {
  const found = await courtPact(context, event, pactId);
  if (found === undefined) return;
  await record(context, event, {
    ...row,
    // A ruling is applied by the adapter on its court's word: the adapter is its actor.
    actor: row.actor ?? event.log.address,
    ...parties(found),
    ...(row.amount === undefined ? {} : { token: zeroAddress }),
  });
}

ponder.on("CourtAdapter:ArbitrationRequested", async ({ event, context }) => {
  const { pactId, requester, cost } = event.args;
  await recordCourt(context, event, pactId, {
    kind: "ArbitrationRequested",
    actor: requester,
    account: requester,
    amount: cost,
  });
});

ponder.on("CourtAdapter:AppealFunded", async ({ event, context }) => {
  const { pactId, party, cost } = event.args;
  await recordCourt(context, event, pactId, { kind: "AppealFunded", actor: party, account: party, amount: cost });
});

ponder.on("CourtAdapter:Evidence", async ({ event, context }) => {
  const { evidenceGroupID, party } = event.args;
  await recordCourt(context, event, evidenceGroupID, { kind: "Evidence", actor: party, account: party });
});

ponder.on("CourtAdapter:RulingApplied", async ({ event, context }) => {
  await recordCourt(context, event, event.args.pactId, { kind: "RulingApplied" });
});

ponder.on("CourtAdapter:RulingLate", async ({ event, context }) => {
  await recordCourt(context, event, event.args.pactId, { kind: "RulingLate" });
});
