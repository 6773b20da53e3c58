import type { Address, Client } from "viem";
import { z } from "zod";

import { address, amount, duration, type AmountInput, type DurationInput } from "../../schemas/fields.ts";
import { parseParameters } from "../../schemas/parse.ts";
import { anyString, decimalsOf, peekAddress, resolveDeployment } from "../../utils/client.ts";
import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type Plan, type WriteResult } from "../../utils/execute.ts";
import {
  withAccount,
  writeFields,
  type PrepareReturnType,
  type WriteErrorType,
  type WriteParameters,
} from "../internal.ts";

export type RegisterArbiterParameters = WriteParameters & {
  /** The payment token these terms are for, or the zero address for ETH. */
  token: Address;
  /** The smallest fee the arbiter takes, in the token. */
  minFee: AmountInput;
  /** The longest ruling period the arbiter accepts. */
  maxRulingPeriod: DurationInput;
};

export type RegisterArbiterReturnType = WriteResult & { event: SuretyEventArgs<"ArbiterRegistered"> };

export type RegisterArbiterErrorType = WriteErrorType;

const ACTION = "registerArbiter";

async function planRegisterArbiter(client: Client, parameters: RegisterArbiterParameters): Promise<Plan> {
  const deployment = await resolveDeployment(client, parameters.deployment, ACTION);
  const decimals = anyString(parameters.minFee)
    ? await decimalsOf(client, peekAddress(parameters.token))
    : { reason: "unused" };
  const schema = z.strictObject({
    token: address(),
    minFee: amount(decimals, { bits: 128 }),
    maxRulingPeriod: duration({ min: 1n }),
    ...writeFields(),
  });
  const input = parseParameters(ACTION, schema, withAccount(client, parameters));
  return {
    action: ACTION,
    deployment,
    account: input.account,
    approval: undefined,
    call: { functionName: "registerArbiter", args: [input.token, input.minFee, input.maxRulingPeriod], value: 0n },
  };
}

/**
 * The sending account publishes (or updates) its terms as an arbiter for pacts paid in `token`: buyers can then
 * name it, with at least `minFee` and a ruling period of at most `maxRulingPeriod`.
 * @example
 * await registerArbiter(arbiterClient, { token: usdc, minFee: "5", maxRulingPeriod: "14d" });
 */
export async function registerArbiter(
  client: Client,
  parameters: RegisterArbiterParameters,
): Promise<RegisterArbiterReturnType> {
  const { events, ...result } = await execute(client, await planRegisterArbiter(client, parameters));
  return { ...result, event: eventOf(events, "ArbiterRegistered") };
}

/**
 * The call registerArbiter would make, without sending it.
 * @example
 * const { calls } = await prepareRegisterArbiter(arbiterClient, { token: zeroAddress, minFee: "0.01", maxRulingPeriod: "7d" });
 */
export async function prepareRegisterArbiter(
  client: Client,
  parameters: RegisterArbiterParameters,
): Promise<PrepareReturnType> {
  return { calls: toCalls(await planRegisterArbiter(client, parameters)) };
}
