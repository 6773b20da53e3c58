import type { Client } from "viem";

import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type WriteResult } from "../../utils/execute.ts";
import { planPactCall, type PactParameters, type PrepareReturnType, type WriteErrorType } from "../internal.ts";

export type FinalizePactParameters = PactParameters;

export type FinalizePactReturnType = WriteResult & { event: SuretyEventArgs<"PactFinalized"> };

export type FinalizePactErrorType = WriteErrorType;

/**
 * After a delivered pact's review period has passed without a dispute, pays the price to the agent. Anyone may
 * call it.
 * @example
 * const { event } = await finalizePact(walletClient, { pactId: 1n });
 * event.payment; // the price, paid to the agent
 */
export async function finalizePact(
  client: Client,
  parameters: FinalizePactParameters,
): Promise<FinalizePactReturnType> {
  const { events, ...result } = await execute(client, await planPactCall(client, parameters, "finalizePact"));
  return { ...result, event: eventOf(events, "PactFinalized") };
}

/**
 * The call finalizePact would make, without sending it.
 * @example
 * const { calls } = await prepareFinalizePact(walletClient, { pactId: 1n });
 */
export async function prepareFinalizePact(
  client: Client,
  parameters: FinalizePactParameters,
): Promise<PrepareReturnType> {
  return { calls: toCalls(await planPactCall(client, parameters, "finalizePact")) };
}
