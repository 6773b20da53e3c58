import type { Client } from "viem";
import { z } from "zod";

import { time, type TimeInput } from "../../schemas/fields.ts";
import { across, parseParameters } from "../../schemas/parse.ts";
import type { Terms } from "../../types.ts";
import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type Plan, type WriteResult } from "../../utils/execute.ts";
import { nextBlockTimeFor } from "../../utils/nextBlock.ts";
import { extendedTerms } from "../../utils/terms.ts";
import {
  loadPact,
  pactFields,
  withAccount,
  type PactParameters,
  type PrepareReturnType,
  type WriteErrorType,
} from "../internal.ts";

export type ExtendDeadlineParameters = PactParameters & {
  /** The new delivery deadline, later than the pact's current `deliverBy`; durations count from the next block's time. */
  deliverBy: TimeInput;
};

export type ExtendDeadlineReturnType = WriteResult & {
  event: SuretyEventArgs<"DeadlineExtensionProposed">;
  /** The DeadlineExtended event, when the other party had already asked for the same deadline. */
  extended: SuretyEventArgs<"DeadlineExtended"> | undefined;
  /** The pact's terms in force after the call: with the new `deliverBy` once the extension took effect. */
  terms: Terms;
};

export type ExtendDeadlineErrorType = WriteErrorType;

const ACTION = "extendDeadline";

async function planExtendDeadline(client: Client, parameters: ExtendDeadlineParameters) {
  const [pact, now] = await Promise.all([loadPact(client, parameters, ACTION), nextBlockTimeFor(client, ACTION)]);
  let schema = z.strictObject({ ...pactFields(), deliverBy: time(now) });
  schema = across(schema, ["deliverBy"], (value, report) => {
    const current = pact.terms?.deliverBy;
    if (current !== undefined && value.deliverBy <= current) {
      const date = new Date(current * 1000).toISOString();
      report("deliverBy", `must be after the pact's current delivery deadline (${date}, ${current})`);
    }
  }) as typeof schema;
  const input = parseParameters(ACTION, schema, withAccount(client, parameters));
  const terms = pact.require(input);
  const plan: Plan = {
    action: ACTION,
    deployment: pact.deployment,
    account: input.account,
    approval: undefined,
    call: { functionName: ACTION, args: [input.pactId, terms, input.deliverBy], value: 0n },
  };
  return { plan, terms, deliverBy: input.deliverBy };
}

/**
 * The buyer or the agent asks for a later delivery deadline for an active pact, before the current one passes.
 * The extension takes effect once both have asked for the same `deliverBy`: the pact's terms then change (its
 * commitment is to the terms with the new deadline), so later calls must pass the returned `terms`, which the
 * SDK also finds by itself when none are given.
 * @example
 * await extendDeadline(agentClient, { pactId: 1n, deliverBy: new Date("2026-12-24T00:00:00Z") });
 * const { extended, terms } = await extendDeadline(buyerClient, { pactId: 1n, deliverBy: new Date("2026-12-24T00:00:00Z") });
 * extended?.deliverBy === terms.deliverBy; // true: the new deadline is in force
 */
export async function extendDeadline(
  client: Client,
  parameters: ExtendDeadlineParameters,
): Promise<ExtendDeadlineReturnType> {
  const { plan, terms } = await planExtendDeadline(client, parameters);
  const { events, ...result } = await execute(client, plan);
  const extended = events.find((event) => event.eventName === "DeadlineExtended")?.args as
    SuretyEventArgs<"DeadlineExtended"> | undefined;
  return {
    ...result,
    event: eventOf(events, "DeadlineExtensionProposed"),
    extended,
    terms: extended === undefined ? terms : extendedTerms(terms, extended.deliverBy),
  };
}

/**
 * The call extendDeadline would make, without sending it, and the deadline it asks for (durations resolved).
 * @example
 * const { calls, deliverBy } = await prepareExtendDeadline(walletClient, { pactId: 1n, deliverBy: "5d" });
 */
export async function prepareExtendDeadline(
  client: Client,
  parameters: ExtendDeadlineParameters,
): Promise<PrepareReturnType & { deliverBy: number }> {
  const { plan, deliverBy } = await planExtendDeadline(client, parameters);
  return { calls: toCalls(plan), deliverBy };
}
