import type { ContractEventName, DecodeEventLogReturnType, Hash } from "viem";

import type { suretyAbi } from "../abis.ts";

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

/** The events that carry a pact id as their first indexed argument. */
export const PACT_EVENTS = [
  "PactCreated",
  "PactAccepted",
  "OfferFunded",
  "PactCancelled",
  "PactReclaimed",
  "PactDelivered",
  "PactReleased",
  "PactFinalized",
  "PactRefunded",
  "PactDisputed",
  "EvidenceSubmitted",
  "DisputeResolved",
  "DefaultRulingApplied",
  "PactRefundedByAgent",
  "SettlementProposed",
  "PactSettled",
  "DeadlineExtensionProposed",
  "DeadlineExtended",
  "ProposalsWithdrawn",
  "RulingHeld",
  "PayoutCredited",
] as const satisfies readonly SuretyEventName[];

export type PactEventName = (typeof PACT_EVENTS)[number];

/** The events that carry an agent as an indexed argument named `agent`. */
export const AGENT_EVENTS = [
  "StakeDeposited",
  "WithdrawalRequested",
  "StakeWithdrawn",
  "AgentStatusChanged",
  "OfferRevoked",
  "PactCreated",
  "PactAccepted",
  "OfferFunded",
  "PactDelivered",
  "PactReleased",
  "PactFinalized",
  "PactRefunded",
  "PactRefundedByAgent",
] as const satisfies readonly SuretyEventName[];

export type AgentEventName = (typeof AGENT_EVENTS)[number];

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
