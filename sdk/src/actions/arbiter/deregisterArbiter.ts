import type { Address, Client } from "viem";
import { z } from "zod";

import { address } from "../../schemas/fields.ts";
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

export type DeregisterArbiterParameters = WriteParameters & {
  /** The payment token to stop taking new pacts in, or the zero address for ETH. */
  token: Address;
};

export type DeregisterArbiterReturnType = WriteResult & { event: SuretyEventArgs<"ArbiterDeregistered"> };

export type DeregisterArbiterErrorType = WriteErrorType;

const ACTION = "deregisterArbiter";

async function planDeregisterArbiter(client: Client, parameters: DeregisterArbiterParameters): Promise<Plan> {
  const deployment = await resolveDeployment(client, parameters.deployment, ACTION);
  const input = parseParameters(
    ACTION,
    z.strictObject({ token: address(), ...writeFields() }),
    withAccount(client, parameters),
  );
  return {
    action: ACTION,
    deployment,
    account: input.account,
    approval: undefined,
    call: { functionName: "deregisterArbiter", args: [input.token], value: 0n },
  };
}

/**
 * The sending arbiter stops taking new pacts paid in `token`; pacts that already name it are unaffected.
 * @example
 * await deregisterArbiter(arbiterClient, { token: usdc });
 */
export async function deregisterArbiter(
  client: Client,
  parameters: DeregisterArbiterParameters,
): Promise<DeregisterArbiterReturnType> {
  const { events, ...result } = await execute(client, await planDeregisterArbiter(client, parameters));
  return { ...result, event: eventOf(events, "ArbiterDeregistered") };
}

/**
 * The call deregisterArbiter would make, without sending it.
 * @example
 * const { calls } = await prepareDeregisterArbiter(arbiterClient, { token: usdc });
 */
export async function prepareDeregisterArbiter(
  client: Client,
  parameters: DeregisterArbiterParameters,
): Promise<PrepareReturnType> {
  return { calls: toCalls(await planDeregisterArbiter(client, parameters)) };
}
