import { domainSeparator, parseSignature, type Account, type Address, type Client, type TypedDataDomain } from "viem";
import { readContract, signTypedData } from "viem/actions";
import { getAction } from "viem/utils";

import { erc20PermitAbi } from "../abis.ts";
import { RequestError } from "../errors/request.ts";
import type { Permit } from "../types.ts";
import { chainIdOf } from "./client.ts";

/** EIP-2612's Permit type. */
const PERMIT_TYPES = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** A token's EIP-712 domain and the owner's permit nonce, for signing a permit. */
export type PermitDomain = { domain: TypedDataDomain; nonce: bigint };

/**
 * Finds whether `token` takes EIP-2612 permits and with which domain: it must answer `nonces(owner)`, and its
 * domain is read from ERC-5267's `eip712Domain()` or, failing that, rebuilt from `name()` with version "1" or "2"
 * and checked against `DOMAIN_SEPARATOR()`. Undefined when the token does not support permits.
 */
export async function readPermitDomain(
  client: Client,
  token: Address,
  owner: Address,
  action: string,
): Promise<PermitDomain | undefined> {
  const readAction = getAction(client, readContract, "readContract");
  const read = readAction as unknown as (parameters: unknown) => Promise<unknown>;
  const tryRead = (functionName: string, args: readonly unknown[] = []): Promise<unknown> =>
    read({ address: token, abi: erc20PermitAbi, functionName, args }).catch(() => undefined);

  const nonce = await tryRead("nonces", [owner]);
  if (typeof nonce !== "bigint") return undefined;
  const separator = await tryRead("DOMAIN_SEPARATOR");
  const eip5267 = (await tryRead("eip712Domain")) as
    | readonly [fields: string, name: string, version: string, chainId: bigint, verifying: Address, salt: `0x${string}`]
    | undefined;

  const candidates: TypedDataDomain[] = [];
  if (eip5267 !== undefined) {
    const [fields, name, version, chainId, verifyingContract, salt] = eip5267;
    const bits = Number.parseInt(fields.slice(2) || "0", 16);
    const domain: TypedDataDomain = {};
    if (bits & 0x01) domain.name = name;
    if (bits & 0x02) domain.version = version;
    if (bits & 0x04) domain.chainId = Number(chainId);
    if (bits & 0x08) domain.verifyingContract = verifyingContract;
    if (bits & 0x10) domain.salt = salt;
    candidates.push(domain);
  } else {
    const name = await tryRead("name");
    if (typeof name !== "string") return undefined;
    const chainId = await chainIdOf(client, action);
    for (const version of ["1", "2"]) candidates.push({ name, version, chainId, verifyingContract: token });
  }
  for (const domain of candidates) {
    if (separator === undefined ? eip5267 !== undefined : domainSeparator({ domain }) === separator) {
      return { domain, nonce };
    }
  }
  return undefined;
}

/** Signs an EIP-2612 permit from `account` to `spender` for exactly `value`, split as Surety takes it. */
export async function signPermit(
  client: Client,
  parameters: { account: Account; spender: Address; value: bigint; deadline: bigint; permit: PermitDomain },
  action: string,
): Promise<Permit> {
  const { account, spender, value, deadline, permit } = parameters;
  let signature: `0x${string}`;
  try {
    signature = await getAction(
      client,
      signTypedData,
      "signTypedData",
    )({
      account,
      domain: permit.domain,
      types: PERMIT_TYPES,
      primaryType: "Permit",
      message: { owner: account.address, spender, value, nonce: permit.nonce, deadline },
    });
  } catch (error) {
    throw new RequestError({ action, cause: error });
  }
  const { r, s, v, yParity } = parseSignature(signature);
  return { deadline, v: v === undefined ? 27 + yParity : Number(v), r, s };
}
