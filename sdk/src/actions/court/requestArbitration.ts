import type { Address, Client } from "viem";
import { z } from "zod";

import { InvalidParametersError, type ParameterIssue } from "../../errors/parameters.ts";
import { address, uint } from "../../schemas/fields.ts";
import { parseParameters } from "../../schemas/parse.ts";
import { peekAddress } from "../../utils/client.ts";
import { loadPact, pactFields, withAccount, type PrepareReturnType, type WriteErrorType } from "../internal.ts";
import {
  adapterOf,
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

export type RequestArbitrationParameters = CourtPactParameters & {
  /** URI of the ERC-1497 meta-evidence JSON describing the pact and its rulings (e.g. `ipfs://…`). */
  metaEvidence: string;
  /** ETH sent, in wei: by default the court's arbitration cost; any excess is refunded by the adapter. */
  value?: bigint | undefined;
};

export type RequestArbitrationReturnType = CourtWriteResult & {
  pactId: bigint;
  /** The court's dispute id. */
  disputeID: bigint;
  /** The ArbitrationRequested event: who paid and the court's cost. */
  event: CourtEventArgs<"ArbitrationRequested">;
};

export type RequestArbitrationErrorType = WriteErrorType;

const ACTION = "requestArbitration";

/** A non-empty URI string. */
export const uri = () =>
  z.unknown().transform((value, ctx) => {
    if (typeof value !== "string" || value.trim() === "") {
      ctx.addIssue({ code: "custom", message: "must be a non-empty URI (e.g. ipfs://…)" });
      return z.NEVER;
    }
    return value;
  });

async function plan(client: Client, parameters: RequestArbitrationParameters): Promise<CourtPlan & { pactId: bigint }> {
  const pact = await loadPact(client, parameters, ACTION);
  const adapter = adapterOf({ adapter: peekAddress(parameters.adapter) }, pact.terms);
  const [court, cost] =
    adapter === undefined
      ? [undefined, undefined]
      : await Promise.all([courtOf(client, adapter), readAdapter<bigint>(client, adapter, "arbitrationCost")]);

  const schema = z.strictObject({
    ...pactFields(),
    adapter: address({ nonZero: true }).optional(),
    metaEvidence: uri(),
    value: uint().optional(),
  });
  const input = parseParameters(ACTION, schema, withAccount(client, parameters));
  const terms = pact.require(input);
  const target = (input.adapter ?? terms.arbiter) as Address;

  const issues: ParameterIssue[] = [];
  const report = (path: string, message: string) => issues.push({ path, message });
  checkAdapter(target, terms, court !== undefined, report);
  if (terms.arbiterFee !== 0n) {
    report(
      "pactId",
      `has an arbiter fee (${terms.arbiterFee}): a court adapter refuses it; the default ruling applies`,
    );
  }
  if (input.value !== undefined && cost !== undefined && input.value < cost) {
    report("value", `must be at least the court's arbitration cost (${cost} wei)`);
  }
  if (issues.length > 0) throw new InvalidParametersError({ action: ACTION, issues });

  return {
    action: ACTION,
    account: input.account,
    adapter: target,
    functionName: ACTION,
    args: [input.pactId, terms, input.metaEvidence],
    value: input.value ?? cost ?? 0n,
    pactId: input.pactId,
  };
}

/**
 * Anyone creates the court's dispute for a disputed pact whose arbiter is a court adapter, paying the court's
 * arbitration cost in ETH. The pact must have no arbiter fee and be within its ruling period.
 * @example
 * const { disputeID } = await requestArbitration(walletClient, { pactId: 1n, metaEvidence: "ipfs://bafy…/meta.json" });
 */
export async function requestArbitration(
  client: Client,
  parameters: RequestArbitrationParameters,
): Promise<RequestArbitrationReturnType> {
  const planned = await plan(client, parameters);
  const { events, ...result } = await executeCourt(client, planned);
  const event = courtEventOf(events, "ArbitrationRequested");
  return { ...result, pactId: planned.pactId, disputeID: event.disputeID, event };
}

/**
 * The call requestArbitration would make, without sending it.
 * @example
 * const { calls } = await prepareRequestArbitration(walletClient, { pactId: 1n, metaEvidence: "ipfs://…" });
 */
export async function prepareRequestArbitration(
  client: Client,
  parameters: RequestArbitrationParameters,
): Promise<PrepareReturnType> {
  return { calls: toCourtCalls(await plan(client, parameters)) };
}
