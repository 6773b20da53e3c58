import type { Address, Client } from "viem";
import { z } from "zod";

import { address, document } from "../../schemas/fields.ts";
import { parseParameters } from "../../schemas/parse.ts";
import type { HashedDocument } from "../../types.ts";
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

export type RecertifyParameters = WriteParameters & {
  agent: Address;
  /** Why: a 32-byte hash, text, or a JSON value (hashed into `reasonHash`). */
  reason: DocumentInput;
};

export type RecertifyReturnType = WriteResult & {
  event: SuretyEventArgs<"AgentStatusChanged">;
  reason: HashedDocument;
};

export type RecertifyErrorType = WriteErrorType;

const ACTION = "recertify";

async function planRecertify(client: Client, parameters: RecertifyParameters) {
  const deployment = await resolveDeployment(client, parameters.deployment, ACTION);
  const schema = z.strictObject({ agent: address({ nonZero: true }), reason: document(), ...writeFields() });
  const input = parseParameters(ACTION, schema, withAccount(client, parameters));
  const plan: Plan = {
    action: ACTION,
    deployment,
    account: input.account,
    approval: undefined,
    call: { functionName: "recertify", args: [input.agent, input.reason.hash], value: 0n },
  };
  return { plan, reason: input.reason };
}

/**
 * The operator returns an agent to good standing: no cap, and any running withdrawal freeze ends.
 * @example
 * await recertify(operatorClient, { agent, reason: "Audit OPS-142 passed" });
 */
export async function recertify(client: Client, parameters: RecertifyParameters): Promise<RecertifyReturnType> {
  const { plan, reason } = await planRecertify(client, parameters);
  const { events, ...result } = await execute(client, plan);
  return { ...result, event: eventOf(events, "AgentStatusChanged"), reason };
}

/**
 * The call recertify would make, without sending it.
 * @example
 * const { calls } = await prepareRecertify(operatorClient, { agent, reason: "Audit passed" });
 */
export async function prepareRecertify(
  client: Client,
  parameters: RecertifyParameters,
): Promise<PrepareReturnType & { reason: HashedDocument }> {
  const { plan, reason } = await planRecertify(client, parameters);
  return { calls: toCalls(plan), reason };
}
