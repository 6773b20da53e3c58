import type { Client } from "viem";

import type { HashedDocument } from "../../types.ts";
import type { DocumentInput } from "../../utils/document.ts";
import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type WriteResult } from "../../utils/execute.ts";
import { planPactDocumentCall, type PactParameters, type PrepareReturnType, type WriteErrorType } from "../internal.ts";

export type SubmitEvidenceParameters = PactParameters & {
  /** The evidence: a 32-byte hash, text, or a JSON value (hashed into `evidenceHash`). */
  evidence: DocumentInput;
};

export type SubmitEvidenceReturnType = WriteResult & {
  event: SuretyEventArgs<"EvidenceSubmitted">;
  /** The evidence's hash, and the exact text hashed. */
  evidence: HashedDocument;
};

export type SubmitEvidenceErrorType = WriteErrorType;

/**
 * The buyer or the agent adds evidence to a disputed pact.
 * @example
 * const { evidence } = await submitEvidence(walletClient, {
 *   pactId: 1n,
 *   evidence: { chat: "ipfs://bafy…", note: "the delivery skipped pages 30-40" },
 * });
 */
export async function submitEvidence(
  client: Client,
  parameters: SubmitEvidenceParameters,
): Promise<SubmitEvidenceReturnType> {
  const plan = await planPactDocumentCall(client, parameters, "submitEvidence", "evidence");
  const { events, ...result } = await execute(client, plan);
  return { ...result, event: eventOf(events, "EvidenceSubmitted"), evidence: plan.document };
}

/**
 * The call submitEvidence would make, without sending it.
 * @example
 * const { calls } = await prepareSubmitEvidence(walletClient, { pactId: 1n, evidence: "…" });
 */
export async function prepareSubmitEvidence(
  client: Client,
  parameters: SubmitEvidenceParameters,
): Promise<PrepareReturnType & { evidence: HashedDocument }> {
  const plan = await planPactDocumentCall(client, parameters, "submitEvidence", "evidence");
  return { calls: toCalls(plan), evidence: plan.document };
}
