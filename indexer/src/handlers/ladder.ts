/**
 * The operator's ladder: an agent's status set (a step down, or back to good standing), with its cap, freeze and
 * reason. A step answers every weekly review whose signal (a slash, a lost dispute) was waiting: each week's time to
 * narrow runs from its signal to the step. Containment and recertification move the agent's recovery
 * (lib/recovery.ts): a containment row begins or ends, and the week counts it.
 */
import { AGENT_STATUSES } from "@surety/sdk";
import { ponder } from "ponder:registry";
import { containmentEpisode, weeklyReview } from "ponder:schema";

import { record } from "../lib/record.ts";
import { moveOnLadder } from "../lib/recovery.ts";
import { updateAgent, updateWeek } from "../lib/upsert.ts";
import { weekStartOf, weekStartsBetween } from "../lib/weeks.ts";

ponder.on("Surety:AgentStatusChanged", async ({ event, context }) => {
  const { agent: address, operator, status: index, cap, frozenUntil, reasonHash } = event.args;
  const time = event.block.timestamp;
  const status = AGENT_STATUSES[index];
  if (status === undefined) throw new Error(`AgentStatusChanged carries an unknown status ${index}`);
  const step = status !== "good";
  const before = await updateAgent(context, address, time, () => ({}));
  const move = moveOnLadder(before, before.status, status, time);
  await updateAgent(context, address, time, (row) => ({
    ...move.state,
    containments: row.containments + (move.containmentStarted ? 1 : 0),
    ...(move.containmentEnded?.recoverySeconds != null && {
      recoveries: row.recoveries + 1,
      recoverySeconds: row.recoverySeconds + move.containmentEnded.recoverySeconds,
      lastContainedAt: move.containmentEnded.containedAt,
      lastRecoveredAt: time,
    }),
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
  const chainId = context.chain.id;
  if (move.containmentStarted) {
    await context.db.insert(containmentEpisode).values({
      chainId,
      agent: address,
      episode: before.containments + 1,
      containedAt: time,
      status,
    });
  }
  if (move.containmentEnded !== null) {
    await context.db.update(containmentEpisode, { chainId, agent: address, episode: before.containments }).set({
      endedAt: time,
      endedWeekStart: weekStartOf(time),
      recoverySeconds: move.containmentEnded.recoverySeconds,
    });
  }
  const recovery = move.containmentEnded?.recoverySeconds ?? null;
  if (move.containmentStarted || move.recertified) {
    await updateWeek(context, address, time, (week) => ({
      containments: week.containments + (move.containmentStarted ? 1 : 0),
      ...(move.containmentStarted && { containedAt: time }),
      ...(move.recertified && { recertifiedAt: time, lastRecoverySeconds: recovery }),
      ...(recovery !== null && { recoveries: week.recoveries + 1, recoverySeconds: week.recoverySeconds + recovery }),
    }));
  }
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
