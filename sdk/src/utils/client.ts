import { getAddress, isAddress, zeroAddress, type Address, type Client } from "viem";
import { getChainId, readContract } from "viem/actions";
import { getAction } from "viem/utils";

import { erc20PermitAbi, suretyAbi } from "../abis.ts";
import { deploymentSchema, getDeployment, type Deployment } from "../deployments.ts";
import { InvalidParametersError } from "../errors/parameters.ts";
import { RequestError } from "../errors/request.ts";
import type { DecimalsContext } from "../schemas/fields.ts";
import { toIssues } from "../schemas/parse.ts";

/** The chain id of a client: its chain's, or asked of the node. */
export async function chainIdOf(client: Client, action: string): Promise<number> {
  if (client.chain !== undefined) return client.chain.id;
  try {
    return await getAction(client, getChainId, "getChainId")({});
  } catch (error) {
    throw new RequestError({ action, cause: error });
  }
}

/**
 * The deployment an action runs against: the one passed (validated), else the known one for the client's chain.
 * A deployment for another chain than the client's is refused.
 */
export async function resolveDeployment(client: Client, deployment: unknown, action: string): Promise<Deployment> {
  if (deployment === undefined) return getDeployment(await chainIdOf(client, action));
  const result = deploymentSchema.safeParse(deployment);
  if (!result.success) {
    const issues = toIssues(result.error, action).map((issue) => ({ ...issue, path: `deployment.${issue.path}` }));
    throw new InvalidParametersError({ action, issues, cause: result.error });
  }
  if (client.chain !== undefined && client.chain.id !== result.data.chainId) {
    throw new InvalidParametersError({
      action,
      issues: [
        {
          path: "deployment",
          message: `is on chain ${result.data.chainId} but the client is on chain ${client.chain.id}`,
        },
      ],
    });
  }
  return result.data;
}

/** `value` as an address if it is one, else undefined: for reading what an action needs before validating. */
export function peekAddress(value: unknown): Address | undefined {
  return typeof value === "string" && isAddress(value) ? getAddress(value) : undefined;
}

/** Whether any of `values` is a string (a decimal amount that needs the token's decimals). */
export function anyString(...values: unknown[]): boolean {
  return values.some((value) => typeof value === "string");
}

/**
 * The decimals a token's decimal-string amounts are read with: 18 for ETH (the zero address), else the token's
 * `decimals()`. A token that cannot tell is reported in the context, not thrown.
 */
export async function decimalsOf(client: Client, token: Address | undefined): Promise<DecimalsContext> {
  if (token === undefined) return { reason: "the token address is invalid" };
  if (token === zeroAddress) return { decimals: 18 };
  try {
    const decimals = await getAction(
      client,
      readContract,
      "readContract",
    )({ address: token, abi: erc20PermitAbi, functionName: "decimals" });
    return { decimals };
  } catch {
    return { reason: `token ${token} has no decimals() to read` };
  }
}

/** An arbiter's published terms for a token, or undefined when either address is invalid. */
export async function arbiterTermsOf(
  client: Client,
  deployment: Deployment,
  arbiter: Address | undefined,
  token: Address | undefined,
  action: string,
): Promise<{ registered: boolean; minFee: bigint; maxRulingPeriod: number } | undefined> {
  if (arbiter === undefined || token === undefined) return undefined;
  try {
    return await getAction(
      client,
      readContract,
      "readContract",
    )({ address: deployment.surety, abi: suretyAbi, functionName: "arbiterTerms", args: [arbiter, token] });
  } catch (error) {
    throw new RequestError({ action, cause: error });
  }
}
