/** What the actions share: common parameters, the pact lookup, and plans for the simplest pact calls. */
import type { Account, Address, Client, Hex } from "viem";
import { z } from "zod";

import type { Deployment } from "../deployments.ts";
import type { ContractRevertError, TransactionRevertedError } from "../errors/contract.ts";
import { NotFoundError } from "../errors/notFound.ts";
import type { InvalidParametersError } from "../errors/parameters.ts";
import type { RequestError } from "../errors/request.ts";
import { account, document, uint, type AllowanceMode, type TimeInput } from "../schemas/fields.ts";
import { parseParameters } from "../schemas/parse.ts";
import { termsStruct } from "../schemas/structs.ts";
import type { HashedDocument, Terms } from "../types.ts";
import { resolveDeployment } from "../utils/client.ts";
import type { Call, Plan, SuretyFunctionNameOf } from "../utils/execute.ts";
import { findTerms } from "../utils/terms.ts";

/** Parameters every action takes. */
export type DeploymentParameter = {
  /** The deployment to act on; by default the known one for the client's chain (see getDeployment). */
  deployment?: Deployment | undefined;
};

/** Parameters every write action takes. */
export type WriteParameters = DeploymentParameter & {
  /** The account that signs and sends; by default the client's. */
  account?: Account | Address | undefined;
};

/** Parameters of every action on one pact. */
export type PactParameters = WriteParameters & {
  pactId: bigint | number;
  /**
   * The pact's terms; when omitted they are read from its PactCreated event, with `deliverBy` as its latest
   * DeadlineExtended event set it.
   */
  terms?: Terms | undefined;
};

/** How calls that pull tokens (createPact, disputePact, depositStake) get their allowance. */
export type AllowanceParameters = {
  /**
   * "auto" (the default): an EIP-2612 permit when the token supports one, else an exact approval sent first;
   * "permit" or "approve" to force one; "none" to leave the allowance to the caller. Nothing is done when the
   * allowance already covers the amount. The prepare variants default to "approve".
   */
  allowance?: AllowanceMode | undefined;
  /** Until when a permit is valid: by default an hour after the next block's time. */
  permitDeadline?: TimeInput | undefined;
};

/** What a prepareX action returns: the calls to make, in order, without sending them. */
export type PrepareReturnType = { calls: Call[] };

/** What any read action can throw. */
export type ReadErrorType = InvalidParametersError | NotFoundError | RequestError;

/** What any write action can throw. */
export type WriteErrorType =
  InvalidParametersError | NotFoundError | ContractRevertError | TransactionRevertedError | RequestError;

/** The zod field of the deployment, which resolveDeployment validates. */
export const readFields = () => ({ deployment: z.unknown().optional() });

/** The zod fields every write action has. */
export const writeFields = () => ({ account: account(), ...readFields() });

/** The zod fields of an action on one pact. */
export const pactFields = () => ({ pactId: uint(), terms: termsStruct().optional(), ...writeFields() });

const pactObject = () => z.strictObject(pactFields());

/** The parameters with the client's account filled in when none is given. */
export function withAccount<T extends { account?: unknown }>(client: Client, parameters: T): T {
  return parameters.account === undefined && client.account !== undefined
    ? { ...parameters, account: client.account }
    : parameters;
}

/** A pact an action is about: its deployment, and its terms once they are known. */
export type PactContext = {
  deployment: Deployment;
  /** The terms, passed or found; undefined when the pact id or the terms passed are invalid, or not found. */
  terms: Terms | undefined;
  /**
   * The pact's terms after validation: the ones passed, else the ones found.
   * @throws NotFoundError when no PactCreated event has this id.
   */
  require: (parsed: { pactId: bigint; terms?: Terms | undefined }) => Terms;
};

/** Resolves the deployment and finds a pact's terms before its parameters are validated. */
export async function loadPact(
  client: Client,
  parameters: { pactId?: unknown; terms?: unknown; deployment?: unknown },
  action: string,
): Promise<PactContext> {
  const deployment = await resolveDeployment(client, parameters.deployment, action);
  const pactId = uint().safeParse(parameters.pactId);
  let terms: Terms | undefined;
  let searched = false;
  if (parameters.terms !== undefined) {
    const passed = termsStruct().safeParse(parameters.terms);
    terms = passed.success ? passed.data : undefined;
  } else if (pactId.success) {
    terms = await findTerms(client, deployment, pactId.data, action);
    searched = true;
  }
  return {
    deployment,
    terms,
    require: (parsed) => {
      if (parsed.terms !== undefined) return parsed.terms;
      if (terms === undefined || !searched) {
        throw new NotFoundError({
          resource: "pact",
          id: String(parsed.pactId),
          message: `No pact ${parsed.pactId}: no PactCreated event with this id since block ${deployment.startBlock}.`,
        });
      }
      return terms;
    },
  };
}

/** The Surety functions whose only arguments are a pact id and its terms (acceptPact, cancelPact, …). */
export type PactFunctionName = SuretyFunctionNameOf<readonly [bigint, Terms]>;

/** The Surety functions whose arguments are a pact id, its terms and a document hash (deliverPact, abstain, …). */
export type PactDocumentFunctionName = SuretyFunctionNameOf<readonly [bigint, Terms, Hex]>;

/** Plans a call whose only arguments are the pact id and its terms (acceptPact, cancelPact, finalizePact, …). */
export async function planPactCall(
  client: Client,
  parameters: PactParameters,
  action: PactFunctionName,
): Promise<Plan<PactFunctionName> & { pactId: bigint; terms: Terms }> {
  const pact = await loadPact(client, parameters, action);
  const input = parseParameters(action, pactObject(), withAccount(client, parameters));
  const terms = pact.require(input);
  return {
    action,
    deployment: pact.deployment,
    account: input.account,
    approval: undefined,
    call: { functionName: action, args: [input.pactId, terms], value: 0n },
    pactId: input.pactId,
    terms,
  };
}

/**
 * Plans a call whose arguments are the pact id, its terms and one document hash (deliverPact's delivery,
 * abstain's ruling, submitEvidence's evidence).
 */
export async function planPactDocumentCall<key extends string>(
  client: Client,
  parameters: PactParameters & { [k in key]: unknown },
  action: PactDocumentFunctionName,
  key: key,
): Promise<Plan<PactDocumentFunctionName> & { document: HashedDocument }> {
  const pact = await loadPact(client, parameters, action);
  const schema = z.strictObject({ ...pactFields(), [key]: document() }) as unknown as z.ZodType<
    z.output<ReturnType<typeof pactObject>> & Record<key, HashedDocument>,
    unknown
  >;
  const input = parseParameters(action, schema, withAccount(client, parameters));
  const terms = pact.require(input);
  const hashed = input[key];
  return {
    action,
    deployment: pact.deployment,
    account: input.account,
    approval: undefined,
    call: { functionName: action, args: [input.pactId, terms, hashed.hash], value: 0n },
    document: hashed,
  };
}
