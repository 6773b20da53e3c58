import type { Client } from "viem";

import type { HashedDocument } from "../../types.ts";
import type { DocumentInput } from "../../utils/document.ts";
import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type WriteResult } from "../../utils/execute.ts";
import { planPactDocumentCall, type PactParameters, type PrepareReturnType, type WriteErrorType } from "../internal.ts";

export type AbstainParameters = PactParameters & {
  /** The arbiter's reasons: a 32-byte hash, text, or a JSON value (hashed into `rulingHash`). */
  ruling: DocumentInput;
};

export type AbstainReturnType = WriteResult & {
  event: SuretyEventArgs<"DisputeResolved">;
  /** The ruling's hash, and the exact text hashed. */
  ruling: HashedDocument;
};

export type AbstainErrorType = WriteErrorType;

/**
 * The pact's arbiter declines to rule within the ruling period: the default split applies, no slash, and the fee
 * goes back to the buyer.
 * @example
 * const { event } = await abstain(arbiterClient, { pactId: 1n, ruling: "Conflict of interest" });
 * event.abstained; // true
 */
export async function abstain(client: Client, parameters: AbstainParameters): Promise<AbstainReturnType> {
  const plan = await planPactDocumentCall(client, parameters, "abstain", "ruling");
  const { events, ...result } = await execute(client, plan);
  return { ...result, event: eventOf(events, "DisputeResolved"), ruling: plan.document };
}

/**
 * The call abstain would make, without sending it.
 * @example
 * const { calls } = await prepareAbstain(walletClient, { pactId: 1n, ruling: "…" });
 */
export async function prepareAbstain(
  client: Client,
  parameters: AbstainParameters,
): Promise<PrepareReturnType & { ruling: HashedDocument }> {
  const plan = await planPactDocumentCall(client, parameters, "abstain", "ruling");
  return { calls: toCalls(plan), ruling: plan.document };
}
