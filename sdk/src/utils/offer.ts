import { getAbiItem, type Address, type TypedDataDomain } from "viem";

import { suretyAbi } from "../abis.ts";

/**
 * The EIP-712 type an agent signs its offers with, read from the ABI's Offer struct so that it follows the
 * contract's field order. The SDK's signOffer, the test fixture and the benchmark seed all sign with it.
 */
export const OFFER_TYPES = {
  Offer: getAbiItem({ abi: suretyAbi, name: "createPactFromOffer" }).inputs[0].components.map(({ name, type }) => ({
    name,
    type,
  })),
} as const;

/** The EIP-712 domain name and version of Surety's constructor. */
export const OFFER_DOMAIN_NAME = "Surety";
export const OFFER_DOMAIN_VERSION = "1";

/** The EIP-712 domain of the Surety at `verifyingContract` on `chainId`. */
export function offerDomain(parameters: { chainId: number; verifyingContract: Address }): TypedDataDomain {
  return {
    name: OFFER_DOMAIN_NAME,
    version: OFFER_DOMAIN_VERSION,
    chainId: parameters.chainId,
    verifyingContract: parameters.verifyingContract,
  };
}
