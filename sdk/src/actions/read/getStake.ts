import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { getAction } from "viem/utils";
import { z } from "zod";

import { suretyAbi } from "../../abis.ts";
import { RequestError } from "../../errors/request.ts";
import { address } from "../../schemas/fields.ts";
import { parseParameters } from "../../schemas/parse.ts";
import { resolveDeployment } from "../../utils/client.ts";
import { readFields, type DeploymentParameter, type ReadErrorType } from "../internal.ts";

export type GetStakeParameters = DeploymentParameter & { agent: Address };

/** An agent's stake, in base units of the stake token: `staked` = `free` + `locked` + `queued`. */
export type GetStakeReturnType = {
  agent: Address;
  stakeToken: Address;
  staked: bigint;
  /** Stake that can back new pacts or be queued for withdrawal. */
  free: bigint;
  /** Collateral of accepted, unsettled pacts. */
  locked: bigint;
  /** Stake queued for withdrawal: no longer slashable. */
  queued: bigint;
  /** When the queue can be withdrawn (Unix seconds; 0 when nothing is queued). */
  readyAt: number;
};

export type GetStakeErrorType = ReadErrorType;

/**
 * Reads an agent's stake. An address that never staked reads as all zeros.
 * @example
 * const { free, locked } = await getStake(client, { agent });
 */
export async function getStake(client: Client, parameters: GetStakeParameters): Promise<GetStakeReturnType> {
  const deployment = await resolveDeployment(client, parameters.deployment, "getStake");
  const input = parseParameters("getStake", z.strictObject({ agent: address(), ...readFields() }), parameters);
  try {
    const [staked, locked, queued, readyAt, free] = await getAction(
      client,
      readContract,
      "readContract",
    )({ address: deployment.surety, abi: suretyAbi, functionName: "stakeOf", args: [input.agent] });
    return { agent: input.agent, stakeToken: deployment.stakeToken, staked, free, locked, queued, readyAt };
  } catch (error) {
    throw new RequestError({ action: "getStake", cause: error });
  }
}
