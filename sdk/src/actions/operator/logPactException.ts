import type { Client } from "viem";
import { z } from "zod";

import { document } from "../../schemas/fields.ts";
import { across, parseParameters } from "../../schemas/parse.ts";
import { EXCEPTION_KINDS, type ExceptionKind, type HashedDocument } from "../../types.ts";
import type { DocumentInput } from "../../utils/document.ts";
import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type Plan, type WriteResult } from "../../utils/execute.ts";
import {
  loadPact,
  pactFields,
  withAccount,
  type PactParameters,
  type PrepareReturnType,
  type WriteErrorType,
} from "../internal.ts";
import { exceptionKind, refuseZeroNote } from "./internal.ts";

export type LogPactExceptionParameters = PactParameters & {
  /** `exception` (the pact's usual course was bent) or `rescue` (human work saved the agent's delivery). */
  kind: ExceptionKind;
  /** What happened: a 32-byte hash, text, or a JSON value (hashed into `noteHash`). */
  note: DocumentInput;
};

export type LogPactExceptionReturnType = WriteResult & {
  /** The ExceptionLogged event: the pact's agent, the pact id, and the account that wrote the note. */
  event: SuretyEventArgs<"ExceptionLogged">;
  /** The note's hash, and the exact text hashed. */
  note: HashedDocument;
};

export type LogPactExceptionErrorType = WriteErrorType;

const ACTION = "logPactException";

async function planLogPactException(client: Client, parameters: LogPactExceptionParameters) {
  const pact = await loadPact(client, parameters, ACTION);
  const schema = across(
    z.strictObject({ ...pactFields(), kind: exceptionKind(), note: document() }),
    ["note"],
    refuseZeroNote,
  );
  const input = parseParameters(ACTION, schema, withAccount(client, parameters));
  const terms = pact.require(input);
  const plan: Plan = {
    action: ACTION,
    deployment: pact.deployment,
    account: input.account,
    approval: undefined,
    call: {
      functionName: "logPactException",
      args: [input.pactId, terms, EXCEPTION_KINDS.indexOf(input.kind), input.note.hash],
      value: 0n,
    },
  };
  return { plan, note: input.note };
}

/**
 * Logs an exception note on a pact, about its agent: an operator on any pact, or the pact's buyer once the agent
 * has accepted it (a pact still open, cancelled or reclaimed is refused: the agent never took that work on). Only
 * the note's hash goes on chain; keep the text. It changes no standing and moves no funds.
 * @example
 * const { event } = await logPactException(buyerClient, {
 *   pactId: 7n, kind: "rescue", note: "the agent's output needed two hours of fixing by hand",
 * });
 */
export async function logPactException(
  client: Client,
  parameters: LogPactExceptionParameters,
): Promise<LogPactExceptionReturnType> {
  const { plan, note } = await planLogPactException(client, parameters);
  const { events, ...result } = await execute(client, plan);
  return { ...result, event: eventOf(events, "ExceptionLogged"), note };
}

/**
 * The call logPactException would make, without sending it.
 * @example
 * const { calls } = await prepareLogPactException(buyerClient, { pactId: 7n, kind: "exception", note: "late" });
 */
export async function prepareLogPactException(
  client: Client,
  parameters: LogPactExceptionParameters,
): Promise<PrepareReturnType & { note: HashedDocument }> {
  const { plan, note } = await planLogPactException(client, parameters);
  return { calls: toCalls(plan), note };
}
