import type { Client } from "viem";
import { readContract } from "viem/actions";
import { getAction } from "viem/utils";
import { z } from "zod";

import { suretyAbi } from "../../abis.ts";
import { ContractRevertError } from "../../errors/contract.ts";
import { toSuretyError } from "../../errors/decode.ts";
import { NotFoundError } from "../../errors/notFound.ts";
import { InvalidParametersError } from "../../errors/parameters.ts";
import { RequestError } from "../../errors/request.ts";
import { uint } from "../../schemas/fields.ts";
import { parseParameters } from "../../schemas/parse.ts";
import { termsStruct } from "../../schemas/structs.ts";
import { PACT_STATUSES, type PactStatus, type Terms } from "../../types.ts";
import { loadPact, readFields, type DeploymentParameter, type ReadErrorType } from "../internal.ts";

export type GetProposalsParameters = DeploymentParameter & {
  pactId: bigint | number;
  /** The pact's terms; when omitted they are read from its PactCreated event (with any agreed extension). */
  terms?: Terms | undefined;
};

/** What one party of a pact stands proposing now. */
export type PartyProposals = {
  /** The buyer's share of the price this party proposed to settle at, in basis points; undefined if none stands. */
  buyerBps: number | undefined;
  /** When this party proposed that split, in Unix seconds; undefined if none stands. */
  proposedAt: number | undefined;
  /** The delivery deadline this party asked for, in Unix seconds; undefined if none stands. */
  deliverBy: number | undefined;
};

export type GetProposalsReturnType = {
  pactId: bigint;
  /** The pact's on-chain status: proposals can be accepted only while it is active, delivered or disputed. */
  status: PactStatus;
  /** What the buyer stands proposing: the agent may accept its settlement, or ask for the same deadline. */
  buyer: PartyProposals;
  /** What the agent stands proposing: the buyer may accept its settlement, or ask for the same deadline. */
  agent: PartyProposals;
};

export type GetProposalsErrorType = ReadErrorType;

const ACTION = "getProposals";

/**
 * Reads the standing settlement and extension proposals of a pact's buyer and agent, as Surety's `proposalsOf`
 * reports them: a proposal lapses when the pact's status changes, and a split proposed before the deadline of the
 * status it was made in lapses when that deadline passes, so only what can still be accepted is shown.
 * @throws NotFoundError when no pact has this id; InvalidParametersError when the terms given are not its own.
 * @example
 * const { agent } = await getProposals(client, { pactId: 1n });
 * if (agent.buyerBps !== undefined) await acceptSettlement(buyerClient, { pactId: 1n, buyerBps: agent.buyerBps });
 */
export async function getProposals(
  client: Client,
  parameters: GetProposalsParameters,
): Promise<GetProposalsReturnType> {
  const pact = await loadPact(client, parameters, ACTION);
  const schema = z.strictObject({ pactId: uint(), terms: termsStruct().optional(), ...readFields() });
  const input = parseParameters(ACTION, schema, parameters);
  const terms = pact.require(input);
  let proposals: {
    status: number;
    buyerSplitAt: number;
    buyerSplitBps: number;
    agentSplitAt: number;
    agentSplitBps: number;
    buyerDeliverBy: number;
    agentDeliverBy: number;
  };
  try {
    // One read: the status and the proposals come from the same block.
    proposals = await getAction(
      client,
      readContract,
      "readContract",
    )({ address: pact.deployment.surety, abi: suretyAbi, functionName: "proposalsOf", args: [input.pactId, terms] });
  } catch (error) {
    const refused = toSuretyError(error, { action: ACTION, functionName: "proposalsOf" });
    if (refused instanceof ContractRevertError && refused.errorName === "Surety_TermsMismatch") {
      throw new InvalidParametersError({
        action: ACTION,
        issues: [{ path: "terms", message: `do not match pact ${input.pactId}'s commitment` }],
        cause: error,
      });
    }
    if (refused instanceof ContractRevertError && refused.errorName === "Surety_PactNotFound") {
      throw new NotFoundError({
        resource: "pact",
        id: String(input.pactId),
        message: `No pact ${input.pactId} on Surety ${pact.deployment.surety}.`,
      });
    }
    throw refused instanceof RequestError ? refused : new RequestError({ action: ACTION, cause: error });
  }
  const some = (value: number) => (value === 0 ? undefined : value);
  const party = (splitAt: number, buyerBps: number, deliverBy: number): PartyProposals => ({
    buyerBps: splitAt === 0 ? undefined : buyerBps,
    proposedAt: some(splitAt),
    deliverBy: some(deliverBy),
  });
  return {
    pactId: input.pactId,
    status: PACT_STATUSES[proposals.status] as PactStatus,
    buyer: party(proposals.buyerSplitAt, proposals.buyerSplitBps, proposals.buyerDeliverBy),
    agent: party(proposals.agentSplitAt, proposals.agentSplitBps, proposals.agentDeliverBy),
  };
}
