import { isAddressEqual, type Address, type Client, type Log } from "viem";
import { watchContractEvent } from "viem/actions";
import { getAction } from "viem/utils";
import { z } from "zod";

import { suretyAbi } from "../../abis.ts";
import type { InvalidParametersError } from "../../errors/parameters.ts";
import { address } from "../../schemas/fields.ts";
import { field, parseParameters } from "../../schemas/parse.ts";
import { AGENT_EVENTS, toEventLog, type AgentEventName, type SuretyEventLog } from "../../utils/events.ts";
import { watchDeployment, watchFields, type WatchOptions } from "./internal.ts";

export type WatchAgentEventsParameters<name extends AgentEventName = AgentEventName> = WatchOptions & {
  /** The agent whose events to watch. */
  agent: Address;
  /**
   * Only these events; by default every event naming the agent: stake, ladder and offer events, and the pacts
   * it is created for, accepts, delivers and settles.
   */
  eventName?: name | readonly name[] | undefined;
  /** Called with each batch of new events, oldest first. */
  onEvents: (events: SuretyEventLog<name>[]) => void;
};

/** Stops watching. */
export type WatchAgentEventsReturnType = () => void;

export type WatchAgentEventsErrorType = InvalidParametersError;

const eventNames = () =>
  field((value, report): readonly AgentEventName[] => {
    const names = typeof value === "string" ? [value] : value;
    if (!Array.isArray(names) || names.length === 0 || names.some((name) => !AGENT_EVENTS.includes(name))) {
      report(`must be one or more of ${AGENT_EVENTS.join(", ")}`);
    }
    return names as AgentEventName[];
  });

/**
 * Watches an agent's events as they are mined. With a single `eventName`, the node filters on the event and the
 * indexed agent; otherwise one watcher takes every Surety event and keeps the agent's, in chain order.
 * @example
 * const unwatch = watchAgentEvents(client, {
 *   agent,
 *   eventName: "AgentStatusChanged",
 *   onEvents: (events) => alert(`agent moved to status ${events.at(-1)!.args.status}`),
 * });
 */
export function watchAgentEvents<name extends AgentEventName = AgentEventName>(
  client: Client,
  parameters: WatchAgentEventsParameters<name>,
): WatchAgentEventsReturnType {
  const deployment = watchDeployment(client, parameters, "watchAgentEvents");
  const schema = z.strictObject({ agent: address(), eventName: eventNames().optional(), ...watchFields() });
  const input = parseParameters("watchAgentEvents", schema, parameters);
  const selected = input.eventName ?? AGENT_EVENTS;
  const single = selected.length === 1 ? selected[0] : undefined;

  const onLogs = (logs: Log[]) => {
    const events = (logs as (Log & { eventName?: string; args?: { agent?: Address } })[])
      .filter(
        (log) =>
          log.eventName !== undefined &&
          selected.includes(log.eventName as AgentEventName) &&
          log.args?.agent !== undefined &&
          isAddressEqual(log.args.agent, input.agent),
      )
      .map((log) => toEventLog(log as Parameters<typeof toEventLog>[0]) as SuretyEventLog<name>);
    if (events.length > 0) parameters.onEvents(events);
  };
  const watch = getAction(client, watchContractEvent, "watchContractEvent") as unknown as (
    parameters: unknown,
  ) => () => void;
  return watch({
    address: deployment.surety,
    abi: suretyAbi,
    ...(single === undefined ? {} : { eventName: single, args: { agent: input.agent } }),
    onLogs,
    ...(input.onError === undefined ? {} : { onError: input.onError }),
    ...(input.fromBlock === undefined ? {} : { fromBlock: input.fromBlock }),
    ...(input.pollingInterval === undefined ? {} : { pollingInterval: input.pollingInterval }),
    ...(input.poll === undefined ? {} : { poll: input.poll }),
  });
}
