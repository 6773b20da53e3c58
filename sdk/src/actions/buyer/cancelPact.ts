import type { Client } from "viem";

import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type WriteResult } from "../../utils/execute.ts";
import { planPactCall, type PactParameters, type PrepareReturnType, type WriteErrorType } from "../internal.ts";

export type CancelPactParameters = PactParameters;

export type CancelPactReturnType = WriteResult & { event: SuretyEventArgs<"PactCancelled"> };

export type CancelPactErrorType = WriteErrorType;

/**
 * The buyer cancels a pact no agent has accepted yet and gets the price back (or a credit for it).
 * @example
 * const { event } = await cancelPact(walletClient, { pactId: 1n });
 * event.refund; // the price, back to the buyer
 */
export async function cancelPact(client: Client, parameters: CancelPactParameters): Promise<CancelPactReturnType> {
  const { events, ...result } = await execute(client, await planPactCall(client, parameters, "cancelPact"));
  return { ...result, event: eventOf(events, "PactCancelled") };
}

/**
 * The call cancelPact would make, without sending it.
 * @example
 * const { calls } = await prepareCancelPact(walletClient, { pactId: 1n });
 */
export async function prepareCancelPact(client: Client, parameters: CancelPactParameters): Promise<PrepareReturnType> {
  return { calls: toCalls(await planPactCall(client, parameters, "cancelPact")) };
}
