import {
  isAddressEqual,
  type Abi,
  type Address,
  type Client,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type ContractFunctionReturnType,
} from "viem";
import { readContract } from "viem/actions";
import { getAction } from "viem/utils";
import { z } from "zod";

import { arbitratorAbi, courtAdapterAbi, suretyAbi } from "../../abis.ts";
import { InvalidParametersError } from "../../errors/parameters.ts";
import { RequestError } from "../../errors/request.ts";
import { address, uint } from "../../schemas/fields.ts";
import { parseParameters } from "../../schemas/parse.ts";
import { termsStruct } from "../../schemas/structs.ts";
import { PACT_STATUSES, type PactStatus, type Terms } from "../../types.ts";
import { peekAddress } from "../../utils/client.ts";
import { matchesAdapter, parseDataUri } from "../../utils/erc1497.ts";
import { getNextBlock } from "../../utils/nextBlock.ts";
import { loadPact, readFields, type DeploymentParameter, type ReadErrorType } from "../internal.ts";
import { courtOf, NOT_PAYABLE_APPEAL_COST } from "./internal.ts";

export type GetCourtDisputeParameters = DeploymentParameter & {
  pactId: bigint | number;
  /** The court adapter; by default the pact's arbiter (read from the terms, or from its PactCreated event). */
  adapter?: Address | undefined;
  terms?: Terms | undefined;
};

/** An ERC-792 dispute's status at its court. */
export const COURT_STATUSES = ["waiting", "appealable", "solved"] as const;
export type CourtStatus = (typeof COURT_STATUSES)[number];

export { NOT_PAYABLE_APPEAL_COST };

export type GetCourtDisputeReturnType = {
  pactId: bigint;
  adapter: Address;
  /** The ERC-792 court the adapter forwards to. */
  court: Address;
  /** The number of rulings the court may give besides 0 (refusal): 2 plus the adapter's splits. */
  numberOfChoices: bigint;
  /** What the court charges now to create a dispute, in wei. */
  arbitrationCost: bigint;
  /** The URI of the adapter's ERC-1497 meta-evidence, fixed at its deployment: the jurors' question and rulings. */
  metaEvidenceURI: string;
  /**
   * Whether that meta-evidence's ruling options say exactly what the adapter does with each ruling (see
   * buildMetaEvidence); undefined when the SDK cannot read the document (it is not in a `data:` URI).
   */
  metaEvidenceMatches: boolean | undefined;
  /** The pact's on-chain status. */
  pactStatus: PactStatus;
  /** While the pact is disputed: the last second its buyer may have the court arbitrate (requestArbitration). */
  feeDeadline: number | undefined;
  /** Until when the adapter holds off the default ruling (set when arbitration was requested); undefined if not. */
  rulingHeldUntil: number | undefined;
  /** While the pact is disputed: the last second a ruling can settle it (the ruling period's end, or the hold). */
  rulingEnd: number | undefined;
  /** Whether arbitration was requested; the fields below the court's dispute id are undefined until then. */
  requested: boolean;
  disputeID: bigint | undefined;
  /** At the court: waiting for a ruling, ruled and open to appeal, or finally ruled. */
  courtStatus: CourtStatus | undefined;
  /** The court's current ruling (0 also while none was given). */
  currentRuling: bigint | undefined;
  /** The current ruling's appeal window (unix seconds): only a window the court reports, never (0, 0). */
  appealPeriod: { start: bigint; end: bigint } | undefined;
  /** What an appeal costs now, in wei: only while one can be made; never the court's "not payable" quote. */
  appealCost: bigint | undefined;
  /** Whether a party can appeal through the adapter now (fundAppeal). */
  appealable: boolean;
  /** Why no appeal can be made now, in words; undefined when one can. */
  notAppealableReason: string | undefined;
  /** Whether the court's final ruling reached the adapter, and that ruling. */
  ruled: boolean;
  ruling: bigint | undefined;
  /** Whether the final ruling settled the pact on Surety. */
  applied: boolean;
  /** Whether the final ruling came after the pact had settled otherwise, so it was only recorded. */
  late: boolean;
  /** The block the dispute was read at, and its timestamp. */
  blockNumber: bigint;
  timestamp: number;
  /**
   * The "now" of the fields above (whether an appeal can be made, the ruling period): the next block's time, which
   * a transaction sent now would see (see getNextBlockTime).
   */
  nextBlockTime: number;
};

