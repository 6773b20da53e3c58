import type { Client, Log } from "viem";
import { watchContractEvent } from "viem/actions";
import { getAction } from "viem/utils";
import { z } from "zod";

import { suretyAbi } from "../../abis.ts";
import type { Deployment } from "../../deployments.ts";
import type { InvalidParametersError } from "../../errors/parameters.ts";
import { uint } from "../../schemas/fields.ts";
import { field, parseParameters } from "../../schemas/parse.ts";
import { PACT_EVENTS, toEventLog, type PactEventName, type SuretyEventLog } from "../../utils/events.ts";
import { watchDeployment, watchFields, type WatchOptions } from "./internal.ts";

export type WatchPactEventsParameters<name extends PactEventName = PactEventName> = WatchOptions & {
  /** Only this pact's events; every pact's by default. */
  pactId?: bigint | number | undefined;
  /** Only these events; every pact event by default. */
  eventName?: name | readonly name[] | undefined;
  /** Called with each batch of new events, oldest first. */
  onEvents: (events: SuretyEventLog<name>[]) => void;
};

/** Stops watching. */
export type WatchPactEventsReturnType = () => void;

export type WatchPactEventsErrorType = InvalidParametersError;

const eventNames = () =>
  field((value, report): readonly PactEventName[] => {
    const names = typeof value === "string" ? [value] : value;
    if (!Array.isArray(names) || names.length === 0 || names.some((name) => !PACT_EVENTS.includes(name))) {
      report(`must be one or more of ${PACT_EVENTS.join(", ")}`);
    }
    return names as PactEventName[];
  });

/**
 * Watches pact events as they are mined (with viem's watchContractEvent: a filter, or polling getLogs). With a
 * single `eventName`, the node filters on the event and the indexed pact id; otherwise one watcher takes every
 * Surety event and keeps the selected ones, in chain order.
 * @example
 * const unwatch = watchPactEvents(client, {
 *   pactId: 1n,
 *   onEvents: (events) => events.forEach((event) => console.log(event.eventName, event.args)),
 * });
 */
export function watchPactEvents<name extends PactEventName = PactEventName>(
  client: Client,
  parameters: WatchPactEventsParameters<name>,
): WatchPactEventsReturnType {
  const deployment: Deployment = watchDeployment(client, parameters, "watchPactEvents");
  const schema = z.strictObject({ pactId: uint().optional(), eventName: eventNames().optional(), ...watchFields() });
  const input = parseParameters("watchPactEvents", schema, parameters);
  const selected = input.eventName ?? PACT_EVENTS;
  const single = selected.length === 1 ? selected[0] : undefined;

  const onLogs = (logs: Log[]) => {
    const events = (logs as (Log & { eventName?: string; args?: { pactId?: bigint } })[])
      .filter(
        (log) =>
          log.eventName !== undefined &&
          selected.includes(log.eventName as PactEventName) &&
          (input.pactId === undefined || log.args?.pactId === input.pactId),
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
    ...(single === undefined
      ? {}
      : { eventName: single, ...(input.pactId === undefined ? {} : { args: { pactId: input.pactId } }) }),
    onLogs,
    ...(input.onError === undefined ? {} : { onError: input.onError }),
    ...(input.fromBlock === undefined ? {} : { fromBlock: input.fromBlock }),
    ...(input.pollingInterval === undefined ? {} : { pollingInterval: input.pollingInterval }),
    ...(input.poll === undefined ? {} : { poll: input.poll }),
  });
}
