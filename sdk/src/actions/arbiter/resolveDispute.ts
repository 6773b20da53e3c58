import type { Client } from "viem";
import { z } from "zod";

import { amount, bps, document, type AmountInput } from "../../schemas/fields.ts";
import { across, parseParameters } from "../../schemas/parse.ts";
import type { HashedDocument } from "../../types.ts";
import { anyString, decimalsOf } from "../../utils/client.ts";
import type { DocumentInput } from "../../utils/document.ts";
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

export type ResolveDisputeParameters = PactParameters & {
  /** The buyer's share of the price, in basis points (0 to 10,000); the agent gets the rest. */
  buyerBps: number;
  /** Collateral slashed to the buyer, in the stake token; at most the pact's collateral; 0 by default. */
  slash?: AmountInput | undefined;
  /** The reasoned ruling: a 32-byte hash, text, or a JSON value (hashed into `rulingHash`). */
  ruling: DocumentInput;
};

export type ResolveDisputeReturnType = WriteResult & {
  event: SuretyEventArgs<"DisputeResolved">;
  /** The ruling's hash, and the exact text hashed. */
  ruling: HashedDocument;
};

export type ResolveDisputeErrorType = WriteErrorType;

const ACTION = "resolveDispute";

async function planResolveDispute(client: Client, parameters: ResolveDisputeParameters) {
  const pact = await loadPact(client, parameters, ACTION);
  const decimals = anyString(parameters.slash)
    ? await decimalsOf(client, pact.deployment.stakeToken)
    : { reason: "unused" };
  let schema = z.strictObject({
    ...pactFields(),
    buyerBps: bps(),
    slash: amount(decimals).optional(),
    ruling: document(),
  });
  schema = across(schema, ["slash"], (value, report) => {
    const collateral = pact.terms?.collateral;
    if (collateral !== undefined && (value.slash ?? 0n) > collateral) {
      report("slash", `must be at most the pact's collateral (${collateral})`);
    }
  }) as typeof schema;
  const input = parseParameters(ACTION, schema, withAccount(client, parameters));
  const terms = pact.require(input);
  const plan: Plan = {
    action: ACTION,
    deployment: pact.deployment,
    account: input.account,
    approval: undefined,
    call: {
      functionName: "resolveDispute",
      args: [input.pactId, terms, input.buyerBps, input.slash ?? 0n, input.ruling.hash],
      value: 0n,
    },
  };
  return { plan, ruling: input.ruling };
}

/**
 * The pact's arbiter rules within the ruling period: a split of the price, a slash of the agent's collateral to
 * the buyer, and the reasoned ruling's hash. The arbiter earns the fee.
 * @example
 * const { event } = await resolveDispute(arbiterClient, {
 *   pactId: 1n,
 *   buyerBps: 7_500,
 *   slash: "10",
 *   ruling: { finding: "Three of four deliverables met the terms", refund: "25%" },
 * });
 * event.toBuyer; // the buyer's share of the price
 */
export async function resolveDispute(
  client: Client,
  parameters: ResolveDisputeParameters,
): Promise<ResolveDisputeReturnType> {
  const { plan, ruling } = await planResolveDispute(client, parameters);
  const { events, ...result } = await execute(client, plan);
  return { ...result, event: eventOf(events, "DisputeResolved"), ruling };
}

/**
 * The call resolveDispute would make, without sending it.
 * @example
 * const { calls } = await prepareResolveDispute(arbiterClient, { pactId: 1n, buyerBps: 10_000, ruling: "…" });
 */
export async function prepareResolveDispute(
  client: Client,
  parameters: ResolveDisputeParameters,
): Promise<PrepareReturnType & { ruling: HashedDocument }> {
  const { plan, ruling } = await planResolveDispute(client, parameters);
  return { calls: toCalls(plan), ruling };
}
