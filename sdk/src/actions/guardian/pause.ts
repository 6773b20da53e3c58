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

export type PauseParameters = WriteParameters;

export type PauseReturnType = WriteResult & { event: SuretyEventArgs<"Paused"> };

export type PauseErrorType = WriteErrorType;

async function planPause(client: Client, parameters: PauseParameters): Promise<Plan> {
  const deployment = await resolveDeployment(client, parameters.deployment, "pause");
  const input = parseParameters("pause", z.strictObject(writeFields()), withAccount(client, parameters));
  return {
    action: "pause",
    deployment,
    account: input.account,
    approval: undefined,
    call: { functionName: "pause", args: [], value: 0n },
  };
}

/**
 * The guardian stops new pacts (createPact in all its forms) and acceptances. Settlement, claims and
 * stake are unaffected.
 * @example
 * await pause(guardianClient);
 */
export async function pause(client: Client, parameters: PauseParameters = {}): Promise<PauseReturnType> {
  const { events, ...result } = await execute(client, await planPause(client, parameters));
  return { ...result, event: eventOf(events, "Paused") };
}

/**
 * The call pause would make, without sending it.
 * @example
 * const { calls } = await preparePause(guardianClient);
 */
export async function preparePause(client: Client, parameters: PauseParameters = {}): Promise<PrepareReturnType> {
  return { calls: toCalls(await planPause(client, parameters)) };
}
