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

export type GetCreditParameters = DeploymentParameter & {
  /** The token, or the zero address for ETH. */
  token: Address;
  /** Whose credit. */
  account: Address;
};

/** What `account` can claim in `token` with claimPayout, in base units. */
export type GetCreditReturnType = bigint;

export type GetCreditErrorType = ReadErrorType;

/**
 * Reads an account's credit in a token: payouts that could not be delivered when a pact settled.
 * @example
 * const credit = await getCredit(client, { token: usdc, account: buyer });
 * if (credit > 0n) await claimPayout(buyerClient, { token: usdc });
 */
export async function getCredit(client: Client, parameters: GetCreditParameters): Promise<GetCreditReturnType> {
  const deployment = await resolveDeployment(client, parameters.deployment, "getCredit");
  const schema = z.strictObject({ token: address(), account: address(), ...readFields() });
  const input = parseParameters("getCredit", schema, parameters);
  try {
    return await getAction(
      client,
      readContract,
      "readContract",
    )({ address: deployment.surety, abi: suretyAbi, functionName: "creditOf", args: [input.token, input.account] });
  } catch (error) {
    throw new RequestError({ action: "getCredit", cause: error });
  }
}
