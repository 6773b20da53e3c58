/**
 * The evidence rows of a settled accepted pact (listed tokens): its agent's per-token outcomes counted and weighted by
 * price, its buyer's settled value, the token's top buyer, and the agent's largest top-buyer share over the listed
 * tokens, with the week's change of the concentrated-counterparties flag. The rules are lib/evidence.ts's.
 */
import type { Context } from "ponder:registry";
import { agentBuyerValue, agentOutcome } from "ponder:schema";

import { indexerConfig } from "../../ponder.config.ts";
import { isConcentrated, largestShare, nextTopBuyer, shareOf } from "./evidence.ts";
import type { PactRow } from "./pact.ts";
import { updateAgent, updateWeek } from "./upsert.ts";

const listedTokens = indexerConfig.listedTokens.map((token) => token.toLowerCase() as `0x${string}`);

/** Adds the pact `row`, settled at `time`, to its agent's evidence. */
export async function addEvidence(
  context: Context,
  row: PactRow,
  time: bigint,
  outcome: { slashed: boolean; lost: boolean },
): Promise<void> {
  const chainId = context.chain.id;
  const price = row.price;
  const onTime = row.deliveredAt !== null && row.deliveredAt <= row.deliverBy;
  const buyerKey = { chainId, agent: row.agent, token: row.token, buyer: row.buyer };
  const before = await context.db.find(agentBuyerValue, buyerKey);
  const buyerValue = (before?.settledValue ?? 0n) + price;
  if (before === null) {
    await context.db.insert(agentBuyerValue).values({ ...buyerKey, settledCount: 1, settledValue: price });
  } else {
    await context.db
      .update(agentBuyerValue, buyerKey)
      .set({ settledCount: before.settledCount + 1, settledValue: buyerValue });
  }

  const key = { chainId, agent: row.agent, token: row.token };
  const current = await context.db.find(agentOutcome, key);
  const top = nextTopBuyer(
    { buyer: current?.topBuyer ?? null, value: current?.topBuyerValue ?? 0n },
    row.buyer,
    buyerValue,
  );
  const values = {
    settledCount: (current?.settledCount ?? 0) + 1,
    settledValue: (current?.settledValue ?? 0n) + price,
    onTimeCount: (current?.onTimeCount ?? 0) + (onTime ? 1 : 0),
    onTimeValue: (current?.onTimeValue ?? 0n) + (onTime ? price : 0n),
    slashedCount: (current?.slashedCount ?? 0) + (outcome.slashed ? 1 : 0),
    slashedValue: (current?.slashedValue ?? 0n) + (outcome.slashed ? price : 0n),
    lostCount: (current?.lostCount ?? 0) + (outcome.lost ? 1 : 0),
    lostValue: (current?.lostValue ?? 0n) + (outcome.lost ? price : 0n),
    distinctBuyers: (current?.distinctBuyers ?? 0) + (before === null ? 1 : 0),
    topBuyer: top.buyer as `0x${string}`,
    topBuyerValue: top.value,
  };
  if (current === null) await context.db.insert(agentOutcome).values({ ...key, ...values });
  else await context.db.update(agentOutcome, key).set(values);

  // The agent's share is the largest over the listed tokens (a handful): read the others' rows.
  const shares: (number | null)[] = [];
  for (const token of listedTokens) {
    const evidence =
      token === row.token.toLowerCase()
        ? values
        : await context.db.find(agentOutcome, { chainId, agent: row.agent, token });
    shares.push(evidence === null ? null : shareOf(evidence.topBuyerValue, evidence.settledValue));
  }
  const share = largestShare(shares);
  let change = 0;
  await updateAgent(context, row.agent, time, (agentRow) => {
    change = Number(isConcentrated(share)) - Number(isConcentrated(agentRow.topBuyerShare));
    return { topBuyerShare: share };
  });
  await updateWeek(context, row.agent, time, (week) => ({
    topBuyerShare: share,
    concentratedChange: week.concentratedChange + change,
  }));
}
