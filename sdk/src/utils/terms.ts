import {
  encodeAbiParameters,
  formatLog,
  getAbiItem,
  keccak256,
  numberToHex,
  parseEventLogs,
  slice,
  toEventSelector,
  type Client,
  type Hex,
  type RpcLog,
} from "viem";

import { suretyAbi } from "../abis.ts";
import type { Deployment } from "../deployments.ts";
import { RequestError } from "../errors/request.ts";
import type { Terms } from "../types.ts";

const pactCreated = getAbiItem({ abi: suretyAbi, name: "PactCreated" });
const deadlineExtended = getAbiItem({ abi: suretyAbi, name: "DeadlineExtended" });
const termsParameter = pactCreated.inputs[3];
const SELECTORS = [toEventSelector(pactCreated), toEventSelector(deadlineExtended)];

/**
 * Finds a pact's terms in force: those of its PactCreated event, with `deliverBy` replaced by its latest
 * DeadlineExtended event (an agreed extension changes the terms the contract is committed to). One
 * `eth_getLogs` request, by the pact's indexed id from the deployment's start block. Undefined when the pact has
 * no PactCreated event.
 */
export async function findTerms(
  client: Client,
  deployment: Deployment,
  pactId: bigint,
  action: string,
): Promise<Terms | undefined> {
  let logs: RpcLog[];
  try {
    logs = (await client.request({
      method: "eth_getLogs",
      params: [
        {
          address: deployment.surety,
          topics: [SELECTORS, numberToHex(pactId, { size: 32 })],
          fromBlock: numberToHex(deployment.startBlock),
          toBlock: "latest",
        },
      ],
    })) as RpcLog[];
  } catch (error) {
    throw new RequestError({ action, cause: error });
  }
  const events = parseEventLogs({
    abi: [pactCreated, deadlineExtended],
    logs: logs.map((log) => formatLog(log)),
    strict: true,
  }).sort((a, b) =>
    a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1,
  );
  let terms: Terms | undefined;
  for (const event of events) {
    if (event.eventName === "PactCreated") terms = event.args.terms;
    else if (terms !== undefined) terms = { ...terms, deliverBy: event.args.deliverBy };
  }
  return terms;
}

/** A pact's terms as they stand after an agreed extension of their delivery deadline to `deliverBy`. */
export function extendedTerms(terms: Terms, deliverBy: number): Terms {
  return { ...terms, deliverBy };
}

/** The commitment Surety stores for `terms`: the leading 26 bytes of keccak256(abi.encode(terms)). */
export function commitmentOf(terms: Terms): Hex {
  return slice(keccak256(encodeAbiParameters([termsParameter], [terms])), 0, 26);
}
