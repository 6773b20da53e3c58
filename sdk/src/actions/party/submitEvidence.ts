import type { Client } from "viem";

import type { HashedDocument } from "../../types.ts";
import type { DocumentInput } from "../../utils/document.ts";
import { buildEvidence, toDataUri } from "../../utils/erc1497.ts";
import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type Plan, type WriteResult } from "../../utils/execute.ts";
import { planPactDocumentCall, type PactParameters, type PrepareReturnType, type WriteErrorType } from "../internal.ts";
import {
  courtEventOf,
  courtOf,
  executeCourt,
  toCourtCalls,
  type CourtEventArgs,
  type CourtPlan,
  type CourtWriteResult,
} from "../court/internal.ts";

export type SubmitEvidenceParameters = PactParameters & {
  /** The evidence: a 32-byte hash, text, or a JSON value (hashed into `evidenceHash`). */
  evidence: DocumentInput;
  /**
   * When the pact's arbiter is a court adapter, whether to send the evidence to the court too, as an ERC-1497
   * evidence document in the adapter's evidence stream, so that jurors read it: a second transaction, after
   * Surety's. By default yes, unless the evidence was given as a bare hash (there is nothing for jurors to read).
   */
  relayToCourt?: boolean | undefined;
};

export type SubmitEvidenceReturnType = WriteResult & {
  event: SuretyEventArgs<"EvidenceSubmitted">;
  /** The evidence's hash, and the exact text hashed. */
  evidence: HashedDocument;
  /** The relay to the court adapter's ERC-1497 stream, when there was one: its transaction and Evidence event. */
  court: (CourtWriteResult & { event: CourtEventArgs<"Evidence"> }) | undefined;
};

export type SubmitEvidenceErrorType = WriteErrorType;

/**
 * The ERC-1497 document a party's Surety evidence becomes for a court: its description is exactly the text Surety
 * holds the hash of, and its name gives that hash, so that anyone can check the two against each other.
 */
function courtEvidenceOf(party: string, document: HashedDocument): string {
  return toDataUri(
    buildEvidence({
      name: `Evidence submitted on Surety by the ${party} (keccak256 ${document.hash})`,
      description: document.canonical!,
    }),
  );
}

/** Surety's call, and the court adapter's when the evidence goes to the court too. */
async function plan(
  client: Client,
  parameters: SubmitEvidenceParameters,
): Promise<{ suretyPlan: Plan & { document: HashedDocument }; courtPlan: CourtPlan | undefined }> {
  const { relayToCourt, ...rest } = parameters;
  const suretyPlan = await planPactDocumentCall(client, rest, "submitEvidence", "evidence");
  const [pactId, terms] = suretyPlan.call.args;
  const document = suretyPlan.document;
  // A court adapter takes evidence only on pacts without an arbiter fee; the others wait for the default ruling.
  const relay =
    relayToCourt !== false &&
    document.canonical !== undefined &&
    terms.arbiterFee === 0n &&
    (await courtOf(client, terms.arbiter)) !== undefined;
  if (!relay) return { suretyPlan, courtPlan: undefined };
  const party = suretyPlan.account.address.toLowerCase() === terms.buyer.toLowerCase() ? "buyer" : "agent";
  return {
    suretyPlan,
    courtPlan: {
      action: "submitEvidence",
      account: suretyPlan.account,
      adapter: terms.arbiter,
      functionName: "submitEvidence",
      args: [pactId, terms, courtEvidenceOf(party, document)],
      value: 0n,
    },
  };
}

/**
 * The buyer or the agent adds evidence to a disputed pact. When the pact's arbiter is a court adapter, the
 * evidence also goes to the court's ERC-1497 evidence stream, as a document with its text and hash (turn this off
 * with `relayToCourt: false`).
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
  const { suretyPlan, courtPlan } = await plan(client, parameters);
  const { events, ...result } = await execute(client, suretyPlan);
  let court: SubmitEvidenceReturnType["court"];
  if (courtPlan !== undefined) {
    const relayed = await executeCourt(client, courtPlan);
    court = { hash: relayed.hash, receipt: relayed.receipt, event: courtEventOf(relayed.events, "Evidence") };
  }
  return { ...result, event: eventOf(events, "EvidenceSubmitted"), evidence: suretyPlan.document, court };
}

/**
 * The calls submitEvidence would make, without sending them: Surety's, then the court adapter's when the evidence
 * goes to the court too.
 * @example
 * const { calls } = await prepareSubmitEvidence(walletClient, { pactId: 1n, evidence: "…" });
 */
export async function prepareSubmitEvidence(
  client: Client,
  parameters: SubmitEvidenceParameters,
): Promise<PrepareReturnType & { evidence: HashedDocument }> {
  const { suretyPlan, courtPlan } = await plan(client, parameters);
  return {
    calls: [...toCalls(suretyPlan), ...(courtPlan === undefined ? [] : toCourtCalls(courtPlan))],
    evidence: suretyPlan.document,
  };
}
