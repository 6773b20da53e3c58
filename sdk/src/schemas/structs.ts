import { z } from "zod";

import type { Offer, Terms } from "../types.ts";
import { address, bytes32, smallUint, uint } from "./fields.ts";
import { field } from "./parse.ts";

/**
 * A pact's raw terms (as returned by createPact or getPact), checked field by field. uint256 fields take bigints,
 * or digit strings as they arrive from JSON.
 */
export const termsStruct = (): z.ZodType<Terms, unknown> =>
  z.strictObject({
    buyer: address(),
    agent: address(),
    arbiter: address(),
    token: address(),
    price: uint(),
    arbiterFee: uint(),
    collateral: uint(),
    penalty: uint(),
    acceptBy: smallUint(40),
    deliverBy: smallUint(40),
    reviewPeriod: smallUint(32),
    rulingPeriod: smallUint(32),
    defaultBuyerBps: smallUint(16),
    termsHash: bytes32(),
  });

/** An agent's raw offer (as signOffer returns it), checked field by field. */
export const offerStruct = (): z.ZodType<Offer, unknown> =>
  z.strictObject({
    agent: address(),
    buyer: address(),
    arbiter: address(),
    token: address(),
    price: uint(),
    arbiterFee: uint(),
    collateral: uint(),
    penalty: uint(),
    deliveryPeriod: smallUint(32),
    reviewPeriod: smallUint(32),
    rulingPeriod: smallUint(32),
    defaultBuyerBps: smallUint(16),
    termsHash: bytes32(),
    nonce: uint(),
    expiry: smallUint(40),
  });

/** A 65-byte (or 64-byte compact) ECDSA signature, or any longer ERC-1271 signature, as hex. */
export const signature = () =>
  field((value, report) => {
    if (typeof value !== "string" || !/^0x([0-9a-fA-F]{2})+$/.test(value) || value.length < 2 + 2 * 64) {
      report("must be a hex signature of at least 64 bytes");
    }
    return value as `0x${string}`;
  });
