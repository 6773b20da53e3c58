import {
  formatLog,
  getAbiItem,
  numberToHex,
  parseEventLogs,
  toEventSelector,
  type BlockNumber,
  type Client,
  type RpcLog,
} from "viem";
import { z } from "zod";

import { suretyAbi } from "../../abis.ts";
import { NotFoundError } from "../../errors/notFound.ts";
import { RequestError } from "../../errors/request.ts";
import { uint } from "../../schemas/fields.ts";
import { parseParameters } from "../../schemas/parse.ts";
import { resolveDeployment } from "../../utils/client.ts";
import { PACT_EVENTS, toEventLog, type PactEventName, type SuretyEventLog } from "../../utils/events.ts";
import { readFields, type DeploymentParameter, type ReadErrorType } from "../internal.ts";

export type GetPactHistoryParameters = DeploymentParameter & {
  pactId: bigint | number;
  /** The first block to read; the deployment's start block by default. */
  fromBlock?: BlockNumber | undefined;
  /** The last block to read; the latest by default. */
  toBlock?: BlockNumber | undefined;
};

/**
 * A pact's events, oldest first: creation, acceptance, delivery, dispute, evidence, settlement and refund
 * proposals, deadline extensions, and how it ended.
 */
export type GetPactHistoryReturnType = SuretyEventLog<PactEventName>[];

export type GetPactHistoryErrorType = ReadErrorType;

const ACTION = "getPactHistory";
const SELECTORS = PACT_EVENTS.map((name) => toEventSelector(getAbiItem({ abi: suretyAbi, name })));

/**
 * A pact's history: every event carrying its id, decoded, oldest first. One `eth_getLogs` request filters on
 * the event signatures and the indexed pact id.
 * @throws NotFoundError when no event carries this id.
 * @example
 * const history = await getPactHistory(client, { pactId: 1n });
 * for (const entry of history) console.log(entry.blockNumber, entry.eventName, entry.args);
 */
export async function getPactHistory(
  client: Client,
  parameters: GetPactHistoryParameters,
): Promise<GetPactHistoryReturnType> {
  const deployment = await resolveDeployment(client, parameters.deployment, ACTION);
  const schema = z.strictObject({
    pactId: uint(),
    fromBlock: uint(64).optional(),
    toBlock: uint(64).optional(),
    ...readFields(),
  });
  const input = parseParameters(ACTION, schema, parameters);
  let logs: RpcLog[];
  try {
    logs = (await client.request({
      method: "eth_getLogs",
      params: [
        {
          address: deployment.surety,
          topics: [SELECTORS, numberToHex(input.pactId, { size: 32 })],
          fromBlock: numberToHex(input.fromBlock ?? deployment.startBlock),
          toBlock: input.toBlock === undefined ? "latest" : numberToHex(input.toBlock),
        },
      ],
    })) as RpcLog[];
  } catch (error) {
    throw new RequestError({ action: ACTION, cause: error });
  }
  const history = parseEventLogs({ abi: suretyAbi, logs: logs.map((log) => formatLog(log)), strict: true })
    .filter((log) => (PACT_EVENTS as readonly string[]).includes(log.eventName))
    .map(toEventLog) as SuretyEventLog<PactEventName>[];
  if (history.length === 0) {
    throw new NotFoundError({
      resource: "pact",
      id: String(input.pactId),
      message: `No pact ${input.pactId}: no event carries this id since block ${input.fromBlock ?? deployment.startBlock}.`,
    });
  }
  return history.sort((a, b) =>
    a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1,
  );
}
