import type { Client } from "viem";
import { z } from "zod";

import { parseParameters } from "../../schemas/parse.ts";
import { resolveDeployment } from "../../utils/client.ts";
import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type Plan, type WriteResult } from "../../utils/execute.ts";
import {
  withAccount,
  writeFields,
  type PrepareReturnType,
  type WriteErrorType,
  type WriteParameters,
} from "../internal.ts";

export type UnpauseParameters = WriteParameters;

export type UnpauseReturnType = WriteResult & { event: SuretyEventArgs<"Unpaused"> };

export type UnpauseErrorType = WriteErrorType;

async function planUnpause(client: Client, parameters: UnpauseParameters): Promise<Plan> {
  const deployment = await resolveDeployment(client, parameters.deployment, "unpause");
  const input = parseParameters("unpause", z.strictObject(writeFields()), withAccount(client, parameters));
  return {
    action: "unpause",
    deployment,
    account: input.account,
    approval: undefined,
    call: { functionName: "unpause", args: [], value: 0n },
  };
}

/**
 * The guardian lets new pacts be created and accepted again.
 * @example
 * await unpause(guardianClient);
 */
export async function unpause(client: Client, parameters: UnpauseParameters = {}): Promise<UnpauseReturnType> {
  const { events, ...result } = await execute(client, await planUnpause(client, parameters));
  return { ...result, event: eventOf(events, "Unpaused") };
}

/**
 * The call unpause would make, without sending it.
 * @example
 * const { calls } = await prepareUnpause(guardianClient);
 */
export async function prepareUnpause(client: Client, parameters: UnpauseParameters = {}): Promise<PrepareReturnType> {
  return { calls: toCalls(await planUnpause(client, parameters)) };
}
