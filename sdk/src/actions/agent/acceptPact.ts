import type { Client } from "viem";

import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type WriteResult } from "../../utils/execute.ts";
import { planPactCall, type PactParameters, type PrepareReturnType, type WriteErrorType } from "../internal.ts";

export type AcceptPactParameters = PactParameters;

export type AcceptPactReturnType = WriteResult & { event: SuretyEventArgs<"PactAccepted"> };

export type AcceptPactErrorType = WriteErrorType;

/**
 * The agent accepts an open pact by its acceptBy, locking the collateral from its free stake.
 * @example
 * const { event } = await acceptPact(walletClient, { pactId: 1n });
 * event.locked; // the agent's total locked collateral
 */
export async function acceptPact(client: Client, parameters: AcceptPactParameters): Promise<AcceptPactReturnType> {
  const { events, ...result } = await execute(client, await planPactCall(client, parameters, "acceptPact"));
  return { ...result, event: eventOf(events, "PactAccepted") };
}

/**
 * The call acceptPact would make, without sending it.
 * @example
 * const { calls } = await prepareAcceptPact(walletClient, { pactId: 1n });
 */
export async function prepareAcceptPact(client: Client, parameters: AcceptPactParameters): Promise<PrepareReturnType> {
  return { calls: toCalls(await planPactCall(client, parameters, "acceptPact")) };
}
