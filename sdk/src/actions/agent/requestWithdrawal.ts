import type { Client } from "viem";
import { z } from "zod";

import { amount, type AmountInput } from "../../schemas/fields.ts";
import { parseParameters } from "../../schemas/parse.ts";
import { anyString, decimalsOf, resolveDeployment } from "../../utils/client.ts";
import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type Plan, type WriteResult } from "../../utils/execute.ts";
import {
  withAccount,
  writeFields,
  type PrepareReturnType,
  type WriteErrorType,
  type WriteParameters,
} from "../internal.ts";

export type RequestWithdrawalParameters = WriteParameters & {
  /** Free stake to queue for withdrawal, in the stake token: base units or a decimal string. */
  amount: AmountInput;
};

export type RequestWithdrawalReturnType = WriteResult & { event: SuretyEventArgs<"WithdrawalRequested"> };

export type RequestWithdrawalErrorType = WriteErrorType;

const ACTION = "requestWithdrawal";

async function planRequestWithdrawal(client: Client, parameters: RequestWithdrawalParameters): Promise<Plan> {
  const deployment = await resolveDeployment(client, parameters.deployment, ACTION);
  const decimals = anyString(parameters.amount)
    ? await decimalsOf(client, deployment.stakeToken)
    : { reason: "unused" };
  const schema = z.strictObject({ amount: amount(decimals, { min: 1n, bits: 128 }), ...writeFields() });
  const input = parseParameters(ACTION, schema, withAccount(client, parameters));
  return {
    action: ACTION,
    deployment,
    account: input.account,
    approval: undefined,
    call: { functionName: "requestWithdrawal", args: [input.amount], value: 0n },
  };
}

/**
 * An agent queues free stake for withdrawal; it can be withdrawn after the unbonding delay (each request
 * restarts the delay for the whole queue).
 * @example
 * const { event } = await requestWithdrawal(walletClient, { amount: "250" });
 * event.readyAt; // when withdrawStake will succeed
 */
export async function requestWithdrawal(
  client: Client,
  parameters: RequestWithdrawalParameters,
): Promise<RequestWithdrawalReturnType> {
  const { events, ...result } = await execute(client, await planRequestWithdrawal(client, parameters));
  return { ...result, event: eventOf(events, "WithdrawalRequested") };
}

/**
 * The call requestWithdrawal would make, without sending it.
 * @example
 * const { calls } = await prepareRequestWithdrawal(walletClient, { amount: 250_000_000n });
 */
export async function prepareRequestWithdrawal(
  client: Client,
  parameters: RequestWithdrawalParameters,
): Promise<PrepareReturnType> {
  return { calls: toCalls(await planRequestWithdrawal(client, parameters)) };
}
