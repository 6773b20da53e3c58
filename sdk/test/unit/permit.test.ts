import {
  createClient,
  custom,
  decodeFunctionData,
  domainSeparator,
  encodeFunctionResult,
  getAddress,
  type Address,
  type Hex,
} from "viem";
import { describe, expect, it } from "vitest";

import { erc20PermitAbi } from "../../src/abis.ts";
import { readPermitDomain } from "../../src/utils/permit.ts";

const TOKEN: Address = "0x00000000000000000000000000000000000000aa";
const OWNER: Address = "0x00000000000000000000000000000000000000bb";

/** A client whose node answers token reads from `answers` (by function name) and reverts the others. */
function tokenClient(answers: Record<string, unknown>) {
  return createClient({
    transport: custom({
      async request({ method, params }: { method: string; params?: unknown }) {
        if (method === "eth_chainId") return "0x7a69";
        if (method !== "eth_call") throw new Error(`unexpected ${method}`);
        const [{ data }] = params as [{ data: Hex }];
        const { functionName } = decodeFunctionData({ abi: erc20PermitAbi, data });
        if (!(functionName in answers)) throw new Error("execution reverted");
        return encodeFunctionResult({ abi: erc20PermitAbi, functionName, result: answers[functionName] } as never);
      },
    }),
  });
}

describe("readPermitDomain", () => {
  it("test_GivenNoEip5267_RebuildsTheDomainFromNameAndVersion", async () => {
    const domain = { name: "Old Token", version: "2", chainId: 31337, verifyingContract: TOKEN };
    const client = tokenClient({ nonces: 4n, name: "Old Token", DOMAIN_SEPARATOR: domainSeparator({ domain }) });
    expect(await readPermitDomain(client, TOKEN, OWNER, "test")).toEqual({ domain, nonce: 4n });
  });

  it("test_GivenEip5267_UsesTheFieldsItDeclares", async () => {
    const client = tokenClient({
      nonces: 0n,
      // fields 0x0d: name, chainId and verifyingContract, no version
      eip712Domain: ["0x0d", "Versionless", "", 31337n, TOKEN, `0x${"0".repeat(64)}`, []],
    });
    expect(await readPermitDomain(client, TOKEN, OWNER, "test")).toEqual({
      domain: { name: "Versionless", chainId: 31337, verifyingContract: getAddress(TOKEN) },
      nonce: 0n,
    });
  });

  it("test_GivenNoNonces_OrAnUnknownDomain_HasNoPermit", async () => {
    expect(await readPermitDomain(tokenClient({ name: "Plain" }), TOKEN, OWNER, "test")).toBeUndefined();
    const mismatched = tokenClient({ nonces: 1n, name: "Odd", DOMAIN_SEPARATOR: `0x${"11".repeat(32)}` });
    expect(await readPermitDomain(mismatched, TOKEN, OWNER, "test")).toBeUndefined();
  });
});
