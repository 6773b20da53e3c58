import { zeroAddress, type Account, type Address, type Client } from "viem";
import { readContract } from "viem/actions";
import { getAction } from "viem/utils";

import { erc20PermitAbi } from "../abis.ts";
import { InvalidParametersError } from "../errors/parameters.ts";
import { RequestError } from "../errors/request.ts";
import type { AllowanceMode } from "../schemas/fields.ts";
import type { Permit } from "../types.ts";
import type { Approval } from "./execute.ts";
import { readPermitDomain, signPermit } from "./permit.ts";

/** How a call that pulls `amount` of a token will be funded. */
export type Funding = {
  /** ETH to send with the call (for an ETH price or fee). */
  value: bigint;
  /** An exact approval to send first. */
  approval: Approval | undefined;
  /** A signed permit for the call's `…WithPermit` variant. */
  permit: Permit | undefined;
};

/**
 * Works out how Surety will get `amount` of `token` from `account`: as ETH for the zero address; else nothing
 * when the allowance already covers it or `mode` is "none"; else an EIP-2612 permit for exactly `amount` (mode
 * "permit", or "auto" when the token supports permits), or an exact approval to send first.
 */
export async function planFunding(
  client: Client,
  parameters: {
    action: string;
    token: Address;
    account: Account;
    spender: Address;
    amount: bigint;
    mode: AllowanceMode;
    /** Until when a permit is valid, in Unix seconds. */
    deadline: bigint;
  },
): Promise<Funding> {
  const { action, token, account, spender, amount, mode, deadline } = parameters;
  const none: Funding = { value: 0n, approval: undefined, permit: undefined };
  if (token === zeroAddress) return { ...none, value: amount };
  if (amount === 0n || mode === "none") return none;

  let allowance: bigint;
  try {
    allowance = await getAction(
      client,
      readContract,
      "readContract",
    )({ address: token, abi: erc20PermitAbi, functionName: "allowance", args: [account.address, spender] });
  } catch (error) {
    throw new RequestError({ action, cause: error });
  }
  if (allowance >= amount) return none;
  if (mode === "approve") return { ...none, approval: { token, spender, amount } };

  const domain = await readPermitDomain(client, token, account.address, action);
  if (domain === undefined) {
    if (mode === "permit") {
      throw new InvalidParametersError({
        action,
        issues: [{ path: "allowance", message: `token ${token} does not support EIP-2612 permits` }],
      });
    }
    return { ...none, approval: { token, spender, amount } };
  }
  const permit = await signPermit(client, { account, spender, value: amount, deadline, permit: domain }, action);
  return { ...none, permit };
}