export type GetCourtDisputeErrorType = ReadErrorType;

const ACTION = "getCourtDispute";

/** A view of `abi`: its name, its arguments and what it returns, as the ABI types them. */
type ViewName<abi extends Abi> = ContractFunctionName<abi, "view" | "pure">;
type ViewArgs<abi extends Abi, name extends ViewName<abi>> = ContractFunctionArgs<abi, "view" | "pure", name>;
type ViewResult<abi extends Abi, name extends ViewName<abi>> = ContractFunctionReturnType<abi, "view" | "pure", name>;

/** The court's appeal window, or undefined when it reports none: a revert, (0, 0) or an empty range. */
function windowOf(period: readonly [bigint, bigint] | undefined): { start: bigint; end: bigint } | undefined {
  if (period === undefined) return undefined;
  const [start, end] = period;
  return end > start && end > 0n ? { start, end } : undefined;
}

/**
 * A pact's dispute before a court adapter's ERC-792 court: the adapter's record, the court's own status, and what
 * can be done now, read at one block. Real courts' quirks read as plain values: an appeal window the court does not
 * report (a revert or (0, 0) before its first ruling) is none, and a "not payable" appeal cost is no cost.
 * @example
 * const dispute = await getCourtDispute(publicClient, { pactId: 1n });
 * if (!dispute.requested) console.log(`the buyer may pay the court until ${dispute.feeDeadline}`);
 * else if (!dispute.appealable) console.log(dispute.notAppealableReason);
 */
