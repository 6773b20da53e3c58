import type { Address, Client } from "viem";
import { z } from "zod";

import { address, document } from "../../schemas/fields.ts";
import { across, parseParameters } from "../../schemas/parse.ts";
import { EXCEPTION_KINDS, type ExceptionKind, type HashedDocument } from "../../types.ts";
import { resolveDeployment } from "../../utils/client.ts";
import type { DocumentInput } from "../../utils/document.ts";
import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type Plan, type WriteResult } from "../../utils/execute.ts";
import {
  withAccount,
  writeFields,
  type PrepareReturnType,
  type WriteErrorType,
  type WriteParameters,
} from "../internal.ts";
import { exceptionKind, refuseZeroNote } from "./internal.ts";

export type LogAgentExceptionParameters = WriteParameters & {
  agent: Address;
  /** `exception` (the agent's usual course was bent) or `rescue` (human work saved its delivery). */
  kind: ExceptionKind;
  /** What happened: a 32-byte hash, text, or a JSON value (hashed into `noteHash`). */
  note: DocumentInput;
};

export type LogAgentExceptionReturnType = WriteResult & {
  /** The ExceptionLogged event; its `pactId` is 0, as the note is about the agent, not one pact. */
  event: SuretyEventArgs<"ExceptionLogged">;
  /** The note's hash, and the exact text hashed. */
  note: HashedDocument;
};

export type LogAgentExceptionErrorType = WriteErrorType;

const ACTION = "logAgentException";

async function planLogAgentException(client: Client, parameters: LogAgentExceptionParameters) {
  const deployment = await resolveDeployment(client, parameters.deployment, ACTION);
  const schema = across(
    z.strictObject({ agent: address({ nonZero: true }), kind: exceptionKind(), note: document(), ...writeFields() }),
    ["note"],
    refuseZeroNote,
  );
  const input = parseParameters(ACTION, schema, withAccount(client, parameters));
  const plan: Plan = {
    action: ACTION,
    deployment,
    account: input.account,
    approval: undefined,
    call: {
      functionName: "logAgentException",
      args: [input.agent, EXCEPTION_KINDS.indexOf(input.kind), input.note.hash],
      value: 0n,
    },
  };
  return { plan, note: input.note };
}

/**
 * The operator logs an exception note about an agent, outside any one pact: work done by hand to rescue its
 * deliveries, or a departure from the ladder's usual course. Only the note's hash goes on chain; keep the text.
 * It changes no standing and moves no funds.
 * @example
 * const { event, note } = await logAgentException(operatorClient, {
 *   agent, kind: "rescue", note: { ticket: "OPS-311", work: "re-ran the failed batch by hand" },
 * });
 */
export async function logAgentException(
  client: Client,
  parameters: LogAgentExceptionParameters,
): Promise<LogAgentExceptionReturnType> {
  const { plan, note } = await planLogAgentException(client, parameters);
  const { events, ...result } = await execute(client, plan);
  return { ...result, event: eventOf(events, "ExceptionLogged"), note };
}

/**
 * The call logAgentException would make, without sending it.
 * @example
 * const { calls } = await prepareLogAgentException(operatorClient, { agent, kind: "exception", note: "OPS-312" });
 */
export async function prepareLogAgentException(
  client: Client,
  parameters: LogAgentExceptionParameters,
): Promise<PrepareReturnType & { note: HashedDocument }> {
  const { plan, note } = await planLogAgentException(client, parameters);
  return { calls: toCalls(plan), note };
}
