import { encodeAbiParameters, getAbiItem, keccak256, slice, type Client, type Hex } from "viem";
import { getLogs } from "viem/actions";
import { getAction } from "viem/utils";

import { suretyAbi } from "../abis.ts";
import type { Deployment } from "../deployments.ts";
import { RequestError } from "../errors/request.ts";
import type { Terms } from "../types.ts";

const pactCreated = getAbiItem({ abi: suretyAbi, name: "PactCreated" });
const termsParameter = pactCreated.inputs[3];

/**
 * Finds a pact's terms in its PactCreated event, by its indexed id, from the deployment's start block. Undefined
 * when no such event exists.
 */
export async function findTerms(
  client: Client,
  deployment: Deployment,
  pactId: bigint,
  action: string,
): Promise<Terms | undefined> {
  try {
    const logs = await getAction(
      client,
      getLogs,
      "getLogs",
    )({
      address: deployment.surety,
      event: pactCreated,
      args: { pactId },
      fromBlock: deployment.startBlock,
      toBlock: "latest",
      strict: true,
    });
    return logs[0]?.args.terms;
  } catch (error) {
    throw new RequestError({ action, cause: error });
  }
}

/** The commitment Surety stores for `terms`: the leading 26 bytes of keccak256(abi.encode(terms)). */
export function commitmentOf(terms: Terms): Hex {
  return slice(keccak256(encodeAbiParameters([termsParameter], [terms])), 0, 26);
}
