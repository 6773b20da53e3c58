import type { Client } from "viem";

import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type WriteResult } from "../../utils/execute.ts";
import type { PactParameters, PrepareReturnType, WriteErrorType } from "../internal.ts";
import { planSettlementCall } from "./proposeSettlement.ts";

export type AcceptSettlementParameters = PactParameters & {
  /**
   * The buyer's share of the price in basis points, exactly as the other party proposed it: the call reverts if
   * the standing proposal differs (for instance, was replaced since it was read).
   */
  buyerBps: number;
};

export type AcceptSettlementReturnType = WriteResult & { event: SuretyEventArgs<"PactSettled"> };

export type AcceptSettlementErrorType = WriteErrorType;

/**
 * The buyer or the agent accepts the other party's standing settlement proposal (see getProposals): the pact is
 * settled at once. The price is split as a ruling splits it (the buyer's share rounds down), the collateral
 * unlocks with no slash, and a disputed pact's arbiter fee goes back to the buyer.
 * @example
 * const { agent } = await getProposals(client, { pactId: 1n });
 * const { event } = await acceptSettlement(buyerClient, { pactId: 1n, buyerBps: agent.buyerBps! });
 * event.toBuyer; // the buyer's share of the price
 */
export async function acceptSettlement(
  client: Client,
  parameters: AcceptSettlementParameters,
): Promise<AcceptSettlementReturnType> {
  const { events, ...result } = await execute(client, await planSettlementCall(client, parameters, "acceptSettlement"));
  return { ...result, event: eventOf(events, "PactSettled") };
}

/**
 * The call acceptSettlement would make, without sending it.
 * @example
 * const { calls } = await prepareAcceptSettlement(walletClient, { pactId: 1n, buyerBps: 5_000 });
 */
export async function prepareAcceptSettlement(
  client: Client,
  parameters: AcceptSettlementParameters,
): Promise<PrepareReturnType> {
  return { calls: toCalls(await planSettlementCall(client, parameters, "acceptSettlement")) };
}
