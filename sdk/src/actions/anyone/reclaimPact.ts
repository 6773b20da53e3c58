import type { Client } from "viem";

import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type WriteResult } from "../../utils/execute.ts";
import { planPactCall, type PactParameters, type PrepareReturnType, type WriteErrorType } from "../internal.ts";

export type ReclaimPactParameters = PactParameters;

export type ReclaimPactReturnType = WriteResult & { event: SuretyEventArgs<"PactReclaimed"> };

export type ReclaimPactErrorType = WriteErrorType;

/**
 * After an open pact's acceptBy has passed unaccepted, returns the price to the buyer. Anyone may call it.
 * @example
 * const { event } = await reclaimPact(walletClient, { pactId: 1n });
 * event.refund; // the price, back to the buyer
 */
export async function reclaimPact(client: Client, parameters: ReclaimPactParameters): Promise<ReclaimPactReturnType> {
  const { events, ...result } = await execute(client, await planPactCall(client, parameters, "reclaimPact"));
  return { ...result, event: eventOf(events, "PactReclaimed") };
}

/**
 * The call reclaimPact would make, without sending it.
 * @example
 * const { calls } = await prepareReclaimPact(walletClient, { pactId: 1n });
 */
export async function prepareReclaimPact(
  client: Client,
  parameters: ReclaimPactParameters,
): Promise<PrepareReturnType> {
  return { calls: toCalls(await planPactCall(client, parameters, "reclaimPact")) };
}
