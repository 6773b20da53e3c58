import type { Client, Hex } from "viem";
import { getBlock, readContract } from "viem/actions";
import { getAction } from "viem/utils";
import { z } from "zod";

import { suretyAbi } from "../../abis.ts";
import { NotFoundError } from "../../errors/notFound.ts";
import { RequestError } from "../../errors/request.ts";
import { uint } from "../../schemas/fields.ts";
import { parseParameters } from "../../schemas/parse.ts";
import { PACT_STATUSES, type PactStatus } from "../../types.ts";
import { resolveDeployment } from "../../utils/client.ts";
import { readFields, type DeploymentParameter, type ReadErrorType } from "../internal.ts";

export type GetProposalsParameters = DeploymentParameter & { pactId: bigint | number };

/** What one party of a pact stands proposing. */
export type PartyProposals = {
  /** The buyer's share of the price this party proposed to settle at, in basis points; undefined if none. */
  buyerBps: number | undefined;
  /** The delivery deadline this party asked for, in Unix seconds; undefined if none. */
  deliverBy: number | undefined;
};

export type GetProposalsReturnType = {
  pactId: bigint;
  /** The pact's on-chain status: proposals can be accepted only while it is active, delivered or disputed. */
  status: PactStatus;
  /** What the buyer proposed: the agent may accept its settlement, or ask for the same deadline. */
  buyer: PartyProposals;
  /** What the agent proposed: the buyer may accept its settlement, or ask for the same deadline. */
  agent: PartyProposals;
};

export type GetProposalsErrorType = ReadErrorType;

const ACTION = "getProposals";
const LIVE: readonly PactStatus[] = ["active", "delivered", "disputed"];
const NONE: PartyProposals = { buyerBps: undefined, deliverBy: undefined };

/**
 * Reads the standing settlement and extension proposals of a pact's buyer and agent. A pact that has ended has
 * none (nothing can accept them any more), and deadline requests count only while it is active.
 * @throws NotFoundError when no pact has this id.
 * @example
 * const { agent } = await getProposals(client, { pactId: 1n });
 * if (agent.buyerBps !== undefined) await acceptSettlement(buyerClient, { pactId: 1n, buyerBps: agent.buyerBps });
 */
export async function getProposals(
  client: Client,
  parameters: GetProposalsParameters,
): Promise<GetProposalsReturnType> {
  const deployment = await resolveDeployment(client, parameters.deployment, ACTION);
  const input = parseParameters(ACTION, z.strictObject({ pactId: uint(), ...readFields() }), parameters);
  const read = getAction(client, readContract, "readContract");
  let pact: readonly [number, number, Hex];
  let proposals: {
    buyerProposedSplit: boolean;
    buyerSplitBps: number;
    agentProposedSplit: boolean;
    agentSplitBps: number;
    buyerDeliverBy: number;
    agentDeliverBy: number;
  };
  try {
    // Both reads at one block, so that the status and the proposals agree.
    const { number: blockNumber } = await getAction(client, getBlock, "getBlock")({ blockTag: "latest" });
    const at = { address: deployment.surety, abi: suretyAbi, args: [input.pactId], blockNumber } as const;
    [pact, proposals] = await Promise.all([
      read({ ...at, functionName: "getPact" }),
      read({ ...at, functionName: "proposalsOf" }),
    ]);
  } catch (error) {
    throw new RequestError({ action: ACTION, cause: error });
  }
  const status = PACT_STATUSES[pact[0]];
  if (status === undefined || status === "none") {
    throw new NotFoundError({
      resource: "pact",
      id: String(input.pactId),
      message: `No pact ${input.pactId} on Surety ${deployment.surety}.`,
    });
  }
  if (!LIVE.includes(status)) return { pactId: input.pactId, status, buyer: NONE, agent: NONE };
  const deadline = (value: number) => (status === "active" && value !== 0 ? value : undefined);
  return {
    pactId: input.pactId,
    status,
    buyer: {
      buyerBps: proposals.buyerProposedSplit ? proposals.buyerSplitBps : undefined,
      deliverBy: deadline(proposals.buyerDeliverBy),
    },
    agent: {
      buyerBps: proposals.agentProposedSplit ? proposals.agentSplitBps : undefined,
      deliverBy: deadline(proposals.agentDeliverBy),
    },
  };
}
