import {
  BaseError,
  ContractFunctionRevertedError,
  InvalidParamsRpcError,
  encodeFunctionData,
  isAddressEqual,
  parseEventLogs,
  type Abi,
  type Account,
  type Address,
  type Client,
  type ContractFunctionArgs,
  type ContractFunctionName,
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
import { getNextBlock, type NextBlock } from "./nextBlock.ts";

/** One call of a batch: what prepareX returns, ready for a smart wallet or `sendCalls`. */
export type Call = { to: Address; data: Hex; value: bigint };

/** What a write call can be: a function of `abi` that changes state. */
export type WriteMutability = "nonpayable" | "payable";

/** The name of every function of `abi` that changes state. */
export type WriteFunctionName<abi extends Abi> = ContractFunctionName<abi, WriteMutability>;

/**
 * A call of one of `abi`'s state-changing functions: its name and its arguments, typed against the ABI, one member
 * per function so that `functionName` narrows `args`.
 */
export type ContractCall<abi extends Abi, name extends WriteFunctionName<abi> = WriteFunctionName<abi>> = {
  [fn in name]: { functionName: fn; args: ContractFunctionArgs<abi, WriteMutability, fn> };
}[name];

/** The name of every Surety function that changes state. */
export type SuretyFunctionName = WriteFunctionName<typeof suretyAbi>;

/**
 * A Surety function call worked out by an action: the function, its arguments (typed against Surety's ABI) and
 * the ETH it sends.
 */
/** The arguments of Surety's state-changing function `name`, as its ABI types them. */
export type SuretyFunctionArgs<name extends SuretyFunctionName> = ContractFunctionArgs<
  typeof suretyAbi,
  WriteMutability,
  name
>;

/** The Surety functions whose arguments have the shape `args` (every function taking a pact id and its terms, …). */
export type SuretyFunctionNameOf<args extends readonly unknown[]> = {
  [name in SuretyFunctionName]: SuretyFunctionArgs<name> extends args ? name : never;
}[SuretyFunctionName];

export type SuretyCall<name extends SuretyFunctionName = SuretyFunctionName> = ContractCall<typeof suretyAbi, name> & {
  value: bigint;
};

/** An exact ERC-20 approval to send before the Surety call. */
export type Approval = { token: Address; spender: Address; amount: bigint };

/** Everything a write action does, worked out (and validated) before anything is signed or sent. */
export type Plan<name extends SuretyFunctionName = SuretyFunctionName> = {
  action: string;
  deployment: Deployment;
  account: Account;
  approval: Approval | undefined;
  call: SuretyCall<name>;
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
    data: encodeFunctionData<typeof suretyAbi, SuretyFunctionName>({
      abi: suretyAbi,
      functionName: plan.call.functionName,
      args: plan.call.args,
    }),
    value: plan.call.value,
  });
  return calls;
}

/** One contract call to send: the contract, its ABI, and a state-changing function of that ABI with its arguments. */
export type Transaction<abi extends Abi = Abi> = { address: Address; abi: abi; value: bigint } & ContractCall<abi>;

/** The clients (by their request function) whose node refused block overrides: they simulate at a block tag. */
const refusesBlockOverrides = new WeakSet<object>();

/** Whether viem's error is the contract's refusal (a revert), not a failure of the request. */
function isRevert(error: unknown): boolean {
  return error instanceof BaseError && error.walk((cause) => cause instanceof ContractFunctionRevertedError) !== null;
}

/**
 * Simulates a call as it will run: in the next block, at `next.timestamp` (see nextBlockTime). The call runs on
 * the latest block's state with the block's number and time overridden (eth_call's block overrides). A node that
 * refuses block overrides (Hardhat's, with "invalid params") simulates in its pending block instead, whose time is
 * the next block's on such a node; a node with neither falls back to its latest block.
 */
async function simulateInNextBlock(client: Client, call: Record<string, unknown>, next: NextBlock) {
  const simulate = getAction(client, simulateContract, "simulateContract") as unknown as (
    parameters: unknown,
  ) => Promise<{ request: Record<string, unknown> }>;
  if (!refusesBlockOverrides.has(client.request)) {
    try {
      return await simulate({
        ...call,
        blockNumber: next.latest.number,
        blockOverrides: { number: next.latest.number + 1n, time: next.timestamp },
      });
    } catch (error) {
      if (isRevert(error)) throw error;
      const invalidParams =
        error instanceof BaseError &&
        error.walk((cause) => (cause as { code?: unknown }).code === InvalidParamsRpcError.code) !== null;
      if (invalidParams) refusesBlockOverrides.add(client.request);
    }
  }
  return await simulate({ ...call, blockTag: next.source === "pending" ? "pending" : "latest" });
}

/**
 * Simulates one contract call in the next block (at the time the transaction will see), sends it and waits for
 * its receipt; a revert comes back as a ContractRevertError that says at what time the call was simulated.
 */
export async function transact<const abi extends Abi>(
  client: Client,
  action: string,
  account: Account,
  transaction: Transaction<abi>,
): Promise<{ hash: Hash; receipt: TransactionReceipt }> {
  const context = { action, functionName: transaction.functionName, contractAddress: transaction.address };
  const next = await getNextBlock(client, action);
  const { address, abi, functionName, args, value } = transaction;
  const call = { address, abi, functionName, args, account, ...(value === 0n ? {} : { value }) };
  let request: Record<string, unknown>;
  try {
    ({ request } = await simulateInNextBlock(client, call, next));
  } catch (error) {
    throw toSuretyError(error, { ...context, blockTime: next.timestamp });
  }
  let hash: Hash;
  try {
    // The simulation's block parameters are not the transaction's, which goes into whatever block mines it; but
    // its gas is estimated in the node's pending block when it has one, as it was simulated (a node estimating in
    // its latest block would refuse a call whose deadline passed after that block, claimRefund's).
    const { blockNumber: _number, blockOverrides: _overrides, blockTag: _tag, ...write } = request;
    const writeAction = getAction(client, writeContract, "writeContract");
    hash = await (writeAction as unknown as (request: unknown) => Promise<Hash>)({
      ...write,
      ...(next.source === "pending" ? { blockTag: "pending" } : {}),
    });
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
