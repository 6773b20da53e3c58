import { readFile } from "node:fs/promises";

import { describe, expect, it } from "vitest";

import { ABIS_FILE, generateAbis } from "../../scripts/generate-abis.ts";
import { erc20PermitAbi, suretyAbi } from "../../src/abis.ts";

describe("abis", () => {
  it("test_AbisFile_MatchesTheArtifacts", async () => {
    const committed = await readFile(ABIS_FILE, "utf8");
    const fresh = await generateAbis();
    // A failure means the contracts changed: run `npm run build && npm run generate:abis -w sdk`.
    expect(committed === fresh, "sdk/src/abis.ts is stale: run `npm run generate:abis -w sdk`").toBe(true);
  });

  it("test_TokenAbi_HasTheErc20PermitSurface", () => {
    const names = erc20PermitAbi.map((item) => `${item.type} ${item.name}`);
    for (const name of ["approve", "allowance", "decimals", "nonces", "permit", "DOMAIN_SEPARATOR", "eip712Domain"]) {
      expect(names).toContain(`function ${name}`);
    }
    expect(names).toContain("error ERC20InsufficientBalance");
    expect(suretyAbi.filter((item) => item.type === "error" && item.name.startsWith("Surety_"))).toHaveLength(50);
  });
});
