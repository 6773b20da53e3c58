import type { Address, Client } from "viem";
import { z } from "zod";

import { InvalidParametersError, type ParameterIssue } from "../../errors/parameters.ts";
import { address, evidenceUri } from "../../schemas/fields.ts";
import { parseParameters } from "../../schemas/parse.ts";
import { peekAddress } from "../../utils/client.ts";
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
import type { BuildEvidenceParameters } from "../../utils/erc1497.ts";

export type SubmitCourtEvidenceParameters = CourtPactParameters & {
  /**
   * The URI of an ERC-1497 evidence document (`ipfs://…`), or the document itself ({ name, description, fileURI?,
   * fileHash? }, see buildEvidence), sent embedded in a `data:` URI.
   */
  evidence: string | BuildEvidenceParameters;
};

export type SubmitCourtEvidenceReturnType = CourtWriteResult & {
  pactId: bigint;
  /** The ERC-1497 Evidence event: the court, the evidence group (the pact id), the party and the URI. */
  event: CourtEventArgs<"Evidence">;
};

export type SubmitCourtEvidenceErrorType = WriteErrorType;

const ACTION = "submitCourtEvidence";

async function plan(
  client: Client,
  parameters: SubmitCourtEvidenceParameters,
): Promise<CourtPlan & { pactId: bigint }> {
  const pact = await loadPact(client, parameters, ACTION);
  const adapter = adapterOf({ adapter: peekAddress(parameters.adapter) }, pact.terms);
  const court = adapter === undefined ? undefined : await courtOf(client, adapter);

  const schema = z.strictObject({
    ...pactFields(),
    adapter: address({ nonZero: true }).optional(),
    evidence: evidenceUri(),
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
  if (issues.length > 0) throw new InvalidParametersError({ action: ACTION, issues });

  return {
    action: ACTION,
    account: input.account,
    adapter: target,
    functionName: "submitEvidence",
    args: [input.pactId, terms, input.evidence],
    value: 0n,
    pactId: input.pactId,
  };
}

/**
 * The buyer or the agent of a disputed pact whose arbiter is a court adapter submits ERC-1497 evidence for the
 * court, before or after the court's dispute is created.
 * @example
 * await submitCourtEvidence(walletClient, { pactId: 1n, evidence: "ipfs://bafy…/evidence.json" });
 */
export async function submitCourtEvidence(
  client: Client,
  parameters: SubmitCourtEvidenceParameters,
): Promise<SubmitCourtEvidenceReturnType> {
  const planned = await plan(client, parameters);
  const { hash, receipt, events } = await executeCourt(client, planned);
  return { hash, receipt, pactId: planned.pactId, event: courtEventOf(events, "Evidence") };
}

/**
 * The call submitCourtEvidence would make, without sending it.
 * @example
 * const { calls } = await prepareSubmitCourtEvidence(walletClient, { pactId: 1n, evidence: "ipfs://…" });
 */
export async function prepareSubmitCourtEvidence(
  client: Client,
  parameters: SubmitCourtEvidenceParameters,
): Promise<PrepareReturnType> {
  return { calls: toCourtCalls(await plan(client, parameters)) };
}
