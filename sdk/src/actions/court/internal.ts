/** What the court adapter actions share: finding the adapter of a pact, reading it, and sending calls to it. */
import {
  encodeFunctionData,
  isAddressEqual,
  parseEventLogs,
  type Account,
  type Address,
  type Client,
  type ContractEventName,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type ContractFunctionReturnType,
  type DecodeEventLogReturnType,
  type Hash,
  type TransactionReceipt,
} from "viem";
import { readContract } from "viem/actions";
import { getAction } from "viem/utils";

import { courtAdapterAbi, suretyAbi } from "../../abis.ts";
import type { Terms } from "../../types.ts";
import type { SuretyEvent } from "../../utils/events.ts";
import { transact, type Call, type ContractCall } from "../../utils/execute.ts";
import type { PactParameters } from "../internal.ts";

/**
 * What a court quotes as the appeal cost when it takes no appeal (KlerosLiquid's NOT_PAYABLE_VALUE,
 * (2^256 - 2) / 2): no one can pay it. A quote at or above it means "not appealable now", not a price.
 */
export const NOT_PAYABLE_APPEAL_COST = (2n ** 256n - 2n) / 2n;

/** Parameters of every court action on one pact. */
export type CourtPactParameters = PactParameters & {
  /** The court adapter; by default the pact's arbiter, which must be one. */
  adapter?: Address | undefined;
};

/** The name of any event a court adapter emits. */
export type CourtEventName = ContractEventName<typeof courtAdapterAbi>;

/** The decoded arguments of a court adapter's event `name`. */
export type CourtEventArgs<name extends CourtEventName> = DecodeEventLogReturnType<
  typeof courtAdapterAbi,
  name,
  [Hash, ...Hash[]],
  Hash,
  true
>["args"];

type CourtEvent = { [name in CourtEventName]: { eventName: name; args: CourtEventArgs<name> } }[CourtEventName];

/** A call to a court adapter, worked out and validated: `functionName` and `args` typed against its ABI. */
export type CourtPlan = ContractCall<typeof courtAdapterAbi> & {
  action: string;
  account: Account;
  adapter: Address;
  value: bigint;
  /** Surety's address, when the call makes Surety emit events the action returns (a settlement, a hold). */
  surety?: Address | undefined;
};

/** The name of every view of a court adapter. */
export type AdapterViewName = ContractFunctionName<typeof courtAdapterAbi, "view" | "pure">;

/** The arguments of the court adapter's view `name`. */
export type AdapterViewArgs<name extends AdapterViewName> = ContractFunctionArgs<
  typeof courtAdapterAbi,
  "view" | "pure",
  name
>;

/** What the court adapter's view `name` returns. */
export type AdapterViewReturnType<name extends AdapterViewName> = ContractFunctionReturnType<
  typeof courtAdapterAbi,
  "view" | "pure",
  name
>;

/** What every court write action returns: the transaction and its receipt. */
export type CourtWriteResult = { hash: Hash; receipt: TransactionReceipt };

/** Reads a court adapter's view `functionName`; undefined when the call fails (e.g. not a court adapter). */
export async function readAdapter<name extends AdapterViewName>(
  client: Client,
  adapter: Address,
  functionName: name,
  args?: AdapterViewArgs<name>,
): Promise<AdapterViewReturnType<name> | undefined> {
  try {
    return await readView(client, adapter, functionName, args);
  } catch {
    return undefined;
  }
}

/** Reads the court adapter's view `functionName` through the client's readContract (or its override). */
function readView<name extends AdapterViewName>(
  client: Client,
  adapter: Address,
  functionName: name,
  args: AdapterViewArgs<name> | undefined,
): Promise<AdapterViewReturnType<name>> {
  const read = getAction(client, readContract, "readContract") as unknown as (parameters: {
    address: Address;
    abi: typeof courtAdapterAbi;
    functionName: name;
    args: AdapterViewArgs<name> | readonly [];
  }) => Promise<AdapterViewReturnType<name>>;
  return read({ address: adapter, abi: courtAdapterAbi, functionName, args: args ?? [] });
}

/** The court of `adapter`, or undefined when `adapter` is not a court adapter. */
export function courtOf(client: Client, adapter: Address): Promise<Address | undefined> {
  return readAdapter(client, adapter, "COURT");
}

/** The adapter a court action acts on: the one passed, else the pact's arbiter. */
export function adapterOf(
  parameters: { adapter?: Address | undefined },
  terms: Terms | undefined,
): Address | undefined {
  return parameters.adapter ?? terms?.arbiter;
}

/** Checks that `adapter` is the pact's arbiter; reports on `adapter`. */
export function checkAdapter(
  adapter: Address,
  terms: Terms,
  isCourtAdapter: boolean,
  report: (path: "adapter", message: string) => void,
): void {
  if (!isAddressEqual(adapter, terms.arbiter)) {
    report("adapter", `must be the pact's arbiter ${terms.arbiter}`);
  } else if (!isCourtAdapter) {
    report("adapter", "is not a court adapter (it has no COURT())");
  }
}

/** Encodes a court plan as the one call to make. */
export function toCourtCalls(plan: CourtPlan): Call[] {
  const data = encodeFunctionData<typeof courtAdapterAbi, CourtPlan["functionName"]>({
    abi: courtAdapterAbi,
    functionName: plan.functionName,
    args: plan.args,
  });
  return [{ to: plan.adapter, data, value: plan.value }];
}

/** Simulates, sends and waits for a court plan's call; returns the adapter's events and Surety's, decoded. */
export async function executeCourt(
  client: Client,
  plan: CourtPlan,
): Promise<CourtWriteResult & { events: CourtEvent[]; suretyEvents: SuretyEvent[] }> {
  const { hash, receipt } = await transact(client, plan.action, plan.account, {
    ...plan,
    address: plan.adapter,
    abi: courtAdapterAbi,
  });
  const events = parseEventLogs({
    abi: courtAdapterAbi,
    logs: receipt.logs.filter((log) => isAddressEqual(log.address, plan.adapter)),
  }) as unknown as CourtEvent[];
  const surety = plan.surety;
  const suretyEvents =
    surety === undefined
      ? []
      : (parseEventLogs({
          abi: suretyAbi,
          logs: receipt.logs.filter((log) => isAddressEqual(log.address, surety)),
        }) as unknown as SuretyEvent[]);
  return { hash, receipt, events, suretyEvents };
}

/** The arguments of the first `name` event among `events`. */
export function courtEventOf<name extends CourtEventName>(
  events: readonly CourtEvent[],
  name: name,
): CourtEventArgs<name> {
  const event = events.find((candidate) => candidate.eventName === name);
  if (event === undefined) throw new Error(`the receipt has no ${name} event`);
  return event.args as CourtEventArgs<name>;
}
