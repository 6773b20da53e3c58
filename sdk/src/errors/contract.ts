import type { Address, Hash, Hex, TransactionReceipt } from "viem";

import { SuretyError } from "./base.ts";
import { explainRevert, type KnownRevertArgs, type KnownRevertName } from "./messages.ts";

/** A revert's name: a custom error of Surety or of the token, `Error` (a reason string), `Panic`, or `unknown`. */
export type RevertName = KnownRevertName | "Error" | "Panic" | "unknown";

type RevertArgs<name extends RevertName> = name extends KnownRevertName
  ? KnownRevertArgs<name>
  : name extends "Error"
    ? readonly [reason: string]
    : name extends "Panic"
      ? readonly [code: bigint]
      : readonly unknown[];

/**
 * The contract refused the call (found while simulating it, before anything was sent). `errorName` and `args` are
 * the decoded custom error (`Surety_DeadlinePassed`, `[pactId, deadline]`); the message says it in plain words,
 * and at what block time the call was simulated (the next block's: see getNextBlockTime). `cause` is viem's error.
 */
export class ContractRevertError<name extends RevertName = RevertName> extends SuretyError {
  override name = "ContractRevertError" as const;
  readonly errorName: name;
  readonly args: RevertArgs<name>;
  /** The function that would revert, and the contract it was called on. */
  readonly functionName: string;
  readonly contractAddress: Address | undefined;
  /** The raw revert data, when the node returned it. */
  readonly data: Hex | undefined;
  /**
   * The block time the call was simulated at: the next block's (what the transaction would have seen), in Unix
   * seconds. Undefined when the refusal came from the node while sending, not from the SDK's simulation.
   */
  readonly blockTime: bigint | undefined;

  constructor(parameters: {
    errorName: name;
    args: RevertArgs<name>;
    functionName: string;
    contractAddress: Address | undefined;
    data: Hex | undefined;
    blockTime?: bigint | undefined;
    cause: unknown;
  }) {
    const { errorName, args, functionName, contractAddress, data, blockTime, cause } = parameters;
    const signature =
      errorName === "unknown"
        ? `unknown error${data === undefined ? "" : ` (data ${data})`}`
        : `${errorName}(${(args as readonly unknown[]).map(String).join(", ")})`;
    super(`${functionName} reverted: ${explainRevert(errorName, args as readonly unknown[])}.`, {
      details: [
        `Error: ${signature}`,
        ...(contractAddress === undefined ? [] : [`Contract: ${contractAddress}`]),
        ...(blockTime === undefined
          ? []
          : [`Simulated at the next block's time: ${new Date(Number(blockTime) * 1000).toISOString()}, ${blockTime}`]),
      ],
      cause,
      docsPath: "#contractreverterror",
    });
    this.errorName = errorName;
    this.args = args;
    this.functionName = functionName;
    this.contractAddress = contractAddress;
    this.data = data;
    this.blockTime = blockTime;
  }

  /** Whether this is the revert `errorName`; narrows `args` to its decoded arguments. */
  is<other extends RevertName>(errorName: other): this is ContractRevertError<other> {
    return (this.errorName as RevertName) === errorName;
  }
}

/**
 * A transaction was mined but reverted although its simulation passed, usually because the chain changed between
 * the two (another transaction landed first). The receipt is kept; simulate again to learn why.
 */
export class TransactionRevertedError extends SuretyError {
  override name = "TransactionRevertedError" as const;
  readonly hash: Hash;
  readonly receipt: TransactionReceipt;

  constructor({ action, hash, receipt }: { action: string; hash: Hash; receipt: TransactionReceipt }) {
    super(`${action}: transaction ${hash} reverted in block ${receipt.blockNumber} after a successful simulation.`, {
      docsPath: "#transactionrevertederror",
    });
    this.hash = hash;
    this.receipt = receipt;
  }
}
