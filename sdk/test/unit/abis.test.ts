import { readFile } from "node:fs/promises";

import { describe, expect, it } from "vitest";

import { ABIS_FILE, generateAbis } from "../../scripts/generate-abis.ts";
import { erc20PermitAbi, suretyAbi } from "../../src/abis.ts";
import { PACT_EVENTS } from "../../src/utils/events.ts";

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
    const suretyErrors = suretyAbi.flatMap((item) =>
      item.type === "error" && item.name.startsWith("Surety_") ? [item.name] : [],
    );
    expect(suretyErrors).toHaveLength(60);
    // The operator module's review and note errors, which the SDK decodes like the core's.
    expect(suretyErrors).toEqual(
      expect.arrayContaining([
        "Surety_NoReviews",
        "Surety_ReviewsNotAscending",
        "Surety_CapNotApplicable",
        "Surety_ZeroEvidenceHash",
        "Surety_ZeroNoteHash",
        "Surety_NotBuyerOrOperator",
      ]),
    );
  });

  it("test_PactEvents_ListEveryEventIndexedByPactId", () => {
    // A new pact event the SDK's history and watchers would miss fails here rather than in a review.
    const indexedByPact = suretyAbi
      .filter((item) => item.type === "event")
      .filter((item) => item.inputs[0]?.name === "pactId" && item.inputs[0].indexed === true)
      .map((item) => item.name);
    expect([...PACT_EVENTS].sort()).toEqual([...new Set(indexedByPact)].sort());
  });
});
