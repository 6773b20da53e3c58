import type { ContractEventName, DecodeEventLogReturnType, Hash } from "viem";

import { suretyAbi } from "../abis.ts";

/** The name of any event Surety emits. */
export type SuretyEventName = ContractEventName<typeof suretyAbi>;

/** The decoded arguments of Surety's event `name`. */
export type SuretyEventArgs<name extends SuretyEventName> = DecodeEventLogReturnType<
  typeof suretyAbi,
  name,
  [Hash, ...Hash[]],
  Hash,
  true
>["args"];

/** A decoded Surety event: its name and arguments, one member per event so that `eventName` narrows `args`. */
export type SuretyEvent = {
  [name in SuretyEventName]: { eventName: name; args: SuretyEventArgs<name> };
}[SuretyEventName];

type SuretyAbiEvent = Extract<(typeof suretyAbi)[number], { type: "event" }>;

/** The name of every Surety event whose first argument is an indexed `pactId`: a pact's history. */
export type PactEventName = Extract<
  SuretyAbiEvent,
  { inputs: readonly [{ name: "pactId"; indexed: true }, ...unknown[]] }
>["name"];

/** The name of every Surety event with an indexed argument named `agent`: an agent's history. */
export type AgentEventName = {
  [event in SuretyAbiEvent as event["name"]]: Extract<
    event["inputs"][number],
    { name: "agent"; indexed: true }
  > extends never
    ? never
    : event["name"];
}[SuretyAbiEvent["name"]];

const events = suretyAbi.filter((item): item is SuretyAbiEvent => item.type === "event");

/**
 * The events that carry a pact id as their first indexed argument, in the ABI's order: read from the ABI, so a
 * new pact event joins every history (the SDK's, the indexer's, the dashboard's) without being listed anywhere.
 */
export const PACT_EVENTS = events.flatMap((event) => {
  const [first] = event.inputs;
  return first !== undefined && first.name === "pactId" && "indexed" in first && first.indexed === true
    ? [event.name]
    : [];
}) as readonly PactEventName[];

/** The events that carry an agent as an indexed argument named `agent`, in the ABI's order, read from the ABI. */
export const AGENT_EVENTS = events.flatMap((event) =>
  event.inputs.some((input) => input.name === "agent" && "indexed" in input && input.indexed === true)
    ? [event.name]
    : [],
) as readonly AgentEventName[];

/** A decoded Surety event with where it happened. `eventName` narrows `args`. */
export type SuretyEventLog<name extends SuretyEventName = SuretyEventName> = {
  [n in name]: {
    eventName: n;
    args: SuretyEventArgs<n>;
    blockNumber: bigint;
    blockHash: Hash;
    transactionHash: Hash;
    logIndex: number;
  };
}[name];

/** Keeps what a log says about itself and its event, dropping viem's raw fields (topics, data). */
export function toEventLog(log: {
  eventName: string;
  args: unknown;
  blockNumber: bigint | null;
  blockHash: Hash | null;
  transactionHash: Hash | null;
  logIndex: number | null;
}): SuretyEventLog {
  return {
    eventName: log.eventName,
    args: log.args,
    blockNumber: log.blockNumber ?? 0n,
    blockHash: log.blockHash ?? "0x",
    transactionHash: log.transactionHash ?? "0x",
    logIndex: log.logIndex ?? 0,
  } as SuretyEventLog;
}
