import type { Client } from "viem";

import type { HashedDocument } from "../../types.ts";
import type { DocumentInput } from "../../utils/document.ts";
import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type WriteResult } from "../../utils/execute.ts";
import { planPactDocumentCall, type PactParameters, type PrepareReturnType, type WriteErrorType } from "../internal.ts";

export type DeliverPactParameters = PactParameters & {
  /** The delivered work: a 32-byte hash, text, or a JSON value (hashed into `deliveryHash`). */
  delivery: DocumentInput;
};

export type DeliverPactReturnType = WriteResult & {
  event: SuretyEventArgs<"PactDelivered">;
  /** The delivery's hash, and the exact text hashed. */
  delivery: HashedDocument;
};

export type DeliverPactErrorType = WriteErrorType;

/**
 * The agent delivers an active pact by its deliverBy, committing to the work with a hash. The review period
 * starts: the buyer may release or dispute until it ends.
 * @example
 * const { delivery } = await deliverPact(walletClient, {
 *   pactId: 1n,
 *   delivery: { report: "ipfs://bafy…", pages: 40 },
 * });
 * delivery.canonical; // the canonical JSON that was hashed: publish it
 */
export async function deliverPact(client: Client, parameters: DeliverPactParameters): Promise<DeliverPactReturnType> {
  const plan = await planPactDocumentCall(client, parameters, "deliverPact", "delivery");
  const { events, ...result } = await execute(client, plan);
  return { ...result, event: eventOf(events, "PactDelivered"), delivery: plan.document };
}

/**
 * The call deliverPact would make, without sending it.
 * @example
 * const { calls } = await prepareDeliverPact(walletClient, { pactId: 1n, delivery: "ipfs://bafy…" });
 */
export async function prepareDeliverPact(
  client: Client,
  parameters: DeliverPactParameters,
): Promise<PrepareReturnType & { delivery: HashedDocument }> {
  const plan = await planPactDocumentCall(client, parameters, "deliverPact", "delivery");
  return { calls: toCalls(plan), delivery: plan.document };
}
