import type { Client } from "viem";
import { z } from "zod";

import { allowanceMode, amount, time, type AllowanceMode, type AmountInput } from "../../schemas/fields.ts";
import { parseParameters } from "../../schemas/parse.ts";
import { anyString, decimalsOf, resolveDeployment } from "../../utils/client.ts";
import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type Plan, type WriteResult } from "../../utils/execute.ts";
import { planFunding } from "../../utils/funding.ts";
import { nextBlockTimeFor } from "../../utils/nextBlock.ts";
import {
  withAccount,
  writeFields,
  type AllowanceParameters,
  type PrepareReturnType,
  type WriteErrorType,
  type WriteParameters,
} from "../internal.ts";

export type DepositStakeParameters = WriteParameters &
  AllowanceParameters & {
    /** Stake to add, in the stake token: base units or a decimal string. */
    amount: AmountInput;
  };

export type DepositStakeReturnType = WriteResult & { event: SuretyEventArgs<"StakeDeposited"> };

export type DepositStakeErrorType = WriteErrorType;

const ACTION = "depositStake";

async function planDepositStake(
  client: Client,
  parameters: DepositStakeParameters,
  defaultMode: AllowanceMode,
): Promise<Plan> {
  const deployment = await resolveDeployment(client, parameters.deployment, ACTION);
  const [now, decimals] = await Promise.all([
    nextBlockTimeFor(client, ACTION),
    anyString(parameters.amount) ? decimalsOf(client, deployment.stakeToken) : { reason: "unused" },
  ]);
  const schema = z.strictObject({
    amount: amount(decimals, { min: 1n, bits: 128 }),
    allowance: allowanceMode().optional(),
    permitDeadline: time(now).optional(),
    ...writeFields(),
  });
  const input = parseParameters(ACTION, schema, withAccount(client, parameters));
  const funding = await planFunding(client, {
    action: ACTION,
    token: deployment.stakeToken,
    account: input.account,
    spender: deployment.surety,
    amount: input.amount,
    mode: input.allowance ?? defaultMode,
    deadline: input.permitDeadline === undefined ? now + 3_600n : BigInt(input.permitDeadline),
  });
  return {
    action: ACTION,
    deployment,
    account: input.account,
    approval: funding.approval,
    call:
      funding.permit === undefined
        ? { functionName: "depositStake", args: [input.amount], value: 0n }
        : { functionName: "depositStakeWithPermit", args: [input.amount, funding.permit], value: 0n },
  };
}

/**
 * An agent adds stake, pulling it from its balance of the stake token (with a permit, or an exact approval
 * first, when the allowance falls short).
 * @example
 * const { event } = await depositStake(walletClient, { amount: "1000" });
 * event.bonded; // the agent's stake not queued for withdrawal
 */
export async function depositStake(
  client: Client,
  parameters: DepositStakeParameters,
): Promise<DepositStakeReturnType> {
  const { events, ...result } = await execute(client, await planDepositStake(client, parameters, "auto"));
  return { ...result, event: eventOf(events, "StakeDeposited") };
}

/**
 * The calls depositStake would make, without sending them (an exact approval first when needed).
 * @example
 * const { calls } = await prepareDepositStake(walletClient, { amount: "1000" });
 */
export async function prepareDepositStake(
  client: Client,
  parameters: DepositStakeParameters,
): Promise<PrepareReturnType> {
  return { calls: toCalls(await planDepositStake(client, parameters, "approve")) };
}
