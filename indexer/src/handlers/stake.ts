/**
 * An agent's stake: deposits (bonded), withdrawal requests (queued until the unbonding delay ends) and withdrawals.
 * Locks and slashes move with the pacts (pacts.ts, lib/settle.ts). Each handler appends one history row, which
 * creates the agent's record at its first deposit (lib/record.ts).
 */
import { ponder } from "ponder:registry";

import { stakeToken } from "../lib/pact.ts";
import { record } from "../lib/record.ts";
import { updateStake } from "../lib/upsert.ts";

ponder.on("Surety:StakeDeposited", async ({ event, context }) => {
  const { agent: address, amount, bonded } = event.args;
  const time = event.block.timestamp;
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
