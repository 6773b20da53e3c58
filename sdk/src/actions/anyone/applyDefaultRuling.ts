import type { Client } from "viem";

import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type WriteResult } from "../../utils/execute.ts";
import { planPactCall, type PactParameters, type PrepareReturnType, type WriteErrorType } from "../internal.ts";

export type ApplyDefaultRulingParameters = PactParameters;

export type ApplyDefaultRulingReturnType = WriteResult & { event: SuretyEventArgs<"DefaultRulingApplied"> };

export type ApplyDefaultRulingErrorType = WriteErrorType;

/**
 * After a disputed pact's ruling period has passed without a ruling, applies the pact's default split with no
 * slash and returns the arbiter fee to the buyer. Anyone may call it.
 * @example
 * const { event } = await applyDefaultRuling(walletClient, { pactId: 1n });
 * event.toBuyer; // the buyer's share of the price (the fee comes back too)
 */
export async function applyDefaultRuling(
  client: Client,
  parameters: ApplyDefaultRulingParameters,
): Promise<ApplyDefaultRulingReturnType> {
  const { events, ...result } = await execute(client, await planPactCall(client, parameters, "applyDefaultRuling"));
  return { ...result, event: eventOf(events, "DefaultRulingApplied") };
}

/**
 * The call applyDefaultRuling would make, without sending it.
 * @example
 * const { calls } = await prepareApplyDefaultRuling(walletClient, { pactId: 1n });
 */
export async function prepareApplyDefaultRuling(
  client: Client,
  parameters: ApplyDefaultRulingParameters,
): Promise<PrepareReturnType> {
  return { calls: toCalls(await planPactCall(client, parameters, "applyDefaultRuling")) };
}
