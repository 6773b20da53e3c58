import type { Address, Client } from "viem";
import { z } from "zod";

import { InvalidParametersError, type ParameterIssue } from "../../errors/parameters.ts";
import { address, uint } from "../../schemas/fields.ts";
import { parseParameters } from "../../schemas/parse.ts";
import { peekAddress } from "../../utils/client.ts";
import { loadPact, pactFields, withAccount, type PrepareReturnType, type WriteErrorType } from "../internal.ts";
import {
  adapterOf,
  NOT_PAYABLE_APPEAL_COST,
  checkAdapter,
  courtEventOf,
  courtOf,
  executeCourt,
  readAdapter,
  toCourtCalls,
  type CourtEventArgs,
  type CourtPactParameters,
  type CourtPlan,
  type CourtWriteResult,
} from "./internal.ts";

export type FundAppealParameters = CourtPactParameters & {
  /**
   * ETH sent, in wei: by default the court's appeal cost (nothing while the court quotes none it takes); any excess
   * is refunded by the adapter.
   */
  value?: bigint | undefined;
};

export type FundAppealReturnType = CourtWriteResult & {
  pactId: bigint;
  /** The AppealFunded event: the court's dispute, the party and the cost paid. */
  event: CourtEventArgs<"AppealFunded">;
};

export type FundAppealErrorType = WriteErrorType;

const ACTION = "fundAppeal";

async function plan(client: Client, parameters: FundAppealParameters): Promise<CourtPlan & { pactId: bigint }> {
  const pact = await loadPact(client, parameters, ACTION);
  const adapter = adapterOf({ adapter: peekAddress(parameters.adapter) }, pact.terms);
  const pactId = uint().safeParse(parameters.pactId);
  const [court, quoted] =
    adapter === undefined || !pactId.success
      ? [undefined, undefined]
      : await Promise.all([courtOf(client, adapter), readAdapter(client, adapter, "appealCost", [pactId.data])]);
  // A court that takes no appeal now quotes a cost no one can pay: none, so that the adapter's refusal is reported.
  const cost = quoted !== undefined && quoted < NOT_PAYABLE_APPEAL_COST ? quoted : undefined;

  const schema = z.strictObject({
    ...pactFields(),
    adapter: address({ nonZero: true }).optional(),
    value: uint().optional(),
  });
  const input = parseParameters(ACTION, schema, withAccount(client, parameters));
  const terms = pact.require(input);
  const target = (input.adapter ?? terms.arbiter) as Address;

  const issues: ParameterIssue[] = [];
  const report = (path: string, message: string) => issues.push({ path, message });
  checkAdapter(target, terms, court !== undefined, report);
  const party = input.account.address.toLowerCase();
  if (party !== terms.buyer.toLowerCase() && party !== terms.agent.toLowerCase()) {
    report("account", `must be the pact's buyer ${terms.buyer} or agent ${terms.agent}`);
  }
  if (input.value !== undefined && cost !== undefined && input.value < cost) {
    report("value", `must be at least the court's appeal cost (${cost} wei)`);
  }
  if (issues.length > 0) throw new InvalidParametersError({ action: ACTION, issues });

  return {
    action: ACTION,
    account: input.account,
    adapter: target,
    functionName: ACTION,
    args: [input.pactId],
    value: input.value ?? cost ?? 0n,
    pactId: input.pactId,
  };
}

/**
 * The buyer or the agent appeals the court's current ruling on a pact, during the court's appeal period, paying
 * the court's appeal cost in ETH.
 * @example
 * const { event } = await fundAppeal(walletClient, { pactId: 1n });
 */
export async function fundAppeal(client: Client, parameters: FundAppealParameters): Promise<FundAppealReturnType> {
  const planned = await plan(client, parameters);
  const { hash, receipt, events } = await executeCourt(client, planned);
  return { hash, receipt, pactId: planned.pactId, event: courtEventOf(events, "AppealFunded") };
}

/**
 * The call fundAppeal would make, without sending it.
 * @example
 * const { calls } = await prepareFundAppeal(walletClient, { pactId: 1n });
 */
export async function prepareFundAppeal(client: Client, parameters: FundAppealParameters): Promise<PrepareReturnType> {
  return { calls: toCourtCalls(await plan(client, parameters)) };
}
