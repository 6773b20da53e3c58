import type { Address, Client } from "viem";
import { z } from "zod";

import { InvalidParametersError, type ParameterIssue } from "../../errors/parameters.ts";
import { address } from "../../schemas/fields.ts";
import { parseParameters } from "../../schemas/parse.ts";
import { peekAddress } from "../../utils/client.ts";
import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf } from "../../utils/execute.ts";
import { loadPact, pactFields, withAccount, type PrepareReturnType, type WriteErrorType } from "../internal.ts";
import {
  adapterOf,
  checkAdapter,
  courtEventOf,
  courtOf,
  executeCourt,
  toCourtCalls,
  type CourtEventArgs,
  type CourtPactParameters,
  type CourtPlan,
  type CourtWriteResult,
} from "./internal.ts";

export type SettleUnfundedParameters = CourtPactParameters;

export type SettleUnfundedReturnType = CourtWriteResult & {
  pactId: bigint;
  /** The adapter's ArbitrationUnfunded event: who had the delivery stand. */
  event: CourtEventArgs<"ArbitrationUnfunded">;
  /** Surety's DisputeResolved event: no share to the buyer, the whole price to the agent, nothing slashed. */
  resolved: SuretyEventArgs<"DisputeResolved">;
  /** Payouts that could not be delivered and were credited to their recipient (claim them with claimPayout). */
  credits: SuretyEventArgs<"PayoutCredited">[];
};

export type SettleUnfundedErrorType = WriteErrorType;

const ACTION = "settleUnfunded";

async function plan(client: Client, parameters: SettleUnfundedParameters): Promise<CourtPlan & { pactId: bigint }> {
  const pact = await loadPact(client, parameters, ACTION);
  const adapter = adapterOf({ adapter: peekAddress(parameters.adapter) }, pact.terms);
  const court = adapter === undefined ? undefined : await courtOf(client, adapter);

  const schema = z.strictObject({ ...pactFields(), adapter: address({ nonZero: true }).optional() });
  const input = parseParameters(ACTION, schema, withAccount(client, parameters));
  const terms = pact.require(input);
  const target = (input.adapter ?? terms.arbiter) as Address;

  const issues: ParameterIssue[] = [];
  checkAdapter(target, terms, court !== undefined, (path, message) => issues.push({ path, message }));
  if (issues.length > 0) throw new InvalidParametersError({ action: ACTION, issues });

  return {
    action: ACTION,
    account: input.account,
    adapter: target,
    functionName: ACTION,
    args: [input.pactId, terms],
    value: 0n,
    surety: pact.deployment.surety,
    pactId: input.pactId,
  };
}

/**
 * Anyone settles a disputed pact whose arbiter is a court adapter when its buyer let the fee window pass without
 * having the court arbitrate (requestArbitration): the delivery stands, so the agent is paid the whole price and
 * nothing is slashed.
 * @example
 * const { resolved } = await settleUnfunded(walletClient, { pactId: 1n });
 * resolved.toAgent; // the whole price
 */
export async function settleUnfunded(
  client: Client,
  parameters: SettleUnfundedParameters,
): Promise<SettleUnfundedReturnType> {
  const planned = await plan(client, parameters);
  const { hash, receipt, events, suretyEvents } = await executeCourt(client, planned);
  return {
    hash,
    receipt,
    pactId: planned.pactId,
    event: courtEventOf(events, "ArbitrationUnfunded"),
    resolved: eventOf(suretyEvents, "DisputeResolved"),
    credits: suretyEvents.flatMap((event) => (event.eventName === "PayoutCredited" ? [event.args] : [])),
  };
}

/**
 * The call settleUnfunded would make, without sending it.
 * @example
 * const { calls } = await prepareSettleUnfunded(walletClient, { pactId: 1n });
 */
export async function prepareSettleUnfunded(
  client: Client,
  parameters: SettleUnfundedParameters,
): Promise<PrepareReturnType> {
  return { calls: toCourtCalls(await plan(client, parameters)) };
}
