import { bytesToBigInt, hashTypedData, isAddressEqual, type Address, type Client, type Hex } from "viem";
import { readContract, signTypedData } from "viem/actions";
import { getAction } from "viem/utils";
import { z } from "zod";

import { suretyAbi } from "../../abis.ts";
import type { InvalidParametersError } from "../../errors/parameters.ts";
import { RequestError } from "../../errors/request.ts";
import {
  address,
  amount,
  bps,
  document,
  duration,
  time,
  uint,
  type AmountInput,
  type DurationInput,
  type TimeInput,
} from "../../schemas/fields.ts";
import { across, acrossArbiterTerms, parseParameters } from "../../schemas/parse.ts";
import type { HashedDocument, Offer, SignedOffer } from "../../types.ts";
import { anyString, arbiterTermsOf, decimalsOf, peekAddress, resolveDeployment } from "../../utils/client.ts";
import type { DocumentInput } from "../../utils/document.ts";
import { nextBlockTimeFor } from "../../utils/nextBlock.ts";
import { OFFER_TYPES } from "../../utils/offer.ts";
import { withAccount, writeFields, type WriteParameters } from "../internal.ts";

export type SignOfferParameters = WriteParameters & {
  /** The only buyer who may fund the offer; anyone when omitted. */
  buyer?: Address | undefined;
  arbiter: Address;
  /** The payment token, or the zero address for ETH. */
  token: Address;
  price: AmountInput;
  /** By default the arbiter's minimum fee. */
  arbiterFee?: AmountInput | undefined;
  /** Stake locked when the offer is funded, in the stake token; 0 by default. */
  collateral?: AmountInput | undefined;
  /** At most `collateral`; 0 by default. */
  penalty?: AmountInput | undefined;
  /** Time to deliver, counted from the funding. */
  deliveryPeriod: DurationInput;
  reviewPeriod: DurationInput;
  rulingPeriod: DurationInput;
  defaultBuyerBps: number;
  /** The pact's document: a 32-byte hash, text, or a JSON value. */
  terms: DocumentInput;
  /** A nonce not used before; a random 256-bit one by default. Revoke it with revokeOffer. */
  nonce?: bigint | number | undefined;
  /** Last moment the offer can be funded. */
  expiry: TimeInput;
};

export type SignOfferReturnType = SignedOffer & {
  /** The hashed pact document. */
  termsDocument: HashedDocument;
  /** The EIP-712 digest the agent signed (Surety's offerDigest). */
  digest: Hex;
};

export type SignOfferErrorType = InvalidParametersError | RequestError;

const ACTION = "signOffer";

function randomNonce(): bigint {
  return bytesToBigInt(globalThis.crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * An agent signs an offer (EIP-712) that a buyer funds directly with createPact({ offer, signature }): the pact
 * then starts active, with the collateral locked at funding. Nothing is sent; only the signature is made.
 * @example
 * const signed = await signOffer(agentClient, {
 *   arbiter, token: usdc, price: "100", collateral: "50", penalty: "20",
 *   deliveryPeriod: "3d", reviewPeriod: "2d", rulingPeriod: "5d", defaultBuyerBps: 5_000,
 *   terms: "Translate the attached 20 pages into French", expiry: "1d",
 * });
 * // hand { offer, signature } to the buyer (bigints as strings in JSON)
 */
export async function signOffer(client: Client, parameters: SignOfferParameters): Promise<SignOfferReturnType> {
  const deployment = await resolveDeployment(client, parameters.deployment, ACTION);
  const token = peekAddress(parameters.token);
  const [now, paymentDecimals, stakeDecimals, arbiter] = await Promise.all([
    nextBlockTimeFor(client, ACTION),
    anyString(parameters.price, parameters.arbiterFee) ? decimalsOf(client, token) : { reason: "unused" },
    anyString(parameters.collateral, parameters.penalty)
      ? decimalsOf(client, deployment.stakeToken)
      : { reason: "unused" },
    arbiterTermsOf(client, deployment, peekAddress(parameters.arbiter), token, ACTION),
  ]);

  let schema = z.strictObject({
    buyer: address().optional(),
    arbiter: address(),
    token: address(),
    price: amount(paymentDecimals, { min: 1n, bits: 128 }),
    arbiterFee: amount(paymentDecimals, { bits: 128 }).optional(),
    collateral: amount(stakeDecimals, { bits: 128 }).optional(),
    penalty: amount(stakeDecimals).optional(),
    deliveryPeriod: duration({ min: 1n }),
    reviewPeriod: duration({ min: 1n }),
    rulingPeriod: duration({ min: 1n }),
    defaultBuyerBps: bps(),
    terms: document(),
    nonce: uint().optional(),
    expiry: time(now),
    ...writeFields(),
  });
  schema = across(schema, ["expiry"], (value, report) => {
    if (BigInt(value.expiry) <= now) report("expiry", `must be after the next block's time (${now})`);
  }) as typeof schema;
  schema = across(schema, ["collateral", "penalty"], (value, report) => {
    const collateral = value.collateral ?? 0n;
    if ((value.penalty ?? 0n) > collateral) report("penalty", `must be at most collateral (${collateral})`);
  }) as typeof schema;
  schema = across(schema, ["buyer", "account"], (value, report) => {
    if (value.buyer !== undefined && isAddressEqual(value.buyer, value.account.address)) {
      report("buyer", "must not be the agent");
    }
  }) as typeof schema;
  schema = across(schema, ["buyer", "arbiter", "account"], (value, report) => {
    const { buyer } = value;
    if (
      isAddressEqual(value.arbiter, value.account.address) ||
      (buyer !== undefined && isAddressEqual(value.arbiter, buyer))
    ) {
      report("arbiter", "must be neither the buyer nor the agent");
    }
  }) as typeof schema;
  schema = acrossArbiterTerms(schema, arbiter) as typeof schema;
  const input = parseParameters(ACTION, schema, withAccount(client, parameters));

  const offer: Offer = {
    agent: input.account.address,
    buyer: input.buyer ?? "0x0000000000000000000000000000000000000000",
    arbiter: input.arbiter,
    token: input.token,
    price: input.price,
    arbiterFee: input.arbiterFee ?? arbiter?.minFee ?? 0n,
    collateral: input.collateral ?? 0n,
    penalty: input.penalty ?? 0n,
    deliveryPeriod: input.deliveryPeriod,
    reviewPeriod: input.reviewPeriod,
    rulingPeriod: input.rulingPeriod,
    defaultBuyerBps: input.defaultBuyerBps,
    termsHash: input.terms.hash,
    nonce: input.nonce ?? randomNonce(),
    expiry: input.expiry,
  };
  try {
    const [, name, version, chainId, verifyingContract] = await getAction(
      client,
      readContract,
      "readContract",
    )({ address: deployment.surety, abi: suretyAbi, functionName: "eip712Domain" });
    const typedData = {
      domain: { name, version, chainId, verifyingContract },
      types: OFFER_TYPES,
      primaryType: "Offer",
      message: offer,
    } as const;
    const signature = await getAction(client, signTypedData, "signTypedData")({ account: input.account, ...typedData });
    return { offer, signature, termsDocument: input.terms, digest: hashTypedData(typedData) };
  } catch (error) {
    throw new RequestError({ action: ACTION, cause: error });
  }
}
