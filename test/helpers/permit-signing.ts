import { numberToHex, parseSignature, type Address, type Hex } from "viem";

import type { SuretyFixture } from "./fixture.ts";

/** Order of the secp256k1 group, used to build the high-s twin of a signature. */
export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** EIP-2612 Permit fields, in the order of the OpenZeppelin type hash. */
export const PERMIT_TYPES = [
  { name: "owner", type: "address" },
  { name: "spender", type: "address" },
  { name: "value", type: "uint256" },
  { name: "nonce", type: "uint256" },
  { name: "deadline", type: "uint256" },
] as const;

/** The `Permit` struct Surety takes: a deadline and the split signature. */
export type PermitArgs = { deadline: bigint; v: number; r: Hex; s: Hex };

type PermitToken = SuretyFixture["usdc"];
type Signer = SuretyFixture["buyer"];

/** Splits a 65-byte signature into the (v, r, s) Surety and the token expect. */
export function splitSignature(signature: Hex): { v: number; r: Hex; s: Hex } {
  const { r, s, v, yParity } = parseSignature(signature);
  return { v: v !== undefined ? Number(v) : 27 + yParity, r, s };
}

/**
 * Signs an EIP-2612 permit from `owner` to `spender` for `value` of `token`, valid until `deadline`. The domain
 * is read from the token (its name, version "1", the chain id and its address); the nonce is the owner's current
 * one unless `nonce` is given.
 */
export async function signPermit(
  fixture: SuretyFixture,
  token: PermitToken,
  owner: Signer,
  spender: Address,
  value: bigint,
  deadline: bigint,
  nonce?: bigint,
): Promise<PermitArgs> {
  const chainId = await fixture.publicClient.getChainId();
  const name = await token.read.name();
  const ownerNonce = nonce ?? (await token.read.nonces([owner.account.address]));
  const signature = await owner.signTypedData({
    account: owner.account,
    domain: { name, version: "1", chainId, verifyingContract: token.address },
    types: { Permit: PERMIT_TYPES },
    primaryType: "Permit",
    message: { owner: owner.account.address, spender, value, nonce: ownerNonce, deadline },
  });
  return { deadline, ...splitSignature(signature) };
}

/** The high-s twin of a 65-byte signature: s' = n - s with the recovery bit flipped. Recovers the same signer. */
export function malleate(signature: Hex): Hex {
  const { v, r, s } = splitSignature(signature);
  const highS = SECP256K1_N - BigInt(s);
  const flipped = v === 27 ? 28 : 27;
  return `${r}${numberToHex(highS, { size: 32 }).slice(2)}${numberToHex(flipped, { size: 1 }).slice(2)}` as Hex;
}
