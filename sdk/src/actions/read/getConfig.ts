import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { getAction } from "viem/utils";
import { z } from "zod";

import { suretyAbi } from "../../abis.ts";
import { RequestError } from "../../errors/request.ts";
import { parseParameters } from "../../schemas/parse.ts";
import { resolveDeployment } from "../../utils/client.ts";
import { readFields, type DeploymentParameter, type ReadErrorType } from "../internal.ts";

export type GetConfigParameters = DeploymentParameter;

/** A Surety deployment's configuration, fixed at its deployment. Periods are in seconds. */
export type GetConfigReturnType = {
  /** The token agents stake, collateral is locked in and penalties are slashed in. */
  stakeToken: Address;
  /** How long queued stake waits before it can be withdrawn. */
  unbondingDelay: number;
  /** The longest the operator may freeze an agent's stake. */
  maxFreeze: number;
  minReviewPeriod: number;
  maxReviewPeriod: number;
  minRulingPeriod: number;
  maxRulingPeriod: number;
  /** The gas each payout attempt gets before it falls back to a credit. */
  payoutGas: number;
  /**
   * How long after a dispute its arbiter (a court adapter, once the court's dispute exists) may hold off the
   * default ruling, so that appeals cannot run the pact into it; past it, the default ruling is reachable again.
   */
  maxRulingHold: number;
};

export type GetConfigErrorType = ReadErrorType;

/**
 * Reads the deployment's configuration: the stake token, the bounds on periods, the payout gas and the longest
 * ruling hold.
 * @example
 * const { maxRulingHold } = await getConfig(client);
 */
export async function getConfig(client: Client, parameters: GetConfigParameters = {}): Promise<GetConfigReturnType> {
  const deployment = await resolveDeployment(client, parameters.deployment, "getConfig");
  parseParameters("getConfig", z.strictObject(readFields()), parameters);
  try {
    return await getAction(
      client,
      readContract,
      "readContract",
    )({ address: deployment.surety, abi: suretyAbi, functionName: "config" });
  } catch (error) {
    throw new RequestError({ action: "getConfig", cause: error });
  }
}
