import type { Client } from "viem";

import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type WriteResult } from "../../utils/execute.ts";
import { planPactCall, type PactParameters, type PrepareReturnType, type WriteErrorType } from "../internal.ts";

export type ReleasePactParameters = PactParameters;

export type ReleasePactReturnType = WriteResult & { event: SuretyEventArgs<"PactReleased"> };

export type ReleasePactErrorType = WriteErrorType;

/**
 * The buyer pays the agent: from active, delivered or disputed (a held arbiter fee then goes back to the buyer).
 * The agent's collateral unlocks.
 * @example
 * const { event } = await releasePact(walletClient, { pactId: 1n });
 * event.payment; // the price, paid to the agent
 */
export async function releasePact(client: Client, parameters: ReleasePactParameters): Promise<ReleasePactReturnType> {
  const { events, ...result } = await execute(client, await planPactCall(client, parameters, "releasePact"));
  return { ...result, event: eventOf(events, "PactReleased") };
}

/**
 * The call releasePact would make, without sending it.
 * @example
 * const { calls } = await prepareReleasePact(walletClient, { pactId: 1n });
 */
export async function prepareReleasePact(
  client: Client,
  parameters: ReleasePactParameters,
): Promise<PrepareReturnType> {
  return { calls: toCalls(await planPactCall(client, parameters, "releasePact")) };
}
