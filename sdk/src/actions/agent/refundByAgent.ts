import type { Client } from "viem";

import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type WriteResult } from "../../utils/execute.ts";
import { planPactCall, type PactParameters, type PrepareReturnType, type WriteErrorType } from "../internal.ts";

export type RefundByAgentParameters = PactParameters;

export type RefundByAgentReturnType = WriteResult & { event: SuretyEventArgs<"PactRefundedByAgent"> };

export type RefundByAgentErrorType = WriteErrorType;

/**
 * The agent gives up an active pact before its delivery deadline: the price goes back to the buyer and the
 * missed-delivery penalty is slashed from the agent's collateral to the buyer, as if the deadline had passed, but
 * without the buyer waiting for it. The rest of the collateral unlocks.
 * @example
 * const { event } = await refundByAgent(agentClient, { pactId: 1n });
 * event.refund; // the price, back to the buyer
 */
export async function refundByAgent(
  client: Client,
  parameters: RefundByAgentParameters,
): Promise<RefundByAgentReturnType> {
  const { events, ...result } = await execute(client, await planPactCall(client, parameters, "refundByAgent"));
  return { ...result, event: eventOf(events, "PactRefundedByAgent") };
}

/**
 * The call refundByAgent would make, without sending it.
 * @example
 * const { calls } = await prepareRefundByAgent(agentClient, { pactId: 1n });
 */
export async function prepareRefundByAgent(
  client: Client,
  parameters: RefundByAgentParameters,
): Promise<PrepareReturnType> {
  return { calls: toCalls(await planPactCall(client, parameters, "refundByAgent")) };
}
