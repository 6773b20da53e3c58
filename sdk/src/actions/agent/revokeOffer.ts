import type { Client } from "viem";
import { z } from "zod";

import { uint } from "../../schemas/fields.ts";
import { parseParameters } from "../../schemas/parse.ts";
import { resolveDeployment } from "../../utils/client.ts";
import type { SuretyEventArgs } from "../../utils/events.ts";
import { eventOf, execute, toCalls, type Plan, type WriteResult } from "../../utils/execute.ts";
import {
  withAccount,
  writeFields,
  type PrepareReturnType,
  type WriteErrorType,
  type WriteParameters,
} from "../internal.ts";

export type RevokeOfferParameters = WriteParameters & {
  /** The nonce of the signed offer to revoke. */
  nonce: bigint | number;
};

export type RevokeOfferReturnType = WriteResult & { event: SuretyEventArgs<"OfferRevoked"> };

export type RevokeOfferErrorType = WriteErrorType;

const ACTION = "revokeOffer";

async function planRevokeOffer(client: Client, parameters: RevokeOfferParameters): Promise<Plan> {
  const deployment = await resolveDeployment(client, parameters.deployment, ACTION);
  const input = parseParameters(
    ACTION,
    z.strictObject({ nonce: uint(), ...writeFields() }),
    withAccount(client, parameters),
  );
  return {
    action: ACTION,
    deployment,
    account: input.account,
    approval: undefined,
    call: { functionName: "revokeOffer", args: [input.nonce], value: 0n },
  };
}

/**
 * An agent revokes a signed offer before anyone funds it, by burning its nonce.
 * @example
 * await revokeOffer(walletClient, { nonce: signed.offer.nonce });
 */
export async function revokeOffer(client: Client, parameters: RevokeOfferParameters): Promise<RevokeOfferReturnType> {
  const { events, ...result } = await execute(client, await planRevokeOffer(client, parameters));
  return { ...result, event: eventOf(events, "OfferRevoked") };
}

/**
 * The call revokeOffer would make, without sending it.
 * @example
 * const { calls } = await prepareRevokeOffer(walletClient, { nonce: 7n });
 */
export async function prepareRevokeOffer(
  client: Client,
  parameters: RevokeOfferParameters,
): Promise<PrepareReturnType> {
  return { calls: toCalls(await planRevokeOffer(client, parameters)) };
}
