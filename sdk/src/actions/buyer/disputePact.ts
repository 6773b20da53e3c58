import type { Client } from "viem";
import { z } from "zod";

import { allowanceMode, document, time, type AllowanceMode } from "../../schemas/fields.ts";
import { parseParameters } from "../../schemas/parse.ts";
import type { HashedDocument } from "../../types.ts";
import type { DocumentInput } from "../../utils/document.ts";
import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type Plan, type WriteResult } from "../../utils/execute.ts";
import { planFunding } from "../../utils/funding.ts";
import { nextBlockTimeFor } from "../../utils/nextBlock.ts";
import {
  loadPact,
  pactFields,
  withAccount,
  type AllowanceParameters,
  type PactParameters,
  type PrepareReturnType,
  type WriteErrorType,
} from "../internal.ts";

export type DisputePactParameters = PactParameters &
  AllowanceParameters & {
    /** The buyer's reasons: a 32-byte hash, text, or a JSON value (hashed into `reasonHash`). */
    reason: DocumentInput;
  };

export type DisputePactReturnType = WriteResult & {
  event: SuretyEventArgs<"PactDisputed">;
  /** The reason's hash, and the exact text hashed. */
  reason: HashedDocument;
};

export type DisputePactErrorType = WriteErrorType;

const ACTION = "disputePact";

async function planDisputePact(client: Client, parameters: DisputePactParameters, defaultMode: AllowanceMode) {
  const [pact, now] = await Promise.all([loadPact(client, parameters, ACTION), nextBlockTimeFor(client, ACTION)]);
  const schema = z.strictObject({
    ...pactFields(),
    reason: document(),
    allowance: allowanceMode().optional(),
    permitDeadline: time(now).optional(),
  });
  const input = parseParameters(ACTION, schema, withAccount(client, parameters));
  const terms = pact.require(input);
  const funding = await planFunding(client, {
    action: ACTION,
    token: terms.token,
    account: input.account,
    spender: pact.deployment.surety,
    amount: terms.arbiterFee,
    mode: input.allowance ?? defaultMode,
    deadline: input.permitDeadline === undefined ? now + 3_600n : BigInt(input.permitDeadline),
  });
  const plan: Plan = {
    action: ACTION,
    deployment: pact.deployment,
    account: input.account,
    approval: funding.approval,
    call:
      funding.permit === undefined
        ? { functionName: "disputePact", args: [input.pactId, terms, input.reason.hash], value: funding.value }
        : {
            functionName: "disputePactWithPermit",
            args: [input.pactId, terms, input.reason.hash, funding.permit],
            value: 0n,
          },
  };
  return { plan, reason: input.reason };
}

/**
 * The buyer disputes a delivery within the review period and pays the arbiter fee (with a permit, an exact
 * approval first, or as ETH), held until the dispute ends.
 * @example
 * const { reason } = await disputePact(walletClient, {
 *   pactId: 1n,
 *   reason: { summary: "Pages 30 to 40 are missing", evidence: ["ipfs://bafy…"] },
 * });
 */
export async function disputePact(client: Client, parameters: DisputePactParameters): Promise<DisputePactReturnType> {
  const { plan, reason } = await planDisputePact(client, parameters, "auto");
  const { events, ...result } = await execute(client, plan);
  return { ...result, event: eventOf(events, "PactDisputed"), reason };
}

/**
 * The calls disputePact would make, without sending them (an exact approval of the fee first when needed).
 * @example
 * const { calls } = await prepareDisputePact(walletClient, { pactId: 1n, reason: "Incomplete" });
 */
export async function prepareDisputePact(
  client: Client,
  parameters: DisputePactParameters,
): Promise<PrepareReturnType & { reason: HashedDocument }> {
  const { plan, reason } = await planDisputePact(client, parameters, "approve");
  return { calls: toCalls(plan), reason };
}
