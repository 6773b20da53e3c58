import type { Client } from "viem";

import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type WriteResult } from "../../utils/execute.ts";
import { planPactCall, type PactParameters, type PrepareReturnType, type WriteErrorType } from "../internal.ts";

export type WithdrawProposalsParameters = PactParameters;

export type WithdrawProposalsReturnType = WriteResult & { event: SuretyEventArgs<"ProposalsWithdrawn"> };

export type WithdrawProposalsErrorType = WriteErrorType;

/**
 * The buyer or the agent of an underway pact withdraws its own standing settlement proposal and its request for a later
 * deadline, so that the other party can no longer accept them. It reverts when the sender has nothing standing.
 * @example
 * await proposeSettlement(buyerClient, { pactId: 1n, buyerBps: 8_000 });
 * const { event } = await withdrawProposals(buyerClient, { pactId: 1n });
 * event.party; // the buyer
 */
export async function withdrawProposals(
  client: Client,
  parameters: WithdrawProposalsParameters,
): Promise<WithdrawProposalsReturnType> {
  const { events, ...result } = await execute(client, await planPactCall(client, parameters, "withdrawProposals"));
  return { ...result, event: eventOf(events, "ProposalsWithdrawn") };
}

/**
 * The call withdrawProposals would make, without sending it.
 * @example
 * const { calls } = await prepareWithdrawProposals(buyerClient, { pactId: 1n });
 */
export async function prepareWithdrawProposals(
  client: Client,
  parameters: WithdrawProposalsParameters,
): Promise<PrepareReturnType> {
  return { calls: toCalls(await planPactCall(client, parameters, "withdrawProposals")) };
}
