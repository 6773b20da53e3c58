import type { Client, Hex } from "viem";
import { readContract } from "viem/actions";
import { getAction } from "viem/utils";
import { z } from "zod";

import { suretyAbi } from "../../abis.ts";
import { NotFoundError } from "../../errors/notFound.ts";
import { InvalidParametersError } from "../../errors/parameters.ts";
import { RequestError } from "../../errors/request.ts";
import { uint } from "../../schemas/fields.ts";
import { parseParameters } from "../../schemas/parse.ts";
import { termsStruct } from "../../schemas/structs.ts";
import { PACT_STATUSES, type EffectivePactStatus, type PactStatus, type Terms } from "../../types.ts";
import { resolveDeployment } from "../../utils/client.ts";
import { getNextBlock } from "../../utils/nextBlock.ts";
import { commitmentOf, findTerms } from "../../utils/terms.ts";
import { readFields, type DeploymentParameter, type ReadErrorType } from "../internal.ts";

export type GetPactParameters = DeploymentParameter & {
  pactId: bigint | number;
  /**
   * The pact's terms, checked against its commitment; when omitted they are read from its PactCreated event (with
   * the deadline of any agreed extension).
   */
  terms?: Terms | undefined;
};

export type GetPactReturnType = {
  pactId: bigint;
  terms: Terms;
  /** The status stored on-chain. */
  status: PactStatus;
  /**
   * The status at `nextBlockTime`, what a transaction sent now would find: the on-chain one, or once its deadline
   * has lapsed `expired` (open: reclaimable), `overdue` (active: refundable), `finalizable` (delivered) or
   * `defaultable` (disputed).
   */
  effectiveStatus: EffectivePactStatus;
  /** When the pact last changed status: delivery time while delivered, dispute time while disputed. */
  updatedAt: number;
  /**
   * The last second of the current window (acceptBy, deliverBy, the review end or the ruling end, which a hold
   * extends); once it has passed, the lapse action is open to anyone. Undefined once the pact has ended (released,
   * refunded, settled…).
   */
  deadline: number | undefined;
  /**
   * While disputed: until when its arbiter (a court adapter, once the court's dispute exists) holds off the default
   * ruling; undefined when it does not.
   */
  rulingHeldUntil: number | undefined;
  /** The 26-byte commitment to the terms that the contract stores. */
  commitment: Hex;
  /** The block the pact was read at, and its timestamp. */
  blockNumber: bigint;
  timestamp: number;
  /**
   * The time `effectiveStatus` is judged at: the next block's, which a transaction sent now would see (see
   * getNextBlockTime); later than `timestamp`, by hours on a local chain that mines only on demand.
   */
  nextBlockTime: number;
};

export type GetPactErrorType = ReadErrorType;

const ACTION = "getPact";

/**
 * The effective status of a pact and the end of its current window, at `now`. A disputed pact's ruling window ends
 * at the end of its ruling period, or at `rulingHeldUntil` when its arbiter held the ruling until later.
 */
export function effectiveStatusOf(
  status: PactStatus,
  terms: Terms,
  updatedAt: number,
  now: number,
  rulingHeldUntil: number = 0,
): { effectiveStatus: EffectivePactStatus; deadline: number | undefined } {
  switch (status) {
    case "open":
      return { effectiveStatus: now > terms.acceptBy ? "expired" : "open", deadline: terms.acceptBy };
    case "active":
      return { effectiveStatus: now > terms.deliverBy ? "overdue" : "active", deadline: terms.deliverBy };
    case "delivered": {
      const end = updatedAt + terms.reviewPeriod;
      return { effectiveStatus: now > end ? "finalizable" : "delivered", deadline: end };
    }
    case "disputed": {
      const end = Math.max(updatedAt + terms.rulingPeriod, rulingHeldUntil);
      return { effectiveStatus: now > end ? "defaultable" : "disputed", deadline: end };
    }
    default:
      return { effectiveStatus: status, deadline: undefined };
  }
}

/**
 * Reads a pact: its terms, its on-chain status, and its effective status at the next block's time, what a
 * transaction sent now would see (so that an open pact past its acceptBy reads `expired`, an active one past
 * deliverBy `overdue`, and so on, exactly when the call that ends it would succeed).
 * @throws NotFoundError when no pact has this id.
 * @example
 * const pact = await getPact(client, { pactId: 1n });
 * if (pact.effectiveStatus === "finalizable") await finalizePact(client, { pactId: 1n, terms: pact.terms });
 */
export async function getPact(client: Client, parameters: GetPactParameters): Promise<GetPactReturnType> {
  const deployment = await resolveDeployment(client, parameters.deployment, ACTION);
  const schema = z.strictObject({ pactId: uint(), terms: termsStruct().optional(), ...readFields() });
  const input = parseParameters(ACTION, schema, parameters);

  const next = await getNextBlock(client, ACTION);
  const block = next.latest;
  let stored: readonly [number, number, Hex];
  let heldUntil: number;
  try {
    const read = getAction(client, readContract, "readContract");
    const at = { address: deployment.surety, abi: suretyAbi, args: [input.pactId], blockNumber: block.number } as const;
    [stored, heldUntil] = await Promise.all([
      read({ ...at, functionName: "getPact" }),
      read({ ...at, functionName: "rulingHeldUntil" }),
    ]);
  } catch (error) {
    throw new RequestError({ action: ACTION, cause: error });
  }
  const [statusIndex, updatedAt, commitment] = stored;
  const status = PACT_STATUSES[statusIndex];
  const notFound = new NotFoundError({
    resource: "pact",
    id: String(input.pactId),
    message: `No pact ${input.pactId} on Surety ${deployment.surety}.`,
  });
  if (status === undefined || status === "none") throw notFound;

  const terms = input.terms ?? (await findTerms(client, deployment, input.pactId, ACTION));
  if (terms === undefined) throw notFound;
  if (commitmentOf(terms) !== commitment.toLowerCase()) {
    throw new InvalidParametersError({
      action: ACTION,
      issues: [{ path: "terms", message: `do not match pact ${input.pactId}'s commitment ${commitment}` }],
    });
  }
  const nextBlockTime = Number(next.timestamp);
  return {
    pactId: input.pactId,
    terms,
    status,
    ...effectiveStatusOf(status, terms, updatedAt, nextBlockTime, status === "disputed" ? heldUntil : 0),
    rulingHeldUntil: status === "disputed" && heldUntil !== 0 ? heldUntil : undefined,
    updatedAt,
    commitment,
    blockNumber: block.number,
    timestamp: Number(block.timestamp),
    nextBlockTime,
  };
}
