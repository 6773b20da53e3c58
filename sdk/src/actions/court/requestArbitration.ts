import type { Address, Client } from "viem";
import { z } from "zod";

import { InvalidParametersError, type ParameterIssue } from "../../errors/parameters.ts";
import { address, evidenceUri, uint } from "../../schemas/fields.ts";
import { parseParameters } from "../../schemas/parse.ts";
import { peekAddress } from "../../utils/client.ts";
import type { BuildEvidenceParameters } from "../../utils/erc1497.ts";
import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf } from "../../utils/execute.ts";
import { loadPact, pactFields, withAccount, type PrepareReturnType, type WriteErrorType } from "../internal.ts";
import {
  adapterOf,
  checkAdapter,
  courtEventOf,
  courtOf,
  executeCourt,
  readAdapter,
  toCourtCalls,
  type CourtEventArgs,
  type CourtPactParameters,
  type CourtPlan,
  type CourtWriteResult,
} from "./internal.ts";

export type RequestArbitrationParameters = CourtPactParameters & {
  /**
   * The buyer's reason for the dispute, for the jurors: the URI of an ERC-1497 evidence document (`ipfs://…`), or
   * the document itself ({ name, description, fileURI?, fileHash? }, see buildEvidence), sent embedded in a `data:`
   * URI. None by default. The meta-evidence (the jurors' question and rulings) is the adapter's, fixed at deployment.
   */
  reason?: string | BuildEvidenceParameters | undefined;
  /** ETH sent, in wei: by default the court's arbitration cost; any excess is refunded by the adapter. */
  value?: bigint | undefined;
};

export type RequestArbitrationReturnType = CourtWriteResult & {
  pactId: bigint;
  /** The court's dispute id. */
  disputeID: bigint;
  /** The ArbitrationRequested event: who paid and the court's cost. */
  event: CourtEventArgs<"ArbitrationRequested">;
  /** The URI of the buyer's reason as emitted in the adapter's ERC-1497 Evidence event; undefined without one. */
  reasonURI: string | undefined;
  /** Surety's RulingHeld event: no default ruling until `heldUntil`, so that the court's final ruling applies. */
  held: SuretyEventArgs<"RulingHeld">;
};

export type RequestArbitrationErrorType = WriteErrorType;

const ACTION = "requestArbitration";

async function plan(client: Client, parameters: RequestArbitrationParameters): Promise<CourtPlan & { pactId: bigint }> {
  const pact = await loadPact(client, parameters, ACTION);
  const adapter = adapterOf({ adapter: peekAddress(parameters.adapter) }, pact.terms);
  const [court, cost] =
    adapter === undefined
      ? [undefined, undefined]
      : await Promise.all([courtOf(client, adapter), readAdapter(client, adapter, "arbitrationCost")]);

  const schema = z.strictObject({
    ...pactFields(),
    adapter: address({ nonZero: true }).optional(),
    reason: evidenceUri().optional(),
    value: uint().optional(),
  });
  const input = parseParameters(ACTION, schema, withAccount(client, parameters));
  const terms = pact.require(input);
  const target = (input.adapter ?? terms.arbiter) as Address;

  const issues: ParameterIssue[] = [];
  const report = (path: string, message: string) => issues.push({ path, message });
  checkAdapter(target, terms, court !== undefined, report);
  if (terms.arbiterFee !== 0n) {
    report(
      "pactId",
      `has an arbiter fee (${terms.arbiterFee}): a court adapter refuses it; the default ruling applies`,
    );
  }
  if (input.account.address.toLowerCase() !== terms.buyer.toLowerCase()) {
    report("account", `must be the pact's buyer ${terms.buyer}: the buyer who disputed pays for the court`);
  }
  if (input.value !== undefined && cost !== undefined && input.value < cost) {
    report("value", `must be at least the court's arbitration cost (${cost} wei)`);
  }
  if (issues.length > 0) throw new InvalidParametersError({ action: ACTION, issues });

  return {
    action: ACTION,
    account: input.account,
    adapter: target,
    functionName: ACTION,
    args: [input.pactId, terms, input.reason ?? ""],
    value: input.value ?? cost ?? 0n,
    surety: pact.deployment.surety,
    pactId: input.pactId,
  };
}

/**
 * The buyer of a disputed pact whose arbiter is a court adapter has the court arbitrate it, within the fee window
 * after the dispute (see getCourtDispute's `feeDeadline`), paying the court's arbitration cost in ETH, with an
 * optional reason for the jurors. The adapter then holds off Surety's default ruling, so that the court's final
 * ruling, after any appeals, is what the pact pays. Left unpaid past the window, the delivery stands
 * (settleUnfunded).
 * @example
 * const { disputeID } = await requestArbitration(buyerClient, {
 *   pactId: 1n,
 *   reason: { name: "Missing pages", description: "Pages 30 to 40 of the summary are missing" },
 * });
 */
export async function requestArbitration(
  client: Client,
  parameters: RequestArbitrationParameters,
): Promise<RequestArbitrationReturnType> {
  const planned = await plan(client, parameters);
  const { hash, receipt, events, suretyEvents } = await executeCourt(client, planned);
  const event = courtEventOf(events, "ArbitrationRequested");
  const reason = events.find((candidate) => candidate.eventName === "Evidence");
  return {
    hash,
    receipt,
    pactId: planned.pactId,
    disputeID: event.disputeID,
    event,
    reasonURI: reason?.eventName === "Evidence" ? reason.args.evidence : undefined,
    held: eventOf(suretyEvents, "RulingHeld"),
  };
}

/**
 * The call requestArbitration would make, without sending it.
 * @example
 * const { calls } = await prepareRequestArbitration(buyerClient, { pactId: 1n, reason: "ipfs://bafy…/reason.json" });
 */
export async function prepareRequestArbitration(
  client: Client,
  parameters: RequestArbitrationParameters,
): Promise<PrepareReturnType> {
  return { calls: toCourtCalls(await plan(client, parameters)) };
}