export async function getCourtDispute(
  client: Client,
  parameters: GetCourtDisputeParameters,
): Promise<GetCourtDisputeReturnType> {
  const pact = await loadPact(client, parameters, ACTION);
  const given = peekAddress(parameters.adapter);
  const schema = z.strictObject({
    pactId: uint(),
    adapter: address({ nonZero: true }).optional(),
    terms: termsStruct().optional(),
    ...readFields(),
  });
  const input = parseParameters(ACTION, schema, parameters);
  const terms = pact.require(input);
  const adapter = given ?? terms.arbiter;
  const court = await courtOf(client, adapter);
  const refuse = (message: string) =>
    new InvalidParametersError({ action: ACTION, issues: [{ path: "adapter", message }] });
  if (court === undefined) throw refuse(`${adapter} is not a court adapter (it has no COURT())`);
  if (!isAddressEqual(adapter, terms.arbiter)) throw refuse(`must be the pact's arbiter ${terms.arbiter}`);

  const read = getAction(client, readContract, "readContract") as unknown as (parameters: unknown) => Promise<unknown>;
  const next = await getNextBlock(client, ACTION);
  const block = next.latest;
  const at = { blockNumber: block.number };
  // Every read names a view of the contract's own ABI, with its arguments, and gets what that view returns.
  const readAt = <const abi extends Abi, name extends ViewName<abi>>(
    contract: { address: Address; abi: abi },
    functionName: name,
    args?: ViewArgs<abi, name>,
  ) => read({ ...contract, ...at, functionName, args: args ?? [] }) as Promise<ViewResult<abi, name>>;
  const mustRead = async <const abi extends Abi, name extends ViewName<abi>>(
    contract: { address: Address; abi: abi },
    functionName: name,
    args?: ViewArgs<abi, name>,
  ) => {
    try {
      return await readAt(contract, functionName, args);
    } catch (error) {
      throw new RequestError({ action: ACTION, cause: error });
    }
  };
  // Undefined when the view reverts (or the call fails).
  const mayRead = <const abi extends Abi, name extends ViewName<abi>>(
    contract: { address: Address; abi: abi },
    functionName: name,
    args?: ViewArgs<abi, name>,
  ) => readAt(contract, functionName, args).catch(() => undefined);
  const theAdapter = { address: adapter, abi: courtAdapterAbi };
  const surety = { address: pact.deployment.surety, abi: suretyAbi };
  const theCourt = { address: court, abi: arbitratorAbi };

  const [dispute, numberOfChoices, arbitrationCost, metaEvidenceURI, splits, stored, heldUntil] = await Promise.all([
    mustRead(theAdapter, "courtDispute", [input.pactId]),
    mustRead(theAdapter, "numberOfChoices"),
    mustRead(theAdapter, "arbitrationCost"),
    mustRead(theAdapter, "metaEvidenceURI"),
    mustRead(theAdapter, "splits"),
    mustRead(surety, "getPact", [input.pactId]),
    mustRead(surety, "rulingHeldUntil", [input.pactId]),
  ]);
  const now = Number(next.timestamp);
  const pactStatus = (PACT_STATUSES[stored[0]] ?? "none") as PactStatus;
  const disputed = pactStatus === "disputed";
  const rulingEnd = disputed ? Math.max(stored[1] + terms.rulingPeriod, heldUntil) : undefined;
  const feeDeadline = disputed ? Number(await mustRead(theAdapter, "feeDeadline", [input.pactId, terms])) : undefined;
  const document = parseDataUri(metaEvidenceURI);

  const result: GetCourtDisputeReturnType = {
    pactId: input.pactId,
    adapter,
    court,
    numberOfChoices,
    arbitrationCost,
    metaEvidenceURI,
    metaEvidenceMatches: document === undefined ? undefined : matchesAdapter(document, splits),
    pactStatus,
    feeDeadline,
    rulingHeldUntil: heldUntil === 0 ? undefined : heldUntil,
    rulingEnd,
    requested: dispute.requested,
    disputeID: dispute.requested ? dispute.disputeID : undefined,
    courtStatus: undefined,
    currentRuling: undefined,
    appealPeriod: undefined,
    appealCost: undefined,
    appealable: false,
    notAppealableReason: undefined,
    ruled: dispute.ruled,
    ruling: dispute.ruled ? dispute.ruling : undefined,
    applied: dispute.applied,
    late: dispute.ruled && !dispute.applied,
    blockNumber: block.number,
    timestamp: Number(block.timestamp),
    nextBlockTime: now,
  };
  if (!dispute.requested) {
    result.notAppealableReason = "no court dispute: the buyer has not had the court arbitrate";
    return result;
  }

  const disputeID = dispute.disputeID;
  const [status, currentRuling, period] = await Promise.all([
    mustRead(theCourt, "disputeStatus", [disputeID]),
    mayRead(theCourt, "currentRuling", [disputeID]),
    mayRead(theCourt, "appealPeriod", [disputeID]),
  ]);
  result.courtStatus = COURT_STATUSES[status];
  result.currentRuling = currentRuling;
  const window = result.courtStatus === "appealable" ? windowOf(period) : undefined;
  result.appealPeriod = window;

  const reason = (() => {
    if (!disputed) return `the pact is ${pactStatus}: nothing can change its outcome`;
    if (rulingEnd !== undefined && now > rulingEnd) return "the pact's ruling period and hold are over";
    if (result.courtStatus === "waiting") return "the court has not ruled in this round yet";
    if (result.courtStatus === "solved") return "the court's ruling is final: its appeal period is over";
    if (result.courtStatus !== "appealable") return `the court reports an unknown status (${status})`;
    if (window === undefined) {
      return "the court reports no appeal period for its ruling, so it takes no appeal through the adapter";
    }
    if (BigInt(now) < window.start) return `the appeal period opens at ${window.start}`;
    if (BigInt(now) >= window.end) return `the appeal period ended at ${window.end}`;
    return undefined;
  })();
  if (reason !== undefined) {
    result.notAppealableReason = reason;
    return result;
  }
  const cost = await mayRead(theAdapter, "appealCost", [input.pactId]);
  if (cost === undefined || cost >= NOT_PAYABLE_APPEAL_COST) {
    result.notAppealableReason = "the court quotes no payable appeal cost: it takes no appeal now";
    return result;
  }
  result.appealCost = cost;
  result.appealable = true;
  return result;
}
