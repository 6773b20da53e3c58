import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { getAction } from "viem/utils";
import { z } from "zod";

import { suretyAbi } from "../../abis.ts";
import { RequestError } from "../../errors/request.ts";
import { address } from "../../schemas/fields.ts";
import { parseParameters } from "../../schemas/parse.ts";
import { AGENT_STATUSES, type AgentStatus } from "../../types.ts";
import { resolveDeployment } from "../../utils/client.ts";
import { getNextBlock } from "../../utils/nextBlock.ts";
import { readFields, type DeploymentParameter, type ReadErrorType } from "../internal.ts";

export type GetAgentStatusParameters = DeploymentParameter & { agent: Address };

export type GetAgentStatusReturnType = {
  agent: Address;
  /** The agent's step on the operator's ladder. */
  status: AgentStatus;
  /** The most collateral the agent may have locked, from narrowed up; undefined below. */
  cap: bigint | undefined;
  /** The end of the withdrawal freeze (Unix seconds; in the past when none runs). */
  frozenUntil: number;
  /** Whether a freeze runs at the next block's time (see getNextBlockTime): withdrawStake would be refused. */
  frozen: boolean;
  /** Whether the agent can take new pacts (anything but paused; the cap still applies). */
  acceptsPacts: boolean;
};

export type GetAgentStatusErrorType = ReadErrorType;

/**
 * Reads an agent's standing with the operator: its step on the ladder, its cap and its withdrawal freeze. An
 * address the operator never touched reads as good.
 * @example
 * const { status, cap, frozen } = await getAgentStatus(client, { agent });
 */
export async function getAgentStatus(
  client: Client,
  parameters: GetAgentStatusParameters,
): Promise<GetAgentStatusReturnType> {
  const deployment = await resolveDeployment(client, parameters.deployment, "getAgentStatus");
  const input = parseParameters("getAgentStatus", z.strictObject({ agent: address(), ...readFields() }), parameters);
  const next = await getNextBlock(client, "getAgentStatus");
  try {
    const standing = await getAction(
      client,
      readContract,
      "readContract",
    )({
      address: deployment.surety,
      abi: suretyAbi,
      functionName: "standingOf",
      args: [input.agent],
      blockNumber: next.latest.number,
    });
    const status = AGENT_STATUSES[standing.status] ?? "good";
    return {
      agent: input.agent,
      status,
      cap: standing.status >= 2 ? standing.cap : undefined,
      frozenUntil: standing.frozenUntil,
      frozen: next.timestamp < BigInt(standing.frozenUntil),
      acceptsPacts: status !== "paused",
    };
  } catch (error) {
    throw new RequestError({ action: "getAgentStatus", cause: error });
  }
}
