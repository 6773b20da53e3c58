/**
 * The operator's ladder: an agent's status set (a step down, or back to good standing), with its cap, freeze and
 * reason. A step answers every weekly review whose signal (a slash, a lost dispute) was waiting: each week's time to
 * narrow runs from its signal to the step.
 */
import { AGENT_STATUSES } from "@surety/sdk";
import { ponder } from "ponder:registry";
import { weeklyReview } from "ponder:schema";

import { record } from "../lib/record.ts";
import { updateAgent, updateWeek } from "../lib/upsert.ts";
import { weekStartsBetween } from "../lib/weeks.ts";

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
