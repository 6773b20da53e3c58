import type { Address, Client } from "viem";
import { z } from "zod";

import { address } from "../../schemas/fields.ts";
import { parseParameters } from "../../schemas/parse.ts";
import { arbiterTermsOf, resolveDeployment } from "../../utils/client.ts";
import { readFields, type DeploymentParameter, type ReadErrorType } from "../internal.ts";

export type GetArbiterTermsParameters = DeploymentParameter & {
  arbiter: Address;
  /** The payment token, or the zero address for ETH. */
  token: Address;
};

export type GetArbiterTermsReturnType = {
  /** Whether buyers can name this arbiter for pacts paid in the token. */
  registered: boolean;
  /** The smallest arbiter fee it accepts, in base units of the token. */
  minFee: bigint;
  /** The longest ruling period it accepts, in seconds. */
  maxRulingPeriod: number;
};

export type GetArbiterTermsErrorType = ReadErrorType;

/**
 * Reads an arbiter's published terms for pacts paid in a token.
 * @example
 * const { registered, minFee } = await getArbiterTerms(client, { arbiter, token: usdc });
 */
export async function getArbiterTerms(
  client: Client,
  parameters: GetArbiterTermsParameters,
): Promise<GetArbiterTermsReturnType> {
  const deployment = await resolveDeployment(client, parameters.deployment, "getArbiterTerms");
  const schema = z.strictObject({ arbiter: address(), token: address(), ...readFields() });
  const input = parseParameters("getArbiterTerms", schema, parameters);
  return (await arbiterTermsOf(client, deployment, input.arbiter, input.token, "getArbiterTerms"))!;
}
