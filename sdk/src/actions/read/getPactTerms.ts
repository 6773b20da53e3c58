import type { Client } from "viem";
import { z } from "zod";

import { NotFoundError } from "../../errors/notFound.ts";
import { uint } from "../../schemas/fields.ts";
import { parseParameters } from "../../schemas/parse.ts";
import type { Terms } from "../../types.ts";
import { resolveDeployment } from "../../utils/client.ts";
import { findTerms } from "../../utils/terms.ts";
import { readFields, type DeploymentParameter, type ReadErrorType } from "../internal.ts";

export type GetPactTermsParameters = DeploymentParameter & { pactId: bigint | number };

export type GetPactTermsReturnType = Terms;

export type GetPactTermsErrorType = ReadErrorType;

/**
 * A pact's terms in force, read from its PactCreated event with the delivery deadline of its latest
 * DeadlineExtended event, if any (found by its indexed id from the deployment's start block). Every action on a
 * pact does this itself when it is not given the terms.
 * @throws NotFoundError when no pact has this id.
 * @example
 * const terms = await getPactTerms(client, { pactId: 1n });
 */
export async function getPactTerms(
  client: Client,
  parameters: GetPactTermsParameters,
): Promise<GetPactTermsReturnType> {
  const deployment = await resolveDeployment(client, parameters.deployment, "getPactTerms");
  const input = parseParameters("getPactTerms", z.strictObject({ pactId: uint(), ...readFields() }), parameters);
  const terms = await findTerms(client, deployment, input.pactId, "getPactTerms");
  if (terms === undefined) {
    throw new NotFoundError({
      resource: "pact",
      id: String(input.pactId),
      message: `No pact ${input.pactId}: no PactCreated event with this id since block ${deployment.startBlock}.`,
    });
  }
  return terms;
}
