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

export type ClaimPayoutParameters = WriteParameters & {
  /** The token of the credit, or the zero address for ETH. */
  token: Address;
  /** Who receives it; the sending account by default (name another when the token blocks the account). */
  recipient?: Address | undefined;
};

export type ClaimPayoutReturnType = WriteResult & { event: SuretyEventArgs<"PayoutClaimed"> };

export type ClaimPayoutErrorType = WriteErrorType;

const ACTION = "claimPayout";

async function planClaimPayout(client: Client, parameters: ClaimPayoutParameters): Promise<Plan> {
  const deployment = await resolveDeployment(client, parameters.deployment, ACTION);
  const schema = z.strictObject({
    token: address(),
    recipient: address({ nonZero: true }).optional(),
    ...writeFields(),
  });
  const input = parseParameters(ACTION, schema, withAccount(client, parameters));
  return {
    action: ACTION,
    deployment,
    account: input.account,
    approval: undefined,
    call: { functionName: "claimPayout", args: [input.token, input.recipient ?? input.account.address], value: 0n },
  };
}

/**
 * Sends the sending account's whole credit in `token` (payouts that could not be delivered when a pact settled)
 * to `recipient`.
 * @example
 * const { event } = await claimPayout(walletClient, { token: usdc });
 * event.amount; // what was sent
 */
export async function claimPayout(client: Client, parameters: ClaimPayoutParameters): Promise<ClaimPayoutReturnType> {
  const { events, ...result } = await execute(client, await planClaimPayout(client, parameters));
  return { ...result, event: eventOf(events, "PayoutClaimed") };
}

/**
 * The call claimPayout would make, without sending it.
 * @example
 * const { calls } = await prepareClaimPayout(walletClient, { token: usdc, recipient });
 */
export async function prepareClaimPayout(
  client: Client,
  parameters: ClaimPayoutParameters,
): Promise<PrepareReturnType> {
  return { calls: toCalls(await planClaimPayout(client, parameters)) };
}
