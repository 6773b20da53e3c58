import type { Address, Client } from "viem";
import { z } from "zod";

import { InvalidParametersError } from "../../errors/parameters.ts";
import { address } from "../../schemas/fields.ts";
import { parseParameters } from "../../schemas/parse.ts";
import { buildMetaEvidence, type BuildMetaEvidenceParameters, type MetaEvidence } from "../../utils/erc1497.ts";
import type { DeploymentParameter, ReadErrorType } from "../internal.ts";
import { readAdapter } from "./internal.ts";

export type BuildAdapterMetaEvidenceParameters = DeploymentParameter &
  Omit<BuildMetaEvidenceParameters, "splits"> & {
    /** The court adapter whose rulings the document describes: its `splits()` are read. */
    adapter: Address;
  };

export type BuildAdapterMetaEvidenceReturnType = MetaEvidence;

export type BuildAdapterMetaEvidenceErrorType = ReadErrorType;

const ACTION = "buildAdapterMetaEvidence";

/**
 * buildMetaEvidence for a deployed court adapter: the ruling options come from the splits the adapter reads back,
 * so they match what it applies. To compare with what the adapter published, see getCourtDispute's
 * `metaEvidenceMatches`.
 * @example
 * const document = await buildAdapterMetaEvidence(publicClient, { adapter });
 * document.rulingOptions.titles; // ["Refund the buyer", "Pay the agent", …one per split]
 */
export async function buildAdapterMetaEvidence(
  client: Client,
  parameters: BuildAdapterMetaEvidenceParameters,
): Promise<BuildAdapterMetaEvidenceReturnType> {
  // The deployment plays no part: the adapter is read directly.
  const { adapter, deployment: _deployment, ...rest } = parameters;
  const { adapter: target } = parseParameters(ACTION, z.object({ adapter: address({ nonZero: true }) }), { adapter });
  const splits = await readAdapter(client, target, "splits");
  if (splits === undefined) {
    throw new InvalidParametersError({
      action: ACTION,
      issues: [{ path: "adapter", message: `${target} is not a court adapter (it has no splits())` }],
    });
  }
  return buildMetaEvidence({ ...rest, splits });
}
