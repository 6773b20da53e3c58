import type { Address, Client } from "viem";
import { z } from "zod";

import { address, amount, document, type AmountInput } from "../../schemas/fields.ts";
import { across, field, parseParameters } from "../../schemas/parse.ts";
import { LADDER_STEPS, requiresCap, type LadderStep } from "../../constants/statuses.ts";
import { AGENT_STATUSES, type HashedDocument } from "../../types.ts";
import { anyString, decimalsOf, resolveDeployment } from "../../utils/client.ts";
import type { DocumentInput } from "../../utils/document.ts";
import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type Plan, type WriteResult } from "../../utils/execute.ts";
import {
  withAccount,
  writeFields,
  type PrepareReturnType,
  type WriteErrorType,
  type WriteParameters,
} from "../internal.ts";

/** The steps setAgentStatus can set; recertify returns an agent to "good". */
export type LadderStatus = LadderStep;

export type SetAgentStatusParameters = WriteParameters & {
  agent: Address;
  /** Why: a 32-byte hash, text, or a JSON value (hashed into `reasonHash`). */
  reason: DocumentInput;
} & (
    | { status: "warned"; cap?: undefined }
    /** From narrowed up, `cap` bounds the agent's locked collateral, in the stake token. */
    | { status: "narrowed" | "under-review"; cap: AmountInput }
    /** A paused agent takes no new pacts whatever its cap, which is 0 by default. */
    | { status: "paused"; cap?: AmountInput | undefined }
  );

export type SetAgentStatusReturnType = WriteResult & {
  event: SuretyEventArgs<"AgentStatusChanged">;
  /** The reason's hash, and the exact text hashed. */
  reason: HashedDocument;
};

export type SetAgentStatusErrorType = WriteErrorType;

const ACTION = "setAgentStatus";

async function planSetAgentStatus(client: Client, parameters: SetAgentStatusParameters) {
  const deployment = await resolveDeployment(client, parameters.deployment, ACTION);
  const decimals = anyString(parameters.cap) ? await decimalsOf(client, deployment.stakeToken) : { reason: "unused" };
  let schema = z.strictObject({
    agent: address({ nonZero: true }),
    status: field((value, report): LadderStatus => {
      if (!LADDER_STEPS.includes(value as LadderStatus)) report(`must be one of ${LADDER_STEPS.join(", ")}`);
      return value as LadderStatus;
    }),
    cap: amount(decimals, { bits: 128 }).optional(),
    reason: document(),
    ...writeFields(),
  });
  schema = across(schema, ["status", "cap"], (value, report) => {
    if (value.cap === undefined && requiresCap(value.status)) {
      report("cap", `is required for status ${value.status}`);
    }
    if (value.cap !== undefined && value.status === "warned") report("cap", "only applies from narrowed up");
  }) as typeof schema;
  const input = parseParameters(ACTION, schema, withAccount(client, parameters));
  const plan: Plan = {
    action: ACTION,
    deployment,
    account: input.account,
    approval: undefined,
    call: {
      functionName: "setAgentStatus",
      args: [input.agent, AGENT_STATUSES.indexOf(input.status), input.cap ?? 0n, input.reason.hash],
      value: 0n,
    },
  };
  return { plan, reason: input.reason };
}

/**
 * The operator moves an agent on the ladder: warned, narrowed (exposure capped), under-review (also freezes
 * withdrawals, within the deployment's limits) or paused (also cannot accept pacts, though buyers can still create
 * pacts naming it). It never moves funds.
 * @example
 * const { event } = await setAgentStatus(operatorClient, {
 *   agent, status: "narrowed", cap: "500", reason: { ticket: "OPS-142", summary: "two late deliveries" },
 * });
 */
export async function setAgentStatus(
  client: Client,
  parameters: SetAgentStatusParameters,
): Promise<SetAgentStatusReturnType> {
  const { plan, reason } = await planSetAgentStatus(client, parameters);
  const { events, ...result } = await execute(client, plan);
  return { ...result, event: eventOf(events, "AgentStatusChanged"), reason };
}

/**
 * The call setAgentStatus would make, without sending it.
 * @example
 * const { calls } = await prepareSetAgentStatus(operatorClient, { agent, status: "warned", reason: "late" });
 */
export async function prepareSetAgentStatus(
  client: Client,
  parameters: SetAgentStatusParameters,
): Promise<PrepareReturnType & { reason: HashedDocument }> {
  const { plan, reason } = await planSetAgentStatus(client, parameters);
  return { calls: toCalls(plan), reason };
}
