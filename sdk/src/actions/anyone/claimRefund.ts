import type { Client } from "viem";

import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type WriteResult } from "../../utils/execute.ts";
import { planPactCall, type PactParameters, type PrepareReturnType, type WriteErrorType } from "../internal.ts";

export type ClaimRefundParameters = PactParameters;

export type ClaimRefundReturnType = WriteResult & { event: SuretyEventArgs<"PactRefunded"> };

export type ClaimRefundErrorType = WriteErrorType;

/**
 * After an active pact's deliverBy has passed, returns the price to the buyer and slashes the penalty to it.
 * Anyone may call it; the funds always go to the buyer.
 * @example
 * const { event } = await claimRefund(walletClient, { pactId: 1n });
 * event.slashed; // the penalty taken from the agent's collateral
 */
export async function claimRefund(client: Client, parameters: ClaimRefundParameters): Promise<ClaimRefundReturnType> {
  const { events, ...result } = await execute(client, await planPactCall(client, parameters, "claimRefund"));
  return { ...result, event: eventOf(events, "PactRefunded") };
}

/**
 * The call claimRefund would make, without sending it.
 * @example
 * const { calls } = await prepareClaimRefund(walletClient, { pactId: 1n });
 */
export async function prepareClaimRefund(
  client: Client,
  parameters: ClaimRefundParameters,
): Promise<PrepareReturnType> {
  return { calls: toCalls(await planPactCall(client, parameters, "claimRefund")) };
}
