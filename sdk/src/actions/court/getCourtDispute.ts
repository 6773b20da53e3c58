import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { getAction } from "viem/utils";
import { z } from "zod";

import { arbitratorAbi } from "../../abis.ts";
import { InvalidParametersError } from "../../errors/parameters.ts";
import { RequestError } from "../../errors/request.ts";
import { address, uint } from "../../schemas/fields.ts";
import { parseParameters } from "../../schemas/parse.ts";
import { termsStruct } from "../../schemas/structs.ts";
import type { Terms } from "../../types.ts";
import { peekAddress } from "../../utils/client.ts";
import { loadPact, readFields, type DeploymentParameter, type ReadErrorType } from "../internal.ts";
import { courtOf, readAdapterOrThrow } from "./internal.ts";

export type GetCourtDisputeParameters = DeploymentParameter & {
  pactId: bigint | number;
  /** The court adapter; by default the pact's arbiter (read from the terms, or from its PactCreated event). */
  adapter?: Address | undefined;
  terms?: Terms | undefined;
};

/** An ERC-792 dispute's status at its court. */
export const COURT_STATUSES = ["waiting", "appealable", "solved"] as const;
export type CourtStatus = (typeof COURT_STATUSES)[number];

export type GetCourtDisputeReturnType = {
  pactId: bigint;
  adapter: Address;
  /** The ERC-792 court the adapter forwards to. */
  court: Address;
  /** The number of rulings the court may give besides 0 (refusal): 2 plus the adapter's splits. */
  numberOfChoices: bigint;
  /** What the court charges now to create a dispute, in wei. */
  arbitrationCost: bigint;
  /** Whether arbitration was requested; the fields below the court's dispute id are undefined until then. */
  requested: boolean;
  disputeID: bigint | undefined;
  /** At the court: waiting for a ruling, ruled and open to appeal, or finally ruled. */
  courtStatus: CourtStatus | undefined;
  /** The court's current ruling (0 also while none was given). */
  currentRuling: bigint | undefined;
  /** The current ruling's appeal window (unix seconds), while the dispute is appealable. */
  appealPeriod: { start: bigint; end: bigint } | undefined;
  /** What the court charges now to appeal, in wei; undefined when the court refuses to say (e.g. solved). */
  appealCost: bigint | undefined;
  /** Whether the court's final ruling reached the adapter, and that ruling. */
  ruled: boolean;
  ruling: bigint | undefined;
  /** Whether the final ruling settled the pact on Surety (false when it came late). */
  applied: boolean;
};

export type GetCourtDisputeErrorType = ReadErrorType;

const ACTION = "getCourtDispute";

type AdapterDispute = { disputeID: bigint; ruling: bigint; requested: boolean; ruled: boolean; applied: boolean };

/**
 * A pact's dispute before a court adapter's ERC-792 court: the adapter's record and the court's own status.
 * @example
 * const { courtStatus, currentRuling, appealPeriod } = await getCourtDispute(publicClient, { pactId: 1n });
 */
export async function getCourtDispute(
  client: Client,
  parameters: GetCourtDisputeParameters,
): Promise<GetCourtDisputeReturnType> {
  const given = peekAddress(parameters.adapter);
  const pact = given === undefined ? await loadPact(client, parameters, ACTION) : undefined;
  const schema = z.strictObject({
    pactId: uint(),
    adapter: address({ nonZero: true }).optional(),
    terms: termsStruct().optional(),
    ...readFields(),
  });
  const input = parseParameters(ACTION, schema, parameters);
  const adapter = input.adapter ?? pact!.require(input).arbiter;
  const court = await courtOf(client, adapter);
  if (court === undefined) {
    throw new InvalidParametersError({
      action: ACTION,
      issues: [{ path: "adapter", message: `${adapter} is not a court adapter (it has no COURT())` }],
    });
  }

  const [dispute, numberOfChoices, arbitrationCost] = await Promise.all([
    readAdapterOrThrow<AdapterDispute>(client, adapter, "courtDispute", [input.pactId], ACTION),
    readAdapterOrThrow<bigint>(client, adapter, "numberOfChoices", [], ACTION),
    readAdapterOrThrow<bigint>(client, adapter, "arbitrationCost", [], ACTION),
  ]);
  const result: GetCourtDisputeReturnType = {
    pactId: input.pactId,
    adapter,
    court,
    numberOfChoices,
    arbitrationCost,
    requested: dispute.requested,
    disputeID: dispute.requested ? dispute.disputeID : undefined,
    courtStatus: undefined,
    currentRuling: undefined,
    appealPeriod: undefined,
    appealCost: undefined,
    ruled: dispute.ruled,
    ruling: dispute.ruled ? dispute.ruling : undefined,
    applied: dispute.applied,
  };
  if (!dispute.requested) return result;

  const read = getAction(client, readContract, "readContract") as unknown as (parameters: unknown) => Promise<unknown>;
  const readCourt = (functionName: string, args: readonly unknown[]) =>
    read({ address: court, abi: arbitratorAbi, functionName, args });
  const extraData = await readAdapterOrThrow<`0x${string}`>(client, adapter, "arbitratorExtraData", [], ACTION);
  try {
    const [status, currentRuling, [start, end]] = (await Promise.all([
      readCourt("disputeStatus", [dispute.disputeID]),
      readCourt("currentRuling", [dispute.disputeID]),
      readCourt("appealPeriod", [dispute.disputeID]),
    ])) as [number, bigint, readonly [bigint, bigint]];
    result.courtStatus = COURT_STATUSES[status];
    result.currentRuling = currentRuling;
    result.appealPeriod = result.courtStatus === "appealable" ? { start, end } : undefined;
  } catch (error) {
    throw new RequestError({ action: ACTION, cause: error });
  }
  result.appealCost = (await readCourt("appealCost", [dispute.disputeID, extraData]).catch(() => undefined)) as
    bigint | undefined;
  return result;
}
