import type { Client } from "viem";
import { z } from "zod";

import { bps } from "../../schemas/fields.ts";
import { parseParameters } from "../../schemas/parse.ts";
import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type Plan, type WriteResult } from "../../utils/execute.ts";
import {
  loadPact,
  pactFields,
  withAccount,
  type PactParameters,
  type PrepareReturnType,
  type WriteErrorType,
} from "../internal.ts";

export type ProposeSettlementParameters = PactParameters & {
  /** The buyer's share of the price, in basis points (0 to 10,000); the agent would get the rest. */
  buyerBps: number;
};

export type ProposeSettlementReturnType = WriteResult & { event: SuretyEventArgs<"SettlementProposed"> };

export type ProposeSettlementErrorType = WriteErrorType;

/**
 * Plans a call whose arguments are the pact id, its terms and the buyer's share in basis points
 * (proposeSettlement, acceptSettlement).
 */
export async function planSettlementCall(
  client: Client,
  parameters: PactParameters & { buyerBps: number },
  action: "proposeSettlement" | "acceptSettlement",
): Promise<Plan> {
  const pact = await loadPact(client, parameters, action);
  const schema = z.strictObject({ ...pactFields(), buyerBps: bps() });
  const input = parseParameters(action, schema, withAccount(client, parameters));
  const terms = pact.require(input);
  return {
    action,
    deployment: pact.deployment,
    account: input.account,
    approval: undefined,
    call: { functionName: action, args: [input.pactId, terms, input.buyerBps], value: 0n },
  };
}

/**
 * The buyer or the agent proposes to settle an active, delivered or disputed pact without the arbiter: the buyer
 * gets `buyerBps` of the price, the agent the rest, and the collateral unlocks with no slash. It replaces the
 * sender's earlier proposal; the other party settles the pact by accepting it (acceptSettlement).
 * @example
 * const { event } = await proposeSettlement(agentClient, { pactId: 1n, buyerBps: 3_000 });
 * event.party; // the agent
 */
export async function proposeSettlement(
  client: Client,
  parameters: ProposeSettlementParameters,
): Promise<ProposeSettlementReturnType> {
  const { events, ...result } = await execute(
    client,
    await planSettlementCall(client, parameters, "proposeSettlement"),
  );
  return { ...result, event: eventOf(events, "SettlementProposed") };
}

/**
 * The call proposeSettlement would make, without sending it.
 * @example
 * const { calls } = await prepareProposeSettlement(walletClient, { pactId: 1n, buyerBps: 5_000 });
 */
export async function prepareProposeSettlement(
  client: Client,
  parameters: ProposeSettlementParameters,
): Promise<PrepareReturnType> {
  return { calls: toCalls(await planSettlementCall(client, parameters, "proposeSettlement")) };
}
