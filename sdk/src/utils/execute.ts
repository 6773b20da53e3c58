import {
  encodeFunctionData,
  isAddressEqual,
  parseEventLogs,
  type Account,
  type Address,
  type Client,
  type Hash,
  type Hex,
  type TransactionReceipt,
} from "viem";
import { simulateContract, waitForTransactionReceipt, writeContract } from "viem/actions";
import { getAction } from "viem/utils";

import { erc20PermitAbi, suretyAbi } from "../abis.ts";
import type { Deployment } from "../deployments.ts";
import { TransactionRevertedError } from "../errors/contract.ts";
import { toSuretyError } from "../errors/decode.ts";
import type { SuretyEvent, SuretyEventArgs } from "./events.ts";

/** One call of a batch: what prepareX returns, ready for a smart wallet or `sendCalls`. */
export type Call = { to: Address; data: Hex; value: bigint };

/** A Surety function call worked out by an action: the function, its arguments and the ETH it sends. */
export type SuretyCall = { functionName: string; args: readonly unknown[]; value: bigint };

/** An exact ERC-20 approval to send before the Surety call. */
export type Approval = { token: Address; spender: Address; amount: bigint };

/** Everything a write action does, worked out (and validated) before anything is signed or sent. */
export type Plan = {
  action: string;
  deployment: Deployment;
  account: Account;
  approval: Approval | undefined;
  call: SuretyCall;
};

/** The transaction of an approval that went out before the Surety call. */
export type ApprovalResult = { hash: Hash; receipt: TransactionReceipt };

/** What every write action returns: the transaction and its receipt, and what it did. */
export type WriteResult = {
  hash: Hash;
  receipt: TransactionReceipt;
  /** The approval sent first, when the allowance needed one. */
  approval: ApprovalResult | undefined;
  /** Payouts that could not be delivered and were credited to their recipient (claim them with claimPayout). */
  credits: SuretyEventArgs<"PayoutCredited">[];
};

/** Encodes a plan as calls: the approval first when it needs one. */
export function toCalls(plan: Plan): Call[] {
  const calls: Call[] = [];
  if (plan.approval !== undefined) {
    calls.push({
      to: plan.approval.token,
      data: encodeFunctionData({
        abi: erc20PermitAbi,
        functionName: "approve",
        args: [plan.approval.spender, plan.approval.amount],
      }),
      value: 0n,
    });
  }
  calls.push({
    to: plan.deployment.surety,
    data: encodeFunctionData({ abi: suretyAbi, functionName: plan.call.functionName, args: plan.call.args } as never),
    value: plan.call.value,
  });
  return calls;
}

export type Transaction = { address: Address; abi: readonly unknown[]; functionName: string; args: readonly unknown[] };

/** Simulates, sends and waits for one contract call; a revert comes back as a ContractRevertError. */
export async function transact(
  client: Client,
  action: string,
  account: Account,
  transaction: Transaction & { value: bigint },
): Promise<{ hash: Hash; receipt: TransactionReceipt }> {
  const context = { action, functionName: transaction.functionName, contractAddress: transaction.address };
  let hash: Hash;
  try {
    const simulateAction = getAction(client, simulateContract, "simulateContract");
    const simulate = simulateAction as unknown as (parameters: unknown) => Promise<{ request: unknown }>;
    const { request } = await simulate({
      ...transaction,
      account,
      ...(transaction.value === 0n ? {} : { value: transaction.value }),
    });
    const writeAction = getAction(client, writeContract, "writeContract");
    hash = await (writeAction as unknown as (request: unknown) => Promise<Hash>)(request);
  } catch (error) {
    throw toSuretyError(error, context);
  }
  let receipt: TransactionReceipt;
  try {
    receipt = await getAction(client, waitForTransactionReceipt, "waitForTransactionReceipt")({ hash });
  } catch (error) {
    throw toSuretyError(error, context);
  }
  if (receipt.status !== "success") throw new TransactionRevertedError({ action, hash, receipt });
  return { hash, receipt };
}

/**
 * Carries out a plan: sends the approval (simulated first) when there is one, then simulates the Surety call,
 * sends it and waits for its receipt. Returns the receipt's Surety events, decoded.
 */
export async function execute(client: Client, plan: Plan): Promise<WriteResult & { events: SuretyEvent[] }> {
  let approval: ApprovalResult | undefined;
  if (plan.approval !== undefined) {
    approval = await transact(client, plan.action, plan.account, {
      address: plan.approval.token,
      abi: erc20PermitAbi,
      functionName: "approve",
      args: [plan.approval.spender, plan.approval.amount],
      value: 0n,
    });
  }
  const { hash, receipt } = await transact(client, plan.action, plan.account, {
    address: plan.deployment.surety,
    abi: suretyAbi,
    ...plan.call,
  });
  const events = parseEventLogs({
    abi: suretyAbi,
    logs: receipt.logs.filter((log) => isAddressEqual(log.address, plan.deployment.surety)),
  }) as unknown as SuretyEvent[];
  const credits = events.flatMap((event) => (event.eventName === "PayoutCredited" ? [event.args] : []));
  return { hash, receipt, approval, credits, events };
}

/** The arguments of the first `name` event among `events`; every action's own event is always there. */
export function eventOf<name extends SuretyEvent["eventName"]>(
  events: readonly SuretyEvent[],
  name: name,
): SuretyEventArgs<name> {
  const event = events.find((candidate) => candidate.eventName === name);
  if (event === undefined) throw new Error(`the receipt has no ${name} event`);
  return event.args as SuretyEventArgs<name>;
}
