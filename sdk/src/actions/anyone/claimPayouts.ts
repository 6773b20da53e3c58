import type { Address, Client } from "viem";
import { z } from "zod";

import { address } from "../../schemas/fields.ts";
import { field, parseParameters } from "../../schemas/parse.ts";
import { resolveDeployment } from "../../utils/client.ts";
import type { SuretyEventArgs } from "../../utils/events.ts";
import { execute, toCalls, type Plan, type WriteResult } from "../../utils/execute.ts";
import {
  withAccount,
  writeFields,
  type PrepareReturnType,
  type WriteErrorType,
  type WriteParameters,
} from "../internal.ts";

export type ClaimPayoutsParameters = WriteParameters & {
  /** The tokens of the credits, each once; the zero address for ETH. */
  tokens: readonly Address[];
  /** Who receives them; the sending account by default (name another when a token blocks the account). */
  recipient?: Address | undefined;
};

export type ClaimPayoutsReturnType = WriteResult & {
  /** One PayoutClaimed event per token, in the order of `tokens`. */
  events: SuretyEventArgs<"PayoutClaimed">[];
};

export type ClaimPayoutsErrorType = WriteErrorType;

const ACTION = "claimPayouts";

/** A non-empty list of distinct addresses: the contract refuses a repeated token (its credit is gone). */
const tokenList = () =>
  field((value, report): Address[] => {
    if (!Array.isArray(value) || value.length === 0) {
      report("must be a non-empty array of token addresses");
      return [];
    }
    const tokens: Address[] = [];
    const seen = new Map<string, number>();
    value.forEach((item: unknown, index) => {
      const parsed = address().safeParse(item);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) report(issue.message, [index]);
        return;
      }
      const first = seen.get(parsed.data.toLowerCase());
      if (first !== undefined) report(`repeats tokens[${first}]`, [index]);
      else seen.set(parsed.data.toLowerCase(), index);
      tokens.push(parsed.data);
    });
    return tokens;
  });

async function planClaimPayouts(client: Client, parameters: ClaimPayoutsParameters): Promise<Plan> {
  const deployment = await resolveDeployment(client, parameters.deployment, ACTION);
  const schema = z.strictObject({
    tokens: tokenList(),
    recipient: address({ nonZero: true }).optional(),
    ...writeFields(),
  });
  const input = parseParameters(ACTION, schema, withAccount(client, parameters));
  return {
    action: ACTION,
    deployment,
    account: input.account,
    approval: undefined,
    call: { functionName: ACTION, args: [input.tokens, input.recipient ?? input.account.address], value: 0n },
  };
}

/**
 * Sends the sending account's whole credit in each of `tokens` to `recipient`, in one transaction, all or
 * nothing: if any token has no credit the call reverts and nothing is claimed (see getCredit).
 * @example
 * const { events } = await claimPayouts(walletClient, { tokens: [usdc, zeroAddress] });
 * events.map((event) => event.amount); // what was sent, per token
 */
export async function claimPayouts(
  client: Client,
  parameters: ClaimPayoutsParameters,
): Promise<ClaimPayoutsReturnType> {
  const { events, ...result } = await execute(client, await planClaimPayouts(client, parameters));
  return {
    ...result,
    events: events.flatMap((event) => (event.eventName === "PayoutClaimed" ? [event.args] : [])),
  };
}

/**
 * The call claimPayouts would make, without sending it.
 * @example
 * const { calls } = await prepareClaimPayouts(walletClient, { tokens: [usdc, dai], recipient });
 */
export async function prepareClaimPayouts(
  client: Client,
  parameters: ClaimPayoutsParameters,
): Promise<PrepareReturnType> {
  return { calls: toCalls(await planClaimPayouts(client, parameters)) };
}
