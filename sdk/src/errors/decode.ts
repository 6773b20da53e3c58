import { BaseError, ContractFunctionRevertedError, decodeErrorResult, type Address, type Hex } from "viem";

import { courtAdapterAbi, erc20PermitAbi, suretyAbi } from "../abis.ts";
import { SuretyError } from "./base.ts";
import { ContractRevertError, type RevertName } from "./contract.ts";
import { RequestError } from "./request.ts";

/**
 * Every custom error a Surety call can revert with (Surety's own and, bubbled up through it, the token's), and a
 * court adapter's.
 */
const revertAbi = [...suretyAbi, ...erc20PermitAbi, ...courtAdapterAbi].filter((item) => item.type === "error");

/**
 * Turns whatever a viem call threw into a SuretyError: a contract revert (found by walking the causes to viem's
 * ContractFunctionRevertedError) becomes a ContractRevertError with the decoded custom error, anything else a
 * RequestError. SuretyErrors pass through.
 */
export function toSuretyError(
  error: unknown,
  context: {
    action: string;
    functionName: string;
    contractAddress?: Address;
    /** The block time the call was simulated at, when a simulation refused it. */
    blockTime?: bigint | undefined;
  },
): SuretyError {
  if (error instanceof SuretyError) return error;
  const revert = error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : null;
  if (!(revert instanceof ContractFunctionRevertedError))
    return new RequestError({ action: context.action, cause: error });

  const data: Hex | undefined = revert.raw;
  let errorName: RevertName = "unknown";
  let args: readonly unknown[] = [];
  if (data !== undefined && data !== "0x") {
    try {
      const decoded = decodeErrorResult({ abi: revertAbi, data });
      errorName = decoded.errorName as RevertName;
      args = (decoded.args ?? []) as readonly unknown[];
    } catch {
      // An error outside both ABIs (from some other contract the call reached): keep the raw data.
    }
  }
  if (errorName === "unknown" && revert.data !== undefined) {
    errorName = revert.data.errorName as RevertName;
    args = (revert.data.args ?? []) as readonly unknown[];
  } else if (errorName === "unknown" && revert.reason !== undefined) {
    errorName = "Error";
    args = [revert.reason];
  }
  return new ContractRevertError<RevertName>({
    errorName,
    args,
    functionName: context.functionName,
    contractAddress: context.contractAddress,
    data,
    blockTime: context.blockTime,
    cause: error,
  });
}
