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

export type WithdrawStakeParameters = WriteParameters & {
  /** Who receives the queued stake; the sending account by default. */
  recipient?: Address | undefined;
};

export type WithdrawStakeReturnType = WriteResult & { event: SuretyEventArgs<"StakeWithdrawn"> };

export type WithdrawStakeErrorType = WriteErrorType;

const ACTION = "withdrawStake";

async function planWithdrawStake(client: Client, parameters: WithdrawStakeParameters): Promise<Plan> {
  const deployment = await resolveDeployment(client, parameters.deployment, ACTION);
  const schema = z.strictObject({ recipient: address({ nonZero: true }).optional(), ...writeFields() });
  const input = parseParameters(ACTION, schema, withAccount(client, parameters));
  return {
    action: ACTION,
    deployment,
    account: input.account,
    approval: undefined,
    call: { functionName: "withdrawStake", args: [input.recipient ?? input.account.address], value: 0n },
  };
}

/**
 * An agent withdraws its whole withdrawal queue once the unbonding delay has passed, unless the operator froze
 * its stake.
 * @example
 * const { event } = await withdrawStake(walletClient, {});
 * event.amount; // what was sent to the recipient
 */
export async function withdrawStake(
  client: Client,
  parameters: WithdrawStakeParameters = {},
): Promise<WithdrawStakeReturnType> {
  const { events, ...result } = await execute(client, await planWithdrawStake(client, parameters));
  return { ...result, event: eventOf(events, "StakeWithdrawn") };
}

/**
 * The call withdrawStake would make, without sending it.
 * @example
 * const { calls } = await prepareWithdrawStake(walletClient, { recipient: coldWallet });
 */
export async function prepareWithdrawStake(
  client: Client,
  parameters: WithdrawStakeParameters = {},
): Promise<PrepareReturnType> {
  return { calls: toCalls(await planWithdrawStake(client, parameters)) };
}
